//! Swagger UI at `/docs`, served from the binary itself.
//!
//! The page and its assets (`swagger-ui-bundle.js`, `swagger-ui.css`, their
//! source maps and the OAuth2 redirect page) come from the `swagger-ui-dist`
//! crate, which embeds them with `include_str!`: nothing is fetched from a
//! CDN, so the documentation works on a machine without internet access.
//! The page loads the API's description from `/openapi.json`, the route
//! [`crate::api`] serves.
//!
//! `swagger-ui-dist` builds the page's asset links from the request URI as
//! sent, so `/docs/` would link `/docs//swagger-ui.css` (which no route
//! matches) and `/docs?x=1` would link `/docs?x=1/swagger-ui.css`. A route
//! layer hands the page handler the canonical URI `/docs` instead, so
//! `/docs`, `/docs/` and either with a query string serve the same page.

use axum::Router;
use axum::extract::Request;
use axum::http::Uri;
use axum::middleware;
use swagger_ui_dist::{ApiDefinition, OpenApiSource};

/// Where the page is served; its assets are below it.
const PREFIX: &str = wfc_contract::routes::DOCS.path;

/// The document the page renders.
const SPEC_URL: &str = wfc_contract::routes::OPENAPI.path;

/// The page's `<title>`. Swagger UI shows the API's own title (OpenAPI
/// `info.title`) in the page itself.
const TITLE: &str = "API documentation";

/// Swagger UI's page at `/docs` and `/docs/`, and its assets below `/docs/`.
///
/// The routes need no state; they merge into a router of any state type
/// (`.merge(docs::routes())`).
pub(crate) fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    swagger_ui_dist::generate_routes(ApiDefinition {
        uri_prefix: PREFIX,
        api_definition: OpenApiSource::Uri(SPEC_URL),
        title: Some(TITLE),
    })
    .route_layer(middleware::map_request(canonical_page_uri))
    .with_state(())
}

/// Rewrites a request for the page (`/docs/`, or with a query string) to
/// `/docs`, the URI the page's asset links are built from.
async fn canonical_page_uri(mut request: Request) -> Request {
    let path = request.uri().path();
    if path
        .strip_prefix(PREFIX)
        .is_some_and(|rest| rest.is_empty() || rest == "/")
    {
        *request.uri_mut() = Uri::from_static(PREFIX);
    }
    request
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::extract::State;
    use axum::http::StatusCode;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    /// Status, content type and body of `GET uri`.
    async fn get(router: Router, uri: &str) -> (StatusCode, String, Vec<u8>) {
        let response = router
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, content_type, body.to_vec())
    }

    /// The values of every `attr="..."` in `html`.
    fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
        let needle = format!("{attr}=\"");
        html.match_indices(&needle)
            .map(|(at, _)| {
                let rest = &html[at + needle.len()..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect()
    }

    async fn page(uri: &str) -> String {
        let (status, content_type, body) = get(routes(), uri).await;
        assert_eq!(status, StatusCode::OK, "GET {uri}");
        assert!(content_type.starts_with("text/html"), "{content_type}");
        String::from_utf8(body).unwrap()
    }

    #[tokio::test]
    async fn the_page_renders_the_openapi_document() {
        let html = page("/docs").await;
        assert!(html.contains("'/openapi.json'"), "{html}");
        assert!(html.contains(&format!("<title>{TITLE}</title>")), "{html}");
        assert!(html.contains("SwaggerUIBundle("), "{html}");
    }

    #[tokio::test]
    async fn the_page_is_the_same_with_a_trailing_slash_or_a_query() {
        let canonical = page("/docs").await;
        for uri in ["/docs/", "/docs?x=1", "/docs/?x=1"] {
            assert_eq!(page(uri).await, canonical, "GET {uri}");
        }
    }

    #[tokio::test]
    async fn every_asset_the_page_links_is_served_from_the_binary() {
        let html = page("/docs/").await;
        let mut assets = attribute_values(&html, "href");
        assets.extend(attribute_values(&html, "src"));
        assert_eq!(
            assets,
            ["/docs/swagger-ui.css", "/docs/swagger-ui-bundle.js"],
            "{html}"
        );
        for asset in assets {
            let (status, content_type, body) = get(routes(), asset).await;
            assert_eq!(status, StatusCode::OK, "GET {asset}");
            let expected = if asset.ends_with(".css") {
                "text/css"
            } else {
                "text/javascript"
            };
            assert!(
                content_type.starts_with(expected),
                "{asset}: {content_type}"
            );
            assert!(body.len() > 100_000, "{asset}: {} bytes", body.len());
        }
        assert!(
            !html.contains("://"),
            "the page links off the binary: {html}"
        );
    }

    #[tokio::test]
    async fn the_source_maps_are_served_as_json() {
        for asset in ["/docs/swagger-ui.css.map", "/docs/swagger-ui-bundle.js.map"] {
            let (status, content_type, body) = get(routes(), asset).await;
            assert_eq!(status, StatusCode::OK, "GET {asset}");
            assert!(
                content_type.starts_with("application/json"),
                "{content_type}"
            );
            serde_json::from_slice::<serde_json::Value>(&body).unwrap();
        }
    }

    #[tokio::test]
    async fn the_routes_merge_into_a_router_with_a_fallback() {
        // A router with state, like the one `crate::api` builds.
        let api = || {
            Router::new()
                .route(
                    "/openapi.json",
                    axum::routing::get(|State(doc): State<&'static str>| async move { doc }),
                )
                .fallback(|| async { (StatusCode::NOT_FOUND, "fallback") })
        };
        let merged = [
            api().merge(routes()).with_state("{}"),
            routes().merge(api()).with_state("{}"),
        ];
        for router in merged {
            let (status, _, _) = get(router.clone(), "/docs/").await;
            assert_eq!(status, StatusCode::OK);
            let (status, _, body) = get(router.clone(), "/docs/nothing-here").await;
            assert_eq!(
                (status, &body[..]),
                (StatusCode::NOT_FOUND, &b"fallback"[..])
            );
            let (status, _, body) = get(router, "/openapi.json").await;
            assert_eq!((status, &body[..]), (StatusCode::OK, &b"{}"[..]));
        }
    }
}
