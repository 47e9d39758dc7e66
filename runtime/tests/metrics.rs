//! The app's router serves its own metrics at `GET /metrics`, counting
//! the requests it answered by route template, and has no such route when
//! metrics are off; two apps do not share a registry.

use axum::body::Body;
use axum::http::Request;
use tower::ServiceExt;
use wfc_runtime::{App, Config};

async fn call(router: &axum::Router, method: &str, uri: &str) -> (u16, String, String) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::empty())
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (
        status,
        content_type,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

/// The line of `series` (`name{labels}`) in `text`, with its value.
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
        .map(|v| v.trim().parse().unwrap())
}

#[tokio::test]
async fn the_app_s_router_serves_its_own_metrics_unless_turned_off() {
    let router = App::new("t", "1").router();
    assert_eq!(call(&router, "GET", "/openapi.json").await.0, 200);
    assert_eq!(call(&router, "POST", "/prompt").await.0, 415);
    assert_eq!(call(&router, "GET", "/no/such/path").await.0, 404);
    let (status, content_type, text) = call(&router, "GET", "/metrics").await;
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/plain; version=0.0.4; charset=utf-8");
    for (labels, n) in [
        (r#"route="/openapi.json",method="GET",status="200""#, 1.0),
        (r#"route="/prompt",method="POST",status="415""#, 1.0),
        (r#"route="unmatched",method="GET",status="404""#, 1.0),
    ] {
        let series = format!("wfc_http_requests_total{{{labels}}}");
        assert_eq!(sample(&text, &series), Some(n), "{series} in\n{text}");
    }
    // No ComfyUI client: no backend families.
    assert!(!text.contains("wfc_backend_"), "{text}");
    // Another app has its own registry.
    let other = App::new("t", "1").router();
    let (_, _, text) = call(&other, "GET", "/metrics").await;
    assert!(!text.contains("openapi.json"), "{text}");
    let off = Config {
        metrics: false,
        ..Config::default()
    };
    let router = App::new("t", "1").router_with(&off).unwrap();
    let (status, content_type, _) = call(&router, "GET", "/metrics").await;
    assert_eq!(
        (status, content_type.as_str()),
        (404, "application/problem+json")
    );
}
