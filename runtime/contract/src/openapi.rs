//! The OpenAPI 3.1 document: each endpoint's operation and schemas (its
//! input, the request envelope `<Type>Request`, the response
//! `<Type>Response`), the runtime's own routes and the shared schemas. The
//! compiler writes it to `openapi.json`; the runtime serves the same
//! document at `/openapi.json`.

use crate::endpoint::Endpoint;
use crate::schema::input_schema;
use serde_json::{Map, Value, json};

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

/// The document for an API called `title` at `version` serving `endpoints`.
pub fn document(title: &str, version: &str, endpoints: &[&Endpoint]) -> Value {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    for endpoint in endpoints {
        let type_name = endpoint.type_name();
        let mut input = input_schema(endpoint);
        if let Some(o) = input.as_object_mut() {
            // The document declares its dialect once.
            o.remove("$schema");
        }
        let input_name = format!("{type_name}Input");
        schemas.insert(input_name.clone(), input);
        schemas.insert(format!("{type_name}Request"), request_envelope(&input_name));
        let outputs: Vec<&str> = endpoint.outputs.iter().map(|o| o.name.as_str()).collect();
        schemas.insert(format!("{type_name}Response"), response(&outputs));
        paths.insert(
            endpoint.path.clone(),
            json!({ endpoint.method.openapi_key(): operation(endpoint) }),
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
