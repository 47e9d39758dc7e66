//! The HTTP routes, bare and under `/api`, with ComfyUI's status codes,
//! bodies and headers (aiohttp's `json_response` content type, empty bodies
//! without a content type, the plain-text 500, the Origin check), plus the
//! double's control endpoint `/__double/faults`.

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Multipart, Path as UrlPath, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::catalog::MODEL_FOLDERS;
use crate::faults::FaultConfig;
use crate::files::{annotated, normpath};
use crate::imaging;
use crate::json::{Json, Obj, py_str};
use crate::obj;
use crate::queue::{JOB_STATUSES, QueueItem, job_of_history, job_of_item};
use crate::server::Shared;
use crate::validate::{Outcome, validate_prompt};

type S = State<Arc<Shared>>;
type Q = Query<Vec<(String, String)>>;

const SERVER: &str = "Python/3.11 aiohttp/3.14.5";

fn json_text(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

fn json_ok(v: &Json) -> Response {
    json_text(StatusCode::OK, v.dumps())
}

fn empty(status: StatusCode) -> Response {
    status.into_response()
}

/// aiohttp's answer to an unhandled exception.
pub(crate) fn error500() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CONNECTION, "close"),
        ],
        "500 Internal Server Error\n\nServer got itself in trouble",
    )
        .into_response()
}

fn query<'a>(q: &'a [(String, String)], key: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// The router: every route bare and under `/api`.
pub(crate) fn router(shared: Arc<Shared>, stop: tokio::sync::watch::Receiver<bool>) -> Router {
    let routes = Router::new()
        .route("/prompt", get(get_prompt).post(post_prompt))
        .route("/queue", get(get_queue).post(post_queue))
        .route("/history", get(get_history).post(post_history))
        .route("/history/{id}", get(get_history_id))
        .route("/interrupt", post(post_interrupt))
        .route("/free", post(|| async { empty(StatusCode::OK) }))
        .route("/object_info", get(get_object_info))
        .route("/object_info/{class}", get(get_object_info_class))
        .route("/system_stats", get(get_system_stats))
        .route("/models", get(get_models))
        .route("/models/{folder}", get(get_models_folder))
        .route("/embeddings", get(get_embeddings))
        .route(
            "/features",
            get(|| async { json_ok(&crate::ws::server_features()) }),
        )
        .route("/extensions", get(get_extensions))
        .route("/view", get(get_view))
        .route("/upload/image", post(post_upload_image))
        .route("/upload/mask", post(post_upload_mask))
        .route("/ws", get(get_ws));
    let api = routes
        .clone()
        .route("/jobs", get(get_jobs))
        .route("/jobs/{id}", get(get_job));
    let control = Router::new()
        .route(
            "/__double/faults",
            get(get_faults).post(post_faults).delete(delete_faults),
        )
        .route("/__double/drop_websockets", post(post_drop_websockets));
    Router::new()
        .merge(routes)
        .nest("/api", api)
        .merge(control)
        .fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "404: Not Found",
            )
        })
        .layer(middleware::from_fn_with_state(shared.clone(), common))
        .layer(axum::Extension(StopSignal(stop)))
        .with_state(shared)
}

#[derive(Clone)]
struct StopSignal(tokio::sync::watch::Receiver<bool>);

fn is_loopback(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    h == "localhost" || h.starts_with("127.") || h == "::1"
}

fn split_host_port(s: &str) -> (String, Option<String>) {
    if let Some(rest) = s.strip_prefix('[')
        && let Some((h, p)) = rest.split_once(']')
    {
        return (h.to_string(), p.strip_prefix(':').map(str::to_string));
    }
    match s.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') => (h.to_string(), Some(p.to_string())),
        _ => (s.to_string(), None),
    }
}

/// ComfyUI's origin-only middleware: 403 when a loopback Host and the Origin differ.
fn origin_mismatch(headers: &HeaderMap) -> bool {
    let (Some(host), Some(origin)) = (
        headers.get(header::HOST).and_then(|v| v.to_str().ok()),
        headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
    ) else {
        return false;
    };
    let host = host.to_lowercase();
    let netloc = origin
        .split_once("://")
        .map_or("", |(_, r)| r)
        .split('/')
        .next()
        .unwrap_or("")
        .to_lowercase();
    let (host_name, host_port) = split_host_port(&host);
    let (origin_name, origin_port) = split_host_port(&netloc);
    if !is_loopback(&host_name) {
        return false;
    }
    let host_domain = if origin_port.is_none() {
        host_name.clone()
    } else {
        host.clone()
    };
    let origin_domain = if host_port.is_none() {
        origin_name
    } else {
        netloc.clone()
    };
    !host_domain.is_empty() && !origin_domain.is_empty() && host_domain != origin_domain
}

async fn common(State(s): S, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let mut resp = if path.starts_with("/__double/") {
        next.run(req).await
    } else {
        let (delay, fail) = s.faults.http_fault(&path);
        if delay > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
        }
        if fail {
            error500()
        } else if origin_mismatch(req.headers()) {
            empty(StatusCode::FORBIDDEN)
        } else {
            next.run(req).await
        }
    };
    resp.headers_mut()
        .insert(header::SERVER, HeaderValue::from_static(SERVER));
    resp
}

// ---------------------------------------------------------------- prompt & queue

async fn get_prompt(State(s): S) -> Response {
    let n = s.lock_queue().remaining();
    json_ok(&obj! {"exec_info" => obj!{"queue_remaining" => n}})
}

fn no_prompt() -> Response {
    let err = obj! {"type" => "no_prompt", "message" => "No prompt provided", "details" => "No prompt provided", "extra_info" => obj!{}};
    json_text(
        StatusCode::BAD_REQUEST,
        obj! {"error" => err, "node_errors" => obj!{}}.dumps(),
    )
}

fn next_number(s: &Shared, front: bool) -> Json {
    let mut q = s.lock_queue();
    let n = q.number;
    q.number += 1;
    Json::Int(i128::from(if front { -n } else { n }))
}

async fn post_prompt(State(s): S, body: Bytes) -> Response {
    let Ok(data) = Json::parse(&body) else {
        return error500();
    };
    let o = match data {
        Json::Obj(o) => o,
        Json::Arr(a) => {
            let has = |k: &str| a.iter().any(|v| v.as_str() == Some(k));
            if has("number") || has("front") || has("prompt") {
                return error500();
            }
            next_number(&s, false);
            return no_prompt();
        }
        Json::Str(t) => {
            if t.contains("number") || t.contains("front") || t.contains("prompt") {
                return error500();
            }
            next_number(&s, false);
            return no_prompt();
        }
        _ => return error500(),
    };
    if let Some(client) = o.get("client_id").and_then(Json::as_str) {
        // A `feature_flags` frame the client sent before this request
        // applies to the prompt (ComfyUI handles it as it arrives).
        s.hub.settle(client).await;
    }
    let number = match o.get("number") {
        Some(n) => match crate::validate::py_float(n) {
            Ok(f) => Json::Float(f),
            Err(_) => return error500(),
        },
        None => next_number(&s, o.get("front").is_some_and(Json::truthy)),
    };
    let Some(prompt) = o.get("prompt") else {
        return no_prompt();
    };
    let mut prompt = prompt.clone();
    let prompt_id = o
        .get("prompt_id")
        .map_or_else(|| uuid::Uuid::new_v4().to_string(), py_str);
    let files = &s.files;
    let exists = |name: &str| files.input_exists(name);
    let outcome = match validate_prompt(
        &s.catalog,
        &mut prompt,
        o.get("partial_execution_targets"),
        &exists,
    ) {
        Ok(v) => v,
        Err(_) => return error500(),
    };
    let mut extra = match o.get("extra_data") {
        Some(Json::Obj(e)) => Some(e.clone()),
        Some(_) => None,
        None => Some(Obj::new()),
    };
    if let Some(client) = o.get("client_id") {
        match &mut extra {
            Some(e) => e.insert("client_id", client.clone()),
            None => return error500(),
        }
    }
    match outcome {
        Outcome::Valid {
            outputs,
            node_errors,
        } => {
            let Some(mut extra) = extra else {
                return error500();
            };
            for k in ["auth_token_comfy_org", "api_key_comfy_org"] {
                extra.remove(k);
            }
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64);
            extra.insert("create_time", now);
            let body = obj! {"prompt_id" => prompt_id.as_str(), "number" => number.clone(), "node_errors" => node_errors};
            s.put(QueueItem {
                number,
                prompt_id,
                prompt,
                extra_data: extra,
                outputs,
            });
            json_ok(&body)
        }
        Outcome::Invalid { error, node_errors } => json_text(
            StatusCode::BAD_REQUEST,
            obj! {"error" => error, "node_errors" => node_errors}.dumps(),
        ),
    }
}

async fn get_queue(State(s): S) -> Response {
    let q = s.lock_queue();
    let running: Vec<Json> = q.running.iter().map(|i| i.tuple()).collect();
    let pending: Vec<Json> = q.heap.0.iter().map(|i| i.tuple()).collect();
    drop(q);
    json_ok(&obj! {"queue_running" => Json::Arr(running), "queue_pending" => Json::Arr(pending)})
}

/// `"key" in json_data` for any JSON body (`None` = Python raised).
fn has_key(data: &Json, key: &str) -> Option<bool> {
    match data {
        Json::Obj(o) => Some(o.contains(key)),
        Json::Arr(a) => Some(a.iter().any(|v| v.as_str() == Some(key))),
        Json::Str(s) => Some(s.contains(key)),
        _ => None,
    }
}

fn ids_of(v: &Json) -> Option<Vec<Json>> {
    match v {
        Json::Arr(a) => Some(a.clone()),
        Json::Obj(o) => Some(o.keys().map(Json::from).collect()),
        Json::Str(s) => Some(s.chars().map(|c| Json::from(c.to_string())).collect()),
        _ => None,
    }
}

async fn post_queue(State(s): S, body: Bytes) -> Response {
    let Ok(data) = Json::parse(&body) else {
        return error500();
    };
    let (Some(clear), Some(delete)) = (has_key(&data, "clear"), has_key(&data, "delete")) else {
        return error500();
    };
    if (clear || delete) && data.as_obj().is_none() {
        return error500();
    }
    if clear && data.get("clear").is_some_and(Json::truthy) {
        let mut q = s.lock_queue();
        q.heap.0.clear();
        s.status_locked(&q);
    }
    if delete {
        let Some(ids) = data.get("delete").and_then(ids_of) else {
            return error500();
        };
        for id in ids {
            let mut q = s.lock_queue();
            let Some(pos) = q
                .heap
                .0
                .iter()
                .position(|i| Json::from(&i.prompt_id).py_eq(&id))
            else {
                continue;
            };
            let wiped = q.heap.0.len() == 1;
            if wiped {
                q.heap.0.clear();
            } else {
                q.heap.0.remove(pos);
                q.heap.heapify();
            }
            if wiped {
                s.status_locked(&q);
            }
            s.status_locked(&q);
        }
    }
    empty(StatusCode::OK)
}

async fn post_interrupt(State(s): S, body: Bytes) -> Response {
    let data = Json::parse(&body).unwrap_or(Json::Obj(Obj::new()));
    let Json::Obj(o) = data else {
        return error500();
    };
    match o.get("prompt_id").filter(|p| p.truthy()) {
        Some(pid) => {
            let running = s.lock_queue().running.as_ref().map(|i| i.prompt_id.clone());
            if running.is_some_and(|r| Json::from(r).py_eq(pid)) {
                s.interrupt.store(true, Ordering::SeqCst);
            }
        }
        None => s.interrupt.store(true, Ordering::SeqCst),
    }
    empty(StatusCode::OK)
}

// ---------------------------------------------------------------- history & jobs

async fn get_history(State(s): S, Query(q): Q) -> Response {
    let parse = |k: &str| query(&q, k).map(|v| crate::validate::py_int(&Json::from(v)));
    let max_items = match parse("max_items") {
        Some(Ok(v)) => Some(v as i64),
        Some(Err(_)) => return error500(),
        None => None,
    };
    let offset = match parse("offset") {
        Some(Ok(v)) => v as i64,
        Some(Err(_)) => return error500(),
        None => -1,
    };
    let body = s.lock_queue().history_body(max_items, offset);
    json_text(StatusCode::OK, body)
}

async fn get_history_id(State(s): S, UrlPath(id): UrlPath<String>) -> Response {
    let entry = s.lock_queue().history.get(&id);
    let mut o = Obj::new();
    if let Some(e) = entry {
        o.insert(id, (*e).clone());
    }
    json_ok(&Json::Obj(o))
}

async fn post_history(State(s): S, body: Bytes) -> Response {
    let Ok(data) = Json::parse(&body) else {
        return error500();
    };
    let (Some(clear), Some(delete)) = (has_key(&data, "clear"), has_key(&data, "delete")) else {
        return error500();
    };
    if (clear || delete) && data.as_obj().is_none() {
        return error500();
    }
    if clear && data.get("clear").is_some_and(Json::truthy) {
        s.lock_queue().history.clear();
    }
    if delete {
        let Some(ids) = data.get("delete").and_then(ids_of) else {
            return error500();
        };
        let mut q = s.lock_queue();
        for id in ids {
            if let Some(id) = id.as_str() {
                q.history.remove(id);
            }
        }
    }
    empty(StatusCode::OK)
}

fn job_error(msg: &str) -> Response {
    json_text(StatusCode::BAD_REQUEST, obj! {"error" => msg}.dumps())
}

async fn get_jobs(State(s): S, Query(q): Q) -> Response {
    let status_filter: Option<Vec<String>> =
        query(&q, "status").filter(|v| !v.is_empty()).map(|v| {
            v.split(',')
                .map(|x| x.trim().to_lowercase())
                .filter(|x| !x.is_empty())
                .collect()
        });
    if let Some(f) = &status_filter {
        let invalid: Vec<&str> = f
            .iter()
            .map(String::as_str)
            .filter(|x| !JOB_STATUSES.contains(x))
            .collect();
        if !invalid.is_empty() {
            return job_error(&format!(
                "Invalid status value(s): {}. Valid values: {}",
                invalid.join(", "),
                JOB_STATUSES.join(", ")
            ));
        }
    }
    let sort_by = query(&q, "sort_by").unwrap_or("created_at").to_lowercase();
    if sort_by != "created_at" && sort_by != "execution_duration" {
        return job_error("sort_by must be 'created_at' or 'execution_duration'");
    }
    let sort_order = query(&q, "sort_order").unwrap_or("desc").to_lowercase();
    if sort_order != "asc" && sort_order != "desc" {
        return job_error("sort_order must be 'asc' or 'desc'");
    }
    let limit = match query(&q, "limit").map(|v| crate::validate::py_int(&Json::from(v))) {
        Some(Ok(l)) if l <= 0 => return job_error("limit must be a positive integer"),
        Some(Ok(l)) => Some(l as usize),
        Some(Err(_)) => return job_error("limit must be an integer"),
        None => None,
    };
    let offset = match query(&q, "offset").map(|v| crate::validate::py_int(&Json::from(v))) {
        Some(Ok(o)) => o.max(0) as usize,
        Some(Err(_)) => return job_error("offset must be an integer"),
        None => 0,
    };
    let mut jobs: Vec<Json> = Vec::new();
    {
        let qs = s.lock_queue();
        if let Some(r) = &qs.running {
            jobs.push(job_of_item(r, "in_progress"));
        }
        for i in &qs.heap.0 {
            jobs.push(job_of_item(i, "pending"));
        }
        for (id, e) in qs.history.iter() {
            jobs.push(job_of_history(id, e, false));
        }
    }
    if let Some(f) = &status_filter {
        jobs.retain(|j| {
            j.get("status")
                .and_then(Json::as_str)
                .is_some_and(|st| f.iter().any(|x| x == st))
        });
    }
    let key = |j: &Json| -> f64 {
        if sort_by == "execution_duration" {
            let s = j.get("execution_start_time").and_then(Json::as_f64);
            let e = j.get("execution_end_time").and_then(Json::as_f64);
            match (s, e) {
                (Some(s), Some(e)) => e - s,
                _ => 0.0,
            }
        } else {
            j.get("create_time").and_then(Json::as_f64).unwrap_or(0.0)
        }
    };
    // Prompts submitted within the same millisecond tie on `create_time`;
    // ComfyUI's submission counter (`priority`) then orders them as distinct
    // timestamps would have.
    let priority = |j: &Json| j.get("priority").and_then(Json::as_f64).unwrap_or(0.0);
    jobs.sort_by(|a, b| {
        let o = key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| {
                priority(a)
                    .partial_cmp(&priority(b))
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        if sort_order == "desc" { o.reverse() } else { o }
    });
    let total = jobs.len();
    let page: Vec<Json> = jobs
        .into_iter()
        .skip(offset)
        .take(limit.unwrap_or(usize::MAX))
        .collect();
    let has_more = offset + page.len() < total;
    json_ok(&obj! {
        "jobs" => Json::Arr(page),
        "pagination" => obj!{"offset" => offset, "limit" => limit, "total" => total, "has_more" => has_more},
    })
}

async fn get_job(State(s): S, UrlPath(id): UrlPath<String>) -> Response {
    let qs = s.lock_queue();
    let job = if let Some(r) = qs.running.as_ref().filter(|r| r.prompt_id == id) {
        Some(job_of_item(r, "in_progress"))
    } else if let Some(p) = qs.heap.0.iter().find(|i| i.prompt_id == id) {
        Some(job_of_item(p, "pending"))
    } else {
        qs.history.get(&id).map(|e| job_of_history(&id, &e, true))
    };
    drop(qs);
    match job {
        Some(j) => json_ok(&j),
        None => json_text(
            StatusCode::NOT_FOUND,
            obj! {"error" => "Job not found"}.dumps(),
        ),
    }
}

// ---------------------------------------------------------------- catalog & info

async fn get_object_info(State(s): S) -> Response {
    let files = s.files.input_listing();
    json_text(StatusCode::OK, s.catalog.body(&files))
}

async fn get_object_info_class(State(s): S, UrlPath(class): UrlPath<String>) -> Response {
    let files = s.files.input_listing();
    json_text(StatusCode::OK, s.catalog.class_body(&class, &files))
}

async fn get_system_stats(State(s): S) -> Response {
    let port = *s.port.lock().unwrap_or_else(|e| e.into_inner());
    let argv: Vec<Json> = [
        "main.py",
        "--cpu",
        "--listen",
        s.config.host.as_str(),
        "--port",
        &port.to_string(),
        "--disable-auto-launch",
    ]
    .iter()
    .map(|a| Json::from(*a))
    .collect();
    let ram_total = 25_276_502_016u64;
    let ram_free = 24_197_058_560u64;
    json_ok(&obj! {
        "system" => obj!{
            "os" => "linux",
            "ram_total" => ram_total,
            "ram_free" => ram_free,
            "comfyui_version" => "0.8.0",
            "required_frontend_version" => "1.35.9",
            "installed_templates_version" => "0.7.67",
            "required_templates_version" => "0.7.67",
            "python_version" => "3.11.7 (main, May  9 2026, 07:35:25) [GCC 12.2.0]",
            "pytorch_version" => "2.11.0+cu130",
            "embedded_python" => false,
            "argv" => Json::Arr(argv),
        },
        "devices" => Json::Arr(vec![obj!{
            "name" => "cpu", "type" => "cpu", "index" => Json::Null,
            "vram_total" => ram_total, "vram_free" => ram_free,
            "torch_vram_total" => ram_total, "torch_vram_free" => ram_free,
        }]),
    })
}

async fn get_models() -> Response {
    json_ok(&Json::Arr(
        MODEL_FOLDERS.iter().map(|f| Json::from(*f)).collect(),
    ))
}

async fn get_models_folder(State(s): S, UrlPath(folder): UrlPath<String>) -> Response {
    if !MODEL_FOLDERS.contains(&folder.as_str()) {
        return empty(StatusCode::NOT_FOUND);
    }
    json_ok(&Json::Arr(
        s.config
            .models
            .files(&folder)
            .iter()
            .map(Json::from)
            .collect(),
    ))
}

async fn get_embeddings(State(s): S) -> Response {
    let names = s
        .config
        .models
        .files("embeddings")
        .iter()
        .map(|f| Json::from(f.rsplit_once('.').map_or(f.as_str(), |(stem, _)| stem)))
        .collect();
    json_ok(&Json::Arr(names))
}

async fn get_extensions() -> Response {
    let files = [
        "groupNode.js",
        "maskEditorOld.js",
        "clipspace.js",
        "widgetInputs.js",
        "groupNodeManage.js",
        "maskeditor/constants.js",
        "maskeditor/types.js",
        "load3d/ViewHelperManager.js",
        "load3d/ControlsManager.js",
        "load3d/RecordingManager.js",
        "load3d/ModelExporter.js",
        "load3d/AnimationManager.js",
        "load3d/LoaderManager.js",
        "load3d/LightingManager.js",
        "load3d/CameraManager.js",
        "load3d/SceneModelManager.js",
        "load3d/SceneManager.js",
        "load3d/interfaces.js",
        "load3d/exportMenuHelper.js",
        "load3d/EventManager.js",
    ];
    json_ok(&Json::Arr(
        files
            .iter()
            .map(|f| Json::from(format!("/extensions/core/{f}")))
            .collect(),
    ))
}

// ---------------------------------------------------------------- files

fn subfolder_escapes(sub: &str) -> bool {
    sub.starts_with('/') || normpath(sub).is_none()
}

async fn get_view(State(s): S, Query(q): Q) -> Response {
    let Some(raw) = query(&q, "filename") else {
        return empty(StatusCode::NOT_FOUND);
    };
    let (name, ann) = annotated(raw);
    if name.is_empty() {
        return empty(StatusCode::BAD_REQUEST);
    }
    if name.starts_with('/') || name.contains("..") {
        return empty(StatusCode::BAD_REQUEST);
    }
    let kind = ann.unwrap_or_else(|| query(&q, "type").unwrap_or("output"));
    let Some(mut dir) = s.files.dir_by_type(kind).map(std::path::Path::to_path_buf) else {
        return empty(StatusCode::BAD_REQUEST);
    };
    if let Some(sub) = query(&q, "subfolder") {
        if subfolder_escapes(sub) {
            return empty(StatusCode::FORBIDDEN);
        }
        dir = dir.join(normpath(sub).unwrap_or_default());
    }
    let base = name.rsplit('/').next().unwrap_or(name).to_string();
    let file = dir.join(&base);
    if !file.is_file() {
        return empty(StatusCode::NOT_FOUND);
    }
    let disposition = format!("filename=\"{base}\"");
    let channel = query(&q, "channel");
    if let Some(preview) = query(&q, "preview") {
        let Ok(bytes) = std::fs::read(&file) else {
            return error500();
        };
        let Ok(img) = imaging::decode(&bytes) else {
            return error500();
        };
        let parts: Vec<&str> = preview.split(';').collect();
        let mut format = parts[0];
        if !["webp", "jpeg"].contains(&format) || channel.unwrap_or("").contains('a') {
            format = "webp";
        }
        let quality = parts
            .last()
            .and_then(|p| p.parse::<u8>().ok())
            .unwrap_or(90);
        let body = if format == "jpeg" {
            imaging::encode_jpeg(&img.rgb, img.w, img.h, quality)
        } else {
            imaging::encode_webp_still(&img.rgb, img.w, img.h, 3)
        };
        return (
            StatusCode::OK,
            [
                (header::CONTENT_DISPOSITION, disposition),
                (header::CONTENT_TYPE, format!("image/{format}")),
            ],
            body,
        )
            .into_response();
    }
    match channel.unwrap_or("rgba") {
        "rgb" | "a" => {
            let Ok(bytes) = std::fs::read(&file) else {
                return error500();
            };
            let Ok(img) = imaging::decode(&bytes) else {
                return error500();
            };
            let body = if channel == Some("rgb") {
                imaging::encode_png(&img.rgb, img.w, img.h, 3, &[], imaging::PngLevel::Default)
            } else {
                let alpha = img.alpha.unwrap_or_else(|| vec![255; img.w * img.h]);
                let px: Vec<u8> = alpha.iter().flat_map(|&a| [0, 0, 0, a]).collect();
                imaging::encode_png(&px, img.w, img.h, 4, &[], imaging::PngLevel::Default)
            };
            (
                StatusCode::OK,
                [
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CONTENT_TYPE, "image/png".to_string()),
                ],
                body,
            )
                .into_response()
        }
        _ => file_response(&file, &disposition, &base),
    }
}

fn content_type_of(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "txt" => "text/plain",
        "json" => "application/json",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "flac" => "audio/flac",
        "wav" => "audio/x-wav",
        "mp3" => "audio/mpeg",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

/// aiohttp's `FileResponse` headers.
fn file_response(path: &std::path::Path, disposition: &str, name: &str) -> Response {
    let Ok(meta) = std::fs::metadata(path) else {
        return empty(StatusCode::NOT_FOUND);
    };
    let Ok(body) = std::fs::read(path) else {
        return error500();
    };
    let mtime = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
    let ns = mtime
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let etag = format!("\"{ns:x}-{:x}\"", meta.len());
    (
        StatusCode::OK,
        [
            (header::CONTENT_DISPOSITION, disposition.to_string()),
            (header::CONTENT_TYPE, content_type_of(name).to_string()),
            (header::ETAG, etag),
            (header::LAST_MODIFIED, httpdate::fmt_http_date(mtime)),
            (header::ACCEPT_RANGES, "bytes".to_string()),
        ],
        body,
    )
        .into_response()
}

struct Part {
    name: String,
    filename: Option<String>,
    data: Bytes,
}

async fn read_parts(
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Vec<Part>, ()> {
    let mut mp = mp.map_err(|_| ())?;
    let mut parts = Vec::new();
    while let Ok(Some(field)) = mp.next_field().await {
        let name = field.name().unwrap_or("").to_string();
        let filename = field.file_name().map(str::to_string);
        let Ok(data) = field.bytes().await else {
            return Err(());
        };
        parts.push(Part {
            name,
            filename,
            data,
        });
    }
    Ok(parts)
}

fn text_field<'a>(parts: &'a [Part], name: &str) -> Option<&'a str> {
    parts
        .iter()
        .find(|p| p.name == name && p.filename.is_none())
        .and_then(|p| std::str::from_utf8(&p.data).ok())
}

fn splitext(name: &str) -> (&str, &str) {
    let base_start = name.rfind('/').map_or(0, |i| i + 1);
    match name[base_start..].rfind('.') {
        Some(i) if i > 0 && !name[base_start..base_start + i].chars().all(|c| c == '.') => {
            (&name[..base_start + i], &name[base_start + i..])
        }
        _ => (name, ""),
    }
}

/// Turns uploaded bytes into the bytes to store (`None`: store nothing).
type Transform = dyn Fn(&[u8]) -> Option<Vec<u8>>;

/// ComfyUI's `image_upload`; `transform` builds the bytes to store.
fn image_upload(s: &Shared, parts: &[Part], transform: Option<&Transform>) -> Response {
    let Some(image) = parts.iter().find(|p| p.name == "image") else {
        return empty(StatusCode::BAD_REQUEST);
    };
    let Some(filename) = image.filename.clone() else {
        return error500();
    };
    let kind = text_field(parts, "type").unwrap_or("input");
    let Some(upload_dir) = s.files.dir_by_type(kind).map(std::path::Path::to_path_buf) else {
        return error500();
    };
    if filename.is_empty() {
        return empty(StatusCode::BAD_REQUEST);
    }
    let filename = filename.trim_start_matches('/').to_string();
    let subfolder = text_field(parts, "subfolder").unwrap_or("").to_string();
    let Some(sub_norm) = normpath(&subfolder).filter(|_| !subfolder.starts_with('/')) else {
        return empty(StatusCode::BAD_REQUEST);
    };
    let rel = if sub_norm.is_empty() {
        filename.clone()
    } else {
        format!("{sub_norm}/{filename}")
    };
    if normpath(&rel).is_none_or(|r| r.is_empty()) {
        return empty(StatusCode::BAD_REQUEST);
    }
    let folder = upload_dir.join(&sub_norm);
    if std::fs::create_dir_all(&folder).is_err() {
        return error500();
    }
    let overwrite = matches!(text_field(parts, "overwrite"), Some("true" | "1"));
    let mut name = filename.clone();
    let mut path = folder.join(&name);
    let mut duplicate = false;
    if !overwrite {
        let (stem, ext) = splitext(&filename);
        let mut i = 1;
        while path.exists() {
            if std::fs::read(&path).is_ok_and(|b| b == image.data.as_ref()) {
                duplicate = true;
                break;
            }
            name = format!("{stem} ({i}){ext}");
            path = folder.join(&name);
            i += 1;
        }
    }
    if !duplicate {
        let bytes = match transform {
            Some(t) => t(&image.data),
            None => Some(image.data.to_vec()),
        };
        if let Some(bytes) = bytes
            && std::fs::write(&path, bytes).is_err()
        {
            return error500();
        }
    }
    json_ok(&obj! {"name" => name, "subfolder" => subfolder, "type" => kind})
}

async fn post_upload_image(
    State(s): S,
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let Ok(parts) = read_parts(mp).await else {
        return empty(StatusCode::BAD_REQUEST);
    };
    image_upload(&s, &parts, None)
}

async fn post_upload_mask(
    State(s): S,
    mp: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let Ok(parts) = read_parts(mp).await else {
        return empty(StatusCode::BAD_REQUEST);
    };
    if !parts
        .iter()
        .any(|p| p.name == "image" && p.filename.is_some())
    {
        return image_upload(&s, &parts, None);
    }
    let Some(original_ref) =
        text_field(&parts, "original_ref").and_then(|t| Json::parse(t.as_bytes()).ok())
    else {
        return error500();
    };
    let original = original_ref
        .get("filename")
        .and_then(Json::as_str)
        .and_then(|f| {
            let (name, ann) = annotated(f);
            if name.is_empty() || name.starts_with('/') || name.contains("..") {
                return None;
            }
            let kind = ann.unwrap_or_else(|| {
                original_ref
                    .get("type")
                    .and_then(Json::as_str)
                    .unwrap_or("output")
            });
            let mut dir = s.files.dir_by_type(kind)?.to_path_buf();
            let sub = original_ref
                .get("subfolder")
                .and_then(Json::as_str)
                .unwrap_or("");
            if !sub.is_empty() {
                if subfolder_escapes(sub) {
                    return None;
                }
                dir = dir.join(normpath(sub)?);
            }
            Some(dir.join(name))
        });
    let transform = move |mask: &[u8]| -> Option<Vec<u8>> {
        let orig = imaging::decode(&std::fs::read(original.as_ref()?).ok()?).ok()?;
        let m = imaging::decode(mask).ok()?;
        let alpha = m.alpha.unwrap_or_else(|| vec![255; m.w * m.h]);
        let mut px = Vec::with_capacity(orig.w * orig.h * 4);
        for y in 0..orig.h {
            for x in 0..orig.w {
                let i = (y * orig.w + x) * 3;
                let a = if x < m.w && y < m.h {
                    alpha[y * m.w + x]
                } else {
                    255
                };
                px.extend_from_slice(&[orig.rgb[i], orig.rgb[i + 1], orig.rgb[i + 2], a]);
            }
        }
        Some(imaging::encode_png(
            &px,
            orig.w,
            orig.h,
            4,
            &[],
            imaging::PngLevel::Default,
        ))
    };
    image_upload(&s, &parts, Some(&transform))
}

// ---------------------------------------------------------------- websocket

async fn get_ws(
    State(s): S,
    axum::Extension(StopSignal(stop)): axum::Extension<StopSignal>,
    Query(q): Q,
    ws: WebSocketUpgrade,
) -> Response {
    let sid = query(&q, "clientId")
        .filter(|c| !c.is_empty())
        .map_or_else(|| uuid::Uuid::new_v4().simple().to_string(), str::to_string);
    let remaining = s.lock_queue().remaining();
    let reg = s.hub.register(&sid, remaining);
    // The handshake may still fail; the registration is then undone.
    let pending = Arc::new(Mutex::new(Some((sid.clone(), reg))));
    let (hub, failed_hub, failed) = (s.hub.clone(), s.hub.clone(), pending.clone());
    ws.max_message_size(64 << 20)
        .on_failed_upgrade(move |_| {
            if let Some((sid, reg)) = take(&failed) {
                failed_hub.unregister(&sid, &reg);
            }
        })
        .on_upgrade(move |socket| async move {
            if let Some((sid, reg)) = take(&pending) {
                crate::ws::serve(socket, hub, sid, reg, stop).await;
            }
        })
}

fn take<T>(slot: &Mutex<Option<T>>) -> Option<T> {
    slot.lock().unwrap_or_else(|e| e.into_inner()).take()
}

// ---------------------------------------------------------------- control

async fn get_faults(State(s): S) -> Response {
    let text = serde_json::to_string(&s.faults.get()).unwrap_or_default();
    json_text(StatusCode::OK, text)
}

async fn post_faults(State(s): S, body: Bytes) -> Response {
    match serde_json::from_slice::<FaultConfig>(&body) {
        Ok(cfg) => {
            s.faults.set(cfg);
            get_faults(State(s)).await
        }
        Err(e) => json_text(
            StatusCode::BAD_REQUEST,
            obj! {"error" => e.to_string()}.dumps(),
        ),
    }
}

async fn delete_faults(State(s): S) -> Response {
    s.faults.set(FaultConfig::default());
    empty(StatusCode::OK)
}

async fn post_drop_websockets(State(s): S) -> Response {
    let n = s.hub.len();
    s.hub.drop_all();
    json_ok(&obj! {"dropped" => n})
}
