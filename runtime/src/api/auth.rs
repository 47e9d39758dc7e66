//! The API-key check of every request: public routes (`PUBLIC_ROUTES`)
//! pass, others need a key as `Authorization: Bearer <key>` or
//! `X-API-Key` (401 with `WWW-Authenticate` without one), a key within
//! its rate (429 with `Retry-After`) and its scopes (403). The handlers
//! find the [`Caller`] among the request's extensions. Keys are never
//! logged, and no answer repeats one.

use super::{AppState, problem};
use crate::auth::Caller;
use crate::auth::live::Admission;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;
use wfc_contract::routes;
use wfc_contract::wire::{Problem, ProblemKind};

/// `X-API-Key`.
const X_API_KEY: &str = "x-api-key";

/// The middleware.
pub(crate) async fn layer(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let caller = match admit(
        &state,
        request.method(),
        request.uri().path(),
        request.headers(),
    ) {
        Ok(caller) => caller,
        Err(refusal) => return refusal.response(),
    };
    request.extensions_mut().insert(caller);
    next.run(request).await
}

/// Who the request is, or the answer refusing it.
fn admit(
    state: &AppState,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
) -> Result<Caller, Refusal> {
    if state.auth.is_open() {
        return Ok(Caller::Open);
    }
    // A preflight carries no credentials; what it may learn (the allowed
    // methods) is public.
    if method == Method::OPTIONS
        || state
            .public_routes
            .iter()
            .any(|p| crate::auth::path_glob_matches(p, path))
    {
        return Ok(Caller::Anonymous);
    }
    let Some(key) = credentials(headers)? else {
        return Err(unauthorized(
            None,
            "this server needs an API key: send `Authorization: Bearer <key>` or `X-API-Key: <key>`",
        ));
    };
    let key = match state.auth.admit(key) {
        Admission::Admitted(key) => key,
        Admission::Unknown => {
            return Err(unauthorized(
                Some("invalid_token"),
                "the API key is not one this server knows (revoked, mistyped, or for another server)",
            ));
        }
        Admission::Limited(wait) => {
            return Err(Refusal::Limited(wait.as_secs_f64().ceil().max(1.0) as u64));
        }
    };
    if path == routes::PROMPT.path && !key.scopes.raw_prompt {
        return Err(Refusal::Forbidden(format!(
            "the API key `{}` may not call POST /prompt, which runs any graph; give it `raw_prompt = true` in the key file",
            key.name
        )));
    }
    if state.endpoint_paths.contains(path) && !key.scopes.allows_endpoint(path) {
        let globs: Vec<&str> = key
            .scopes
            .endpoints
            .iter()
            .map(glob::Pattern::as_str)
            .collect();
        return Err(Refusal::Forbidden(format!(
            "the API key `{}` may not call `{path}`; its endpoints are {}",
            key.name,
            globs.join(", ")
        )));
    }
    Ok(Caller::Key {
        name: key.name,
        jobs: key.scopes.jobs,
    })
}

/// The key the request presents: `Authorization: Bearer` or `X-API-Key`
/// (the same key when both are given).
fn credentials(headers: &HeaderMap) -> Result<Option<&str>, Refusal> {
    let bearer = match headers.get(header::AUTHORIZATION) {
        None => None,
        Some(value) => {
            let text = value.to_str().unwrap_or("");
            let (scheme, token) = text.trim().split_once(' ').unwrap_or((text, ""));
            if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
                return Err(unauthorized(
                    Some("invalid_request"),
                    "the Authorization header is not `Bearer <key>`",
                ));
            }
            Some(token.trim())
        }
    };
    let header_key = headers
        .get(X_API_KEY)
        .map(|v| v.to_str().unwrap_or("").trim());
    match (bearer, header_key) {
        (Some(a), Some(b)) if a != b => Err(unauthorized(
            Some("invalid_request"),
            "`Authorization` and `X-API-Key` carry different keys; send one",
        )),
        (Some(k), _) | (None, Some(k)) if !k.is_empty() => Ok(Some(k)),
        (None, Some(_)) => Err(unauthorized(
            Some("invalid_request"),
            "`X-API-Key` is empty",
        )),
        _ => Ok(None),
    }
}

/// Why a request is refused.
enum Refusal {
    /// 401: the RFC 6750 `error` code, if any, and what is wrong.
    Unauthorized(Option<&'static str>, &'static str),
    /// 403, saying what the key lacks.
    Forbidden(String),
    /// 429: seconds until the bucket holds a token.
    Limited(u64),
}

fn unauthorized(error: Option<&'static str>, detail: &'static str) -> Refusal {
    Refusal::Unauthorized(error, detail)
}

impl Refusal {
    fn response(self) -> Response {
        match self {
            Refusal::Unauthorized(error, detail) => {
                let mut answer = problem::response(Problem::new(ProblemKind::Unauthorized, detail));
                let challenge = match error {
                    Some(e) => format!("Bearer realm=\"wfc\", error=\"{e}\""),
                    None => "Bearer realm=\"wfc\"".to_string(),
                };
                answer.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_str(&challenge).expect("a plain challenge"),
                );
                answer
            }
            Refusal::Forbidden(detail) => {
                problem::response(Problem::new(ProblemKind::Forbidden, detail))
            }
            Refusal::Limited(seconds) => {
                let mut answer = problem::response(Problem::new(
                    ProblemKind::RateLimited,
                    format!("the rate limit of this API key is reached; retry in {seconds} s"),
                ));
                answer
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
                answer
            }
        }
    }
}
