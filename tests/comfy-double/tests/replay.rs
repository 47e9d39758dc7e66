//! Replays the recorded HTTP exchanges (errors/, endpoints/, upload/) against
//! a fresh double and compares status, headers and bodies with the
//! recordings; a difference names the scenario and the first differing path.
//! (The websocket, workflow, view, history and queue scenarios are replayed
//! by tests/capture.rs through the recording script itself.)

mod common;

use std::path::Path;

use comfy_double::json::Json;
use comfy_double::{Double, ModelList, RunningDouble};
use common::*;

fn fresh() -> RunningDouble {
    Double::builder()
        .models(ModelList::empty())
        .spawn()
        .expect("double starts")
}

/// The double's answer in the recordings' exchange format.
fn exchange(r: &Resp) -> Json {
    let ct = r.header("content-type").unwrap_or("").to_string();
    // The test client asks for `Connection: close`, which the server echoes;
    // only the 500 answer carries it on its own.
    let headers: Vec<Json> = r
        .headers
        .iter()
        .filter(|(k, _)| k != "connection" || r.status == 500)
        .map(|(k, v)| Json::Arr(vec![Json::from(k), Json::from(v)]))
        .collect();
    let mut resp = comfy_double::json::Obj::new();
    resp.insert("status", r.status as u64);
    resp.insert("reason", r.reason.as_str());
    resp.insert("headers", Json::Arr(headers));
    if r.body.is_empty() {
        resp.insert("body_text", "");
    } else if ct.starts_with("text/") || ct.contains("json") {
        let text = String::from_utf8_lossy(&r.body).to_string();
        if let Ok(j) = Json::parse(text.as_bytes()) {
            resp.insert("body_json", j);
        }
        resp.insert("body_text", text);
    } else {
        let hex: String = r.body.iter().take(16).map(|b| format!("{b:02x}")).collect();
        resp.insert("body_first16_hex", hex);
    }
    let mut o = comfy_double::json::Obj::new();
    o.insert("response", Json::Obj(resp));
    Json::Obj(o)
}

fn target(req: &Json) -> String {
    let mut t = req.get("path").and_then(Json::as_str).unwrap().to_string();
    if let Some(Json::Obj(q)) = req.get("query") {
        let parts: Vec<String> = q
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}={}",
                    percent_encoding::utf8_percent_encode(
                        v.as_str().unwrap_or(""),
                        percent_encoding::NON_ALPHANUMERIC
                    )
                )
            })
            .collect();
        t = format!("{t}?{}", parts.join("&"));
    }
    t
}

fn replay_raw(d: &RunningDouble, rec: &Json) -> Resp {
    let req = rec.get("request").unwrap();
    let method = req.get("method").and_then(Json::as_str).unwrap();
    let headers: Vec<(String, String)> = req
        .get("headers")
        .and_then(Json::as_obj)
        .map(|h| {
            h.iter()
                .map(|(k, v)| (k.to_string(), v.as_str().unwrap_or("").to_string()))
                .collect()
        })
        .unwrap_or_default();
    let hdrs: Vec<(&str, &str)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let body = req
        .get("body_raw")
        .and_then(Json::as_str)
        .unwrap_or("")
        .as_bytes()
        .to_vec();
    http(d.addr(), method, &target(req), &hdrs, &body)
}

fn check(name: &str, rec: &Json, got: &Resp, volatile: &[&str]) -> Result<(), String> {
    compare_exchange(rec, &exchange(got), volatile).map_err(|e| format!("{name}: {e}"))
}

fn json_files(dir: &Path) -> Vec<(String, Json)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    v.sort();
    v.into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                read_json(&p),
            )
        })
        .collect()
}

#[test]
fn every_recorded_prompt_error_is_reproduced() {
    let d = fresh();
    let mut failures = Vec::new();
    let mut n = 0;
    for (name, rec) in json_files(&recordings().join("errors")) {
        if rec.get("posts").is_some() {
            continue;
        }
        n += 1;
        // The prompt counter depends on what ran before in the recording session.
        if let Err(e) = check(
            &format!("errors/{name}"),
            &rec,
            &replay_raw(&d, &rec),
            &["number"],
        ) {
            failures.push(e);
        }
    }
    assert_eq!(n, 30);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_recorded_endpoint_answers_alike() {
    let d = fresh();
    let mut failures = Vec::new();
    for (name, rec) in json_files(&recordings().join("endpoints")) {
        if name.contains("after_uploads") {
            continue;
        }
        if let Err(e) = check(
            &format!("endpoints/{name}"),
            &rec,
            &replay_raw(&d, &rec),
            &[],
        ) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn png(w: u32, h: u32, px: &[u8], color: image::ExtendedColorType) -> Vec<u8> {
    let mut out = Vec::new();
    let data: Vec<u8> = px
        .iter()
        .copied()
        .cycle()
        .take(px.len() * (w * h) as usize)
        .collect();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut out),
        &data,
        w,
        h,
        color,
    )
    .unwrap();
    out
}

/// Bytes standing for a recorded upload part (identified by its sha256).
fn part_bytes(sha: &str) -> Vec<u8> {
    match &sha[..8] {
        "cebcfe93" => png(32, 24, &[255, 0, 0], image::ExtendedColorType::Rgb8),
        "2dfa0a1d" => png(32, 24, &[0, 255, 0], image::ExtendedColorType::Rgb8),
        "4ae573a8" => png(40, 30, &[0, 0, 255, 128], image::ExtendedColorType::Rgba8),
        "b2d97652" => b"this is not an image\n".to_vec(),
        "8f1c8c46" => b"definitely not a PNG file\n".to_vec(),
        other => panic!("unknown upload part {other}"),
    }
}

#[test]
fn every_recorded_upload_is_reproduced_and_listed() {
    let d = fresh();
    let mut failures = Vec::new();
    for (name, rec) in json_files(&recordings().join("upload")) {
        let req = rec.get("request").unwrap();
        let got = match req.get("body_multipart") {
            Some(mp) => {
                let boundary = mp.get("boundary").and_then(Json::as_str).unwrap();
                let mut body = Vec::new();
                for part in mp.get("parts").and_then(Json::as_arr).unwrap() {
                    body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
                    let field = part.get("name").and_then(Json::as_str).unwrap();
                    match part.get("filename").and_then(Json::as_str) {
                        Some(f) => {
                            let ct = part.get("content_type").and_then(Json::as_str).unwrap();
                            body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{field}\"; filename=\"{f}\"\r\nContent-Type: {ct}\r\n\r\n").as_bytes());
                            body.extend_from_slice(&part_bytes(
                                part.get("sha256").and_then(Json::as_str).unwrap(),
                            ));
                        }
                        None => {
                            let v = part.get("value").and_then(Json::as_str).unwrap();
                            body.extend_from_slice(
                                format!(
                                    "Content-Disposition: form-data; name=\"{field}\"\r\n\r\n{v}"
                                )
                                .as_bytes(),
                            );
                        }
                    }
                    body.extend_from_slice(b"\r\n");
                }
                body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
                let ct = format!("multipart/form-data; boundary={boundary}");
                http(
                    d.addr(),
                    "POST",
                    "/upload/image",
                    &[("Content-Type", &ct)],
                    &body,
                )
            }
            None => replay_raw(&d, &rec),
        };
        if let Err(e) = check(&format!("upload/{name}"), &rec, &got, &[]) {
            failures.push(e);
        }
    }
    let rec = read_json(&recordings().join("endpoints/object_info_LoadImage_after_uploads.json"));
    if let Err(e) = check(
        "endpoints/object_info_LoadImage_after_uploads.json",
        &rec,
        &replay_raw(&d, &rec),
        &[],
    ) {
        failures.push(e);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn model_lists_patch_the_catalog_like_the_recording_with_models() {
    let with = read_json(&recordings().join("object_info_with_models.json"));
    let d = Double::builder()
        .models(ModelList::recorded())
        .spawn()
        .unwrap();
    let got = get_json(d.addr(), "/object_info");
    for class in [
        "CheckpointLoaderSimple",
        "VAELoader",
        "LoraLoader",
        "UNETLoader",
        "DualCLIPLoader",
        "UpscaleModelLoader",
        "ControlNetLoader",
        "TripleCLIPLoader",
    ] {
        compare_json(
            with.get(class).unwrap(),
            got.get(class).unwrap(),
            class,
            &[],
        )
        .unwrap();
    }
    let models = get_json(d.addr(), "/models/checkpoints");
    assert_eq!(models.as_arr().unwrap().len(), 5);
    assert_eq!(
        get_json(d.addr(), "/embeddings").dumps(),
        r#"["easynegative"]"#
    );
    assert_eq!(
        http(d.addr(), "GET", "/api/models/no_such_folder", &[], b"").status,
        404
    );
}
