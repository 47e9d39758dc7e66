//! The OpenAPI operation of an endpoint. The runtime assembles operations
//! into the document at run time, adding the request envelope
//! (`<Type>Request`), the shared `Problem` and `DryRun` schemas and its own
//! routes.

use crate::bind::Endpoint;
use serde_json::{Value, json};

fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    })
}

/// The operation object for `POST <path>`.
pub fn operation(endpoint: &Endpoint, type_name: &str) -> Value {
    let outputs: Vec<Value> = endpoint
        .outputs
        .iter()
        .map(|o| {
            json!({
                "name": o.name,
                "description": o.description,
                "nodes": o.nodes.iter().map(|(id, class)| json!({"id": id, "class_type": class, "kind": super::output_kind(class)})).collect::<Vec<_>>(),
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
                "description": "With `dry_run=true`: the graph the request would run.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DryRun"}}}
            },
            "400": problem("The body is not JSON."),
            "404": problem("No such endpoint."),
            "422": problem("The request breaks the endpoint's schema; `errors` lists every violation with its JSON pointer."),
            "501": problem("`webhook` was given; webhook delivery is not implemented."),
            "503": problem("ComfyUI is not reachable.")
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
