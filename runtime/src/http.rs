//! The HTTP surface: compiled endpoints and comfyui-api's raw `/prompt`,
//! run synchronously against ComfyUI; probes, `/models`, `/interrupt`, the
//! OpenAPI document and Swagger UI; and RFC 9457 problem responses for
//! everything that goes wrong.

use crate::comfy::{Comfy, ComfyError, Outputs};
use crate::graph::Graph;
use crate::media::{self, OutputFormat};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tracing::Instrument;
use wfc_contract::value::json_type_name as json_type;
use wfc_contract::{Endpoint, Keyword, Violation};

/// A workflow with its type erased: parse and build the graph.
pub(crate) type RunFn = fn(&Value) -> Result<Graph, Vec<Violation>>;

/// One compiled endpoint as the router sees it.
pub(crate) struct Mounted {
    pub(crate) endpoint: &'static Endpoint,
    pub(crate) run: RunFn,
}

/// Settings the handlers need.
#[derive(Clone, Debug)]
pub(crate) struct Limits {
    /// Largest request body.
    pub(crate) max_body: usize,
    /// Largest image a request may reference.
    pub(crate) max_image: usize,
    /// How long one request may take, from arrival to answer.
    pub(crate) request_timeout: Duration,
    /// `/ready` fails while ComfyUI's queue is this long (0: no limit).
    pub(crate) max_queue_depth: u64,
}

/// What every handler shares.
pub(crate) struct AppState {
    pub(crate) comfy: Option<Arc<Comfy>>,
    pub(crate) limits: Limits,
    /// Set once the warmup workflow (if any) has run.
    pub(crate) warm: AtomicBool,
    /// Why the warmup has not finished, for `/ready`.
    pub(crate) warmup_status: Mutex<String>,
    /// Request id to ComfyUI prompt id, for `/interrupt`.
    pub(crate) jobs: Mutex<HashMap<String, String>>,
    /// Client for images given by URL.
    pub(crate) fetch: reqwest::Client,
    pub(crate) openapi: Value,
}

/// A requested output conversion: format and quality.
type Conversion = (OutputFormat, Option<u8>);

/// Keys of comfyui-api's request envelope.
const ENVELOPE_KEYS: &[&str] = &["id", "input", "convert_output", "webhook", "webhook_v2"];

/// An RFC 9457 problem response.
pub(crate) fn problem(
    status: StatusCode,
    kind: &str,
    title: &str,
    detail: String,
    errors: &[Violation],
) -> Response {
    problem_with(status, kind, title, detail, errors, Map::new())
}

fn problem_with(
    status: StatusCode,
    kind: &str,
    title: &str,
    detail: String,
    errors: &[Violation],
    extra: Map<String, Value>,
) -> Response {
    let mut body = json!({
        "type": format!("urn:wfc:problem:{kind}"),
        "title": title,
        "status": status.as_u16(),
        "detail": detail,
    });
    if !errors.is_empty() {
        body["errors"] = json!(errors);
    }
    for (k, v) in extra {
        body[k] = v;
    }
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

fn invalid(errors: Vec<Violation>, what: &str) -> Response {
    let n = errors.len();
    problem(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid-request",
        "The request is not valid",
        format!(
            "{n} problem{} in the request to {what}",
            if n == 1 { "" } else { "s" }
        ),
        &errors,
    )
}

#[derive(Deserialize)]
struct RunQuery {
    #[serde(default)]
    dry_run: bool,
}

pub(crate) fn router(endpoints: Vec<Mounted>, state: Arc<AppState>) -> Router {
    let mut router = Router::new()
        .route(
            "/health",
            get(|| async { axum::Json(json!({"status": "ok"})) }),
        )
        .route("/ready", get(ready))
        .route("/models", get(models))
        .route("/interrupt", post(interrupt))
        .route("/prompt", post(raw_prompt))
        .route(
            "/openapi.json",
            get(|State(s): State<Arc<AppState>>| async move { axum::Json(s.openapi.clone()) }),
        );
    for m in endpoints {
        let (endpoint, run) = (m.endpoint, m.run);
        router = router.route(
            &endpoint.path,
            post(
                move |State(s): State<Arc<AppState>>,
                      Query(q): Query<RunQuery>,
                      headers: HeaderMap,
                      body: Body| async move {
                    let id_hint = request_id();
                    let span = tracing::info_span!("request", id = %id_hint, path = &endpoint.path);
                    run_endpoint(s, endpoint, run, q.dry_run, headers, body, id_hint)
                        .instrument(span)
                        .await
                },
            ),
        );
    }
    router
        .merge(crate::docs::routes())
        .fallback(|uri: axum::http::Uri| async move {
            problem(
                StatusCode::NOT_FOUND,
                "not-found",
                "No such endpoint",
                format!(
                    "nothing is served at `{}`; see /openapi.json for the endpoints",
                    uri.path()
                ),
                &[],
            )
        })
        .with_state(state)
}

/// Reads the body within the size limit and parses it as a JSON object.
async fn read_envelope(body: Body, limit: usize) -> Result<Map<String, Value>, Response> {
    use futures_util::StreamExt;
    // Past the limit, keep reading (and dropping) up to DRAIN more bytes
    // before answering, so that the client, still sending, gets the 413
    // rather than a reset connection.
    const DRAIN: usize = 16 << 20;
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    let mut seen = 0usize;
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else { break };
        seen += chunk.len();
        if seen <= limit {
            bytes.extend_from_slice(&chunk);
        } else if seen > limit + DRAIN {
            break;
        }
    }
    if seen > limit {
        return Err(problem(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body-too-large",
            "The request body is too large",
            format!(
                "the limit is {} MB (MAX_BODY_SIZE_MB)",
                limit / (1024 * 1024)
            ),
            &[],
        ));
    }
    let bytes = Bytes::from(bytes);
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| {
        problem(
            StatusCode::BAD_REQUEST,
            "invalid-json",
            "The request body is not JSON",
            e.to_string(),
            &[],
        )
    })?;
    match value {
        Value::Object(o) => Ok(o),
        other => Err(invalid(
            vec![Violation {
                pointer: String::new(),
                keyword: Keyword::Type,
                message: format!(
                    "the body must be an object like {{\"input\": {{...}}}}, found {}",
                    json_type(&other)
                ),
            }],
            "this endpoint",
        )),
    }
}

/// Checks the envelope keys other than `input`/`prompt`; returns the
/// request id (if the client gave one), the requested conversion, and
/// every violation.
fn envelope(
    env: &Map<String, Value>,
    body_key: &str,
) -> (Option<String>, Option<Conversion>, Vec<Violation>) {
    let mut errors: Vec<Violation> = env
        .keys()
        .filter(|k| !ENVELOPE_KEYS.contains(&k.as_str()) && k.as_str() != body_key)
        .map(|k| Violation {
            pointer: format!("/{}", k.replace('~', "~0").replace('/', "~1")),
            keyword: Keyword::AdditionalProperties,
            message: format!("unknown key `{k}`; the request has `id`, `{body_key}`, `convert_output`, `webhook`, `webhook_v2`"),
        })
        .collect();
    let id = match env.get("id") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errors.push(Violation {
                pointer: "/id".into(),
                keyword: Keyword::Type,
                message: "expected a string".into(),
            });
            None
        }
    };
    let convert = match env.get("convert_output") {
        None => None,
        Some(Value::Object(c)) => {
            let format = match c
                .get("format")
                .and_then(Value::as_str)
                .map(str::parse::<OutputFormat>)
            {
                Some(Ok(f)) => Some(f),
                Some(Err(e)) => {
                    errors.push(Violation {
                        pointer: "/convert_output/format".into(),
                        keyword: Keyword::Enum,
                        message: e.to_string(),
                    });
                    None
                }
                None => {
                    errors.push(Violation {
                        pointer: "/convert_output/format".into(),
                        keyword: Keyword::Required,
                        message: "`format` is required: png, jpeg or webp".into(),
                    });
                    None
                }
            };
            let quality = match c.get("quality") {
                None => None,
                Some(q) => match q.as_u64().filter(|q| (1..=100).contains(q)) {
                    Some(q) => Some(q as u8),
                    None => {
                        errors.push(Violation {
                            pointer: "/convert_output/quality".into(),
                            keyword: Keyword::Maximum,
                            message: "`quality` is an integer from 1 to 100".into(),
                        });
                        None
                    }
                },
            };
            for k in c
                .keys()
                .filter(|k| !matches!(k.as_str(), "format" | "quality"))
            {
                errors.push(Violation {
                    pointer: format!("/convert_output/{k}"),
                    keyword: Keyword::AdditionalProperties,
                    message: format!(
                        "unknown key `{k}`; `convert_output` has `format` and `quality`"
                    ),
                });
            }
            format.map(|f| (f, quality))
        }
        Some(other) => {
            errors.push(Violation {
                pointer: "/convert_output".into(),
                keyword: Keyword::Type,
                message: format!(
                    "expected an object like {{\"format\": \"webp\", \"quality\": 80}}, found {}",
                    json_type(other)
                ),
            });
            None
        }
    };
    (id, convert, errors)
}

fn webhook_refused(env: &Map<String, Value>) -> Option<Response> {
    (env.contains_key("webhook") || env.contains_key("webhook_v2")).then(|| {
        problem(
            StatusCode::NOT_IMPLEMENTED,
            "webhook-not-implemented",
            "Webhooks are not implemented",
            "this server answers synchronously; send the request without `webhook`".into(),
            &[],
        )
    })
}

async fn run_endpoint(
    state: Arc<AppState>,
    endpoint: &'static Endpoint,
    run: RunFn,
    dry_run: bool,
    headers: HeaderMap,
    body: Body,
    id_hint: String,
) -> Response {
    let arrived = Instant::now();
    let env = match read_envelope(body, state.limits.max_body).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let (id, convert, mut errors) = envelope(&env, "input");
    let id = id.unwrap_or(id_hint);
    let graph = match env.get("input") {
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
                keyword: Keyword::Required,
                message: "`input` is required".into(),
            });
            None
        }
    };
    let Some(mut graph) = graph.filter(|_| errors.is_empty()) else {
        return invalid(errors, &endpoint.path);
    };
    if let Some(r) = webhook_refused(&env) {
        return r;
    }
    if dry_run {
        return axum::Json(json!({"id": id, "prompt": graph.prompt, "images": graph.images}))
            .into_response();
    }
    let Some(comfy) = state.comfy.clone() else {
        return unavailable("no ComfyUI address is configured".into());
    };
    let deadline = arrived + state.limits.request_timeout;
    let started = Instant::now();
    for slot in std::mem::take(&mut graph.images) {
        let pointer = format!("/input/{}", slot.field);
        let limits = media::Limits {
            max_bytes: state.limits.max_image,
            timeout: deadline
                .saturating_duration_since(Instant::now())
                .min(Duration::from_secs(60)),
        };
        let image = match media::load_image(&state.fetch, &slot.source, &limits).await {
            Ok(i) => i,
            Err(e) => {
                return invalid(
                    vec![Violation {
                        pointer,
                        keyword: Keyword::Image,
                        message: e.to_string(),
                    }],
                    &endpoint.path,
                );
            }
        };
        let name = format!("wfc-{}-{}.{}", sanitize(&id), slot.field, image.extension);
        match comfy.upload(&name, image.bytes, image.content_type).await {
            Ok(uploaded) => graph.set(slot.node, slot.input, uploaded),
            Err(e) => return comfy_problem(e, endpoint, &id),
        }
    }
    let upload = started.elapsed();
    let nodes: Vec<&str> = endpoint
        .outputs
        .iter()
        .flat_map(|o| o.nodes.iter().map(|n| n.id.as_str()))
        .collect();
    let result = execute(&state, &comfy, &id, &graph.prompt, deadline, Some(&nodes)).await;
    let (outputs, run_time, download) = match result {
        Ok(r) => r,
        Err(e) => return comfy_problem(e, endpoint, &id),
    };
    let named: Vec<(&str, Vec<usize>)> = endpoint
        .outputs
        .iter()
        .map(|o| {
            let files = (0..outputs.files.len())
                .filter(|&i| o.nodes.iter().any(|n| n.id == outputs.files[i].node))
                .collect();
            (o.name.as_str(), files)
        })
        .collect();
    respond(
        &headers,
        &id,
        outputs,
        convert,
        named,
        [upload, run_time, download],
        arrived,
    )
    .await
}

/// Runs a prompt and collects its outputs, recording the job for
/// `/interrupt` while it runs.
async fn execute(
    state: &AppState,
    comfy: &Comfy,
    id: &str,
    prompt: &Value,
    deadline: Instant,
    nodes: Option<&[&str]>,
) -> Result<(Outputs, Duration, Duration), ComfyError> {
    let prompt_id = request_id();
    state
        .jobs
        .lock()
        .expect("jobs lock")
        .insert(id.to_string(), prompt_id.clone());
    let run = comfy.run(&prompt_id, prompt, deadline).await;
    state.jobs.lock().expect("jobs lock").remove(id);
    let run_time = run?;
    let started = Instant::now();
    let outputs = comfy.outputs(&prompt_id, nodes).await?;
    Ok((outputs, run_time, started.elapsed()))
}

/// comfyui-api's response, with typed outputs; or the bytes of the single
/// output when the client accepts an image.
async fn respond(
    headers: &HeaderMap,
    id: &str,
    outputs: Outputs,
    convert: Option<Conversion>,
    named: Vec<(&str, Vec<usize>)>,
    [upload, run, download]: [Duration; 3],
    arrived: Instant,
) -> Response {
    let converting = Instant::now();
    let mut files = Vec::with_capacity(outputs.files.len());
    for f in outputs.files {
        let content_type = media::content_type_for(&f.filename);
        let converted = match convert {
            Some((format, quality))
                if content_type.starts_with("image/") && content_type != "image/gif" =>
            {
                let bytes = f.bytes;
                match tokio::task::spawn_blocking(move || media::convert(&bytes, format, quality))
                    .await
                {
                    Ok(Ok(c)) => {
                        let stem = f
                            .filename
                            .rsplit_once('.')
                            .map_or(f.filename.as_str(), |(s, _)| s);
                        (format!("{stem}.{}", c.extension), c.content_type, c.bytes)
                    }
                    Ok(Err(e)) => {
                        return problem(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "conversion-failed",
                            "Converting an output failed",
                            format!("{}: {e}", f.filename),
                            &[],
                        );
                    }
                    Err(e) => {
                        return problem(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "conversion-failed",
                            "Converting an output failed",
                            e.to_string(),
                            &[],
                        );
                    }
                }
            }
            _ => (f.filename, content_type, f.bytes),
        };
        files.push(converted);
    }
    let convert_time = converting.elapsed();
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let wants_bytes = accept.split(',').any(|a| {
        let a = a.trim();
        a.starts_with("image/")
            || a.starts_with("application/octet-stream")
            || a.starts_with("video/")
    }) && !accept.contains("application/json");
    if wants_bytes {
        if files.len() != 1 {
            return problem(
                StatusCode::NOT_ACCEPTABLE,
                "not-one-output",
                "The run did not produce exactly one file",
                format!(
                    "{} files were produced; ask for JSON (Accept: application/json) to get them all",
                    files.len()
                ),
                &[],
            );
        }
        let (filename, content_type, bytes) = files.pop().expect("one file");
        return (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, content_type.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{filename}\""),
                ),
            ],
            bytes,
        )
            .into_response();
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut typed = Map::new();
    for (name, indexes) in named {
        let items: Vec<Value> = indexes
            .iter()
            .map(|&i| {
                let (filename, content_type, bytes) = &files[i];
                json!({"filename": filename, "content_type": content_type, "data": b64.encode(bytes)})
            })
            .collect();
        typed.insert(name.to_string(), Value::Array(items));
    }
    let ms = |d: Duration| (d.as_secs_f64() * 1e4).round() / 10.0;
    let mut body = json!({
        "id": id,
        "images": files.iter().map(|(_, _, b)| b64.encode(b)).collect::<Vec<_>>(),
        "filenames": files.iter().map(|(f, _, _)| f.as_str()).collect::<Vec<_>>(),
        "outputs": typed,
        "stats": {
            "upload_ms": ms(upload),
            "comfy_ms": ms(run),
            "download_ms": ms(download),
            "convert_ms": ms(convert_time),
            "total_ms": ms(arrived.elapsed()),
        },
    });
    if !outputs.values.is_empty() {
        body["values"] = json!(outputs.values);
    }
    tracing::info!(
        files = files.len(),
        total_ms = ms(arrived.elapsed()),
        "request done"
    );
    axum::Json(body).into_response()
}

fn unavailable(detail: String) -> Response {
    problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "comfyui-unavailable",
        "ComfyUI is not reachable",
        detail,
        &[],
    )
}

/// Maps a ComfyUI failure to a problem: validation errors on inputs bound
/// to request fields become 422s pointing at the fields.
fn comfy_problem(e: ComfyError, endpoint: &Endpoint, id: &str) -> Response {
    tracing::warn!(error = %e, "request failed");
    match e {
        ComfyError::Unreachable(detail) => unavailable(detail),
        ComfyError::Deadline => problem(
            StatusCode::GATEWAY_TIMEOUT,
            "deadline",
            "The request took too long",
            format!(
                "request {id} passed its deadline (REQUEST_TIMEOUT_S); the prompt was removed from ComfyUI's queue or interrupted"
            ),
            &[],
        ),
        ComfyError::Execution(data) => {
            let mut extra = Map::new();
            for key in [
                "node_id",
                "node_type",
                "exception_type",
                "exception_message",
            ] {
                extra.insert(key.into(), data[key].clone());
            }
            problem_with(
                StatusCode::INTERNAL_SERVER_ERROR,
                "execution-error",
                "A node failed while running",
                ComfyError::Execution(data.clone()).to_string(),
                &[],
                extra,
            )
        }
        ComfyError::Interrupted(data) => problem_with(
            StatusCode::INTERNAL_SERVER_ERROR,
            "interrupted",
            "The run was interrupted",
            "ComfyUI interrupted the prompt (POST /interrupt)".into(),
            &[],
            Map::from_iter([("node_id".to_string(), data["node_id"].clone())]),
        ),
        ComfyError::Invalid(body) => {
            let violations = field_violations(&body, endpoint);
            if let Some(v) = violations {
                return invalid(v, &endpoint.path);
            }
            problem_with(
                StatusCode::BAD_GATEWAY,
                "comfyui-rejected",
                "ComfyUI rejected the workflow",
                body["error"]["message"]
                    .as_str()
                    .unwrap_or("invalid prompt")
                    .to_string(),
                &[],
                Map::from_iter([
                    ("comfyui_error".to_string(), body["error"].clone()),
                    ("node_errors".to_string(), body["node_errors"].clone()),
                ]),
            )
        }
        ComfyError::Protocol(detail) => problem(
            StatusCode::BAD_GATEWAY,
            "comfyui-protocol",
            "Unexpected answer from ComfyUI",
            detail,
            &[],
        ),
    }
}

/// ComfyUI's node errors as violations of request fields, when every one
/// of them is about an input a field fills.
fn field_violations(body: &Value, endpoint: &Endpoint) -> Option<Vec<Violation>> {
    let node_errors = body["node_errors"].as_object()?;
    let mut out = Vec::new();
    for (node, entry) in node_errors {
        for err in entry["errors"].as_array()? {
            let input = err["extra_info"]["input_name"].as_str()?;
            let field = endpoint.field_bound_to(node, input)?;
            let details = err["details"].as_str().filter(|d| !d.is_empty());
            out.push(Violation {
                pointer: format!("/input/{}", field.name),
                keyword: Keyword::Comfyui,
                message: format!(
                    "{} ({})",
                    err["message"].as_str().unwrap_or("rejected by ComfyUI"),
                    details.unwrap_or(err["type"].as_str().unwrap_or(""))
                ),
            });
        }
    }
    (!out.is_empty()).then_some(out)
}

/// comfyui-api's `POST /prompt`: a raw ComfyUI graph in the envelope.
async fn raw_prompt(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let arrived = Instant::now();
    let env = match read_envelope(body, state.limits.max_body).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let (id, convert, mut errors) = envelope(&env, "prompt");
    let id = id.unwrap_or_else(request_id);
    match env.get("prompt") {
        Some(Value::Object(o)) if !o.is_empty() => {}
        Some(other) => errors.push(Violation {
            pointer: "/prompt".into(),
            keyword: Keyword::Type,
            message: format!(
                "expected an API-format workflow object, found {}",
                json_type(other)
            ),
        }),
        None => errors.push(Violation {
            pointer: "/prompt".into(),
            keyword: Keyword::Required,
            message: "`prompt` is required".into(),
        }),
    }
    if !errors.is_empty() {
        return invalid(errors, "/prompt");
    }
    if let Some(r) = webhook_refused(&env) {
        return r;
    }
    let Some(comfy) = state.comfy.clone() else {
        return unavailable("no ComfyUI address is configured".into());
    };
    let span = tracing::info_span!("request", id = %id, path = "/prompt");
    async move {
        let deadline = arrived + state.limits.request_timeout;
        match execute(&state, &comfy, &id, &env["prompt"], deadline, None).await {
            Ok((outputs, run, download)) => {
                let all: Vec<usize> = (0..outputs.files.len()).collect();
                respond(
                    &headers,
                    &id,
                    outputs,
                    convert,
                    vec![("images", all)],
                    [Duration::ZERO, run, download],
                    arrived,
                )
                .await
            }
            Err(ComfyError::Invalid(body)) => {
                // The client's own graph: its mistakes are request errors.
                let mut violations = Vec::new();
                for (node, entry) in body["node_errors"].as_object().into_iter().flatten() {
                    for err in entry["errors"].as_array().into_iter().flatten() {
                        let input = err["extra_info"]["input_name"].as_str();
                        violations.push(Violation {
                            pointer: match input {
                                Some(i) => format!("/prompt/{node}/inputs/{i}"),
                                None => format!("/prompt/{node}"),
                            },
                            keyword: Keyword::Comfyui,
                            message: err["details"]
                                .as_str()
                                .filter(|d| !d.is_empty())
                                .or(err["message"].as_str())
                                .unwrap_or("invalid")
                                .to_string(),
                        });
                    }
                }
                if violations.is_empty() {
                    violations.push(Violation {
                        pointer: "/prompt".into(),
                        keyword: Keyword::Comfyui,
                        message: body["error"]["message"]
                            .as_str()
                            .unwrap_or("invalid prompt")
                            .to_string(),
                    });
                }
                invalid(violations, "/prompt")
            }
            Err(e) => comfy_problem(e, &RAW_META, &id),
        }
    }
    .instrument(span)
    .await
}

/// The raw `/prompt` route has no fields and no declared outputs.
static RAW_META: std::sync::LazyLock<Endpoint> = std::sync::LazyLock::new(|| Endpoint {
    name: "prompt".into(),
    method: wfc_contract::Method::Post,
    path: "/prompt".into(),
    summary: None,
    description: None,
    tags: Vec::new(),
    fields: Vec::new(),
    outputs: Vec::new(),
});

async fn ready(State(state): State<Arc<AppState>>) -> Response {
    let not_ready = |why: String| {
        problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "not-ready",
            "Not ready",
            why,
            &[],
        )
    };
    let Some(comfy) = &state.comfy else {
        return not_ready("no ComfyUI address is configured".into());
    };
    let depth = match tokio::time::timeout(Duration::from_secs(2), comfy.queue_remaining()).await {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => return not_ready(e.to_string()),
        Err(_) => {
            return not_ready(format!(
                "ComfyUI at {} did not answer within 2 s",
                comfy.base()
            ));
        }
    };
    if !state.warm.load(Ordering::Acquire) {
        return not_ready(state.warmup_status.lock().expect("warmup lock").clone());
    }
    let max = state.limits.max_queue_depth;
    if max > 0 && depth >= max {
        return not_ready(format!(
            "ComfyUI's queue holds {depth} prompts (MAX_QUEUE_DEPTH is {max})"
        ));
    }
    axum::Json(json!({"status": "ready", "queue_remaining": depth})).into_response()
}

async fn models(State(state): State<Arc<AppState>>) -> Response {
    let Some(comfy) = &state.comfy else {
        return unavailable("no ComfyUI address is configured".into());
    };
    match comfy.models().await {
        Ok(m) => axum::Json(Value::Object(m)).into_response(),
        Err(ComfyError::Unreachable(e)) => unavailable(e),
        Err(e) => problem(
            StatusCode::BAD_GATEWAY,
            "comfyui-protocol",
            "Unexpected answer from ComfyUI",
            e.to_string(),
            &[],
        ),
    }
}

async fn interrupt(State(state): State<Arc<AppState>>, body: Body) -> Response {
    let env = match read_envelope(body, 64 * 1024).await {
        Ok(e) => e,
        Err(r) => return r,
    };
    let Some(id) = env.get("id").and_then(Value::as_str) else {
        return invalid(
            vec![Violation {
                pointer: "/id".into(),
                keyword: Keyword::Required,
                message: "`id` (the request's id) is required".into(),
            }],
            "/interrupt",
        );
    };
    let prompt_id = state.jobs.lock().expect("jobs lock").get(id).cloned();
    let (Some(prompt_id), Some(comfy)) = (prompt_id, &state.comfy) else {
        return problem(
            StatusCode::NOT_FOUND,
            "unknown-request",
            "No such request is running",
            format!("no request with id `{id}` is waiting for ComfyUI"),
            &[],
        );
    };
    comfy.cancel(&prompt_id).await;
    axum::Json(json!({"id": id, "interrupted": true})).into_response()
}

/// Keeps file names made from request ids safe.
fn sanitize(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect()
}

/// A random id in UUID v4 format.
pub(crate) fn request_id() -> String {
    let (a, b) = (fastrand::u64(..), fastrand::u64(..));
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x4000;
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use wfc_contract::{Field, FieldType, Method, Target, ValueRules};

    static META: std::sync::LazyLock<Endpoint> = std::sync::LazyLock::new(|| Endpoint {
        name: "t".into(),
        method: Method::Post,
        path: "/t".into(),
        summary: None,
        description: None,
        tags: Vec::new(),
        fields: vec![Field {
            name: "steps".into(),
            description: None,
            required: false,
            default: None,
            rules: ValueRules::of_type(FieldType::Integer),
            examples: Vec::new(),
            deprecated: false,
            targets: vec![Target {
                node: "3".into(),
                input: "steps".into(),
                class_type: "KSampler".into(),
            }],
        }],
        outputs: Vec::new(),
    });

    fn rejected(node: &str, input: &str) -> Value {
        json!({
            "error": {"type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation", "details": "", "extra_info": {}},
            "node_errors": {node: {"errors": [{
                "type": "value_bigger_than_max",
                "message": "Value bigger than max",
                "details": "steps: 20000 > 10000",
                "extra_info": {"input_name": input}
            }], "dependent_outputs": ["9"], "class_type": "KSampler"}}
        })
    }

    async fn body(r: Response) -> (StatusCode, Value) {
        let status = r.status();
        let bytes = axum::body::to_bytes(r.into_body(), 1 << 20).await.unwrap();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn validation_errors_on_bound_inputs_point_at_fields() {
        let (status, b) = body(comfy_problem(
            ComfyError::Invalid(rejected("3", "steps")),
            &META,
            "r",
        ))
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(b["errors"][0]["pointer"], "/input/steps");
        assert!(
            b["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("20000 > 10000")
        );
    }

    #[tokio::test]
    async fn other_validation_errors_are_502_with_node_errors() {
        let (status, b) = body(comfy_problem(
            ComfyError::Invalid(rejected("4", "ckpt_name")),
            &META,
            "r",
        ))
        .await;
        assert_eq!(status, StatusCode::BAD_GATEWAY);
        assert_eq!(b["type"], "urn:wfc:problem:comfyui-rejected");
        assert_eq!(b["node_errors"]["4"]["class_type"], "KSampler");
        assert_eq!(
            b["comfyui_error"]["type"],
            "prompt_outputs_failed_validation"
        );
    }

    #[tokio::test]
    async fn other_failures_map_to_their_statuses() {
        let cases = [
            (
                ComfyError::Unreachable("refused".into()),
                StatusCode::SERVICE_UNAVAILABLE,
            ),
            (ComfyError::Deadline, StatusCode::GATEWAY_TIMEOUT),
            (ComfyError::Protocol("?".into()), StatusCode::BAD_GATEWAY),
            (
                ComfyError::Execution(
                    json!({"node_id": "3", "node_type": "KSampler", "exception_type": "RuntimeError", "exception_message": "x"}),
                ),
                StatusCode::INTERNAL_SERVER_ERROR,
            ),
        ];
        for (e, want) in cases {
            let (status, b) = body(comfy_problem(e, &META, "r")).await;
            assert_eq!(status, want, "{b}");
            assert_eq!(b["status"], want.as_u16());
        }
    }
}
