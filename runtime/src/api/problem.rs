//! Problems as HTTP answers (`application/problem+json`, with the
//! headers some kinds carry). Which problem a failed run is lives in
//! [`crate::engine::problem`], shared with the job runner.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use wfc_contract::wire::{Problem, ProblemKind};

/// The problem as an `application/problem+json` answer.
pub(crate) fn response(problem: Problem) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(&problem).expect("a problem serializes");
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        body,
    )
        .into_response();
    if problem.kind_uri == ProblemKind::Busy.type_uri()
        || problem.kind_uri == ProblemKind::QueueFull.type_uri()
    {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, super::body::RETRY_AFTER_S.into());
    }
    if problem.kind_uri == ProblemKind::RequestTimeout.type_uri() {
        // The rest of the body may still come; the connection can't serve
        // another request.
        response.headers_mut().insert(
            header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
    }
    response
}
