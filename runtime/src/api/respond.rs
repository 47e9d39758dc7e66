//! A finished run as an answer: comfyui-api's JSON ([`RunResponse`]), or
//! the bytes of the single output file when the client accepts an image.

use super::problem;
use crate::engine::{RunOutput, Timings};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use std::time::{Duration, Instant};
use wfc_contract::wire::{OutputFile, Problem, ProblemKind, RunResponse, Stats};

/// Whether the client asked for raw bytes (`Accept: image/*`, `video/*`
/// or `application/octet-stream`, and not JSON).
fn wants_bytes(headers: &HeaderMap) -> bool {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    accept.split(',').any(|a| {
        let a = a.trim();
        a.starts_with("image/")
            || a.starts_with("application/octet-stream")
            || a.starts_with("video/")
    }) && !accept.contains("application/json")
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e4).round() / 10.0
}

/// The answer to request `id`, which arrived at `arrived`.
pub(crate) fn run_output(
    headers: &HeaderMap,
    id: &str,
    mut output: RunOutput,
    arrived: Instant,
) -> Response {
    if wants_bytes(headers) {
        if output.files.len() != 1 {
            return problem::response(Problem::new(
                ProblemKind::NotOneOutput,
                format!(
                    "{} files were produced; ask for JSON (Accept: application/json) to get them all",
                    output.files.len()
                ),
            ));
        }
        let file = output.files.pop().expect("one file");
        return (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, file.content_type.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{}\"", file.filename),
                ),
            ],
            file.bytes,
        )
            .into_response();
    }
    let b64 = base64::engine::general_purpose::STANDARD;
    let encoded: Vec<String> = output.files.iter().map(|f| b64.encode(&f.bytes)).collect();
    let outputs = output
        .named
        .iter()
        .map(|(name, indexes)| {
            let files = indexes
                .iter()
                .map(|&i| OutputFile {
                    filename: output.files[i].filename.clone(),
                    content_type: output.files[i].content_type.to_string(),
                    data: encoded[i].clone(),
                })
                .collect();
            (name.clone(), files)
        })
        .collect();
    let Timings {
        upload,
        run,
        download,
        convert,
    } = output.timings;
    let total = ms(arrived.elapsed());
    let body = RunResponse {
        id: id.to_string(),
        filenames: output.files.iter().map(|f| f.filename.clone()).collect(),
        images: encoded,
        outputs,
        values: (!output.values.is_empty()).then_some(output.values),
        stats: Stats {
            upload_ms: ms(upload),
            comfy_ms: ms(run),
            download_ms: ms(download),
            convert_ms: ms(convert),
            total_ms: total,
        },
    };
    tracing::info!(
        files = body.filenames.len(),
        total_ms = total,
        "request done"
    );
    axum::Json(body).into_response()
}
