//! Reading a request body: sent as JSON (`Content-Type`), within the size
//! limit (`Content-Length` before reading, then while streaming), within
//! the memory budget bodies share (`MAX_BODY_MEMORY_MB`), nested no deeper
//! than `MAX_JSON_DEPTH`, as JSON, as the envelope object.

use axum::body::Body;
use axum::http::{HeaderMap, header};
use futures_util::{Stream, StreamExt};
use serde_json::{Map, Value};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use wfc_contract::wire::{self, Problem, ProblemKind};

/// What every body read shares: the memory budget of the bodies held at
/// once, in KB permits, and the deepest JSON nesting.
pub(crate) struct BodyLimits {
    memory: Arc<Semaphore>,
    memory_mb: usize,
    max_depth: usize,
    /// The longest pause between two chunks of a body.
    stall: Duration,
}

impl BodyLimits {
    /// `memory_mb` of bodies at once, nested at most `max_depth` deep,
    /// pausing at most `stall` between chunks.
    pub(crate) fn new(memory_mb: usize, max_depth: usize, stall: Duration) -> BodyLimits {
        let permits = memory_mb.saturating_mul(1024).min(Semaphore::MAX_PERMITS);
        BodyLimits {
            memory: Arc::new(Semaphore::new(permits)),
            memory_mb,
            max_depth,
            stall,
        }
    }

    /// The budget's KB not held by a body now.
    #[cfg(test)]
    fn available_kb(&self) -> usize {
        self.memory.available_permits()
    }
}

/// How long a body waits for its share of the memory budget before the
/// request is answered 503 `busy`.
const MEMORY_WAIT: Duration = Duration::from_secs(1);

/// The `Retry-After` of a `busy` answer, in seconds.
pub(crate) const RETRY_AFTER_S: u64 = 2;

/// What one JSON value (an element, a member with its key) is counted
/// for in memory besides its strings' bytes: a `serde_json::Value` is 32
/// bytes, a member adds its key's `String` and its share of the map's
/// nodes.
const VALUE_COST: usize = 64;

/// A body read as a JSON object. It holds its share of the memory budget
/// (the parsed value's estimated size) until it is dropped.
pub(crate) struct Object {
    map: Map<String, Value>,
    _held: Held,
}

impl std::ops::Deref for Object {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Map<String, Value> {
        &self.map
    }
}

/// KB of the memory budget held by one body.
struct Held {
    permit: Option<OwnedSemaphorePermit>,
}

impl Held {
    fn kb(&self) -> usize {
        self.permit
            .as_ref()
            .map_or(0, OwnedSemaphorePermit::num_permits)
    }

    /// Holds enough of the budget for `bytes` bytes in all, waiting at
    /// most [`MEMORY_WAIT`]; the `busy` problem otherwise.
    async fn grow_to(&mut self, bytes: usize, limits: &BodyLimits) -> Result<(), Problem> {
        let want = bytes.div_ceil(1024);
        let held = self.kb();
        if want <= held {
            return Ok(());
        }
        let more = u32::try_from(want - held).map_err(|_| busy(limits))?;
        let acquire = limits.memory.clone().acquire_many_owned(more);
        let Ok(Ok(permit)) = tokio::time::timeout(MEMORY_WAIT, acquire).await else {
            return Err(busy(limits));
        };
        match &mut self.permit {
            Some(held) => held.merge(permit),
            None => self.permit = Some(permit),
        }
        Ok(())
    }

    /// Gives back what is held beyond `bytes` bytes.
    fn shrink_to(&mut self, bytes: usize) {
        let keep = bytes.div_ceil(1024);
        if let Some(permit) = &mut self.permit {
            let extra = permit.num_permits().saturating_sub(keep);
            drop(permit.split(extra));
        }
    }
}

/// 503 `busy`: the bodies in memory hold the budget.
fn busy(limits: &BodyLimits) -> Problem {
    Problem::new(
        ProblemKind::Busy,
        format!(
            "the bodies of requests in progress hold the memory set aside for them ({} MB, MAX_BODY_MEMORY_MB); retry after {RETRY_AFTER_S} s",
            limits.memory_mb
        ),
    )
}

/// Checks the headers, then reads the body within `limit` bytes and the
/// memory budget, and parses it as a JSON object; the problem to answer
/// otherwise. Nothing of the body is read when the headers already refuse
/// it.
///
/// A body counts against the budget for its bytes and for the value they
/// parse into, taken as at least as large as the bytes: with a
/// `Content-Length`, twice the length is taken before reading, so a
/// request waiting for memory holds none; without one, twice what arrived
/// as chunks arrive. Before parsing, the value's size is estimated from
/// the bytes (strings, and [`VALUE_COST`] a value) and taken if larger;
/// after, the bytes' share is given back.
pub(crate) async fn read_object(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    limits: &BodyLimits,
) -> Result<Object, Problem> {
    if let Some(refused) = refused_content_type(headers) {
        return Err(refused);
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let mut stream = body.into_data_stream();
    if declared.is_some_and(|n| n > limit as u64) {
        // Answered at once; what the client is still sending is dropped
        // (up to DRAIN bytes) beside the answer, never held.
        tokio::spawn(drain(stream));
        return Err(too_large(limit));
    }
    let declared = declared.map_or(0, |n| n as usize);
    let mut held = Held { permit: None };
    if let Err(p) = held.grow_to(declared.saturating_mul(2), limits).await {
        tokio::spawn(drain(stream));
        return Err(p);
    }
    // A chunked body past the limit: keep reading (and dropping) up to
    // DRAIN more bytes before answering, so that the client, still
    // sending, gets the 413 rather than a reset connection.
    let mut bytes = Vec::with_capacity(declared);
    let mut seen = 0usize;
    loop {
        let chunk = match tokio::time::timeout(limits.stall, stream.next()).await {
            Ok(Some(Ok(chunk))) => chunk,
            Ok(Some(Err(_)) | None) => break,
            Err(_) => return Err(stalled(limits.stall, seen)),
        };
        seen += chunk.len();
        if seen <= limit {
            if let Err(p) = held.grow_to(seen.saturating_mul(2), limits).await {
                drop(bytes);
                tokio::spawn(drain(stream));
                return Err(p);
            }
            bytes.extend_from_slice(&chunk);
        } else if seen > limit + DRAIN {
            break;
        }
    }
    if seen > limit {
        return Err(too_large(limit));
    }
    let parsed = match scan(&bytes, limits.max_depth) {
        Ok(estimate) => estimate.max(bytes.len()),
        Err(at) => {
            return Err(Problem::new(
                ProblemKind::InvalidJson,
                format!(
                    "arrays and objects nest deeper than {} levels (MAX_JSON_DEPTH) at byte {at}",
                    limits.max_depth
                ),
            ));
        }
    };
    if bytes.len() + parsed > limits.memory_mb.saturating_mul(1 << 20) {
        return Err(Problem::new(
            ProblemKind::BodyTooLarge,
            format!(
                "parsed, this body would take about {} MB, which with its bytes is more than the {} MB all bodies may hold (MAX_BODY_MEMORY_MB)",
                parsed >> 20,
                limits.memory_mb
            ),
        ));
    }
    held.grow_to(bytes.len() + parsed, limits).await?;
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|e| Problem::new(ProblemKind::InvalidJson, e.to_string()))?;
    drop(bytes);
    held.shrink_to(parsed);
    let map =
        wire::envelope_object(value).map_err(|v| Problem::invalid(vec![v], "this endpoint"))?;
    Ok(Object { map, _held: held })
}

/// The estimated size of the value `json` parses into (its strings'
/// bytes, and [`VALUE_COST`] for each value); or the byte offset of the
/// bracket at which it nests more than `max` arrays and objects. Strings
/// are skipped; invalid JSON is left to the parser.
fn scan(json: &[u8], max: usize) -> Result<usize, usize> {
    let mut depth = 0usize;
    let mut values = 1usize;
    let mut strings = 0usize;
    let mut at = 0;
    while at < json.len() {
        match json[at] {
            b'"' => {
                // Skip the string: to the next quote not escaped.
                let start = at;
                at += 1;
                while at < json.len() {
                    match json[at] {
                        b'\\' => at += 2,
                        b'"' => break,
                        _ => at += 1,
                    }
                }
                strings += at - start;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Err(at);
                }
                values += 1;
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' => values += 1,
            _ => {}
        }
        at += 1;
    }
    Ok(strings.saturating_add(values.saturating_mul(VALUE_COST)))
}

/// How much of a refused body is read and dropped so that its client,
/// still sending, reads the answer rather than a reset connection.
const DRAIN: usize = 16 << 20;

/// Reads and drops up to [`DRAIN`] bytes of a refused body.
async fn drain<E>(mut stream: impl Stream<Item = Result<axum::body::Bytes, E>> + Unpin) {
    let mut seen = 0usize;
    while let Some(Ok(chunk)) = stream.next().await {
        seen += chunk.len();
        if seen > DRAIN {
            break;
        }
    }
}

/// 408: the body stopped arriving.
fn stalled(stall: Duration, seen: usize) -> Problem {
    Problem::new(
        ProblemKind::RequestTimeout,
        format!(
            "the body stopped arriving: nothing for {} s after {seen} bytes (BODY_READ_TIMEOUT_S); the connection is closed",
            stall.as_secs_f64()
        ),
    )
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

    #[test]
    fn nesting_is_counted_outside_strings() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(scan(nested(64).as_bytes(), 64).err(), None);
        assert_eq!(scan(nested(65).as_bytes(), 64).err(), Some(64));
        let object = format!(r#"{{"a": {}}}"#, nested(63));
        assert_eq!(scan(object.as_bytes(), 64).err(), None);
        assert_eq!(scan(object.as_bytes(), 63).err(), Some(6 + 62));
        // Brackets and escaped quotes inside strings do not count.
        let text = r#"{"a": "[[[[\"{{{{", "b": ["]]]]"]}"#;
        assert_eq!(scan(text.as_bytes(), 2).err(), None);
        assert_eq!(
            scan(text.as_bytes(), 1).err(),
            Some(text.find("[\"").unwrap())
        );
    }

    fn json_headers(length: Option<usize>) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        if let Some(n) = length {
            h.insert(header::CONTENT_LENGTH, n.into());
        }
        h
    }

    /// A body of `kb` KB, sent in 64 KB chunks without a length.
    fn chunked(kb: usize) -> Body {
        let text = string_body(kb);
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> = text
            .into_bytes()
            .chunks(64 * 1024)
            .map(|c| Ok(c.to_vec()))
            .collect();
        Body::from_stream(futures_util::stream::iter(chunks))
    }

    /// A body of `kb` KB: one string member.
    fn string_body(kb: usize) -> String {
        format!(r#"{{"x": "{}"}}"#, "a".repeat(kb * 1024 - 9))
    }

    #[tokio::test]
    async fn bodies_hold_the_budget_until_dropped_and_others_wait_then_get_busy() {
        let limits = BodyLimits::new(2, 64, Duration::from_secs(30));
        let text = string_body(900);
        let first = read_object(
            &json_headers(Some(text.len())),
            Body::from(text.clone()),
            1 << 20,
            &limits,
        )
        .await
        .unwrap();
        // While reading it held twice its length; parsed, about its length.
        let left = limits.available_kb();
        assert!((2048 - 902..=2048 - 900).contains(&left), "{left}");
        // Declared: refused after the wait without holding anything.
        let started = std::time::Instant::now();
        let refused = read_object(
            &json_headers(Some(text.len())),
            Body::from(text.clone()),
            1 << 20,
            &limits,
        )
        .await
        .err()
        .unwrap();
        assert_eq!(
            (refused.status, refused.kind_uri.as_str()),
            (503, "urn:wfc:problem:busy")
        );
        assert!(
            refused.detail.contains("MAX_BODY_MEMORY_MB"),
            "{}",
            refused.detail
        );
        assert!(started.elapsed() >= MEMORY_WAIT);
        assert_eq!(limits.available_kb(), left);
        // Chunked: refused once its chunks outgrow what is left, and what
        // it held is given back.
        let refused = read_object(&json_headers(None), chunked(900), 1 << 20, &limits)
            .await
            .err()
            .unwrap();
        assert_eq!(refused.status, 503);
        assert_eq!(limits.available_kb(), left);
        drop(first);
        assert_eq!(limits.available_kb(), 2048);
        let second = read_object(&json_headers(None), chunked(900), 1 << 20, &limits)
            .await
            .unwrap();
        assert_eq!(second["x"].as_str().map(str::len), Some(900 * 1024 - 9));
        assert_eq!(limits.available_kb(), left);
    }

    #[tokio::test]
    async fn a_body_whose_parsed_value_outgrows_the_budget_is_413() {
        let limits = BodyLimits::new(1, 64, Duration::from_secs(30));
        // 200 KB of zeros parse into 100,000 values.
        let text = format!(r#"{{"x": [{}0]}}"#, "0,".repeat(100_000));
        let p = read_object(&json_headers(None), Body::from(text), 1 << 20, &limits)
            .await
            .err()
            .unwrap();
        assert_eq!(p.status, 413);
        assert!(p.detail.contains("MAX_BODY_MEMORY_MB"), "{}", p.detail);
        assert_eq!(limits.available_kb(), 1024);
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_stops_arriving_is_408_at_the_stall_limit() {
        let limits = BodyLimits::new(2, 64, Duration::from_secs(5));
        // One chunk, then nothing: the client keeps the connection open.
        let first = futures_util::stream::iter([Ok::<_, std::io::Error>(b"{\"x\": \"ab".to_vec())]);
        let body = Body::from_stream(first.chain(futures_util::stream::pending()));
        let started = tokio::time::Instant::now();
        let e = read_object(&json_headers(None), body, 1 << 20, &limits)
            .await
            .err()
            .unwrap();
        assert_eq!(e.status, 408);
        assert!(
            e.detail.contains("nothing for 5 s after 9 bytes"),
            "{}",
            e.detail
        );
        assert_eq!(started.elapsed(), Duration::from_secs(5));
        // A body that keeps coming, more slowly than the limit in all but
        // never pausing as long, is read.
        let slow = futures_util::stream::iter(["{\"x\":", " 1", "}"]).then(|c| async move {
            tokio::time::sleep(Duration::from_secs(4)).await;
            Ok::<_, std::io::Error>(c.as_bytes().to_vec())
        });
        let v = read_object(
            &json_headers(None),
            Body::from_stream(slow),
            1 << 20,
            &limits,
        )
        .await
        .unwrap();
        assert_eq!(v.get("x"), Some(&serde_json::json!(1)));
    }

    #[tokio::test]
    async fn a_body_nested_too_deep_is_refused_with_where() {
        let limits = BodyLimits::new(1, 3, Duration::from_secs(30));
        let text = r#"{"a": [[{"b": 1}]]}"#;
        let p = read_object(&json_headers(None), Body::from(text), 1024, &limits)
            .await
            .err()
            .unwrap();
        assert_eq!(p.status, 400);
        assert_eq!(
            p.detail,
            "arrays and objects nest deeper than 3 levels (MAX_JSON_DEPTH) at byte 8"
        );
        let ok = read_object(
            &json_headers(None),
            Body::from(r#"{"a": [[1]]}"#),
            1024,
            &limits,
        )
        .await;
        assert!(ok.is_ok());
        assert_eq!(limits.available_kb(), 1023, "the small body holds 1 KB");
    }
}
