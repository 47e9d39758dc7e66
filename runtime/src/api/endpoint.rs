//! A compiled endpoint's route: read the envelope, validate `input` and
//! build the graph, answer a dry run, or run and answer. Every log line of
//! a request carries the id the client sees.

use super::{AppState, body, problem, respond};
use crate::engine::RunRequest;
use axum::body::Body;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;
use std::time::Instant;
use tracing::Instrument;
use wfc_contract::Endpoint;
use wfc_contract::Violation;
use wfc_contract::wire::{self, DryRun, Problem, ProblemKind, StagedImage};

/// `?dry_run=true`.
#[derive(Deserialize)]
pub(crate) struct RunQuery {
    #[serde(default)]
    pub(crate) dry_run: bool,
}

/// Answers one request to the endpoint `endpoint`.
pub(crate) async fn handle(
    state: Arc<AppState>,
    endpoint: &'static Endpoint,
    run: super::RunFn,
    dry_run: bool,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let arrived = Instant::now();
    let env = match body::read_object(body, state.max_body).await {
        Ok(e) => e,
        Err(p) => return problem::response(p),
    };
    let (env, mut errors) = wire::parse_envelope(&env, "input");
    let id = env.id.clone().unwrap_or_else(crate::ids::random_id);
    let span = tracing::info_span!("request", id = %id, path = endpoint.path.as_str());
    async move {
        let graph = match &env.body {
            Some(input) => match run(input) {
                Ok(g) => Some(g),
                Err(v) => {
                    errors.extend(v);
                    None
                }
            },
            None => {
                errors.push(Violation {
                    pointer: "/input".into(),
                    keyword: wfc_contract::Keyword::Required,
                    message: "`input` is required".into(),
                });
                None
            }
        };
        let Some(graph) = graph.filter(|_| errors.is_empty()) else {
            return problem::response(Problem::invalid(errors, &endpoint.path));
        };
        if env.wants_webhook() {
            return problem::response(webhook_refused());
        }
        if dry_run {
            let images = graph
                .images
                .iter()
                .map(|s| StagedImage {
                    field: s.field.to_string(),
                    node: s.node.to_string(),
                    input: s.input.to_string(),
                    source: s.source.clone(),
                })
                .collect();
            return axum::Json(DryRun {
                id,
                prompt: graph.prompt,
                images,
            })
            .into_response();
        }
        let outputs = endpoint
            .outputs
            .iter()
            .map(|o| {
                (
                    o.name.as_str(),
                    o.nodes.iter().map(|n| n.id.as_str()).collect(),
                )
            })
            .collect();
        let request = RunRequest {
            id: &id,
            graph,
            outputs: Some(outputs),
            convert: env.convert_output,
            arrived,
        };
        match state.engine.run(request).await {
            Ok(output) => respond::run_output(&headers, &id, output, arrived),
            Err(e) => problem::response(problem::from_run(
                e,
                problem::Target::Endpoint(endpoint),
                &id,
            )),
        }
    }
    .instrument(span)
    .await
}

/// 501: this server answers synchronously.
pub(crate) fn webhook_refused() -> Problem {
    Problem::new(
        ProblemKind::WebhookNotImplemented,
        "this server answers synchronously; send the request without `webhook`",
    )
}
