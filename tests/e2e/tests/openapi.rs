//! The OpenAPI document passes an independent validator
//! (`openapi-spec-validator` from PyPI, installed by `.ci/run`) with zero
//! errors, and the document the binary serves is the committed one.

use std::process::Command;

#[test]
fn openapi_document_passes_an_independent_validator() {
    let path = "../../generated/openapi.json";
    let out = Command::new("openapi-spec-validator")
        .arg(path)
        .output()
        .expect("openapi-spec-validator is installed (`python3 -m pip install openapi-spec-validator`; .ci/run does it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains(": OK"),
        "validator rejected {path}:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn served_document_is_the_committed_one() {
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("../../generated/openapi.json").unwrap())
            .unwrap();
    let served = wfc_api::app().openapi();
    assert_eq!(
        served, committed,
        "generated/openapi.json is stale; run `wfc build specs/`"
    );
    assert_eq!(served["openapi"], "3.1.0");
    let paths = served["paths"].as_object().unwrap();
    for meta in wfc_api::app().endpoints() {
        let op = &paths[meta.path.as_str()]["post"];
        assert_eq!(op["operationId"], meta.name);
        let request = format!("#/components/schemas/{}Request", meta.type_name());
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            request.as_str()
        );
    }
}

/// Swagger UI's "Try it out" sends the document's example: each one is a
/// request that succeeds (here as a dry run, which validates it fully).
#[tokio::test]
async fn every_endpoint_example_is_a_request_that_succeeds() {
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let doc = wfc_api::app().openapi();
    let mut checked = 0;
    for meta in wfc_api::app().endpoints() {
        let media =
            &doc["paths"][meta.path.as_str()]["post"]["requestBody"]["content"]["application/json"];
        let example = &media["example"];
        assert!(
            example["input"].is_object(),
            "{}: no example: {media}",
            meta.path
        );
        for key in ["webhook", "webhook_v2"] {
            assert!(
                example.get(key).is_none(),
                "{}: example has {key}",
                meta.path
            );
        }
        let response = wfc_api::app()
            .router()
            .oneshot(
                Request::post(format!("{}?dry_run=true", meta.path))
                    .header("content-type", "application/json")
                    .body(Body::from(example.to_string()))
                    .unwrap(),
            )
            .await
            .unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(
            status,
            200,
            "{}: the example {example} fails: {}",
            meta.path,
            String::from_utf8_lossy(&body)
        );
        checked += 1;
    }
    // One endpoint per spec of specs/: none was left out of the document.
    let specs = wfc_compiler::project::check_dir(
        "../../specs".as_ref(),
        &wfc_compiler::project::CatalogChoice::Auto,
    );
    assert_eq!(checked, specs.endpoints.len());
    assert!(checked > 0);
}
