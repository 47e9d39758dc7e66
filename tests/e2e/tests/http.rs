//! The generated endpoints over HTTP (the axum router, without a socket):
//! the envelope, every validation error with its JSON pointer, dry runs
//! that return the graph with the request's values, problem+json errors.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

async fn post(path: &str, body: &str) -> (StatusCode, String, Value) {
    let response = wfc_api::app()
        .router()
        .oneshot(
            Request::post(path)
                .header("content-type", "application/json")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn pointers(problem: &Value) -> Vec<(&str, &str)> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["pointer"].as_str().unwrap(),
                e["keyword"].as_str().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn dry_run_returns_the_graph_with_bound_values() {
    let (status, _, body) = post(
        "/workflows/sd15/txt2img?dry_run=true",
        r#"{"id": "req-1", "input": {"prompt": "a red fox", "steps": 30, "width": 640, "seed": 7}}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["id"], "req-1");
    let prompt = &body["prompt"];
    let (sampler, text, latent) = (
        &prompt["3"]["inputs"],
        &prompt["6"]["inputs"],
        &prompt["5"]["inputs"],
    );
    assert_eq!(text["text"], "a red fox");
    assert_eq!(sampler["steps"], 30);
    assert_eq!(sampler["seed"], 7);
    assert_eq!(latent["width"], 640);
    assert_eq!(latent["height"], 512, "defaults fill omitted fields");
    assert_eq!(sampler["model"], json!(["4", 0]), "links are untouched");
}

#[tokio::test]
async fn random_seeds_differ_per_request_and_fan_out() {
    let mut seeds = std::collections::HashSet::new();
    for _ in 0..5 {
        let (_, _, body) = post(
            "/workflows/sdxl/base_refiner?dry_run=true",
            r#"{"input": {"prompt": "a castle"}}"#,
        )
        .await;
        let prompt = body["prompt"].as_object().unwrap();
        let noise: Vec<&Value> = prompt
            .values()
            .filter(|n| n["class_type"] == "KSamplerAdvanced")
            .map(|n| &n["inputs"]["noise_seed"])
            .collect();
        assert_eq!(noise.len(), 2);
        assert_eq!(noise[0], noise[1], "one seed field feeds both samplers");
        seeds.insert(noise[0].as_u64().unwrap());
    }
    assert!(seeds.len() >= 4, "random seeds repeat: {seeds:?}");
}

#[tokio::test]
async fn image_fields_become_upload_slots() {
    let (status, _, body) = post(
        "/workflows/sd15/inpaint?dry_run=true",
        r#"{"input": {"prompt": "p", "image": "https://example.com/in.png", "mask": "data:image/png;base64,AAAA"}}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let slots: Vec<(&str, &str)> = body["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["field"].as_str().unwrap(), s["source"].as_str().unwrap()))
        .collect();
    assert_eq!(
        slots,
        [
            ("image", "https://example.com/in.png"),
            ("mask", "data:image/png;base64,AAAA")
        ]
    );
}

#[tokio::test]
async fn every_violation_is_a_422_with_its_pointer() {
    let (status, content_type, body) = post(
        "/workflows/sd15/txt2img",
        r#"{"input": {"prompt": "", "steps": 101, "cfg": "high", "sampler_name": "eulr", "colour": 1}, "extra": true}"#,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(content_type, "application/problem+json");
    assert_eq!(body["status"], 422);
    assert_eq!(
        pointers(&body),
        [
            ("/extra", "additionalProperties"),
            ("/input/colour", "additionalProperties"),
            ("/input/prompt", "minLength"),
            ("/input/steps", "maximum"),
            ("/input/cfg", "type"),
            ("/input/sampler_name", "enum"),
        ]
    );
    let (_, _, body) = post("/workflows/sd15/txt2img", r#"{"id": 5}"#).await;
    assert_eq!(pointers(&body), [("/id", "type"), ("/input", "required")]);
    let (_, _, body) = post("/workflows/sd15/txt2img", r#"{"input": {}}"#).await;
    assert_eq!(pointers(&body), [("/input/prompt", "required")]);
}

#[tokio::test]
async fn malformed_bodies_unknown_paths_and_missing_backend_are_problems() {
    let (status, content_type, body) = post("/workflows/sd15/txt2img", "{not json").await;
    assert_eq!(
        (status, content_type.as_str()),
        (StatusCode::BAD_REQUEST, "application/problem+json")
    );
    assert_eq!(body["type"], "urn:wfc:problem:invalid-json");
    let (status, _, body) = post("/workflows/nope", "{}").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["detail"].as_str().unwrap().contains("/workflows/nope"));
    let (status, _, _) = post(
        "/workflows/basic/solid_invert",
        r#"{"input": {}, "webhook": "http://127.0.0.1:1/hook"}"#,
    )
    .await;
    // A webhook makes the request asynchronous: accepted as a job even
    // with no ComfyUI behind (the job then fails).
    assert_eq!(status, StatusCode::ACCEPTED);
    let (status, _, body) = post("/workflows/basic/solid_invert", r#"{"input": {}}"#).await;
    assert_eq!(
        status,
        StatusCode::SERVICE_UNAVAILABLE,
        "no ComfyUI client yet: {body}"
    );
}

/// One request through the router: status, headers, JSON body.
async fn call(request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let response = wfc_api::app().router().oneshot(request).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn with_type(method: &str, path: &str, content_type: Option<&str>, body: &str) -> Request<Body> {
    let mut r = Request::builder().method(method).uri(path);
    if let Some(t) = content_type {
        r = r.header("content-type", t);
    }
    r.body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn bodies_not_sent_as_json_are_415_on_every_route_with_a_body() {
    let dry = "/workflows/sd15/txt2img?dry_run=true";
    let envelope = r#"{"input": {"prompt": "a fox"}}"#;
    for (path, content_type) in [
        (dry, Some("text/plain")),
        (dry, Some("application/x-www-form-urlencoded")),
        (dry, Some("multipart/form-data; boundary=x")),
        ("/prompt", Some("text/plain;charset=UTF-8")),
        ("/interrupt", Some("text/plain")),
        (dry, None),
        ("/interrupt", None),
    ] {
        let (status, headers, body) = call(with_type("POST", path, content_type, envelope)).await;
        assert_eq!(
            status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{path} {content_type:?}: {body}"
        );
        assert_eq!(headers["content-type"], "application/problem+json");
        assert_eq!(body["type"], "urn:wfc:problem:unsupported-media-type");
        assert!(
            body["detail"]
                .as_str()
                .unwrap()
                .contains("send Content-Type: application/json"),
            "{body}"
        );
    }
    let (_, _, body) = call(with_type("POST", dry, None, envelope)).await;
    assert!(
        body["detail"].as_str().unwrap().contains("no Content-Type"),
        "{body}"
    );
    for json_type in [
        "application/json; charset=utf-8",
        "application/vnd.wfc+json",
    ] {
        let (status, _, body) = call(with_type("POST", dry, Some(json_type), envelope)).await;
        assert_eq!(status, StatusCode::OK, "{json_type}: {body}");
    }
}

#[tokio::test]
async fn a_content_length_over_the_limit_is_413_before_the_body_is_read() {
    // A body that never yields a byte: reading it would hang the test.
    let never = || futures_util::stream::pending::<Result<axum::body::Bytes, std::io::Error>>();
    for path in ["/workflows/sd15/txt2img", "/prompt", "/interrupt"] {
        let request = Request::post(path)
            .header("content-type", "application/json")
            .header("content-length", (200u64 << 20).to_string())
            .body(Body::from_stream(never()))
            .unwrap();
        let (status, headers, body) = call(request).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{path}: {body}");
        assert_eq!(headers["content-type"], "application/problem+json");
        assert_eq!(body["type"], "urn:wfc:problem:body-too-large");
    }
}

#[tokio::test]
async fn query_string_errors_are_422_problems_naming_the_parameter() {
    for query in ["dry_run=maybe", "dry_run", "dry_run=true&dry_run=false"] {
        let path = format!("/workflows/sd15/txt2img?{query}");
        let (status, headers, body) = call(with_type(
            "POST",
            &path,
            Some("application/json"),
            r#"{"input": {"prompt": "a fox"}}"#,
        ))
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {body}");
        assert_eq!(headers["content-type"], "application/problem+json");
        assert_eq!(body["type"], "urn:wfc:problem:invalid-request");
        assert_eq!(pointers(&body), [("?dry_run", "type")], "{query}");
    }
    let (status, _, body) = call(with_type(
        "POST",
        "/workflows/sd15/txt2img?dry_run=false&other=1",
        Some("application/json"),
        "{not json",
    ))
    .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "other parameters are ignored: {body}"
    );
}

#[tokio::test]
async fn a_wrong_method_is_a_405_problem_with_allow() {
    for (method, path, allow) in [
        ("GET", "/prompt", "POST"),
        ("DELETE", "/workflows/sd15/txt2img", "POST"),
        ("POST", "/health", "GET,HEAD"),
    ] {
        let (status, headers, body) = call(with_type(method, path, None, "")).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        assert_eq!(headers["content-type"], "application/problem+json");
        assert_eq!(headers["allow"], allow, "{method} {path}");
        assert_eq!(body["type"], "urn:wfc:problem:method-not-allowed");
        assert!(body["detail"].as_str().unwrap().contains(path), "{body}");
    }
    let (status, _, body) = call(with_type("GET", "/nope", None, "")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["type"], "urn:wfc:problem:not-found");
}

#[tokio::test]
async fn request_ids_are_taken_when_safe_and_returned_on_every_answer() {
    let dry = "/workflows/sd15/txt2img?dry_run=true";
    let with_id = |id: &str, path: &str, body: &str| {
        Request::post(path)
            .header("content-type", "application/json")
            .header("x-request-id", id)
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    // Kept, and the answer's id when the envelope has none.
    let (status, headers, body) = call(with_id(
        "client-1.a:b_c",
        dry,
        r#"{"input": {"prompt": "a"}}"#,
    ))
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers["x-request-id"], "client-1.a:b_c");
    assert_eq!(body["id"], "client-1.a:b_c");
    // The envelope's id keeps priority for the answer.
    let (_, headers, body) = call(with_id(
        "client-2",
        dry,
        r#"{"id": "env-2", "input": {"prompt": "a"}}"#,
    ))
    .await;
    assert_eq!(headers["x-request-id"], "client-2");
    assert_eq!(body["id"], "env-2");
    // On problems too: 404, 405, 415, 422.
    for (method, path, content_type) in [
        ("POST", "/nope", Some("application/json")),
        ("GET", "/prompt", None),
        ("POST", "/prompt", Some("text/plain")),
        ("POST", dry, Some("application/json")),
    ] {
        let mut r = Request::builder()
            .method(method)
            .uri(path)
            .header("x-request-id", "p-1");
        if let Some(t) = content_type {
            r = r.header("content-type", t);
        }
        let (status, headers, _) = call(r.body(Body::from("{}")).unwrap()).await;
        assert!(status.is_client_error(), "{method} {path}: {status}");
        assert_eq!(headers["x-request-id"], "p-1", "{method} {path}");
    }
    // Unsafe or too long: ignored, a fresh one given.
    for bad in ["has space", "a/b", "<script>", &"x".repeat(129)] {
        let (_, headers, body) = call(with_id(bad, dry, r#"{"input": {"prompt": "a"}}"#)).await;
        let given = headers["x-request-id"].to_str().unwrap();
        assert_ne!(given, bad);
        assert_eq!(given.len(), 36, "{given}");
        assert_eq!(body["id"], given);
    }
    // None given: a fresh one, on GET routes too.
    let (_, headers, _) = call(with_type("GET", "/health", None, "")).await;
    assert_eq!(headers["x-request-id"].to_str().unwrap().len(), 36);
}
