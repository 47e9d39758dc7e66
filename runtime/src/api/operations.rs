//! The operations routes: `/health`, `/ready`, `/models`, `/interrupt`.

use super::{AppState, body, problem};
use crate::auth::Caller;
use crate::backend::BackendError;
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::sync::Arc;
use std::time::Duration;
use wfc_contract::wire::{Health, InterruptAnswer, Problem, ProblemKind, Ready};
use wfc_contract::{Violation, routes};

pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(
            routes::HEALTH.path,
            get(|| async {
                axum::Json(Health {
                    status: "ok".into(),
                })
            }),
        )
        .route(routes::READY.path, get(ready))
        .route(routes::MODELS.path, get(models))
        .route(routes::INTERRUPT.path, post(interrupt))
}

async fn ready(State(state): State<Arc<AppState>>) -> Response {
    let not_ready = |why: String| problem::response(Problem::new(ProblemKind::NotReady, why));
    let Some(comfy) = state.engine.comfy() else {
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
    if let Err(why) = state.readiness.check() {
        return not_ready(why);
    }
    let max = state.max_queue_depth;
    if max > 0 && depth >= max {
        return not_ready(format!(
            "ComfyUI's queue holds {depth} prompts (MAX_QUEUE_DEPTH is {max})"
        ));
    }
    axum::Json(Ready {
        status: "ready".into(),
        queue_remaining: depth,
    })
    .into_response()
}

async fn models(State(state): State<Arc<AppState>>) -> Response {
    let Some(comfy) = state.engine.comfy() else {
        return problem::response(Problem::new(
            ProblemKind::ComfyuiUnavailable,
            "no ComfyUI address is configured",
        ));
    };
    match comfy.models().await {
        Ok(m) => axum::Json(m).into_response(),
        Err(BackendError::Unreachable(e)) => {
            problem::response(Problem::new(ProblemKind::ComfyuiUnavailable, e))
        }
        Err(e) => problem::response(Problem::new(ProblemKind::ComfyuiProtocol, e.to_string())),
    }
}

async fn interrupt(
    State(state): State<Arc<AppState>>,
    axum::Extension(caller): axum::Extension<Caller>,
    headers: axum::http::HeaderMap,
    body: Body,
) -> Response {
    let env = match body::read_object(&headers, body, 64 * 1024, &state.bodies).await {
        Ok(e) => e,
        Err(p) => return problem::response(p),
    };
    let Some(id) = env.get("id").and_then(|v| v.as_str()) else {
        return problem::response(Problem::invalid(
            vec![Violation {
                pointer: "/id".into(),
                keyword: wfc_contract::Keyword::Required,
                message: "`id` (the request's id) is required".into(),
            }],
            routes::INTERRUPT.path,
        ));
    };
    // Another caller's request is as unknown as a finished one.
    if !state.engine.interrupt(id, &caller).await {
        return problem::response(Problem::new(
            ProblemKind::UnknownRequest,
            format!("no request with id `{id}` is waiting for ComfyUI"),
        ));
    }
    axum::Json(InterruptAnswer {
        id: id.to_string(),
        interrupted: true,
    })
    .into_response()
}
