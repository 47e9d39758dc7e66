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
    assert_eq!(status, StatusCode::NOT_IMPLEMENTED);
    let (status, _, body) = post("/workflows/basic/solid_invert", r#"{"input": {}}"#).await;
    assert_eq!(
        status,
        StatusCode::SERVICE_UNAVAILABLE,
        "no ComfyUI client yet: {body}"
    );
}
