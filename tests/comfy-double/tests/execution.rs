//! Execution: real pixels of the model-free nodes, deterministic simulated
//! model nodes, the execution cache, and every example spec's workflow
//! running end to end.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use comfy_double::Double;
use comfy_double::json::Json;
use common::*;

fn run(addr: SocketAddr, prompt: &Json) -> Json {
    let body = Json::parse(format!(r#"{{"prompt": {}}}"#, prompt.dumps()).as_bytes()).unwrap();
    let r = post_json(addr, "/prompt", &body);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let pid = r
        .json()
        .get("prompt_id")
        .and_then(Json::as_str)
        .unwrap()
        .to_string();
    let started = Instant::now();
    loop {
        let h = get_json(addr, &format!("/history/{pid}"));
        if let Some(entry) = h.get(&pid) {
            return entry.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(25),
            "prompt {pid} did not finish"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn first_image(addr: SocketAddr, entry: &Json, node: &str) -> image::DynamicImage {
    let img = entry
        .get("outputs")
        .and_then(|o| o.get(node))
        .and_then(|o| o.get("images"))
        .and_then(Json::as_arr)
        .unwrap()[0]
        .clone();
    let q = format!(
        "/view?filename={}&subfolder={}&type={}",
        img.get("filename").and_then(Json::as_str).unwrap(),
        img.get("subfolder").and_then(Json::as_str).unwrap(),
        img.get("type").and_then(Json::as_str).unwrap()
    );
    let r = http(addr, "GET", &q, &[], b"");
    assert_eq!(r.status, 200);
    image::load_from_memory(&r.body).unwrap()
}

fn parse(s: &str) -> Json {
    Json::parse(s.as_bytes()).unwrap()
}

#[test]
fn invert_scale_and_blur_compute_real_pixels() {
    let d = Double::builder().spawn().unwrap();
    let entry = run(
        d.addr(),
        &parse(
            r#"{"1": {"class_type": "EmptyImage", "inputs": {"width": 64, "height": 48, "batch_size": 1, "color": 3368652}},
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "t/inv"}},
        "4": {"class_type": "ImageScale", "inputs": {"image": ["2", 0], "upscale_method": "bilinear", "width": 20, "height": 10, "crop": "disabled"}},
        "5": {"class_type": "PreviewImage", "inputs": {"images": ["4", 0]}},
        "6": {"class_type": "ImageScaleBy", "inputs": {"image": ["1", 0], "upscale_method": "lanczos", "scale_by": 0.5}},
        "7": {"class_type": "PreviewImage", "inputs": {"images": ["6", 0]}}}"#,
        ),
    );
    assert_eq!(
        entry
            .get("status")
            .and_then(|s| s.get("status_str"))
            .and_then(Json::as_str),
        Some("success")
    );
    // ComfyUI saves 0x3366CC inverted as (204, 153, 50): float32 rounding, then truncation.
    let inv = first_image(d.addr(), &entry, "3").to_rgb8();
    assert_eq!((inv.width(), inv.height()), (64, 48));
    assert_eq!(inv.get_pixel(10, 10).0, [204, 153, 50]);
    assert_eq!(
        entry
            .get("outputs")
            .unwrap()
            .get("3")
            .unwrap()
            .get("images")
            .unwrap()
            .as_arr()
            .unwrap()[0]
            .get("subfolder"),
        Some(&Json::from("t"))
    );
    let small = first_image(d.addr(), &entry, "5");
    assert_eq!((small.width(), small.height()), (20, 10));
    let half = first_image(d.addr(), &entry, "7");
    assert_eq!((half.width(), half.height()), (32, 24));
    assert_eq!(half.to_rgb8().get_pixel(5, 5).0, [51, 102, 204]);

    // A blur of a half-black, half-white image is a ramp around the edge and
    // keeps the flat parts.
    let mut png = Vec::new();
    let mut px = vec![0u8; 32 * 16 * 3];
    for y in 0..16 {
        for x in 16..32 {
            for c in 0..3 {
                px[(y * 32 + x) * 3 + c] = 255;
            }
        }
    }
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &px,
        32,
        16,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    let boundary = "XyZ";
    let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"edge.png\"\r\nContent-Type: image/png\r\n\r\n").into_bytes();
    body.extend_from_slice(&png);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let up = http(
        d.addr(),
        "POST",
        "/upload/image",
        &[(
            "Content-Type",
            &format!("multipart/form-data; boundary={boundary}"),
        )],
        &body,
    );
    assert_eq!(up.status, 200);
    let entry = run(
        d.addr(),
        &parse(
            r#"{"1": {"class_type": "LoadImage", "inputs": {"image": "edge.png"}},
        "2": {"class_type": "ImageBlur", "inputs": {"image": ["1", 0], "blur_radius": 3, "sigma": 1.0}},
        "3": {"class_type": "PreviewImage", "inputs": {"images": ["2", 0]}}}"#,
        ),
    );
    let b = first_image(d.addr(), &entry, "3").to_rgb8();
    assert_eq!(b.get_pixel(2, 8).0, [0, 0, 0]);
    assert_eq!(b.get_pixel(29, 8).0, [255, 255, 255]);
    let (l, r) = (b.get_pixel(15, 8).0[0], b.get_pixel(16, 8).0[0]);
    assert!(l > 20 && l < 128 && r > 128 && r < 235, "edge {l} {r}");
}

#[test]
fn simulated_sampler_is_deterministic_and_reports_steps() {
    let d = Double::builder().spawn().unwrap();
    let wf = |seed: u64, prefix: &str| {
        parse(&format!(
            r#"{{"4": {{"class_type": "CheckpointLoaderSimple", "inputs": {{"ckpt_name": "v1-5-pruned-emaonly.safetensors"}}}},
        "5": {{"class_type": "EmptyLatentImage", "inputs": {{"width": 64, "height": 64, "batch_size": 1}}}},
        "6": {{"class_type": "CLIPTextEncode", "inputs": {{"text": "a fox", "clip": ["4", 1]}}}},
        "7": {{"class_type": "CLIPTextEncode", "inputs": {{"text": "blurry", "clip": ["4", 1]}}}},
        "3": {{"class_type": "KSampler", "inputs": {{"seed": {seed}, "steps": 3, "cfg": 7.0, "sampler_name": "euler", "scheduler": "normal", "denoise": 1.0,
              "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0], "latent_image": ["5", 0]}}}},
        "8": {{"class_type": "VAEDecode", "inputs": {{"samples": ["3", 0], "vae": ["4", 2]}}}},
        "9": {{"class_type": "SaveImage", "inputs": {{"images": ["8", 0], "filename_prefix": "{prefix}"}}}}}}"#
        ))
    };
    let a = first_image(d.addr(), &run(d.addr(), &wf(1, "a")), "9").to_rgb8();
    let b = first_image(d.addr(), &run(d.addr(), &wf(1, "b")), "9").to_rgb8();
    let c = first_image(d.addr(), &run(d.addr(), &wf(2, "c")), "9").to_rgb8();
    assert_eq!(
        a.as_raw(),
        b.as_raw(),
        "same seed and prompt give the same pixels"
    );
    assert_ne!(a.as_raw(), c.as_raw(), "another seed gives other pixels");
    // An unknown checkpoint is rejected like ComfyUI rejects a missing model.
    let bad = wf(1, "x").dumps().replace("v1-5-pruned-emaonly", "nope");
    let r = post_json(
        d.addr(),
        "/prompt",
        &parse(&format!(r#"{{"prompt": {bad}}}"#)),
    );
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json()
            .get("node_errors")
            .and_then(|n| n.get("4"))
            .and_then(|n| n.get("errors"))
            .and_then(Json::as_arr)
            .unwrap()[0]
            .get("type"),
        Some(&Json::from("value_not_in_list"))
    );
}

#[test]
fn identical_resubmit_is_cached() {
    let d = Double::builder().spawn().unwrap();
    let wf = parse(
        r#"{"1": {"class_type": "EmptyImage", "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": 0}},
        "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
        "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "c"}}}"#,
    );
    run(d.addr(), &wf);
    let second = run(d.addr(), &wf);
    let msgs = second
        .get("status")
        .and_then(|s| s.get("messages"))
        .and_then(Json::as_arr)
        .unwrap()
        .clone();
    let cached = msgs[1].as_arr().unwrap()[1].get("nodes").unwrap().clone();
    assert_eq!(cached, parse(r#"["1", "2", "3"]"#));
}

#[test]
fn every_example_spec_workflow_runs() {
    let d = Double::builder().spawn().unwrap();
    let specs = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    let mut ran = 0;
    for dir in std::fs::read_dir(&specs).unwrap().flatten() {
        if !dir.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let p = f.path();
            if p.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let wf = read_json(&p);
            let entry = run(d.addr(), &wf);
            let status = entry.get("status").unwrap();
            assert_eq!(
                status.get("status_str").and_then(Json::as_str),
                Some("success"),
                "{}: {}",
                p.display(),
                status.dumps()
            );
            assert!(
                entry
                    .get("outputs")
                    .and_then(Json::as_obj)
                    .is_some_and(|o| !o.is_empty()),
                "{}: no outputs",
                p.display()
            );
            ran += 1;
        }
    }
    assert!(ran >= 10, "only {ran} example workflows found");
}
