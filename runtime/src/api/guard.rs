//! What every answer goes through: the request id (`X-Request-Id`, the
//! client's when it is safe, else a fresh one) put on the request for the
//! handlers and on every answer, and axum's bare 405 turned into a
//! problem that keeps its `Allow` header.

use super::problem;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use wfc_contract::wire::{Problem, ProblemKind};

/// `X-Request-Id`.
pub(crate) const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest client request id accepted.
const MAX_ID_LEN: usize = 128;

/// A client's request id is kept when it is 1 to 128 characters of
/// `[A-Za-z0-9._:-]`.
pub(crate) fn acceptable_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

/// The request id the guard put on the request (a fresh one when the
/// request did not pass through it).
pub(crate) fn request_id(headers: &axum::http::HeaderMap) -> String {
    headers
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| acceptable_id(v))
        .map(str::to_string)
        .unwrap_or_else(crate::ids::random_id)
}

/// The middleware: settles the request id, answers, and marks the answer.
pub(crate) async fn layer(mut request: Request, next: Next) -> Response {
    let id = request_id(request.headers());
    let value = HeaderValue::from_str(&id).expect("a checked id is a header value");
    request.headers_mut().insert(REQUEST_ID, value.clone());
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    if response.status() == StatusCode::METHOD_NOT_ALLOWED && !is_problem(&response) {
        let allow = response.headers().get(header::ALLOW).cloned();
        let listed = allow
            .as_ref()
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        response = problem::response(Problem::new(
            ProblemKind::MethodNotAllowed,
            format!("`{path}` does not answer to {method}; it answers to {listed}"),
        ));
        if let Some(allow) = allow {
            response.headers_mut().insert(header::ALLOW, allow);
        }
    }
    response.headers_mut().insert(REQUEST_ID, value);
    response
}

fn is_problem(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids_are_kept_others_are_not() {
        for yes in ["a", "req-1", "a.b_c:d-E9", &"x".repeat(128)] {
            assert!(acceptable_id(yes), "{yes}");
        }
        for no in ["", &"x".repeat(129), "a b", "a/b", "é", "a\nb", "a,b"] {
            assert!(!acceptable_id(no), "{no:?}");
        }
    }
}
