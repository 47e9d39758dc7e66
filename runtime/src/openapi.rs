//! The OpenAPI 3.1 document, assembled at run time from the endpoints'
//! parts (their input schemas and operations, emitted by the compiler) and
//! the runtime's own routes, whose schemas are derived from the wire types
//! ([`crate::wire`]) and whose error responses come from
//! [`ProblemKind`]. Like the wire types, this module has no HTTP or async
//! dependency, so the compiler (`wfc build`) links it without the server.

use crate::wire::{
    DryRun, EndpointRequest, Health, InterruptAnswer, InterruptRequest, Models, Problem,
    ProblemKind, RawPromptRequest, Ready, RunResponse,
};
use crate::workflow::EndpointMeta;
use schemars::generate::{SchemaGenerator, SchemaSettings};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

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

/// Where component schemas live; derived schemas refer to each other there.
const COMPONENTS: &str = "#/components/schemas/";

/// The document for an API called `title` at `version` serving `endpoints`.
pub fn document(title: &str, version: &str, endpoints: &[Part<'_>]) -> Value {
    let wire = WireSchemas::derive();
    let mut paths = Map::new();
    let mut schemas = Map::new();
    for part in endpoints {
        let mut input: Value =
            serde_json::from_str(part.input_schema).expect("input schema emitted by wfc");
        if let Some(o) = input.as_object_mut() {
            // The document declares its dialect once.
            o.remove("$schema");
        }
        let example = json!({ "input": example_input(&input) });
        let input_name = format!("{}Input", part.type_name);
        schemas.insert(input_name.clone(), input);
        schemas.insert(
            format!("{}Request", part.type_name),
            wire.endpoint_request(&input_name),
        );
        schemas.insert(
            format!("{}Response", part.type_name),
            wire.response(&part.outputs),
        );
        let mut operation: Value =
            serde_json::from_str(part.operation).expect("operation emitted by wfc");
        if let Some(media) = operation
            .pointer_mut("/requestBody/content/application~1json")
            .and_then(Value::as_object_mut)
        {
            media.insert("example".into(), example);
        }
        paths.insert(
            part.path.to_string(),
            json!({ part.method.to_ascii_lowercase(): operation }),
        );
    }
    schemas.insert("RawPromptResponse".into(), wire.response(&["images"]));
    for route in ROUTES {
        let item = paths
            .entry(route.path.to_string())
            .or_insert_with(|| json!({}));
        item[route.method] = route.operation();
    }
    schemas.extend(wire.into_components());
    json!({
        "openapi": "3.1.0",
        "info": {"title": title, "version": version},
        "paths": paths,
        "components": {"schemas": schemas},
    })
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

/// One of the runtime's own routes.
struct Route {
    path: &'static str,
    method: &'static str,
    operation_id: &'static str,
    summary: &'static str,
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

/// The problems a run can end with.
const RUN_PROBLEMS: &[ProblemKind] = &[
    K::InvalidJson,
    K::NotOneOutput,
    K::BodyTooLarge,
    K::InvalidRequest,
    K::ExecutionError,
    K::Interrupted,
    K::ConversionFailed,
    K::WebhookNotImplemented,
    K::ComfyuiRejected,
    K::ComfyuiProtocol,
    K::ComfyuiUnavailable,
    K::BackendLost,
    K::Deadline,
];

const ROUTES: &[Route] = &[
    Route {
        path: "/health",
        method: "get",
        operation_id: "health",
        summary: "Liveness probe",
        request: None,
        example: None,
        ok: ("The process is up.", Some("Health")),
        problems: &[],
    },
    Route {
        path: "/ready",
        method: "get",
        operation_id: "ready",
        summary: "Readiness probe",
        request: None,
        example: None,
        ok: (
            "ComfyUI answers, the warmup is done, the queue is under MAX_QUEUE_DEPTH.",
            Some("Ready"),
        ),
        problems: &[K::NotReady],
    },
    Route {
        path: "/models",
        method: "get",
        operation_id: "models",
        summary: "ComfyUI's model files by folder",
        request: None,
        example: None,
        ok: ("Folder name to file names.", Some("Models")),
        problems: &[K::ComfyuiProtocol, K::ComfyuiUnavailable],
    },
    Route {
        path: "/interrupt",
        method: "post",
        operation_id: "interrupt",
        summary: "Interrupt a running request",
        request: Some("InterruptRequest"),
        example: None,
        ok: (
            "The request's prompt was removed or interrupted.",
            Some("InterruptAnswer"),
        ),
        problems: &[K::InvalidJson, K::UnknownRequest, K::InvalidRequest],
    },
    Route {
        path: "/prompt",
        method: "post",
        operation_id: "prompt",
        summary: "Run a raw ComfyUI workflow (comfyui-api's route)",
        request: Some("RawPromptRequest"),
        example: Some(raw_prompt_example),
        ok: (
            "Every output file, under `outputs.images`.",
            Some("RawPromptResponse"),
        ),
        problems: RUN_PROBLEMS,
    },
    Route {
        path: "/openapi.json",
        method: "get",
        operation_id: "openapi",
        summary: "This document",
        request: None,
        example: None,
        ok: ("The OpenAPI 3.1 document.", None),
        problems: &[],
    },
    Route {
        path: "/docs",
        method: "get",
        operation_id: "docs",
        summary: "Swagger UI",
        request: None,
        example: None,
        ok: ("This document, rendered.", None),
        problems: &[],
    },
];

impl Route {
    fn operation(&self) -> Value {
        let ok_content = match (self.ok.1, self.path) {
            (Some(schema), _) => {
                json!({"application/json": {"schema": {"$ref": format!("{COMPONENTS}{schema}")}}})
            }
            (None, "/docs") => json!({"text/html": {}}),
            (None, _) => json!({"application/json": {"schema": {"type": "object"}}}),
        };
        let mut responses = problem_responses(self.problems);
        responses.insert(
            "200".into(),
            json!({"description": self.ok.0, "content": ok_content}),
        );
        let mut op = json!({
            "operationId": self.operation_id,
            "summary": self.summary,
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
            (
                status.to_string(),
                json!({"description": description, "content": {"application/problem+json": {
                    "schema": {"$ref": format!("{COMPONENTS}Problem")}
                }}}),
            )
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
    }
}
