//! Submitting a checked request as a job, shared by compiled endpoints
//! and raw `/prompt`: the `Idempotency-Key` and `Prefer: respond-async`
//! headers, the request's hash, and the answer: the run's result
//! (synchronous), or `202 Accepted` with the job (asynchronous: the
//! envelope has `webhook`/`webhook_v2` or the client prefers it; and every
//! replay of an idempotency key or id).

use super::{AppState, problem, respond};
use crate::jobs::{Submission, Submitted};
use crate::store::JobRecord;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Instant;
use wfc_contract::wire::{Accepted, AcceptedStatus, MAX_IDEMPOTENCY_KEY, Problem, ProblemKind};

/// The header naming a submit's idempotency key.
pub(crate) const IDEMPOTENCY_KEY: &str = "idempotency-key";
/// The answer's header saying the key or id named an existing job.
pub(crate) const IDEMPOTENCY_REPLAYED: &str = "idempotency-replayed";

/// What a submit's headers ask for.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Asked {
    /// `Prefer: respond-async`.
    pub(crate) respond_async: bool,
    /// The `Idempotency-Key`.
    pub(crate) key: Option<String>,
}

/// Reads `Prefer` and `Idempotency-Key`; a key that is empty, too long or
/// not visible ASCII is a 400 naming the header.
pub(crate) fn asked(headers: &HeaderMap) -> Result<Asked, Box<Problem>> {
    let respond_async = headers
        .get_all(header::HeaderName::from_static("prefer"))
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|p| {
            p.split([';', '='])
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("respond-async"))
        });
    let key = match headers.get(IDEMPOTENCY_KEY) {
        None => None,
        Some(v) => {
            let pointer = "/headers/idempotency-key";
            let text = v.to_str().map_err(|_| {
                Box::new(Problem::parameter(
                    pointer,
                    "the Idempotency-Key is visible ASCII text",
                ))
            })?;
            // The draft's form is a quoted string; a bare token is taken too.
            let key = text
                .strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                .unwrap_or(text);
            if key.is_empty() {
                return Err(Box::new(Problem::parameter(
                    pointer,
                    "the Idempotency-Key is empty",
                )));
            }
            if key.len() > MAX_IDEMPOTENCY_KEY {
                return Err(Box::new(Problem::parameter(
                    pointer,
                    format!(
                        "the Idempotency-Key has {} characters; at most {MAX_IDEMPOTENCY_KEY} are accepted",
                        key.len()
                    ),
                )));
            }
            Some(key.to_string())
        }
    };
    Ok(Asked { respond_async, key })
}

/// The hash that says whether two submits are the same request: the
/// route and the body (keys sorted, so their order does not matter).
pub(crate) fn request_hash(route: &str, body: &Map<String, Value>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(route.as_bytes());
    hasher.update(b"\n");
    hasher.update(serde_json::to_vec(body).expect("a JSON object serializes"));
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Submits and answers: the run's result when `respond_async` is off and
/// the job is new, else `202 Accepted`.
pub(crate) async fn answer(
    state: &Arc<AppState>,
    headers: &HeaderMap,
    submission: Submission,
    respond_async: bool,
    prefer_async: bool,
) -> Response {
    let id = submission.id.clone();
    let arrived: Instant = submission.arrived;
    let prompt = submission.graph.prompt.clone();
    let submitted = match state.jobs.submit(submission).await {
        Ok(s) => s,
        Err(p) => return problem::response(p),
    };
    match submitted {
        Submitted::Replayed(job) => accepted(job, prompt, prefer_async, true),
        Submitted::New { job, .. } if respond_async => accepted(job, prompt, prefer_async, false),
        Submitted::New { done, .. } => match done.await {
            Ok(Ok(output)) => respond::run_output(headers, &id, output, arrived),
            Ok(Err(problem)) => problem::response(problem),
            Err(_) => problem::response(Problem::new(
                ProblemKind::StoreFailed,
                format!("job {id} stopped without a result; see GET /jobs/{id}"),
            )),
        },
    }
}

/// `202 Accepted`: comfyui-api's fields, the job, `Location`.
fn accepted(
    job: JobRecord,
    prompt: serde_json::Value,
    prefer_async: bool,
    replayed: bool,
) -> Response {
    let job = job.to_wire();
    let location = HeaderValue::from_str(&job.links.self_).expect("links are ASCII");
    let body = Accepted {
        status: AcceptedStatus::Ok,
        id: job.id.clone(),
        prompt,
        job,
    };
    let mut response = (StatusCode::ACCEPTED, axum::Json(body)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::LOCATION, location);
    if prefer_async {
        headers.insert(
            header::HeaderName::from_static("preference-applied"),
            HeaderValue::from_static("respond-async"),
        );
    }
    if replayed {
        headers.insert(IDEMPOTENCY_REPLAYED, HeaderValue::from_static("true"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    #[test]
    fn prefer_respond_async_is_found_among_other_preferences() {
        for prefer in [
            "respond-async",
            "wait=10, Respond-Async",
            "return=minimal; x, respond-async",
        ] {
            assert!(
                asked(&headers(&[("prefer", prefer)]))
                    .unwrap()
                    .respond_async,
                "{prefer}"
            );
        }
        for prefer in ["respond-asynchronously", "wait=respond-async", ""] {
            assert!(
                !asked(&headers(&[("prefer", prefer)]))
                    .unwrap()
                    .respond_async,
                "{prefer}"
            );
        }
    }

    #[test]
    fn idempotency_keys_are_checked_and_unquoted() {
        let key = |v: &str| asked(&headers(&[(IDEMPOTENCY_KEY, v)]));
        assert_eq!(key("\"abc\"").unwrap().key.as_deref(), Some("abc"));
        assert_eq!(key("abc").unwrap().key.as_deref(), Some("abc"));
        let long = key(&"k".repeat(256)).unwrap_err();
        assert_eq!(long.status, 400);
        assert_eq!(long.errors[0].pointer, "/headers/idempotency-key");
        assert!(long.detail.contains("256"), "{}", long.detail);
        assert!(key(&"k".repeat(255)).is_ok());
        assert_eq!(key("\"\"").unwrap_err().status, 400);
    }

    #[test]
    fn the_hash_ignores_key_order_and_sees_the_route() {
        let a: Map<String, Value> =
            serde_json::from_str(r#"{"a": 1, "b": {"c": 2, "d": 3}}"#).unwrap();
        let b: Map<String, Value> =
            serde_json::from_str(r#"{"b": {"d": 3, "c": 2}, "a": 1}"#).unwrap();
        assert_eq!(request_hash("/x", &a), request_hash("/x", &b));
        assert_ne!(request_hash("/x", &a), request_hash("/y", &a));
    }
}
