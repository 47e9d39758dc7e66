//! The real API binary on a loopback port, in front of the ComfyUI test
//! double: every example endpoint returns decodable outputs, raw bytes on
//! request, each `convert_output` format, no cross-talk under 50
//! concurrent requests, every error with its status and body, probes,
//! warmup, deadlines and graceful shutdown.

use base64::Engine;
use comfy_double::{Double, FaultConfig, RunningDouble};
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use wfc_e2e::{Api, wait_until};

struct Answer {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn pointers(&self) -> Vec<(String, String)> {
        self.json()["errors"]
            .as_array()
            .unwrap_or(&vec![])
            .iter()
            .map(|e| {
                (
                    e["pointer"].as_str().unwrap().to_string(),
                    e["keyword"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn send(method: &str, url: &str, body: Option<&str>, accept: Option<&str>) -> Answer {
    let agent = agent();
    let result = match (method, body) {
        ("GET", _) => {
            let mut r = agent.get(url);
            if let Some(a) = accept {
                r = r.header("accept", a);
            }
            r.call()
        }
        (_, body) => {
            let mut r = agent.post(url).header("content-type", "application/json");
            if let Some(a) = accept {
                r = r.header("accept", a);
            }
            r.send(body.unwrap_or(""))
        }
    };
    let mut response = result.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = response
        .body_mut()
        .with_config()
        .limit(512 << 20)
        .read_to_vec()
        .unwrap();
    Answer {
        status: response.status().as_u16(),
        content_type,
        body,
    }
}

fn post(api: &Api, path: &str, body: Value) -> Answer {
    send(
        "POST",
        &format!("{}{path}", api.url),
        Some(&body.to_string()),
        None,
    )
}

fn double() -> RunningDouble {
    Double::builder()
        .step_delay_ms(1)
        .spawn()
        .expect("the double starts")
}

fn decode(bytes: &[u8]) -> image::DynamicImage {
    image::load_from_memory(bytes)
        .unwrap_or_else(|e| panic!("not a decodable image ({e}), {} bytes", bytes.len()))
}

fn b64(s: &Value) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(s.as_str().unwrap())
        .unwrap()
}

/// A small PNG as a data URI, for image fields.
fn png_data_uri(rgb: [u8; 3]) -> String {
    let img = image::RgbImage::from_pixel(32, 24, image::Rgb(rgb));
    let mut bytes = std::io::Cursor::new(Vec::new());
    img.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes.into_inner())
    )
}

fn wait_ready(api: &Api) {
    let t = Instant::now();
    while send("GET", &format!("{}/ready", api.url), None, None).status != 200 {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "never ready:\n{}",
            api.logs()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn every_example_endpoint_returns_decodable_outputs() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let image = png_data_uri([200, 40, 10]);
    let cases = [
        (
            "/workflows/basic/solid_invert",
            json!({"width": 64, "height": 48}),
        ),
        (
            "/workflows/basic/animated_webp",
            json!({"width": 32, "height": 32, "frames": 3}),
        ),
        ("/workflows/basic/blur", json!({"image": image})),
        (
            "/workflows/basic/composite",
            json!({"image": image, "background_width": 64, "background_height": 64, "foreground_width": 16, "foreground_height": 16, "x": 4, "y": 4}),
        ),
        (
            "/workflows/sd15/txt2img",
            json!({"prompt": "a red fox", "steps": 3, "width": 256, "height": 256}),
        ),
        (
            "/workflows/sd15/img2img",
            json!({"prompt": "a red fox", "image": image, "steps": 2}),
        ),
        (
            "/workflows/sd15/inpaint",
            json!({"prompt": "a red fox", "image": image, "mask": png_data_uri([255, 255, 255]), "steps": 2}),
        ),
        (
            "/workflows/sdxl/base_refiner",
            json!({"prompt": "a castle", "steps": 4, "refiner_start": 2, "width": 512, "height": 512}),
        ),
        (
            "/workflows/flux/schnell",
            json!({"prompt": "a lighthouse", "width": 256, "height": 256}),
        ),
        ("/workflows/upscale/esrgan", json!({"image": image})),
    ];
    for (path, input) in cases {
        let a = post(
            &api,
            path,
            json!({"id": format!("req{path}"), "input": input}),
        );
        assert_eq!(
            a.status,
            200,
            "{path}: {}\n{}",
            String::from_utf8_lossy(&a.body),
            api.logs()
        );
        let body = a.json();
        assert_eq!(body["id"], format!("req{path}"));
        let images = body["images"].as_array().unwrap();
        assert!(!images.is_empty(), "{path}: no images");
        for img in images {
            decode(&b64(img));
        }
        assert_eq!(body["filenames"].as_array().unwrap().len(), images.len());
        let outputs = body["outputs"].as_object().unwrap();
        let typed: usize = outputs.values().map(|v| v.as_array().unwrap().len()).sum();
        assert_eq!(typed, images.len(), "{path}: typed outputs list every file");
        for item in outputs.values().flat_map(|v| v.as_array().unwrap()) {
            assert!(item["content_type"].as_str().unwrap().starts_with("image/"));
            decode(&b64(&item["data"]));
        }
        assert!(body["stats"]["total_ms"].as_f64().unwrap() > 0.0);
    }
}

#[test]
fn raw_bytes_and_every_conversion_format() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let path = format!("{}/workflows/basic/solid_invert", api.url);
    let request = json!({"input": {"width": 40, "height": 30}}).to_string();
    let a = send("POST", &path, Some(&request), Some("image/png"));
    assert_eq!((a.status, a.content_type.as_str()), (200, "image/png"));
    assert_eq!(&a.body[..8], b"\x89PNG\r\n\x1a\n");
    let img = decode(&a.body);
    assert_eq!((img.width(), img.height()), (40, 30));

    for (format, magic, content_type) in [
        ("png", &b"\x89PNG"[..], "image/png"),
        ("jpeg", &b"\xff\xd8\xff"[..], "image/jpeg"),
        ("webp", &b"RIFF"[..], "image/webp"),
    ] {
        let request = json!({"input": {"width": 40, "height": 30}, "convert_output": {"format": format, "quality": 80}});
        let a = send("POST", &path, Some(&request.to_string()), None);
        assert_eq!(
            a.status,
            200,
            "{format}: {}",
            String::from_utf8_lossy(&a.body)
        );
        let body = a.json();
        let bytes = b64(&body["images"][0]);
        assert!(
            bytes.starts_with(magic),
            "{format}: wrong magic {:?}",
            &bytes[..4]
        );
        let img = decode(&bytes);
        assert_eq!((img.width(), img.height()), (40, 30));
        let item = &body["outputs"]
            .as_object()
            .unwrap()
            .values()
            .next()
            .unwrap()[0];
        assert_eq!(item["content_type"], content_type);
        assert!(
            item["filename"]
                .as_str()
                .unwrap()
                .ends_with(if format == "jpeg" { ".jpg" } else { format }),
            "{item}"
        );
        // Raw bytes after conversion too.
        let a = send(
            "POST",
            &path,
            Some(&request.to_string()),
            Some(content_type),
        );
        assert_eq!((a.status, a.content_type.as_str()), (200, content_type));
        assert!(a.body.starts_with(magic));
    }
    // Several files and raw bytes do not go together.
    let request = json!({"input": {"batch_size": 2, "width": 8, "height": 8}}).to_string();
    let a = send("POST", &path, Some(&request), Some("image/png"));
    assert_eq!(a.status, 406, "{}", String::from_utf8_lossy(&a.body));
}

#[test]
fn fifty_concurrent_requests_get_their_own_outputs() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let url = format!("{}/workflows/basic/solid_invert", api.url);
    let handles: Vec<_> = (0..50u32)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                // Each request asks for its own color; the inverted pixel proves which run answered.
                let color = i * 4 * 65536 + (255 - i * 3) * 256 + i * 5;
                let request = json!({"id": format!("r{i}"), "input": {"width": 8, "height": 8, "color": color}});
                let a = send("POST", &url, Some(&request.to_string()), None);
                assert_eq!(a.status, 200, "request {i}: {}", String::from_utf8_lossy(&a.body));
                let body = a.json();
                assert_eq!(body["id"], format!("r{i}"));
                let px = decode(&b64(&body["images"][0])).to_rgb8().get_pixel(3, 3).0;
                // ComfyUI inverts in float32 and truncates to 8 bits: a channel may be
                // one below 255 - v. Requests differ by at least 2 in every channel.
                let want = [255 - (i * 4) as u8, (i * 3) as u8, 255 - (i * 5) as u8];
                let close = px.iter().zip(want).all(|(got, want)| got.abs_diff(want) <= 1);
                assert!(close, "request {i} got another request's image: {px:?}, want {want:?}");
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

#[test]
fn request_errors_are_422_with_pointers_and_bad_bodies_are_problems() {
    let d = double();
    let api = Api::start(&d.url(), &[("MAX_BODY_SIZE_MB", "1")]);
    wait_ready(&api);
    let a = post(
        &api,
        "/workflows/sd15/txt2img",
        json!({"input": {"prompt": "a fox", "colour": 1}}),
    );
    assert_eq!(
        (a.status, a.content_type.as_str()),
        (422, "application/problem+json")
    );
    assert_eq!(
        a.pointers(),
        [(
            "/input/colour".to_string(),
            "additionalProperties".to_string()
        )]
    );
    let a = post(
        &api,
        "/workflows/sd15/txt2img",
        json!({"input": {"prompt": "a fox", "steps": "many"}}),
    );
    assert_eq!(
        a.pointers(),
        [("/input/steps".to_string(), "type".to_string())]
    );
    let a = post(
        &api,
        "/workflows/sd15/txt2img",
        json!({"input": {"prompt": "a fox", "steps": 1000}}),
    );
    assert_eq!(
        a.pointers(),
        [("/input/steps".to_string(), "maximum".to_string())]
    );
    let a = post(
        &api,
        "/workflows/basic/blur",
        json!({"input": {"image": "not an image at all"}}),
    );
    assert_eq!(a.status, 422, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.pointers()[0].0, "/input/image");
    let a = post(
        &api,
        "/workflows/basic/solid_invert",
        json!({"input": {}, "convert_output": {"format": "gif"}}),
    );
    assert_eq!(
        a.pointers(),
        [("/convert_output/format".to_string(), "enum".to_string())]
    );

    let big = format!("{{\"input\": {{\"prompt\": \"{}\"}}}}", "x".repeat(2 << 20));
    let a = send(
        "POST",
        &format!("{}/workflows/sd15/txt2img", api.url),
        Some(&big),
        None,
    );
    assert_eq!(
        (a.status, a.content_type.as_str()),
        (413, "application/problem+json")
    );
    let a = send(
        "POST",
        &format!("{}/workflows/sd15/txt2img", api.url),
        Some("{oops"),
        None,
    );
    assert_eq!(
        (a.status, a.content_type.as_str()),
        (400, "application/problem+json")
    );
    let a = send("POST", &format!("{}/nope", api.url), Some("{}"), None);
    assert_eq!(
        (a.status, a.content_type.as_str()),
        (404, "application/problem+json")
    );
    let a = post(
        &api,
        "/workflows/basic/solid_invert",
        json!({"input": {}, "webhook": "http://127.0.0.1:9/x"}),
    );
    // A webhook makes the request asynchronous: 202 with the job.
    assert_eq!(a.status, 202, "{}", String::from_utf8_lossy(&a.body));
    let body = a.json();
    assert_eq!(body["status"], "ok");
    assert_eq!(
        body["job"]["links"]["self"],
        format!("/jobs/{}", body["id"].as_str().unwrap())
    );
}

#[test]
fn comfyui_validation_error_on_a_bound_input_points_at_the_field() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    // The double has no such checkpoint: ComfyUI answers value_not_in_list on ckpt_name.
    let a = post(
        &api,
        "/workflows/sd15/txt2img",
        json!({"input": {"prompt": "a fox", "checkpoint": "missing.safetensors"}}),
    );
    assert_eq!(a.status, 422, "{}", String::from_utf8_lossy(&a.body));
    let body = a.json();
    assert_eq!(body["errors"][0]["pointer"], "/input/checkpoint");
    assert_eq!(body["errors"][0]["keyword"], "comfyui");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("missing.safetensors"),
        "{body}"
    );
    // A raw graph's validation errors point into the graph.
    let a = post(
        &api,
        "/prompt",
        json!({"prompt": {"1": {"class_type": "EmptyImage", "inputs": {"width": 0, "height": 8, "batch_size": 1, "color": 0}}, "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "x"}}}}),
    );
    assert_eq!(a.status, 422, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.json()["errors"][0]["pointer"], "/prompt/1/inputs/width");
}

#[test]
fn raw_prompt_runs_and_returns_images() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let graph = json!({
        "1": {"class_type": "EmptyImage", "inputs": {"width": 16, "height": 16, "batch_size": 1, "color": 255}},
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "raw"}}
    });
    let a = post(&api, "/prompt", json!({"id": "raw-1", "prompt": graph}));
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let body = a.json();
    assert_eq!(body["id"], "raw-1");
    let px = decode(&b64(&body["images"][0])).to_rgb8().get_pixel(0, 0).0;
    assert_eq!(px, [255, 255, 0]);
}

#[test]
fn execution_errors_are_500_with_the_node_and_exception() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    d.set_faults(FaultConfig {
        fail_node: Some("ImageInvert".into()),
        fail_message: Some("boom".into()),
        ..Default::default()
    });
    let a = post(
        &api,
        "/workflows/basic/solid_invert",
        json!({"input": {"width": 8, "height": 8}}),
    );
    assert_eq!(
        (a.status, a.content_type.as_str()),
        (500, "application/problem+json")
    );
    let body = a.json();
    assert_eq!(body["node_type"], "ImageInvert");
    assert_eq!(body["exception_type"], "RuntimeError");
    assert!(
        body["exception_message"].as_str().unwrap().contains("boom"),
        "{body}"
    );
    assert!(body["node_id"].is_string());
}

#[test]
fn deadline_gives_504_and_frees_comfyui() {
    let d = double();
    let api = Api::start(&d.url(), &[("REQUEST_TIMEOUT_S", "1")]);
    wait_ready(&api);
    d.set_faults(FaultConfig {
        slow_node: Some("ImageInvert".into()),
        slow_node_ms: 4000,
        ..Default::default()
    });
    let t = Instant::now();
    let a = post(
        &api,
        "/workflows/basic/solid_invert",
        json!({"input": {"width": 8, "height": 8}}),
    );
    assert_eq!(a.status, 504, "{}", String::from_utf8_lossy(&a.body));
    assert!(
        t.elapsed() < Duration::from_secs(4),
        "the deadline did not cut the wait: {:?}",
        t.elapsed()
    );
    // The prompt was interrupted: ComfyUI's queue empties without waiting for the slow node to be done twice.
    let t = Instant::now();
    loop {
        let q = send("GET", &format!("{}/queue", d.url()), None, None).json();
        if q["queue_running"].as_array().unwrap().is_empty()
            && q["queue_pending"].as_array().unwrap().is_empty()
        {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "ComfyUI still busy: {q}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn unreachable_comfyui_is_503_and_not_ready() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let api = Api::start(
        &format!("http://127.0.0.1:{port}"),
        &[("COMFYUI_TIMEOUT_S", "2")],
    );
    let a = send("GET", &format!("{}/ready", api.url), None, None);
    assert_eq!(a.status, 503);
    let a = post(&api, "/workflows/basic/solid_invert", json!({"input": {}}));
    assert_eq!(
        (a.status, a.content_type.as_str()),
        (503, "application/problem+json"),
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    assert_eq!(
        send("GET", &format!("{}/health", api.url), None, None).status,
        200
    );
}

#[test]
fn ready_waits_for_warmup_and_follows_comfyui() {
    let d = Double::builder().step_delay_ms(300).spawn().unwrap();
    let dir = std::env::temp_dir().join(format!("wfc-warmup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let warmup = dir.join("warmup.json");
    // A txt2img graph: 4 sampler steps at 300 ms keep the warmup running for a while.
    let graph = std::fs::read_to_string("../../specs/sd15/txt2img.json").unwrap();
    let mut graph: Value = serde_json::from_str(&graph).unwrap();
    for node in graph.as_object_mut().unwrap().values_mut() {
        if node["class_type"] == "KSampler" {
            node["inputs"]["steps"] = json!(4);
        }
    }
    std::fs::write(&warmup, json!({"prompt": graph}).to_string()).unwrap();
    let api = Api::start(
        &d.url(),
        &[("WARMUP_PROMPT_FILE", warmup.to_str().unwrap())],
    );
    let a = send("GET", &format!("{}/ready", api.url), None, None);
    assert_eq!(a.status, 503, "ready before the warmup ran");
    assert!(
        String::from_utf8_lossy(&a.body).contains("warm"),
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    wait_ready(&api);
    assert!(
        api.logs().contains("warmup workflow done"),
        "{}",
        api.logs()
    );
    d.shutdown();
    let a = send("GET", &format!("{}/ready", api.url), None, None);
    assert_eq!(a.status, 503, "ready with ComfyUI down");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn models_interrupt_and_graceful_shutdown() {
    let d = Double::builder().step_delay_ms(200).spawn().unwrap();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let models = send("GET", &format!("{}/models", api.url), None, None).json();
    assert!(
        models["checkpoints"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "v1-5-pruned-emaonly.safetensors"),
        "{models}"
    );
    // Interrupt a running request by its id.
    let url = api.url.clone();
    let running = std::thread::spawn(move || {
        send(
            "POST",
            &format!("{url}/workflows/sd15/txt2img"),
            Some(&json!({"id": "long-1", "input": {"prompt": "p", "steps": 50}}).to_string()),
            None,
        )
    });
    std::thread::sleep(Duration::from_millis(800));
    let a = post(&api, "/interrupt", json!({"id": "long-1"}));
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let interrupted = running.join().unwrap();
    assert_eq!(
        interrupted.status,
        500,
        "{}",
        String::from_utf8_lossy(&interrupted.body)
    );
    assert_eq!(interrupted.json()["type"], "urn:wfc:problem:interrupted");
    assert_eq!(post(&api, "/interrupt", json!({"id": "nope"})).status, 404);

    // SIGTERM while a request is in flight: it still completes.
    let url = api.url.clone();
    let in_flight = std::thread::spawn(move || {
        send(
            "POST",
            &format!("{url}/workflows/sd15/txt2img"),
            Some(&json!({"input": {"prompt": "p", "steps": 5}}).to_string()),
            None,
        )
    });
    std::thread::sleep(Duration::from_millis(300));
    let status = api.terminate();
    assert!(status.success(), "{status:?}");
    let done = in_flight.join().unwrap();
    assert_eq!(done.status, 200, "{}", String::from_utf8_lossy(&done.body));
}

#[test]
fn a_dropped_websocket_falls_back_to_polling_history() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    // Every socket drops when the node starts: the end of the run is never
    // announced to us, so the answer must come from /history.
    d.set_faults(FaultConfig {
        drop_websockets_on_node: Some("ImageInvert".into()),
        ..Default::default()
    });
    let t = Instant::now();
    let a = post(
        &api,
        "/workflows/basic/solid_invert",
        json!({"input": {"width": 8, "height": 8}}),
    );
    assert_eq!(
        a.status,
        200,
        "{}\n{}",
        String::from_utf8_lossy(&a.body),
        api.logs()
    );
    decode(&b64(&a.json()["images"][0]));
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "took {:?}",
        t.elapsed()
    );
    d.set_faults(FaultConfig::default());
    // And the socket comes back: the next request is answered by events again.
    let a = post(
        &api,
        "/workflows/basic/solid_invert",
        json!({"input": {"width": 8, "height": 8}}),
    );
    assert_eq!(a.status, 200);
}

/// ComfyUI's queue: (running, pending).
fn comfy_queue(d: &RunningDouble) -> (usize, usize) {
    let q = send("GET", &format!("{}/queue", d.url()), None, None).json();
    (
        q["queue_running"].as_array().unwrap().len(),
        q["queue_pending"].as_array().unwrap().len(),
    )
}

#[test]
fn fifty_concurrent_requests_with_one_id_make_one_job_and_49_conflicts() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let url = format!("{}/workflows/basic/blur", api.url);
    let handles: Vec<_> = (0..50u32)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                // Every request has the same id and its own solid colour; a
                // blurred solid image keeps its colour.
                let want = [(i * 5) as u8, 250 - (i * 4) as u8, (i * 3) as u8];
                let request =
                    json!({"id": "same", "input": {"image": png_data_uri(want), "blur_radius": 1}});
                let a = send("POST", &url, Some(&request.to_string()), None);
                if a.status == 409 {
                    assert_eq!(a.json()["type"], "urn:wfc:problem:job-conflict");
                    return false;
                }
                assert_eq!(
                    a.status,
                    200,
                    "request {i}: {}",
                    String::from_utf8_lossy(&a.body)
                );
                assert_eq!(a.json()["id"], "same");
                let px = decode(&b64(&a.json()["images"][0]))
                    .to_rgb8()
                    .get_pixel(5, 5)
                    .0;
                let close = px
                    .iter()
                    .zip(want)
                    .all(|(got, want)| got.abs_diff(want) <= 1);
                assert!(
                    close,
                    "request {i} got another request's image: {px:?}, want {want:?}"
                );
                true
            })
        })
        .collect();
    let ran = handles
        .into_iter()
        .map(|h| h.join().unwrap())
        .filter(|r| *r)
        .count();
    assert_eq!(ran, 1, "one id names one job; the other bodies conflict");
    let history = send("GET", &format!("{}/history", d.url()), None, None).json();
    assert_eq!(
        history.as_object().unwrap().len(),
        1,
        "one prompt reached ComfyUI"
    );
}

#[test]
fn logs_written_to_a_pipe_carry_no_colour_codes() {
    let d = double();
    // Api::start pipes standard error.
    let api = Api::start(&d.url(), &[("LOG_LEVEL", "debug")]);
    wait_ready(&api);
    let a = post(
        &api,
        "/workflows/basic/solid_invert",
        json!({"input": {"width": 8, "height": 8}}),
    );
    assert_eq!(a.status, 200);
    let a = post(
        &api,
        "/workflows/sd15/txt2img",
        json!({"input": {"prompt": "p", "checkpoint": "missing.safetensors"}}),
    );
    assert_eq!(a.status, 422);
    let logs = api.logs();
    assert!(logs.contains("request done"), "{logs}");
    assert!(
        !logs.contains("\x1b["),
        "ANSI escapes in a piped log:\n{logs:?}"
    );
}

#[test]
fn interrupting_a_queued_request_answers_500_at_once() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    d.set_faults(FaultConfig {
        slow_node: Some("ImageInvert".into()),
        slow_node_ms: 15_000,
        ..Default::default()
    });
    let start = |id: &'static str| {
        let url = format!("{}/workflows/basic/solid_invert", api.url);
        std::thread::spawn(move || {
            let body = json!({"id": id, "input": {"width": 8, "height": 8}}).to_string();
            send("POST", &url, Some(&body), None)
        })
    };
    let _running = start("running-1");
    wait_until("the first prompt runs", Duration::from_secs(10), || {
        comfy_queue(&d) == (1, 0)
    });
    let queued = start("queued-1");
    wait_until(
        "the second prompt is queued",
        Duration::from_secs(10),
        || comfy_queue(&d) == (1, 1),
    );
    let t = Instant::now();
    let a = post(&api, "/interrupt", json!({"id": "queued-1"}));
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let answer = queued.join().unwrap();
    assert_eq!(
        answer.status,
        500,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.json()["type"], "urn:wfc:problem:interrupted");
    assert!(
        t.elapsed() < Duration::from_secs(3),
        "the queued request answered after {:?}",
        t.elapsed()
    );
    assert_eq!(comfy_queue(&d), (1, 0), "the prompt left ComfyUI's queue");
}

#[test]
fn comfyui_crashing_mid_run_is_503_backend_lost_within_seconds() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    d.set_faults(FaultConfig {
        exit_on_node: Some("ImageInvert".into()),
        ..Default::default()
    });
    let t = Instant::now();
    let a = post(
        &api,
        "/workflows/basic/solid_invert",
        json!({"id": "crash-1", "input": {"width": 8, "height": 8}}),
    );
    assert!(d.crashed());
    assert_eq!(
        (a.status, a.content_type.as_str()),
        (503, "application/problem+json"),
        "{}",
        String::from_utf8_lossy(&a.body)
    );
    let body = a.json();
    assert_eq!(body["type"], "urn:wfc:problem:backend-lost", "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("stopped answering"),
        "{body}"
    );
    assert!(
        t.elapsed() < Duration::from_secs(8),
        "took {:?}",
        t.elapsed()
    );
}

#[test]
fn a_comfyui_restart_mid_run_is_503_backend_lost_and_the_next_request_runs() {
    let d = double();
    let port = d.addr().port();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    // The run crashes ComfyUI when it reaches SaveImage.
    d.set_faults(FaultConfig {
        exit_on_node: Some("SaveImage".into()),
        ..Default::default()
    });
    let url = format!("{}/workflows/basic/solid_invert", api.url);
    let running = std::thread::spawn(move || {
        let body = json!({"input": {"width": 8, "height": 8}}).to_string();
        send("POST", &url, Some(&body), None)
    });
    wait_until("the double crashes", Duration::from_secs(10), || {
        d.crashed()
    });
    // A new ComfyUI on the same port, which has never heard of the prompt.
    let mut restarted = None;
    wait_until(
        "a new double listens on the port",
        Duration::from_secs(10),
        || {
            restarted = Double::builder().port(port).step_delay_ms(1).spawn().ok();
            restarted.is_some()
        },
    );
    let up = Instant::now();
    let a = running.join().unwrap();
    assert_eq!(a.status, 503, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.json()["type"], "urn:wfc:problem:backend-lost");
    assert!(
        up.elapsed() < Duration::from_secs(5),
        "answered {:?} after ComfyUI was back",
        up.elapsed()
    );
    let a = post(
        &api,
        "/workflows/basic/solid_invert",
        json!({"input": {"width": 8, "height": 8}}),
    );
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    drop(restarted);
}

#[test]
fn raw_prompt_validation_errors_give_message_details_and_the_node() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let a = post(
        &api,
        "/prompt",
        json!({"prompt": {"1": {"class_type": "EmptyImage", "inputs": {"width": 99999, "height": 8, "batch_size": 1, "color": 0}}, "2": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "x"}}}}),
    );
    assert_eq!(a.status, 422, "{}", String::from_utf8_lossy(&a.body));
    let error = &a.json()["errors"][0];
    assert_eq!(error["pointer"], "/prompt/1/inputs/width");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("Value 99999 bigger than max of 16384"),
        "{message}"
    );
    assert!(message.contains("width"), "{message}");
    // An unknown class points at its node.
    let a = post(
        &api,
        "/prompt",
        json!({"prompt": {"1": {"class_type": "NoSuchNodeType", "inputs": {}}, "9": {"class_type": "SaveImage", "inputs": {"images": ["1", 0], "filename_prefix": "x"}}}}),
    );
    assert_eq!(a.status, 422, "{}", String::from_utf8_lossy(&a.body));
    let error = &a.json()["errors"][0];
    assert_eq!(error["pointer"], "/prompt/1", "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("NoSuchNodeType"),
        "{error}"
    );
}

#[test]
fn every_log_line_of_a_request_carries_the_envelope_id() {
    let d = double();
    let api = Api::start(&d.url(), &[("LOG_JSON", "true")]);
    wait_ready(&api);
    let a = post(
        &api,
        "/workflows/basic/solid_invert",
        json!({"id": "client-id-7", "input": {"width": 8, "height": 8}}),
    );
    assert_eq!(a.status, 200);
    let a = post(
        &api,
        "/workflows/sd15/txt2img",
        json!({"id": "client-id-8", "input": {"prompt": "p", "checkpoint": "missing.safetensors"}}),
    );
    assert_eq!(a.status, 422);
    let a = post(
        &api,
        "/prompt",
        json!({"id": "client-id-9", "prompt": {"1": {"class_type": "NoSuchNodeType", "inputs": {}}}}),
    );
    assert_eq!(a.status, 422);
    let logs = api.logs();
    let lines: Vec<Value> = logs
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .filter(|l: &Value| l["span"]["name"] == "request")
        .collect();
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["span"]["id"].as_str().unwrap())
        .collect();
    for want in ["client-id-7", "client-id-8", "client-id-9"] {
        assert!(ids.contains(&want), "no line of {want}:\n{logs}");
    }
    assert!(
        ids.iter().all(|id| id.starts_with("client-id-")),
        "a request line without the client's id:\n{logs}"
    );
}

#[test]
fn the_documented_raw_prompt_example_runs() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let doc = wfc_api::app().openapi();
    let example =
        doc["paths"]["/prompt"]["post"]["requestBody"]["content"]["application/json"]["example"]
            .clone();
    assert!(example["prompt"].is_object(), "{example}");
    let a = post(&api, "/prompt", example);
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    decode(&b64(&a.json()["outputs"]["images"][0]["data"]));
}

#[test]
fn the_client_request_id_names_log_lines_when_the_envelope_has_none() {
    let d = double();
    let api = Api::start(&d.url(), &[("LOG_JSON", "true")]);
    wait_ready(&api);
    let with_header = |path: &str, id: &str, body: Value| {
        let mut r = agent()
            .post(format!("{}{path}", api.url))
            .header("content-type", "application/json")
            .header("x-request-id", id)
            .send(body.to_string())
            .unwrap();
        let header = r.headers()["x-request-id"].to_str().unwrap().to_string();
        let body: Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
        (r.status().as_u16(), header, body)
    };
    let (status, header, _) = with_header(
        "/workflows/sd15/txt2img",
        "hdr-1",
        json!({"input": {"prompt": "p", "checkpoint": "missing.safetensors"}}),
    );
    assert_eq!((status, header.as_str()), (422, "hdr-1"));
    let (status, header, _) = with_header(
        "/prompt",
        "hdr-2",
        json!({"prompt": {"1": {"class_type": "NoSuchNodeType", "inputs": {}}}}),
    );
    assert_eq!((status, header.as_str()), (422, "hdr-2"));
    let (status, header, body) = with_header(
        "/workflows/basic/solid_invert",
        "hdr-3",
        json!({"id": "env-3", "input": {"width": 8, "height": 8}}),
    );
    assert_eq!((status, header.as_str()), (200, "hdr-3"));
    assert_eq!(body["id"], "env-3", "the envelope's id answers");
    let logs = api.logs();
    let ids: Vec<String> = logs
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l["span"]["name"] == "request")
        .map(|l| l["span"]["id"].as_str().unwrap().to_string())
        .collect();
    for want in ["hdr-1", "hdr-2", "env-3"] {
        assert!(ids.iter().any(|i| i == want), "no line of {want}:\n{logs}");
    }
    assert!(
        !ids.iter().any(|i| i == "hdr-3"),
        "the envelope's id keeps priority in the logs:\n{logs}"
    );
}

#[test]
fn over_the_socket_a_large_content_length_is_413_and_a_form_body_415_before_reading() {
    use std::io::{Read, Write};
    let d = double();
    let api = Api::start(&d.url(), &[("MAX_BODY_SIZE_MB", "1")]);
    let addr = api.url.trim_start_matches("http://").to_string();
    let exchange = |head: &str| {
        let mut s = std::net::TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        // Only the headers are sent: the answer must come without the body.
        s.write_all(head.as_bytes()).unwrap();
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&got).contains("\r\n\r\n{") {
            let n = s.read(&mut buf).expect("an answer before the body is sent");
            assert!(n > 0, "closed without an answer");
            got.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&got).to_string()
    };
    let answer = exchange(&format!(
        "POST /workflows/basic/solid_invert HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        200u64 << 20
    ));
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("x-request-id: "), "{answer}");
    let answer = exchange(&format!(
        "POST /prompt HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n"
    ));
    assert!(answer.starts_with("HTTP/1.1 415"), "{answer}");
    assert!(answer.contains("unsupported-media-type"), "{answer}");
}
