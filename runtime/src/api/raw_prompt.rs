//! comfyui-api's `POST /prompt`: a raw ComfyUI graph in the envelope, run
//! as it is; every output file comes back under `outputs.images`.

use super::{AppState, body, endpoint::webhook_refused, guard, problem, respond};
use crate::engine::RunRequest;
use crate::graph::Graph;
use axum::body::Body;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::Value;
use std::sync::Arc;
use std::time::Instant;
use tracing::Instrument;
use wfc_contract::Violation;
use wfc_contract::value::json_type_name as json_type;
use wfc_contract::wire::{self, Problem};

pub(crate) async fn handle(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let arrived = Instant::now();
    let env = match body::read_object(&headers, body, state.max_body).await {
        Ok(e) => e,
        Err(p) => return problem::response(p),
    };
    let (env, mut errors) = wire::parse_envelope(&env, "prompt");
    let id = env
        .id
        .clone()
        .unwrap_or_else(|| guard::request_id(&headers));
    match &env.body {
        Some(Value::Object(o)) if !o.is_empty() => {}
        Some(other) => errors.push(Violation {
            pointer: "/prompt".into(),
            keyword: wfc_contract::Keyword::Type,
            message: format!(
                "expected an API-format workflow object, found {}",
                json_type(other)
            ),
        }),
        None => errors.push(Violation {
            pointer: "/prompt".into(),
            keyword: wfc_contract::Keyword::Required,
            message: "`prompt` is required".into(),
        }),
    }
    if !errors.is_empty() {
        return problem::response(Problem::invalid(errors, "/prompt"));
    }
    if env.wants_webhook() {
        return problem::response(webhook_refused());
    }
    let span = tracing::info_span!("request", id = %id, path = "/prompt");
    async move {
        let request = RunRequest {
            id: &id,
            endpoint: None,
            graph: Graph {
                prompt: env.body.unwrap_or_default(),
                images: Vec::new(),
            },
            outputs: None,
            convert: env.convert_output,
            arrived,
        };
        match state.engine.run(request).await {
            Ok(output) => respond::run_output(&headers, &id, output, arrived),
            Err(e) => problem::response(problem::from_run(e, problem::Target::Graph, &id)),
        }
    }
    .instrument(span)
    .await
}
