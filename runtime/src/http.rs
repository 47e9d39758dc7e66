//! The HTTP surface: compiled endpoints, probes, the OpenAPI document, and
//! RFC 9457 problem responses for everything that goes wrong.

use crate::graph::Graph;
use crate::validate::Violation;
use crate::workflow::EndpointMeta;
use axum::Router;
use axum::body::Bytes;
use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;

/// A workflow with its type erased: parse and build the graph.
pub(crate) type RunFn = fn(&Value) -> Result<Graph, Vec<Violation>>;

/// One compiled endpoint as the router sees it.
pub(crate) struct Mounted {
    pub(crate) meta: &'static EndpointMeta,
    pub(crate) run: RunFn,
}

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
    let mut body = json!({
        "type": format!("urn:wfc:problem:{kind}"),
        "title": title,
        "status": status.as_u16(),
        "detail": detail,
    });
    if !errors.is_empty() {
        body["errors"] = json!(errors);
    }
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

#[derive(Deserialize)]
struct RunQuery {
    #[serde(default)]
    dry_run: bool,
}

pub(crate) fn router(endpoints: Vec<Mounted>, openapi: Value) -> Router {
    let openapi = Arc::new(openapi);
    let mut router = Router::new()
        .route(
            "/health",
            get(|| async { axum::Json(json!({"status": "ok"})) }),
        )
        .route(
            "/openapi.json",
            get(move || {
                let doc = openapi.clone();
                async move { axum::Json((*doc).clone()) }
            }),
        );
    for m in endpoints {
        let (meta, run) = (m.meta, m.run);
        router = router.route(
            meta.path,
            post(move |Query(q): Query<RunQuery>, body: Bytes| async move {
                handle(meta, run, q.dry_run, &body)
            }),
        );
    }
    router.fallback(|uri: axum::http::Uri| async move {
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
}

fn handle(meta: &'static EndpointMeta, run: RunFn, dry_run: bool, body: &[u8]) -> Response {
    let request: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return problem(
                StatusCode::BAD_REQUEST,
                "invalid-json",
                "The request body is not JSON",
                format!("{e}"),
                &[],
            );
        }
    };
    let Value::Object(envelope) = &request else {
        return problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-request",
            "The request is not valid",
            "the body must be an object like {\"input\": {...}}".into(),
            &[Violation {
                pointer: String::new(),
                keyword: "type",
                message: "expected an object".into(),
            }],
        );
    };
    let mut errors: Vec<Violation> = envelope
        .keys()
        .filter(|k| !ENVELOPE_KEYS.contains(&k.as_str()))
        .map(|k| Violation {
            pointer: format!("/{}", k.replace('~', "~0").replace('/', "~1")),
            keyword: "additionalProperties",
            message: format!("unknown key `{k}`; the request has `id`, `input`, `convert_output`, `webhook`, `webhook_v2`"),
        })
        .collect();
    if let Some(id) = envelope.get("id")
        && !id.is_string()
    {
        errors.push(Violation {
            pointer: "/id".into(),
            keyword: "type",
            message: "expected a string".into(),
        });
    }
    let graph = match envelope.get("input") {
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
                keyword: "required",
                message: "`input` is required".into(),
            });
            None
        }
    };
    let Some(graph) = graph.filter(|_| errors.is_empty()) else {
        let n = errors.len();
        return problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-request",
            "The request is not valid",
            format!(
                "{n} problem{} in the request to {}",
                if n == 1 { "" } else { "s" },
                meta.path
            ),
            &errors,
        );
    };
    if envelope.contains_key("webhook") || envelope.contains_key("webhook_v2") {
        return problem(
            StatusCode::NOT_IMPLEMENTED,
            "webhook-not-implemented",
            "Webhooks are not implemented",
            "this server answers synchronously; send the request without `webhook`".into(),
            &[],
        );
    }
    let id = envelope
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(request_id);
    if dry_run {
        return axum::Json(json!({"id": id, "prompt": graph.prompt, "images": graph.images}))
            .into_response();
    }
    problem(
        StatusCode::SERVICE_UNAVAILABLE,
        "comfyui-unavailable",
        "No ComfyUI backend",
        "this build validates requests and builds graphs (try `?dry_run=true`), but has no ComfyUI client yet".into(),
        &[],
    )
}

/// A random request id (UUID v4 format).
fn request_id() -> String {
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
