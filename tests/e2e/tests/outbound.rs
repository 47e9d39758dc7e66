//! The outbound-address policy of the real API binary, with loopback
//! servers only: image URLs on 127.0.0.1 and on `localhost` are refused by
//! default (422 at the field, naming the settings that allow them) and
//! fetched when allowed; a redirect from an allowed server into a refused
//! address is refused; a server that never answers fails at the configured
//! timeout; an endless body stops at the size limit; a CIDR that does not
//! parse stops the binary at start.

use comfy_double::{Double, RunningDouble};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use wfc_e2e::{Api, Loopback, Reply};

fn double() -> RunningDouble {
    Double::builder()
        .step_delay_ms(1)
        .spawn()
        .expect("the double starts")
}

/// A small PNG.
fn png() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(8, 8, image::Rgb([10, 200, 30]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

/// A server of one PNG at every path.
fn image_server() -> Loopback {
    let png = png();
    Loopback::start(move |_| Reply::ok("image/png", &png))
}

/// Posts `image` to the blur endpoint: its status and JSON body.
fn blur(api: &Api, image: &str) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let body = json!({"input": {"image": image}}).to_string();
    let mut response = agent
        .post(format!("{}/workflows/basic/blur", api.url))
        .header("content-type", "application/json")
        .send(&body)
        .expect("the API answers");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap();
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (status, json)
}

/// The one violation of a 422 answer: pointer, keyword, message.
fn violation(status: u16, body: &Value) -> (String, String, String) {
    assert_eq!(status, 422, "{body}");
    let errors = body["errors"].as_array().expect("errors[]");
    assert_eq!(errors.len(), 1, "{body}");
    let field = |k: &str| errors[0][k].as_str().unwrap().to_string();
    (field("pointer"), field("keyword"), field("message"))
}

/// Asserts the answer is the refusal of `url`'s address.
fn assert_refused(answer: (u16, Value), url: &str) {
    let (pointer, keyword, message) = violation(answer.0, &answer.1);
    assert_eq!(pointer, "/input/image");
    assert_eq!(keyword, "x-wfc-image");
    assert!(message.contains("not allowed"), "{message}");
    assert!(
        message.contains("ALLOWED_FETCH_HOSTS") && message.contains("ALLOWED_FETCH_CIDRS"),
        "{message}"
    );
    assert!(message.contains(url), "{message}");
}

fn assert_ran(answer: (u16, Value)) {
    assert_eq!(answer.0, 200, "{}", answer.1);
    assert!(answer.1["images"][0].is_string(), "{}", answer.1);
}

#[test]
fn loopback_image_urls_are_refused_by_default_and_fetched_when_allowed() {
    let d = double();
    let server = image_server();
    let literal = server.url("/in.png");
    let named = format!("http://localhost:{}/in.png", server.port);
    let api = Api::start(&d.url(), &[]);
    assert_refused(blur(&api, &literal), &literal);
    assert_refused(blur(&api, &named), &named);
    let mapped = format!("http://[::ffff:127.0.0.1]:{}/in.png", server.port);
    assert_refused(blur(&api, &mapped), "/in.png");
    assert_eq!(server.accepted(), 0, "a refused address was connected to");
    drop(api);

    let api = Api::start(&d.url(), &[("ALLOWED_FETCH_CIDRS", "127.0.0.0/8")]);
    assert_ran(blur(&api, &literal));
    assert_ran(blur(&api, &named));
    drop(api);

    // By name: `localhost` is fetched, the literal address still refused.
    let api = Api::start(&d.url(), &[("ALLOWED_FETCH_HOSTS", "LocalHost")]);
    assert_ran(blur(&api, &named));
    assert_refused(blur(&api, &literal), &literal);
}

#[test]
fn a_redirect_from_an_allowed_server_into_a_refused_address_is_refused() {
    let d = double();
    let target = image_server();
    let into_loopback = target.url("/metadata.png");
    let server = Loopback::start(move |_| Reply::redirect(&into_loopback));
    let api = Api::start(&d.url(), &[("ALLOWED_FETCH_HOSTS", "localhost")]);
    let url = format!("http://localhost:{}/in.png", server.port);
    assert_refused(blur(&api, &url), &url);
    assert_eq!(server.accepted(), 1);
    assert_eq!(target.accepted(), 0, "the redirect was followed");
}

#[test]
fn a_server_that_never_answers_fails_at_the_configured_timeout() {
    let d = double();
    let server = Loopback::start(|_| Reply::Silent);
    let api = Api::start(
        &d.url(),
        &[
            ("ALLOWED_FETCH_CIDRS", "127.0.0.1/32"),
            ("FETCH_FIRST_BYTE_TIMEOUT_S", "0.5"),
        ],
    );
    let started = Instant::now();
    let (pointer, keyword, message) = {
        let (status, body) = blur(&api, &server.url("/slow.png"));
        violation(status, &body)
    };
    let took = started.elapsed();
    assert_eq!(
        (pointer.as_str(), keyword.as_str()),
        ("/input/image", "x-wfc-image")
    );
    assert!(
        message.ends_with("no complete answer within 0.5 s"),
        "{message}"
    );
    assert!(
        took >= Duration::from_millis(500) && took < Duration::from_secs(5),
        "{took:?}"
    );
    assert_eq!(server.accepted(), 1);
}

#[test]
fn a_trickling_body_fails_at_the_whole_fetch_timeout() {
    let d = double();
    let server = Loopback::start(|_| Reply::Trickle);
    let api = Api::start(
        &d.url(),
        &[
            ("ALLOWED_FETCH_CIDRS", "127.0.0.1/32"),
            ("FETCH_TIMEOUT_S", "1"),
        ],
    );
    let started = Instant::now();
    let (status, body) = blur(&api, &server.url("/trickle.png"));
    let took = started.elapsed();
    let (pointer, keyword, message) = violation(status, &body);
    assert_eq!(
        (pointer.as_str(), keyword.as_str()),
        ("/input/image", "x-wfc-image")
    );
    // The head came at once; the body would take a day at this pace.
    assert!(message.contains("1 s"), "{message}");
    assert!(
        took >= Duration::from_secs(1) && took < Duration::from_secs(5),
        "{took:?}"
    );
}

#[test]
fn an_endless_body_stops_at_the_size_limit() {
    let d = double();
    let server = Loopback::start(|_| Reply::Endless);
    let api = Api::start(
        &d.url(),
        &[
            ("ALLOWED_FETCH_CIDRS", "127.0.0.0/8"),
            ("MAX_IMAGE_SIZE_MB", "1"),
        ],
    );
    let started = Instant::now();
    let (status, body) = blur(&api, &server.url("/endless.png"));
    let (pointer, _, message) = violation(status, &body);
    assert_eq!(pointer, "/input/image");
    assert!(
        message.contains("larger than the limit of 1 MB"),
        "{message}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_cidr_that_does_not_parse_stops_the_binary_at_start() {
    for (flag, env) in [
        (None, Some("127.0.0.0/8, 10.0.0.0/33")),
        (Some("10.0.0.0/33"), None),
    ] {
        let mut cmd = std::process::Command::new(wfc_e2e::api_binary());
        cmd.args(["--host", "127.0.0.1", "--port", "0"]);
        if let Some(value) = flag {
            cmd.args(["--allowed-fetch-cidrs", value]);
        }
        if let Some(value) = env {
            cmd.env("ALLOWED_FETCH_CIDRS", value);
        }
        let out = cmd.output().expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{stderr}");
        assert!(
            stderr.contains("ALLOWED_FETCH_CIDRS") && stderr.contains("`10.0.0.0/33`"),
            "{stderr}"
        );
    }
}
