//! The OpenAPI 3.1 document, assembled at run time from the endpoints'
//! parts (their input schemas and operations, emitted by the compiler) and
//! the runtime's own routes and shared schemas.

use crate::workflow::EndpointMeta;
use serde_json::{Map, Value, json};

/// What the document needs of one endpoint. Generated code holds it as
/// [`EndpointMeta`]; `wfc build` builds it from the compiler's output, so
/// both write the same document.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    /// Rust type name, naming the endpoint's schemas.
    pub type_name: &'a str,
    /// HTTP method.
    pub method: &'a str,
    /// HTTP path.
    pub path: &'a str,
    /// JSON Schema of the input, as JSON text.
    pub input_schema: &'a str,
    /// The operation, as JSON text.
    pub operation: &'a str,
}

impl<'a> From<&'a EndpointMeta> for Part<'a> {
    fn from(m: &'a EndpointMeta) -> Part<'a> {
        Part {
            type_name: m.type_name,
            method: m.method,
            path: m.path,
            input_schema: m.input_schema,
            operation: m.operation,
        }
    }
}

/// The document for an API called `title` at `version` serving `endpoints`.
pub fn document(title: &str, version: &str, endpoints: &[Part<'_>]) -> Value {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    for meta in endpoints {
        let mut input: Value =
            serde_json::from_str(meta.input_schema).expect("input schema emitted by wfc");
        if let Some(o) = input.as_object_mut() {
            // The document declares its dialect once.
            o.remove("$schema");
        }
        let input_name = format!("{}Input", meta.type_name);
        schemas.insert(input_name.clone(), input);
        schemas.insert(
            format!("{}Request", meta.type_name),
            request_envelope(&input_name),
        );
        let operation: Value =
            serde_json::from_str(meta.operation).expect("operation emitted by wfc");
        paths.insert(
            meta.path.to_string(),
            json!({ meta.method.to_ascii_lowercase(): operation }),
        );
    }
    paths.insert(
        "/health".into(),
        json!({"get": {
            "operationId": "health",
            "summary": "Liveness probe",
            "tags": ["operations"],
            "responses": {"200": {"description": "The process is up.",
                "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"type": "string"}}}}}}}
        }}),
    );
    paths.insert(
        "/openapi.json".into(),
        json!({"get": {
            "operationId": "openapi",
            "summary": "This document",
            "tags": ["operations"],
            "responses": {"200": {"description": "The OpenAPI 3.1 document.",
                "content": {"application/json": {"schema": {"type": "object"}}}}}
        }}),
    );
    schemas.insert("Problem".into(), problem_schema());
    schemas.insert("DryRun".into(), dry_run_schema());
    json!({
        "openapi": "3.1.0",
        "info": {"title": title, "version": version},
        "paths": paths,
        "components": {"schemas": schemas},
    })
}

/// comfyui-api's request envelope around an endpoint's input.
fn request_envelope(input_schema: &str) -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["input"],
        "properties": {
            "id": {"type": "string", "description": "Request id, echoed in the response; a UUID is generated when omitted."},
            "input": {"$ref": format!("#/components/schemas/{input_schema}")},
            "convert_output": {
                "type": "object",
                "additionalProperties": false,
                "required": ["format"],
                "description": "Convert output images before returning them.",
                "properties": {
                    "format": {"enum": ["png", "jpeg", "webp"]},
                    "quality": {"type": "integer", "minimum": 1, "maximum": 100}
                }
            },
            "webhook": {"type": "string", "description": "Accepted for compatibility; webhook delivery is not implemented yet (501)."},
            "webhook_v2": {"type": "string", "description": "Accepted for compatibility; webhook delivery is not implemented yet (501)."}
        }
    })
}

fn problem_schema() -> Value {
    json!({
        "type": "object",
        "description": "An RFC 9457 problem: what went wrong, and for request errors every violation with its JSON pointer.",
        "required": ["type", "title", "status"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {"type": "array", "items": {
                "type": "object",
                "required": ["pointer", "keyword", "message"],
                "properties": {
                    "pointer": {"type": "string", "description": "JSON pointer into the request body"},
                    "keyword": {"type": "string"},
                    "message": {"type": "string"}
                }
            }}
        }
    })
}

fn dry_run_schema() -> Value {
    json!({
        "type": "object",
        "description": "With `?dry_run=true`: the ComfyUI graph the request would run, and the images it would upload.",
        "required": ["id", "prompt", "images"],
        "properties": {
            "id": {"type": "string"},
            "prompt": {"type": "object", "description": "API-format workflow"},
            "images": {"type": "array", "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string"},
                    "node": {"type": "string"},
                    "input": {"type": "string"},
                    "source": {"type": "string"}
                }
            }}
        }
    })
}
