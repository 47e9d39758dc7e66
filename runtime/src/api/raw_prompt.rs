//! comfyui-api's `POST /prompt`: a raw ComfyUI graph in the envelope, run
//! as it is; every output file comes back under `outputs.images`.

use super::{AppState, body, guard, problem, submit};
use crate::auth::Caller;
use crate::graph::Graph;
use crate::jobs::Submission;
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
use wfc_contract::wire::{self, Problem, ProblemKind};

/// What ComfyUI needs of every node before it can validate a graph (it
/// answers a bare 500 otherwise): an object whose `class_type` is a
/// string and whose `inputs`, when given, is an object.
fn graph_shape(graph: &serde_json::Map<String, Value>) -> Vec<Violation> {
    let mut errors = Vec::new();
    for (id, node) in graph {
        let at = format!("/prompt/{}", wfc_contract::rules::escape_pointer(id));
        let Some(node) = node.as_object() else {
            errors.push(Violation {
                pointer: at,
                keyword: wfc_contract::Keyword::Type,
                message: format!(
                    "node `{id}` is {}; a node is an object with `class_type` and `inputs`",
                    json_type(node)
                ),
            });
            continue;
        };
        match node.get("class_type") {
            Some(Value::String(_)) => {}
            Some(other) => errors.push(Violation {
                pointer: format!("{at}/class_type"),
                keyword: wfc_contract::Keyword::Type,
                message: format!(
                    "`class_type` is a node class name, not {}",
                    json_type(other)
                ),
            }),
            None => errors.push(Violation {
                pointer: format!("{at}/class_type"),
                keyword: wfc_contract::Keyword::Required,
                message: format!("node `{id}` has no `class_type`"),
            }),
        }
        if let Some(inputs) = node.get("inputs").filter(|i| !i.is_object()) {
            errors.push(Violation {
                pointer: format!("{at}/inputs"),
                keyword: wfc_contract::Keyword::Type,
                message: format!(
                    "`inputs` is an object of input names, not {}",
                    json_type(inputs)
                ),
            });
        }
    }
    errors
}

pub(crate) async fn handle(
    State(state): State<Arc<AppState>>,
    axum::Extension(caller): axum::Extension<Caller>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let arrived = Instant::now();
    if !state.raw_prompt {
        return problem::response(Problem::new(
            ProblemKind::Forbidden,
            "POST /prompt, which runs any graph, is switched off on this server (RAW_PROMPT=false); call a compiled endpoint",
        ));
    }
    let asked = match submit::asked(&headers) {
        Ok(a) => a,
        Err(p) => return problem::response(*p),
    };
    let object = match body::read_object(&headers, body, state.max_body, &state.bodies).await {
        Ok(e) => e,
        Err(p) => return problem::response(p),
    };
    let (env, mut errors) = wire::parse_envelope(&object, "prompt");
    let body_hash = submit::request_hash(wfc_contract::routes::PROMPT.path, &object);
    drop(object);
    let id = env
        .id
        .clone()
        .unwrap_or_else(|| guard::request_id(&headers));
    match &env.body {
        Some(Value::Object(o)) if !o.is_empty() => errors.extend(graph_shape(o)),
        Some(Value::Object(_)) => errors.push(Violation {
            pointer: "/prompt".into(),
            keyword: wfc_contract::Keyword::MinProperties,
            message: "the workflow has no nodes; give at least one node id with its `class_type` and `inputs`".into(),
        }),
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
    let span = tracing::info_span!("request", id = %id, path = "/prompt");
    async move {
        let respond_async = env.wants_webhook() || asked.respond_async;
        let submission = Submission {
            id,
            endpoint: None,
            owner: caller.owner().map(str::to_string),
            graph: Graph {
                prompt: env.body.unwrap_or_default(),
                images: Vec::new(),
            },
            convert: env.convert_output,
            webhook: env.webhook,
            webhook_v2: env.webhook_v2,
            body_hash,
            idempotency_key: asked.key,
            arrived,
        };
        submit::answer(
            &state,
            &headers,
            submission,
            respond_async,
            asked.respond_async,
        )
        .await
    }
    .instrument(span)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nodes_comfyui_cannot_validate_are_named_by_pointer() {
        let graph = json!({
            "1": {"class_type": "EmptyImage", "inputs": {}},
            "2": 7,
            "3": {"class_type": ["x"]},
            "4": {"inputs": {}},
            "a/b": {"class_type": "X", "inputs": []}
        });
        let found: Vec<(String, &str)> = graph_shape(graph.as_object().unwrap())
            .into_iter()
            .map(|v| (v.pointer, v.keyword.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("/prompt/2".to_string(), "type"),
                ("/prompt/3/class_type".to_string(), "type"),
                ("/prompt/4/class_type".to_string(), "required"),
                ("/prompt/a~1b/inputs".to_string(), "type"),
            ]
        );
    }
}
