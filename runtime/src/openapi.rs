//! The OpenAPI 3.1 document, assembled at run time from the endpoints'
//! parts (their input schemas and operations, emitted by the compiler) and
//! the runtime's own routes and shared schemas.

use crate::workflow::EndpointMeta;
use serde_json::{Map, Value, json};

/// What the document needs of one endpoint. Generated code holds it as
/// [`EndpointMeta`]; `wfc build` builds it from the compiler's output, so
/// both write the same document.
#[derive(Debug, Clone)]
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
    /// The names of the endpoint's outputs.
    pub outputs: Vec<&'a str>,
}

impl<'a> From<&'a EndpointMeta> for Part<'a> {
    fn from(m: &'a EndpointMeta) -> Part<'a> {
        Part {
            type_name: m.type_name,
            method: m.method,
            path: m.path,
            input_schema: m.input_schema,
            operation: m.operation,
            outputs: m.outputs.iter().map(|o| o.name).collect(),
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
        schemas.insert(
            format!("{}Response", meta.type_name),
            response(&meta.outputs),
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
    for (path, item) in runtime_paths() {
        paths.insert(path.into(), item);
    }
    schemas.insert("Problem".into(), problem_schema());
    schemas.insert("OutputFile".into(), output_file());
    schemas.insert("RawPromptRequest".into(), raw_prompt_request());
    schemas.insert("ConvertOutput".into(), convert_output());
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
            "convert_output": {"$ref": "#/components/schemas/ConvertOutput"},
            "webhook": {"type": "string", "description": "Accepted for compatibility; webhook delivery is not implemented yet (501)."},
            "webhook_v2": {"type": "string", "description": "Accepted for compatibility; webhook delivery is not implemented yet (501)."}
        }
    })
}

fn convert_output() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["format"],
        "description": "Convert output images before returning them (JPEG has no transparency: it is flattened onto white; WebP at quality 100 is lossless).",
        "properties": {
            "format": {"enum": ["png", "jpeg", "webp"]},
            "quality": {"type": "integer", "minimum": 1, "maximum": 100}
        }
    })
}

fn output_file() -> Value {
    json!({
        "type": "object",
        "required": ["filename", "content_type", "data"],
        "properties": {
            "filename": {"type": "string"},
            "content_type": {"type": "string"},
            "data": {"type": "string", "contentEncoding": "base64"}
        }
    })
}

fn raw_prompt_request() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["prompt"],
        "properties": {
            "id": {"type": "string"},
            "prompt": {"type": "object", "description": "An API-format ComfyUI workflow."},
            "convert_output": {"$ref": "#/components/schemas/ConvertOutput"},
            "webhook": {"type": "string"},
            "webhook_v2": {"type": "string"}
        }
    })
}

/// comfyui-api's synchronous answer, with the endpoint's named outputs.
fn response(outputs: &[&str]) -> Value {
    let files = json!({"type": "array", "items": {"$ref": "#/components/schemas/OutputFile"}});
    let properties: Map<String, Value> = outputs
        .iter()
        .map(|o| (o.to_string(), files.clone()))
        .collect();
    json!({
        "type": "object",
        "required": ["id", "images", "filenames", "outputs", "stats"],
        "properties": {
            "id": {"type": "string"},
            "images": {"type": "array", "items": {"type": "string", "contentEncoding": "base64"}, "description": "Every output file, base64 (comfyui-api's field)."},
            "filenames": {"type": "array", "items": {"type": "string"}},
            "outputs": {"type": "object", "properties": properties, "required": outputs},
            "values": {"type": "object", "description": "Non-file values output nodes reported, by `node.key`."},
            "stats": {"type": "object", "properties": {
                "upload_ms": {"type": "number"}, "comfy_ms": {"type": "number"}, "download_ms": {"type": "number"},
                "convert_ms": {"type": "number"}, "total_ms": {"type": "number"}
            }}
        }
    })
}

/// The runtime's own routes.
fn runtime_paths() -> Vec<(&'static str, Value)> {
    let problem = |d: &str| json!({"description": d, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}});
    let json_object = |d: &str, schema: Value| json!({"description": d, "content": {"application/json": {"schema": schema}}});
    vec![
        (
            "/ready",
            json!({"get": {
                "operationId": "ready", "summary": "Readiness probe", "tags": ["operations"],
                "responses": {
                    "200": json_object("ComfyUI answers, the warmup is done, the queue is under MAX_QUEUE_DEPTH.",
                        json!({"type": "object", "properties": {"status": {"type": "string"}, "queue_remaining": {"type": "integer"}}})),
                    "503": problem("Not ready; `detail` says why.")
                }
            }}),
        ),
        (
            "/models",
            json!({"get": {
                "operationId": "models", "summary": "ComfyUI's model files by folder", "tags": ["operations"],
                "responses": {
                    "200": json_object("Folder name to file names.",
                        json!({"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}})),
                    "503": problem("ComfyUI is not reachable.")
                }
            }}),
        ),
        (
            "/interrupt",
            json!({"post": {
                "operationId": "interrupt", "summary": "Interrupt a running request", "tags": ["operations"],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["id"], "properties": {"id": {"type": "string", "description": "The request's id."}}}}}},
                "responses": {
                    "200": json_object("The request's prompt was removed or interrupted.",
                        json!({"type": "object", "properties": {"id": {"type": "string"}, "interrupted": {"type": "boolean"}}})),
                    "404": problem("No such request is running.")
                }
            }}),
        ),
        (
            "/prompt",
            json!({"post": {
                "operationId": "prompt", "summary": "Run a raw ComfyUI workflow (comfyui-api's route)", "tags": ["operations"],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RawPromptRequest"}}}},
                "responses": {
                    "200": json_object("Every output file, under `outputs.images`.", json!({"type": "object"})),
                    "422": problem("The request is not valid, or ComfyUI rejected the workflow (pointers into `/prompt`)."),
                    "500": problem("A node failed while running."),
                    "503": problem("ComfyUI is not reachable."),
                    "504": problem("REQUEST_TIMEOUT_S passed.")
                }
            }}),
        ),
        (
            "/docs",
            json!({"get": {
                "operationId": "docs", "summary": "Swagger UI", "tags": ["operations"],
                "responses": {"200": {"description": "This document, rendered.", "content": {"text/html": {}}}}
            }}),
        ),
    ]
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
