//! The HTTP surface: the router, compiled endpoints ([`endpoint`]) and
//! comfyui-api's raw `/prompt` ([`raw_prompt`]) run through the
//! [`crate::engine`]; probes, `/models` and `/interrupt`
//! ([`operations`]); the OpenAPI document and Swagger UI ([`docs`]); the
//! request id and 405s of every answer ([`guard`]), the request body
//! ([`body`]), answers ([`respond`]) and RFC 9457 problems
//! ([`problem`]); `GET /metrics` and the layer recording every request
//! come from [`crate::telemetry::metrics`]. Every run is a job
//! ([`submit`], then [`crate::jobs`]); the job routes and their event
//! stream are [`jobs`]. Compatibility routes go beside these.

mod auth;
mod body;
mod cors;
mod docs;
mod endpoint;
mod guard;
mod jobs;
mod operations;
mod problem;
mod raw_prompt;
mod respond;
mod submit;

pub(crate) use body::BodyLimits;

use crate::engine::Engine;
use crate::engine::warmup::Readiness;
use crate::graph::Graph;
use crate::telemetry::metrics;
use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};
use serde_json::Value;
use std::collections::HashSet;
use std::sync::Arc;
use wfc_contract::Violation;
use wfc_contract::wire::{Problem, ProblemKind};
use wfc_contract::{Endpoint, routes};

/// A workflow with its type erased: parse and build the graph.
pub(crate) type RunFn = fn(&Value) -> Result<Graph, Vec<Violation>>;

/// One compiled endpoint as the router sees it.
pub(crate) struct Mounted {
    pub(crate) endpoint: &'static Endpoint,
    pub(crate) run: RunFn,
}

/// What every handler shares.
pub(crate) struct AppState {
    pub(crate) engine: Arc<Engine>,
    /// Every run's job.
    pub(crate) jobs: Arc<crate::jobs::Jobs>,
    /// The heartbeat of event streams (`SSE_HEARTBEAT_S`).
    pub(crate) sse_heartbeat: std::time::Duration,
    pub(crate) readiness: Arc<Readiness>,
    /// Largest request body.
    pub(crate) max_body: usize,
    /// The memory budget of bodies held at once, and the deepest JSON.
    pub(crate) bodies: body::BodyLimits,
    /// `/ready` fails while ComfyUI's queue is this long (0: no limit).
    pub(crate) max_queue_depth: u64,
    pub(crate) openapi: Value,
    /// `None` when metrics are off (`METRICS=false`).
    pub(crate) metrics: Option<Arc<crate::telemetry::metrics::Metrics>>,
    /// The API keys in force.
    pub(crate) auth: Arc<crate::auth::live::Auth>,
    /// Paths reachable without a key.
    pub(crate) public_routes: Vec<glob::Pattern>,
    /// The compiled endpoints' paths (what endpoint scopes are about).
    pub(crate) endpoint_paths: HashSet<String>,
    /// Whether raw `POST /prompt` runs graphs.
    pub(crate) raw_prompt: bool,
    /// Which origins may call from a browser.
    pub(crate) cors: crate::config::Cors,
}

pub(crate) fn router(endpoints: Vec<Mounted>, state: Arc<AppState>) -> Router {
    let mut router = operations::routes()
        .merge(jobs::routes())
        .route(routes::PROMPT.path, post(raw_prompt::handle))
        .route(
            routes::OPENAPI.path,
            get(|State(s): State<Arc<AppState>>| async move { axum::Json(s.openapi.clone()) }),
        );
    for m in endpoints {
        let (described, run) = (m.endpoint, m.run);
        router = router.route(
            &described.path,
            post(
                move |State(s): State<Arc<AppState>>,
                      axum::Extension(caller): axum::Extension<crate::auth::Caller>,
                      uri: axum::http::Uri,
                      headers: axum::http::HeaderMap,
                      body: axum::body::Body| {
                    endpoint::handle(s, described, run, caller, uri, headers, body)
                },
            ),
        );
    }
    let router = metrics::route(router, state.metrics.as_ref());
    let recorder = state.metrics.clone();
    let cors = cors::layer(&state.cors);
    let router = router
        .merge(docs::routes())
        .fallback(|uri: axum::http::Uri| async move {
            problem::response(Problem::new(
                ProblemKind::NotFound,
                format!(
                    "nothing is served at `{}`; see /openapi.json for the endpoints",
                    uri.path()
                ),
            ))
        })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::layer,
        ))
        .with_state(state);
    // Outermost first: the request id, the metrics (every answer counts,
    // 401s and preflights included), CORS (a preflight needs no key), then
    // the key check.
    let router = match cors {
        Some(cors) => router.layer(cors),
        None => router,
    };
    metrics::layer(router, recorder).layer(axum::middleware::from_fn(guard::layer))
}
