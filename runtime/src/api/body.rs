//! Reading a request body: sent as JSON (`Content-Type`), within the size
//! limit (`Content-Length` before reading, then while streaming), as JSON,
//! as the envelope object.

use axum::body::Body;
use axum::http::{HeaderMap, header};
use serde_json::{Map, Value};
use wfc_contract::wire::{self, Problem, ProblemKind};

/// Checks the headers, then reads the body within `limit` bytes and parses
/// it as a JSON object; the problem to answer otherwise. Nothing of the
/// body is read when the headers already refuse it.
pub(crate) async fn read_object(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Map<String, Value>, Problem> {
    use futures_util::StreamExt;
    if let Some(refused) = refused_content_type(headers) {
        return Err(refused);
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        // Answered at once; what the client is still sending is dropped
        // (up to DRAIN bytes) beside the answer, never held.
        tokio::spawn(drain(body));
        return Err(too_large(limit));
    }
    // A chunked body past the limit: keep reading (and dropping) up to
    // DRAIN more bytes before answering, so that the client, still
    // sending, gets the 413 rather than a reset connection.
    let mut stream = body.into_data_stream();
    let mut bytes = Vec::new();
    let mut seen = 0usize;
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else { break };
        seen += chunk.len();
        if seen <= limit {
            bytes.extend_from_slice(&chunk);
        } else if seen > limit + DRAIN {
            break;
        }
    }
    if seen > limit {
        return Err(too_large(limit));
    }
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Problem::new(ProblemKind::InvalidJson, e.to_string()))?;
    wire::envelope_object(value).map_err(|v| Problem::invalid(vec![v], "this endpoint"))
}

/// How much of a refused body is read and dropped so that its client,
/// still sending, reads the 413 rather than a reset connection.
const DRAIN: usize = 16 << 20;

/// Reads and drops up to [`DRAIN`] bytes of a refused body.
async fn drain(body: Body) {
    use futures_util::StreamExt;
    let mut stream = body.into_data_stream();
    let mut seen = 0usize;
    while let Some(Ok(chunk)) = stream.next().await {
        seen += chunk.len();
        if seen > DRAIN {
            break;
        }
    }
}

/// 413, saying the limit.
fn too_large(limit: usize) -> Problem {
    Problem::new(
        ProblemKind::BodyTooLarge,
        if limit >= 1 << 20 {
            format!(
                "the limit is {} MB (MAX_BODY_SIZE_MB)",
                limit / (1024 * 1024)
            )
        } else {
            format!("the limit of this route is {} KB", limit / 1024)
        },
    )
}

/// The 415 unless the body is declared as JSON: `application/json` or
/// `application/*+json`, with any parameters (`; charset=utf-8`). A form
/// or `text/plain` body (what a cross-site page can send without a
/// preflight) is refused, and so is a body without a `Content-Type`.
fn refused_content_type(headers: &HeaderMap) -> Option<Problem> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Some(Problem::new(
            ProblemKind::UnsupportedMediaType,
            "the request has no Content-Type; send Content-Type: application/json",
        ));
    };
    let text = value.to_str().unwrap_or("");
    if is_json(text) {
        return None;
    }
    Some(Problem::new(
        ProblemKind::UnsupportedMediaType,
        format!(
            "the body is sent as `{}`; send Content-Type: application/json",
            text.chars().take(100).collect::<String>()
        ),
    ))
}

/// `application/json` or `application/*+json`, parameters allowed.
pub(crate) fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let Some(subtype) = essence.strip_prefix("application/") else {
        return false;
    };
    subtype == "json"
        || subtype
            .strip_suffix("+json")
            .is_some_and(|s| !s.is_empty() && !s.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_media_types_with_parameters_are_json() {
        for yes in [
            "application/json",
            "Application/JSON; charset=utf-8",
            "application/problem+json",
            "application/vnd.api+json;v=1",
        ] {
            assert!(is_json(yes), "{yes}");
        }
        for no in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/+json",
            "application/jsonx",
            "text/json",
            "",
        ] {
            assert!(!is_json(no), "{no}");
        }
    }
}
