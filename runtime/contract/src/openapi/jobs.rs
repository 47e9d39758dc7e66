//! The asynchronous API in the document: the `202 Accepted` and the
//! request headers of every submit ([`mark_async`]), and the job routes
//! ([`add_routes`]), with the event stream as `text/event-stream` and the
//! schema of each event's data.

use super::{COMPONENTS, K, problem_responses};
use crate::routes::{self, Route};
use crate::wire::{JobEventKind, JobPage, MAX_IDEMPOTENCY_KEY, ProblemKind};
use serde_json::{Map, Value, json};

fn schema(name: &str) -> Value {
    json!({"$ref": format!("{COMPONENTS}{name}")})
}

fn header(description: &str, schema: Value) -> Value {
    json!({"description": description, "schema": schema})
}

/// Adds to a submit operation (a compiled endpoint, `/prompt`) the
/// headers that make it asynchronous or idempotent, and its `202`.
pub(super) fn mark_async(op: &mut Value) {
    let parameters = op
        .as_object_mut()
        .map(|o| o.entry("parameters").or_insert_with(|| json!([])));
    if let Some(Value::Array(parameters)) = parameters {
        parameters.push(json!({
            "name": "Prefer", "in": "header", "required": false,
            "description": "`respond-async` (RFC 7240): answer `202` at once with the job instead of waiting for the outputs. A request with `webhook` or `webhook_v2` is asynchronous without it.",
            "schema": {"type": "string", "examples": ["respond-async"]}
        }));
        parameters.push(json!({
            "name": "Idempotency-Key", "in": "header", "required": false,
            "description": "The same key with the same body returns the same job (with `Idempotency-Replayed: true`) instead of running again; with another body it is `422 idempotency-key-reused`. Keys expire after IDEMPOTENCY_KEY_TTL_HOURS.",
            "schema": {"type": "string", "minLength": 1, "maxLength": MAX_IDEMPOTENCY_KEY}
        }));
    }
    let replayed = header(
        "`true` when an `Idempotency-Key` named an existing job: nothing new was run.",
        json!({"type": "string", "enum": ["true"]}),
    );
    if let Some(ok) = op.pointer_mut("/responses/200") {
        ok["headers"]["Idempotency-Replayed"] = replayed.clone();
    }
    op["responses"]["202"] = json!({
        "description": "Accepted as a job (`Prefer: respond-async`, `webhook` or `webhook_v2`): comfyui-api's `status`, `id` and `prompt`, and the job to poll at `Location` or follow at its `links.events`.",
        "headers": {
            "Location": header("The job: `/jobs/{id}`.", json!({"type": "string"})),
            "Preference-Applied": header("`respond-async` when `Prefer` asked for it.", json!({"type": "string"})),
            "Idempotency-Replayed": replayed,
        },
        "content": {"application/json": {"schema": schema("Accepted")}}
    });
}

/// A path parameter.
fn path_param(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "path", "required": true, "description": description, "schema": schema})
}

fn id_param() -> Value {
    path_param(
        "id",
        "The job's id (the request's `id`).",
        json!({"type": "string"}),
    )
}

/// One job route's operation: its parameters, its `200` and its problems.
fn operation(route: Route, parameters: Vec<Value>, ok: Value, problems: &[ProblemKind]) -> Value {
    let mut responses = problem_responses(problems);
    responses.insert("200".into(), ok);
    json!({
        "operationId": route.operation_id,
        "summary": route.summary,
        "tags": ["jobs"],
        "parameters": parameters,
        "responses": responses,
    })
}

fn json_ok(description: &str, name: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema(name)}}})
}

/// The schema of each event kind's `data`.
fn event_data(kind: JobEventKind) -> Value {
    let empty = json!({"type": "object", "maxProperties": 0});
    match kind {
        JobEventKind::Queued | JobEventKind::Started | JobEventKind::Canceled => empty,
        JobEventKind::Progress => schema("Progress"),
        JobEventKind::Output => json!({
            "type": "object", "required": ["output", "index", "file"],
            "properties": {
                "output": {"type": "string"},
                "index": {"type": "integer", "minimum": 0},
                "file": schema("JobFile")
            }
        }),
        JobEventKind::Succeeded => json!({
            "type": "object", "required": ["outputs"],
            "properties": {"outputs": {"type": "object", "additionalProperties": {"type": "array", "items": schema("JobFile")}}}
        }),
        JobEventKind::Failed => json!({
            "type": "object", "required": ["error"],
            "properties": {"error": schema("Problem")}
        }),
    }
}

/// The job routes.
pub(super) fn add_routes(paths: &mut Map<String, Value>) {
    let list = operation(
        routes::JOBS,
        vec![
            json!({"name": "status", "in": "query", "required": false, "description": "Only jobs in this status.",
                   "schema": schema("JobStatus")}),
            json!({"name": "endpoint", "in": "query", "required": false, "description": "Only jobs of this endpoint path (`/prompt` for raw graphs).",
                   "schema": {"type": "string"}}),
            json!({"name": "limit", "in": "query", "required": false, "description": "At most this many jobs.",
                   "schema": {"type": "integer", "minimum": 1, "maximum": JobPage::MAX_LIMIT, "default": JobPage::DEFAULT_LIMIT}}),
            json!({"name": "cursor", "in": "query", "required": false, "description": "The `next` of the previous page.",
                   "schema": {"type": "string"}}),
        ],
        json_ok("A page of jobs, newest first.", "JobPage"),
        &[K::InvalidParameter, K::StoreFailed],
    );
    let get = operation(
        routes::JOB,
        vec![id_param()],
        json_ok("The job.", "Job"),
        &[K::JobNotFound, K::StoreFailed],
    );
    let cancel = operation(
        routes::JOB_CANCEL,
        vec![id_param()],
        json_ok(
            "The job, `canceled` unless it had already finished (then unchanged: canceling is idempotent).",
            "Job",
        ),
        &[K::JobNotFound, K::StoreFailed],
    );
    let output = operation(
        routes::JOB_OUTPUT,
        vec![
            id_param(),
            path_param("output", "The output's name.", json!({"type": "string"})),
            path_param(
                "index",
                "The file's index within the output, from 0.",
                json!({"type": "integer", "minimum": 0}),
            ),
        ],
        json!({"description": "The file's bytes, with its media type.", "content": {
            "image/png": {}, "image/jpeg": {}, "image/webp": {}, "image/gif": {}, "application/octet-stream": {}
        }}),
        &[
            K::InvalidParameter,
            K::JobNotFound,
            K::OutputNotFound,
            K::StoreFailed,
        ],
    );
    // One SSE event as Schemathesis and OpenAPI 3.2's `itemSchema` read
    // it: its `id`, its `event` and its `data`, a JSON text whose schema
    // depends on the kind.
    let event = json!({"oneOf": JobEventKind::ALL.iter().map(|k| json!({
        "type": "object",
        "required": ["id", "event", "data"],
        "properties": {
            "id": {"type": "string", "pattern": "^[0-9]+$"},
            "event": {"const": k.as_str()},
            "data": {
                "type": "string",
                "contentMediaType": "application/json",
                "contentSchema": {"allOf": [schema("JobEvent"), {
                    "properties": {"kind": {"const": k.as_str()}, "data": event_data(*k)}
                }]}
            }
        }
    })).collect::<Vec<_>>()});
    let stream = operation(
        routes::JOB_EVENTS,
        vec![
            id_param(),
            json!({"name": "Last-Event-ID", "in": "header", "required": false,
                   "description": "The `id` of the last event received: the stream resumes with the events after it (empty or absent: from the first event).",
                   "schema": {"type": "string", "pattern": "^[0-9]*$"}}),
        ],
        json!({
            "description": "Server-Sent Events: each event has `id: <seq>`, `event: <kind>` and `data: <JobEvent as JSON>`; a `: heartbeat` comment comes every SSE_HEARTBEAT_S seconds. The stream replays the events after `Last-Event-ID` (all of them without it) and closes after the final event (`succeeded`, `failed` or `canceled`).",
            "content": {"text/event-stream": {
                "schema": event,
            }}
        }),
        &[K::InvalidParameter, K::JobNotFound, K::StoreFailed],
    );
    for (route, op) in [
        (routes::JOBS, list),
        (routes::JOB, get),
        (routes::JOB_CANCEL, cancel),
        (routes::JOB_OUTPUT, output),
        (routes::JOB_EVENTS, stream),
    ] {
        let item = paths
            .entry(route.path.to_string())
            .or_insert_with(|| json!({}));
        item[route.method.openapi_key()] = op;
    }
}
