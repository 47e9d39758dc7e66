//! Reading a request body: within the size limit, as JSON, as the
//! envelope object.

use axum::body::Body;
use serde_json::{Map, Value};
use wfc_contract::wire::{self, Problem, ProblemKind};

/// Reads the body within `limit` bytes and parses it as a JSON object;
/// the problem to answer otherwise.
pub(crate) async fn read_object(body: Body, limit: usize) -> Result<Map<String, Value>, Problem> {
    use futures_util::StreamExt;
    // Past the limit, keep reading (and dropping) up to DRAIN more bytes
    // before answering, so that the client, still sending, gets the 413
    // rather than a reset connection.
    const DRAIN: usize = 16 << 20;
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
        return Err(Problem::new(
            ProblemKind::BodyTooLarge,
            if limit >= 1 << 20 {
                format!(
                    "the limit is {} MB (MAX_BODY_SIZE_MB)",
                    limit / (1024 * 1024)
                )
            } else {
                format!("the limit of this route is {} KB", limit / 1024)
            },
        ));
    }
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Problem::new(ProblemKind::InvalidJson, e.to_string()))?;
    wire::envelope_object(value).map_err(|v| Problem::invalid(vec![v], "this endpoint"))
}
