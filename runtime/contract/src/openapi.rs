//! The OpenAPI operation of an endpoint. The document assembles operations
//! with the request envelope (`<Type>Request`), the shared `Problem` and
//! `DryRun` schemas and the runtime's own routes.

use crate::endpoint::Endpoint;
use serde_json::{Value, json};

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    })
}

/// The operation object for `POST <path>`.
pub fn operation(endpoint: &Endpoint) -> Value {
    let type_name = endpoint.type_name();
    let outputs: Vec<Value> = endpoint
        .outputs
        .iter()
        .map(|o| {
            json!({
                "name": o.name,
                "description": o.description,
                "nodes": o.nodes.iter().map(|n| json!({"id": n.id, "class_type": n.class_type, "kind": n.kind().as_str()})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut op = json!({
        "operationId": endpoint.name,
        "tags": if endpoint.tags.is_empty() { vec!["workflows".to_string()] } else { endpoint.tags.clone() },
        "parameters": [{
            "name": "dry_run",
            "in": "query",
            "required": false,
            "description": "Validate the request and return the ComfyUI graph it would run, without running it.",
            "schema": {"type": "boolean", "default": false}
        }],
        "requestBody": {
            "required": true,
            "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{type_name}Request")}}}
        },
        "responses": {
            "200": {
                "description": "The outputs, as JSON (or, with `dry_run=true`, the graph the request would run); with `Accept: image/*` or `application/octet-stream` and a single output file, that file's bytes.",
                "content": {
                    "application/json": {"schema": {"oneOf": [
                        {"$ref": format!("#/components/schemas/{type_name}Response")},
                        {"$ref": "#/components/schemas/DryRun"}
                    ]}},
                    "image/png": {}, "image/jpeg": {}, "image/webp": {}, "application/octet-stream": {}
                }
            },
            "400": problem("The body is not JSON."),
            "406": problem("Raw bytes were asked for, but the run produced several files."),
            "413": problem("The body is over MAX_BODY_SIZE_MB."),
            "404": problem("No such endpoint."),
            "422": problem("The request breaks the endpoint's schema; `errors` lists every violation with its JSON pointer."),
            "500": problem("A node failed while running (`node_id`, `node_type`, `exception_type`, `exception_message`), or the run was interrupted."),
            "501": problem("`webhook` was given; webhook delivery is not implemented."),
            "502": problem("ComfyUI rejected the workflow for a reason no request field explains (`node_errors`), or answered something unexpected."),
            "503": problem("ComfyUI is not reachable."),
            "504": problem("REQUEST_TIMEOUT_S passed; the prompt was removed from ComfyUI's queue or interrupted.")
        },
        "x-wfc-outputs": outputs,
    });
    if let Some(s) = &endpoint.summary {
        op["summary"] = s.clone().into();
    }
    if let Some(d) = &endpoint.description {
        op["description"] = d.clone().into();
    }
    op
}
