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

#[cfg(test)]
mod tests {
    use crate::App;
    use crate::auth::Rate;
    use crate::config::{Config, Cors};
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use tower::ServiceExt;

    const ALICE: &str = "alice-key-0000000001";
    const BOB: &str = "bob-key-000000000002";

    fn keyed() -> Config {
        let mut config = Config::default();
        config
            .api_keys
            .add_env(&format!("alice:{ALICE},bob:{BOB}"))
            .unwrap();
        config
    }

    /// Status, `WWW-Authenticate`, `Retry-After` and the problem's type.
    async fn call(
        config: &Config,
        request: Request<Body>,
    ) -> (StatusCode, Option<String>, Option<String>, String) {
        let router = App::new("t", "1").router_with(config).unwrap();
        let answer = router.oneshot(request).await.unwrap();
        let header = |name: &str| {
            answer
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_string())
        };
        let (challenge, retry) = (header("www-authenticate"), header("retry-after"));
        let status = answer.status();
        let body = http_body_util::BodyExt::collect(answer.into_body())
            .await
            .unwrap()
            .to_bytes();
        let kind = serde_json::from_slice::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["type"].as_str().map(String::from))
            .unwrap_or_default();
        (status, challenge, retry, kind)
    }

    fn get(path: &str, headers: &[(&str, &str)]) -> Request<Body> {
        let mut r = Request::get(path);
        for (k, v) in headers {
            r = r.header(*k, *v);
        }
        r.body(Body::empty()).unwrap()
    }

    fn prompt(headers: &[(&str, &str)]) -> Request<Body> {
        let mut r = Request::post("/prompt").header("content-type", "application/json");
        for (k, v) in headers {
            r = r.header(*k, *v);
        }
        r.body(Body::from(
            r#"{"prompt": {"1": {"class_type": "X", "inputs": {}}}}"#,
        ))
        .unwrap()
    }

    #[tokio::test]
    async fn without_keys_everything_is_open() {
        let (status, challenge, ..) = call(&Config::default(), get("/models", &[])).await;
        // No ComfyUI behind the test router: 503, not 401.
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(challenge, None);
    }

    #[tokio::test]
    async fn the_matrix_of_missing_wrong_and_right_keys() {
        let config = keyed();
        let bearer = format!("Bearer {ALICE}");
        let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
            (
                get("/models", &[]),
                StatusCode::UNAUTHORIZED,
                "Bearer realm=\"wfc\"",
            ),
            (
                get("/models", &[("x-api-key", "not-a-key-of-this-server")]),
                StatusCode::UNAUTHORIZED,
                "error=\"invalid_token\"",
            ),
            (
                get("/models", &[("authorization", "Basic YTpi")]),
                StatusCode::UNAUTHORIZED,
                "error=\"invalid_request\"",
            ),
            (
                get("/models", &[("authorization", &bearer), ("x-api-key", BOB)]),
                StatusCode::UNAUTHORIZED,
                "error=\"invalid_request\"",
            ),
            // Unknown paths are not revealed to callers without a key.
            (
                get("/nothing/here", &[]),
                StatusCode::UNAUTHORIZED,
                "Bearer",
            ),
            (
                get("/models", &[("authorization", &bearer)]),
                StatusCode::SERVICE_UNAVAILABLE,
                "",
            ),
            (
                get("/models", &[("x-api-key", ALICE)]),
                StatusCode::SERVICE_UNAVAILABLE,
                "",
            ),
            (
                get(
                    "/models",
                    &[("authorization", &format!("bearer  {ALICE} "))],
                ),
                StatusCode::SERVICE_UNAVAILABLE,
                "",
            ),
            (
                get("/nothing/here", &[("x-api-key", ALICE)]),
                StatusCode::NOT_FOUND,
                "",
            ),
            (get("/health", &[]), StatusCode::OK, ""),
            (get("/openapi.json", &[]), StatusCode::OK, ""),
            (get("/docs/", &[]), StatusCode::OK, ""),
        ];
        for (request, want, challenge) in cases {
            let what = format!("{} {:?}", request.uri(), request.headers());
            let (status, got, _, kind) = call(&config, request).await;
            assert_eq!(status, want, "{what}");
            if status == StatusCode::UNAUTHORIZED {
                assert!(
                    got.as_deref().unwrap_or("").contains(challenge),
                    "{what}: {got:?}"
                );
                assert_eq!(kind, "urn:wfc:problem:unauthorized");
            } else {
                assert_eq!(got, None, "{what}");
            }
        }
    }

    #[tokio::test]
    async fn public_routes_are_configurable() {
        let config = Config {
            public_routes: Vec::new(),
            ..keyed()
        };
        assert_eq!(
            call(&config, get("/health", &[])).await.0,
            StatusCode::UNAUTHORIZED
        );
        let config = Config {
            public_routes: vec![crate::auth::parse_glob("/models").unwrap()],
            ..keyed()
        };
        assert_eq!(
            call(&config, get("/models", &[])).await.0,
            StatusCode::SERVICE_UNAVAILABLE
        );
    }

    #[tokio::test]
    async fn the_raw_route_is_a_scope_and_a_switch() {
        let mut config = Config::default();
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(
            file.path(),
            format!("[[keys]]\nname = \"plain\"\nkey = \"{ALICE}\"\n[[keys]]\nname = \"raw\"\nkey = \"{BOB}\"\nraw_prompt = true\n"),
        )
        .unwrap();
        config.api_keys_file = Some(file.path().into());
        let (status, _, _, kind) = call(&config, prompt(&[("x-api-key", ALICE)])).await;
        assert_eq!(
            (status, kind.as_str()),
            (StatusCode::FORBIDDEN, "urn:wfc:problem:forbidden")
        );
        let (status, ..) = call(&config, prompt(&[("x-api-key", BOB)])).await;
        assert_eq!(
            status,
            StatusCode::SERVICE_UNAVAILABLE,
            "allowed, then no ComfyUI"
        );
        let off = Config {
            raw_prompt: false,
            ..Config::default()
        };
        let (status, _, _, kind) = call(&off, prompt(&[])).await;
        assert_eq!(
            (status, kind.as_str()),
            (StatusCode::FORBIDDEN, "urn:wfc:problem:forbidden")
        );
    }

    #[tokio::test]
    async fn a_key_over_its_rate_gets_429_with_retry_after() {
        let config = Config {
            rate_limit: Some(Rate::parse("1/min", Some(2)).unwrap()),
            ..keyed()
        };
        let router = App::new("t", "1").router_with(&config).unwrap();
        let mut statuses = Vec::new();
        let mut retry = None;
        for _ in 0..3 {
            let answer = router
                .clone()
                .oneshot(get("/models", &[("x-api-key", ALICE)]))
                .await
                .unwrap();
            statuses.push(answer.status().as_u16());
            retry = answer.headers().get("retry-after").cloned();
        }
        assert_eq!(statuses, [503, 503, 429]);
        let seconds: u64 = retry.unwrap().to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&seconds), "{seconds}");
        // Bob's bucket is his own.
        let answer = router
            .oneshot(get("/models", &[("x-api-key", BOB)]))
            .await
            .unwrap();
        assert_eq!(answer.status().as_u16(), 503);
    }

    #[tokio::test]
    async fn preflights_need_no_key_and_list_what_the_sdks_use() {
        let config = Config {
            cors: Cors::parse("https://app.example.com").unwrap(),
            ..keyed()
        };
        let router = App::new("t", "1").router_with(&config).unwrap();
        let preflight = Request::builder()
            .method("OPTIONS")
            .uri("/prompt")
            .header("origin", "https://app.example.com")
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization, content-type, idempotency-key",
            )
            .body(Body::empty())
            .unwrap();
        let answer = router.clone().oneshot(preflight).await.unwrap();
        assert!(answer.status().is_success(), "{}", answer.status());
        let h = answer.headers();
        assert_eq!(h["access-control-allow-origin"], "https://app.example.com");
        let allowed = h["access-control-allow-headers"].to_str().unwrap();
        for name in [
            "authorization",
            "x-api-key",
            "idempotency-key",
            "last-event-id",
            "prefer",
        ] {
            assert!(allowed.contains(name), "{allowed}");
        }
        // An actual request from the page exposes the headers the SDKs read.
        let answer = router
            .clone()
            .oneshot(get("/health", &[("origin", "https://app.example.com")]))
            .await
            .unwrap();
        let exposed = answer.headers()["access-control-expose-headers"]
            .to_str()
            .unwrap();
        for name in [
            "location",
            "retry-after",
            "idempotency-replayed",
            "x-request-id",
        ] {
            assert!(exposed.contains(name), "{exposed}");
        }
        // Another origin gets no CORS grant.
        let answer = router
            .oneshot(get("/health", &[("origin", "https://evil.example")]))
            .await
            .unwrap();
        assert!(
            answer
                .headers()
                .get("access-control-allow-origin")
                .is_none()
        );
    }
}
