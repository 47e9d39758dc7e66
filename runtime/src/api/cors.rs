//! CORS (`CORS_ALLOWED_ORIGINS`), from tower-http: preflights answered,
//! the request headers the SDKs send allowed, and the answer headers they
//! read exposed.

use crate::config::Cors;
use axum::http::{HeaderName, HeaderValue, Method, header};
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The headers browsers may send: the body's type, keys, idempotency,
/// `Prefer: respond-async`, SSE resumption, and the request id.
const ALLOWED: [HeaderName; 8] = [
    header::CONTENT_TYPE,
    header::AUTHORIZATION,
    header::ACCEPT,
    HeaderName::from_static("x-api-key"),
    HeaderName::from_static("idempotency-key"),
    HeaderName::from_static("prefer"),
    HeaderName::from_static("last-event-id"),
    HeaderName::from_static("x-request-id"),
];

/// The headers pages may read besides the CORS-safelisted ones.
const EXPOSED: [HeaderName; 5] = [
    header::LOCATION,
    header::RETRY_AFTER,
    header::WWW_AUTHENTICATE,
    HeaderName::from_static("idempotency-replayed"),
    HeaderName::from_static("x-request-id"),
];

/// The layer for `cors`, or `None` when CORS is off.
pub(crate) fn layer(cors: &Cors) -> Option<CorsLayer> {
    let origin = match cors {
        Cors::Off => return None,
        Cors::Any => AllowOrigin::any(),
        Cors::Origins(list) => AllowOrigin::list(
            list.iter()
                .map(|o| HeaderValue::from_str(o).expect("a parsed origin is a header value")),
        ),
    };
    Some(
        CorsLayer::new()
            .allow_origin(origin)
            .allow_methods([Method::GET, Method::POST, Method::DELETE, Method::OPTIONS])
            .allow_headers(ALLOWED)
            .expose_headers(EXPOSED)
            .max_age(Duration::from_secs(600)),
    )
}
