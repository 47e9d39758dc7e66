//! The OpenAPI 3.1 document: each endpoint's operation and schemas (its
//! input, the request envelope `<Type>Request`, the response
//! `<Type>Response`), the runtime's own routes ([`crate::routes`]) and the
//! shared schemas, derived from the wire types ([`crate::wire`]); error
//! responses come from [`ProblemKind`], the table the runtime answers from.
//! The compiler writes the document to `openapi.json`; the runtime serves
//! the same document at `/openapi.json`.

mod jobs;

use crate::endpoint::Endpoint;
use crate::routes::{self, Route};
use crate::schema::input_schema;
use crate::wire::{
    Accepted, DryRun, EndpointRequest, Health, InterruptAnswer, InterruptRequest, Job, JobEvent,
    JobPage, Models, Problem, ProblemKind, RawPromptRequest, Ready, RunResponse,
};
use schemars::generate::{SchemaGenerator, SchemaSettings};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// Where component schemas live; derived schemas refer to each other there.
const COMPONENTS: &str = "#/components/schemas/";

/// The operation object of a compiled endpoint.
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
    let mut responses = problem_responses(RUN_PROBLEMS);
    responses.insert("200".into(), json!({
        "description": "The outputs, as JSON (or, with `dry_run=true`, the graph the request would run); with `Accept: image/*` or `application/octet-stream` and a single output file, that file's bytes.",
        "content": {
            "application/json": {"schema": {"oneOf": [
                {"$ref": format!("{COMPONENTS}{type_name}Response")},
                {"$ref": format!("{COMPONENTS}DryRun")}
            ]}},
            "image/png": {}, "image/jpeg": {}, "image/webp": {}, "application/octet-stream": {}
        }
    }));
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
            "content": {"application/json": {"schema": {"$ref": format!("{COMPONENTS}{type_name}Request")}}}
        },
        "responses": responses,
        "x-wfc-outputs": outputs,
    });
    jobs::mark_async(&mut op);
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
    let wire = WireSchemas::derive();
    let mut paths = Map::new();
    let mut schemas = Map::new();
    for endpoint in endpoints {
        let type_name = endpoint.type_name();
        let mut input = input_schema(endpoint);
        if let Some(o) = input.as_object_mut() {
            // The document declares its dialect once.
            o.remove("$schema");
        }
        let example = json!({ "input": example_input(&input) });
        let input_name = format!("{type_name}Input");
        schemas.insert(input_name.clone(), input);
        schemas.insert(
            format!("{type_name}Request"),
            wire.endpoint_request(&input_name),
        );
        let outputs: Vec<&str> = endpoint.outputs.iter().map(|o| o.name.as_str()).collect();
        schemas.insert(format!("{type_name}Response"), wire.response(&outputs));
        let mut operation = operation(endpoint);
        if let Some(media) = operation
            .pointer_mut("/requestBody/content/application~1json")
            .and_then(Value::as_object_mut)
        {
            media.insert("example".into(), example);
        }
        paths.insert(
            endpoint.path.clone(),
            json!({ endpoint.method.openapi_key(): operation }),
        );
    }
    schemas.insert("RawPromptResponse".into(), wire.response(&["images"]));
    for doc in ROUTES {
        let item = paths
            .entry(doc.route.path.to_string())
            .or_insert_with(|| json!({}));
        item[doc.route.method.openapi_key()] = doc.operation();
    }
    jobs::add_routes(&mut paths);
    schemas.extend(wire.into_components());
    mark_access(&mut paths);
    mark_request_ids(&mut paths);
    json!({
        "openapi": "3.1.0",
        "info": {"title": title, "version": version},
        "paths": paths,
        "security": [{}, {"bearer": []}, {"apiKey": []}],
        "components": {"schemas": schemas, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer", "description": "An API key as `Authorization: Bearer <key>` (when the server has keys configured)."},
            "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key", "description": "An API key as `X-API-Key: <key>`."}
        }, "headers": {REQUEST_ID_HEADER: {
            "description": "The request's id: the client's `X-Request-Id` when it is 1 to 128 characters of `[A-Za-z0-9._:-]`, else one the server made.",
            "schema": {"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[A-Za-z0-9._:-]+$"}
        }}},
    })
}

/// The response header every answer carries.
const REQUEST_ID_HEADER: &str = "X-Request-Id";

/// The responses of every operation.
fn every_response(paths: &mut Map<String, Value>) -> impl Iterator<Item = &mut Map<String, Value>> {
    paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.values_mut())
        .filter_map(|op| op.get_mut("responses").and_then(Value::as_object_mut))
}

/// Every response of every operation carries `X-Request-Id`.
fn mark_request_ids(paths: &mut Map<String, Value>) {
    let reference = json!({"$ref": format!("#/components/headers/{REQUEST_ID_HEADER}")});
    for responses in every_response(paths) {
        for response in responses.values_mut() {
            response["headers"][REQUEST_ID_HEADER] = reference.clone();
        }
    }
}

/// The problems of the key check: any route may need a key (the routes in
/// `PUBLIC_ROUTES` are a deployment's choice).
pub const ACCESS_PROBLEMS: &[ProblemKind] = &[K::Unauthorized, K::Forbidden, K::RateLimited];

/// Every operation may answer 401 (with `WWW-Authenticate`), 403 and 429
/// (with `Retry-After`).
fn mark_access(paths: &mut Map<String, Value>) {
    let added = problem_responses(ACCESS_PROBLEMS);
    for responses in every_response(paths) {
        for (status, response) in &added {
            let mut response = response.clone();
            match status.as_str() {
                "401" => {
                    response["headers"]["WWW-Authenticate"] = json!({
                        "description": "`Bearer realm=\"wfc\"`, with `error=\"invalid_token\"` when the key is not known.",
                        "schema": {"type": "string"}
                    })
                }
                "429" => {
                    response["headers"]["Retry-After"] = json!({
                        "description": "Seconds until the key's bucket holds a token again.",
                        "schema": {"type": "integer", "minimum": 1}
                    })
                }
                _ => {}
            }
            match responses.get_mut(status) {
                // Another problem has this status already: one response
                // describes both.
                Some(existing) => {
                    let both = format!(
                        "{} {}",
                        existing["description"].as_str().unwrap_or(""),
                        response["description"].as_str().unwrap_or("")
                    );
                    existing["description"] = both.into();
                    if let Some(h) = response.get("headers").and_then(Value::as_object) {
                        for (name, value) in h {
                            existing["headers"][name] = value.clone();
                        }
                    }
                }
                None => {
                    responses.insert(status.clone(), response);
                }
            }
        }
    }
}

/// The wire types' schemas, derived once per document.
struct WireSchemas {
    components: Map<String, Value>,
}

impl WireSchemas {
    fn derive() -> WireSchemas {
        let mut generator = SchemaGenerator::new(SchemaSettings::draft2020_12().with(|s| {
            s.definitions_path = COMPONENTS.trim_start_matches('#').into();
            s.meta_schema = None;
        }));
        let models = generator.subschema_for::<Models>();
        for register in [
            SchemaGenerator::subschema_for::<Problem>,
            SchemaGenerator::subschema_for::<EndpointRequest>,
            SchemaGenerator::subschema_for::<RawPromptRequest>,
            SchemaGenerator::subschema_for::<RunResponse>,
            SchemaGenerator::subschema_for::<DryRun>,
            SchemaGenerator::subschema_for::<Health>,
            SchemaGenerator::subschema_for::<Ready>,
            SchemaGenerator::subschema_for::<InterruptRequest>,
            SchemaGenerator::subschema_for::<InterruptAnswer>,
            SchemaGenerator::subschema_for::<Job>,
            SchemaGenerator::subschema_for::<JobPage>,
            SchemaGenerator::subschema_for::<JobEvent>,
            SchemaGenerator::subschema_for::<Accepted>,
        ] {
            register(&mut generator);
        }
        let mut components = generator.take_definitions(true);
        components.insert("Models".into(), models.to_value());
        WireSchemas { components }
    }

    /// The envelope around the input schema named `input`.
    fn endpoint_request(&self, input: &str) -> Value {
        let mut schema = self.components["EndpointRequest"].clone();
        schema["properties"]["input"] = json!({"$ref": format!("{COMPONENTS}{input}")});
        schema
    }

    /// The synchronous answer, with `outputs` holding the named outputs.
    fn response(&self, outputs: &[&str]) -> Value {
        let mut schema = self.components["RunResponse"].clone();
        let files = schema["properties"]["outputs"]["additionalProperties"].clone();
        let properties: Map<String, Value> = outputs
            .iter()
            .map(|o| (o.to_string(), files.clone()))
            .collect();
        schema["properties"]["outputs"] = json!({
            "type": "object",
            "description": "The files of each named output.",
            "properties": properties,
            "required": outputs,
        });
        schema
    }

    /// The shared component schemas (the envelope and answer templates,
    /// which the document names per endpoint, left out).
    fn into_components(mut self) -> Map<String, Value> {
        self.components.remove("EndpointRequest");
        self.components.remove("RunResponse");
        self.components
    }
}

/// The example of `POST /prompt`: a graph ComfyUI runs without model
/// files.
fn raw_prompt_example() -> Value {
    json!({"prompt": {
        "1": {"class_type": "EmptyImage", "inputs": {"width": 64, "height": 64, "batch_size": 1, "color": 16711680}},
        "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "example"}}
    }})
}

/// A 1x1 PNG, the example value of image fields.
const EXAMPLE_IMAGE: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/// An `input` that the schema accepts: each required field gets its first
/// example, else its default, else its first enum value, else a value made
/// to satisfy its limits.
pub fn example_input(schema: &Value) -> Value {
    let mut out = Map::new();
    for name in schema["required"].as_array().into_iter().flatten() {
        let Some(name) = name.as_str() else { continue };
        out.insert(name.to_string(), example_value(&schema["properties"][name]));
    }
    Value::Object(out)
}

fn example_value(p: &Value) -> Value {
    if let Some(x) = p["examples"].as_array().and_then(|a| a.first()) {
        return x.clone();
    }
    if let Some(d) = p.get("default") {
        return d.clone();
    }
    if let Some(e) = p["enum"].as_array().and_then(|a| a.first()) {
        return e.clone();
    }
    if let Some(c) = p.get("const") {
        return c.clone();
    }
    match p["type"].as_str() {
        Some("integer") => json!(example_number(p, true) as i64),
        Some("number") => json!(example_number(p, false)),
        Some("boolean") => json!(false),
        Some("array") => {
            let n = p["minItems"].as_u64().unwrap_or(0) as usize;
            Value::Array(vec![example_value(&p["items"]); n])
        }
        Some("object") => example_input(p),
        _ if p["x-wfc-type"] == "image" => json!(EXAMPLE_IMAGE),
        _ => {
            let n = p["minLength"].as_u64().unwrap_or(1).max(1) as usize;
            json!("a".repeat(n))
        }
    }
}

/// The smallest number the limits allow (0 when they allow it).
fn example_number(p: &Value, integer: bool) -> f64 {
    let step = if integer { 1.0 } else { f64::EPSILON };
    let low = match (p["minimum"].as_f64(), p["exclusiveMinimum"].as_f64()) {
        (Some(m), _) => m,
        (None, Some(m)) => m + step,
        (None, None) => 0.0_f64.min(p["maximum"].as_f64().unwrap_or(0.0)),
    };
    let value = match p["multipleOf"].as_f64().filter(|m| *m > 0.0) {
        Some(m) => (low / m).ceil() * m,
        None => low,
    };
    if integer { value.ceil() } else { value }
}

/// How the document describes one of the runtime's own routes.
struct RouteDoc {
    /// The route (path, method, operation id, summary).
    route: Route,
    /// The request body's schema, if it has one.
    request: Option<&'static str>,
    /// An example request body that succeeds.
    example: Option<fn() -> Value>,
    /// What a 200 says, and its JSON schema (a component's name, or `None`
    /// for a body that is not JSON).
    ok: (&'static str, Option<&'static str>),
    /// The problems the route answers with.
    problems: &'static [ProblemKind],
}

use ProblemKind as K;

/// The problems a run can end with: every compiled endpoint and the raw
/// `/prompt` route answer with these.
pub const RUN_PROBLEMS: &[ProblemKind] = &[
    K::InvalidJson,
    K::NotOneOutput,
    K::RequestTimeout,
    K::BodyTooLarge,
    K::UnsupportedMediaType,
    K::InvalidRequest,
    K::ExecutionError,
    K::Interrupted,
    K::ConversionFailed,
    K::InvalidParameter,
    K::JobConflict,
    K::IdempotencyKeyReused,
    K::QueueFull,
    K::StoreFailed,
    K::ComfyuiRejected,
    K::ComfyuiProtocol,
    K::ComfyuiUnavailable,
    K::BackendLost,
    K::Busy,
    K::Deadline,
];

const ROUTES: &[RouteDoc] = &[
    RouteDoc {
        route: routes::HEALTH,
        request: None,
        example: None,
        ok: ("The process is up.", Some("Health")),
        problems: &[],
    },
    RouteDoc {
        route: routes::READY,
        request: None,
        example: None,
        ok: (
            "ComfyUI answers, the warmup is done, the queue is under MAX_QUEUE_DEPTH.",
            Some("Ready"),
        ),
        problems: &[K::NotReady],
    },
    RouteDoc {
        route: routes::MODELS,
        request: None,
        example: None,
        ok: ("Folder name to file names.", Some("Models")),
        problems: &[K::ComfyuiProtocol, K::ComfyuiUnavailable],
    },
    RouteDoc {
        route: routes::INTERRUPT,
        request: Some("InterruptRequest"),
        example: None,
        ok: (
            "The request's prompt was removed or interrupted.",
            Some("InterruptAnswer"),
        ),
        problems: &[
            K::InvalidJson,
            K::RequestTimeout,
            K::BodyTooLarge,
            K::UnsupportedMediaType,
            K::UnknownRequest,
            K::InvalidRequest,
            K::Busy,
        ],
    },
    RouteDoc {
        route: routes::PROMPT,
        request: Some("RawPromptRequest"),
        example: Some(raw_prompt_example),
        ok: (
            "Every output file, under `outputs.images`.",
            Some("RawPromptResponse"),
        ),
        problems: RUN_PROBLEMS,
    },
    RouteDoc {
        route: routes::OPENAPI,
        request: None,
        example: None,
        ok: ("The OpenAPI 3.1 document.", None),
        problems: &[],
    },
    RouteDoc {
        route: routes::DOCS,
        request: None,
        example: None,
        ok: ("This document, rendered.", None),
        problems: &[],
    },
    RouteDoc {
        route: routes::METRICS,
        request: None,
        example: None,
        ok: (
            "The `wfc_` metrics in Prometheus's text format 0.0.4 (see docs/configuration.md, Metrics).",
            None,
        ),
        // With METRICS=false the route is not served.
        problems: &[K::NotFound],
    },
];

/// The media type of `GET /metrics`: Prometheus's text format.
pub const METRICS_MEDIA_TYPE: &str = "text/plain; version=0.0.4";

impl RouteDoc {
    fn operation(&self) -> Value {
        let ok_content = match (self.ok.1, self.route.path) {
            (Some(schema), _) => {
                json!({"application/json": {"schema": {"$ref": format!("{COMPONENTS}{schema}")}}})
            }
            (None, p) if p == routes::DOCS.path => json!({"text/html": {}}),
            (None, p) if p == routes::METRICS.path => {
                json!({METRICS_MEDIA_TYPE: {"schema": {"type": "string"}}})
            }
            (None, _) => json!({"application/json": {"schema": {"type": "object"}}}),
        };
        let mut responses = problem_responses(self.problems);
        responses.insert(
            "200".into(),
            json!({"description": self.ok.0, "content": ok_content}),
        );
        let mut op = json!({
            "operationId": self.route.operation_id,
            "summary": self.route.summary,
            "tags": ["operations"],
            "responses": responses,
        });
        if let Some(schema) = self.request {
            let mut media = json!({"schema": {"$ref": format!("{COMPONENTS}{schema}")}});
            if let Some(example) = self.example {
                media["example"] = example();
            }
            op["requestBody"] = json!({"required": true, "content": {"application/json": media}});
        }
        if self.route == routes::PROMPT {
            jobs::mark_async(&mut op);
        }
        op
    }
}

/// One response per status among `kinds`, its description the kinds'
/// titles and slugs.
pub fn problem_responses(kinds: &[ProblemKind]) -> Map<String, Value> {
    let mut by_status: BTreeMap<u16, Vec<ProblemKind>> = BTreeMap::new();
    for k in kinds {
        by_status.entry(k.status()).or_default().push(*k);
    }
    by_status
        .into_iter()
        .map(|(status, kinds)| {
            let description = kinds
                .iter()
                .map(|k| format!("{} (`{}`).", k.title(), k.slug()))
                .collect::<Vec<_>>()
                .join(" ");
            let mut response = json!({"description": description, "content": {"application/problem+json": {
                "schema": {"$ref": format!("{COMPONENTS}Problem")}
            }}});
            if kinds.contains(&ProblemKind::Busy) || kinds.contains(&ProblemKind::QueueFull) {
                response["headers"] = json!({"Retry-After": {
                    "description": "With `busy` or `queue-full`: seconds to wait before retrying.",
                    "schema": {"type": "integer", "minimum": 1}
                }});
            }
            (status.to_string(), response)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_satisfy_the_limits() {
        let schema = json!({"type": "object", "required": ["a", "b", "c", "d", "e", "f"], "properties": {
            "a": {"type": "integer", "minimum": 7, "multipleOf": 8},
            "b": {"type": "string", "minLength": 3},
            "c": {"type": "string", "enum": ["x", "y"]},
            "d": {"type": "number", "default": 0.5, "minimum": 0.1},
            "e": {"type": "string", "x-wfc-type": "image", "minLength": 1},
            "f": {"type": "string", "examples": ["a cat"]},
            "g": {"type": "integer"}
        }});
        assert_eq!(
            example_input(&schema),
            json!({"a": 8, "b": "aaa", "c": "x", "d": 0.5, "e": EXAMPLE_IMAGE, "f": "a cat"})
        );
    }

    #[test]
    fn the_document_derives_the_runtime_schemas() {
        let doc = document("t", "1", &[]);
        for route in routes::RUNTIME_ROUTES {
            let op = &doc["paths"][route.path][route.method.openapi_key()];
            assert_eq!(op["operationId"], route.operation_id, "{}", route.path);
        }
        let schemas = &doc["components"]["schemas"];
        for name in [
            "Problem",
            "OutputFile",
            "ConvertOutput",
            "RawPromptRequest",
            "DryRun",
            "Ready",
        ] {
            assert!(schemas[name].is_object(), "{name}: {schemas}");
        }
        let text = doc.to_string();
        assert!(!text.contains("#/$defs"), "{text}");
        // Optional envelope keys are not required and not nullable.
        let raw = &schemas["RawPromptRequest"];
        assert_eq!(raw["required"], json!(["prompt"]), "{raw}");
        assert_eq!(raw["properties"]["id"]["type"], "string", "{raw}");
        assert_eq!(
            doc["paths"]["/ready"]["get"]["responses"]["503"]["content"]["application/problem+json"]
                ["schema"]["$ref"],
            "#/components/schemas/Problem"
        );
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                for (status, response) in op["responses"].as_object().unwrap() {
                    assert_eq!(
                        response["headers"]["X-Request-Id"]["$ref"],
                        "#/components/headers/X-Request-Id",
                        "{method} {path} {status}"
                    );
                }
            }
        }
        assert!(doc["components"]["headers"]["X-Request-Id"]["schema"].is_object());
        let metrics = &doc["paths"]["/metrics"]["get"]["responses"];
        assert!(
            metrics["200"]["content"]["text/plain; version=0.0.4"].is_object(),
            "{metrics}"
        );
        assert!(metrics["404"].is_object(), "{metrics}");
        let answers = &doc["paths"]["/prompt"]["post"]["responses"];
        assert!(answers["401"]["headers"]["WWW-Authenticate"].is_object());
        assert!(answers["401"]["headers"]["X-Request-Id"].is_object());
        assert!(answers["429"]["headers"]["Retry-After"].is_object());
        assert!(
            answers["403"]["description"]
                .as_str()
                .unwrap()
                .contains("`forbidden`")
        );
    }
}
