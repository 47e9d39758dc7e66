//! The job routes: `GET /jobs` (filters, cursor pages), `GET /jobs/{id}`,
//! `POST /jobs/{id}/cancel`, an output file's bytes, and the event stream
//! (Server-Sent Events, resumable with `Last-Event-ID`). A job another API
//! key started is answered as unknown (404), as `auth::Caller::reaches`
//! decides.

use super::{AppState, problem};
use crate::auth::Caller;
use crate::jobs::{refusal, store_failed};
use crate::store::{JobRecord, ListQuery, StoreError};
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::broadcast;
use wfc_contract::routes;
use wfc_contract::wire::{JobEvent, JobPage, JobStatus, Problem, ProblemKind};

/// The job routes.
pub(crate) fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(routes::JOBS.path, get(list))
        .route(routes::JOB.path, get(show))
        .route(routes::JOB_CANCEL.path, post(cancel))
        .route(routes::JOB_OUTPUT.path, get(output))
        .route(routes::JOB_EVENTS.path, get(events))
}

fn not_found(id: &str) -> Problem {
    refusal(StoreError::NotFound(id.to_string()))
}

/// Job `id`, if `caller` may see it.
async fn reachable(state: &AppState, caller: &Caller, id: &str) -> Result<JobRecord, Problem> {
    match state.jobs.store().get(id).await {
        Ok(job) if caller.reaches(job.owner.as_deref()) => Ok(job),
        Ok(_) | Err(StoreError::NotFound(_)) => Err(not_found(id)),
        Err(e) => Err(store_failed(e)),
    }
}

/// The query of `GET /jobs`, or the 400 naming the parameter.
fn list_query(uri: &Uri) -> Result<ListQuery, Box<Problem>> {
    let mut query = ListQuery {
        limit: JobPage::DEFAULT_LIMIT,
        ..ListQuery::default()
    };
    let mut seen: Vec<&str> = Vec::new();
    for pair in uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        if !matches!(key, "status" | "endpoint" | "limit" | "cursor") {
            continue;
        }
        let pointer = format!("?{key}");
        if seen.contains(&key) {
            return Err(Box::new(Problem::parameter(
                &pointer,
                format!("the query parameter `{key}` is given more than once"),
            )));
        }
        seen.push(key);
        let value = percent_decode(raw).ok_or_else(|| {
            Box::new(Problem::parameter(
                &pointer,
                format!("`{key}` is not percent-encoded UTF-8"),
            ))
        })?;
        let shown: String = value.chars().take(100).collect();
        match key {
            "status" => {
                query.status = Some(JobStatus::parse(&value).ok_or_else(|| {
                    let all: Vec<&str> = JobStatus::ALL.iter().map(|s| s.as_str()).collect();
                    Box::new(Problem::parameter(
                        &pointer,
                        format!("`status` is one of {}, not `{shown}`", all.join(", ")),
                    ))
                })?);
            }
            "endpoint" => query.endpoint = Some(value),
            "limit" => {
                query.limit = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=JobPage::MAX_LIMIT).contains(n))
                    .ok_or_else(|| {
                        Box::new(Problem::parameter(
                            &pointer,
                            format!(
                                "`limit` is an integer from 1 to {}, not `{shown}`",
                                JobPage::MAX_LIMIT
                            ),
                        ))
                    })?;
            }
            _ => query.cursor = Some(value),
        }
    }
    Ok(query)
}

/// `%XX` and `+` decoded; `None` when the result is not UTF-8 or an
/// escape is broken.
fn percent_decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = raw.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

async fn list(
    State(state): State<Arc<AppState>>,
    axum::Extension(caller): axum::Extension<Caller>,
    uri: Uri,
) -> Response {
    let mut query = match list_query(&uri) {
        Ok(q) => q,
        Err(p) => return problem::response(*p),
    };
    if !caller.reaches(None) {
        match caller.owner() {
            Some(owner) => query.owner = Some(owner.to_string()),
            // A caller without a name reaches nobody's jobs.
            None => {
                return axum::Json(JobPage {
                    jobs: Vec::new(),
                    next: None,
                })
                .into_response();
            }
        }
    }
    match state.jobs.store().list(&query).await {
        Ok(page) => axum::Json(JobPage {
            jobs: page.jobs.iter().map(JobRecord::to_wire).collect(),
            next: page.next,
        })
        .into_response(),
        Err(StoreError::BadCursor) => problem::response(Problem::parameter(
            "?cursor",
            "`cursor` is not one this server made; pass the `next` of the previous page as it is",
        )),
        Err(e) => problem::response(store_failed(e)),
    }
}

async fn show(
    State(state): State<Arc<AppState>>,
    axum::Extension(caller): axum::Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    match reachable(&state, &caller, &id).await {
        Ok(job) => axum::Json(job.to_wire()).into_response(),
        Err(p) => problem::response(p),
    }
}

async fn cancel(
    State(state): State<Arc<AppState>>,
    axum::Extension(caller): axum::Extension<Caller>,
    Path(id): Path<String>,
) -> Response {
    if let Err(p) = reachable(&state, &caller, &id).await {
        return problem::response(p);
    }
    match state.jobs.cancel(&id).await {
        Ok(job) => axum::Json(job.to_wire()).into_response(),
        Err(e) => problem::response(refusal(e)),
    }
}

async fn output(
    State(state): State<Arc<AppState>>,
    axum::Extension(caller): axum::Extension<Caller>,
    Path((id, output, index)): Path<(String, String, String)>,
) -> Response {
    let job = match reachable(&state, &caller, &id).await {
        Ok(job) => job,
        Err(p) => return problem::response(p),
    };
    let Ok(index) = index.parse::<usize>() else {
        return problem::response(Problem::parameter(
            "/path/index",
            format!("the file index is a whole number from 0, not `{index}`"),
        ));
    };
    let missing = || {
        let names: Vec<&str> = job.outputs.keys().map(String::as_str).collect();
        problem::response(Problem::new(
            ProblemKind::OutputNotFound,
            format!(
                "job {id} has no file {index} of output `{output}`; its outputs are [{}] (see GET /jobs/{id})",
                names.join(", ")
            ),
        ))
    };
    let Some(file) = job.outputs.get(&output).and_then(|f| f.get(index)) else {
        return missing();
    };
    match state.jobs.files().get(&id, &output, index).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, file.content_type.clone()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{}\"", file.filename.replace('"', "")),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => missing(),
        Err(e) => problem::response(Problem::new(
            ProblemKind::StoreFailed,
            format!("cannot read file {index} of output `{output}` of job {id}: {e}"),
        )),
    }
}

/// `Last-Event-ID`: the seq to resume after (0 without the header).
fn last_event_id(headers: &HeaderMap) -> Result<u64, Box<Problem>> {
    let Some(value) = headers.get("last-event-id") else {
        return Ok(0);
    };
    let text = String::from_utf8_lossy(value.as_bytes());
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    // Digits only: `u64::from_str` would take a leading `+`.
    let digits = text.bytes().all(|b| b.is_ascii_digit());
    text.parse::<u64>().ok().filter(|_| digits).ok_or_else(|| {
        let shown: String = text.chars().take(40).collect();
        Box::new(Problem::parameter(
            "/headers/last-event-id",
            format!(
                "Last-Event-ID is the `id` of an event of this stream (a whole number), not `{shown}`"
            ),
        ))
    })
}

/// Where one event stream is.
struct Stream {
    state: Arc<AppState>,
    id: String,
    last: u64,
    live: broadcast::Receiver<JobEvent>,
    backlog: VecDeque<JobEvent>,
    ended: bool,
}

impl Stream {
    /// The next event to send; `None` after the final one.
    async fn next(&mut self) -> Option<JobEvent> {
        loop {
            if let Some(event) = self.backlog.pop_front() {
                if event.seq <= self.last {
                    continue;
                }
                self.last = event.seq;
                self.ended = event.kind.is_final();
                return Some(event);
            }
            if self.ended {
                return None;
            }
            match self.live.recv().await {
                Ok(event) => self.backlog.push_back(event),
                // Fell behind, or the job ended (its channel closed): the
                // store has every event.
                Err(e) => {
                    let closed = matches!(e, broadcast::error::RecvError::Closed);
                    match self
                        .state
                        .jobs
                        .store()
                        .events_after(&self.id, self.last)
                        .await
                    {
                        Ok(events) => self.backlog.extend(events),
                        Err(_) => return None,
                    }
                    if closed && self.backlog.is_empty() {
                        return None;
                    }
                    if closed {
                        self.live = self.state.jobs.hub().subscribe(&self.id);
                    }
                }
            }
        }
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.state.jobs.hub().release(&self.id);
    }
}

async fn events(
    State(state): State<Arc<AppState>>,
    axum::Extension(caller): axum::Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let after = match last_event_id(&headers) {
        Ok(n) => n,
        Err(p) => return problem::response(*p),
    };
    let job = match reachable(&state, &caller, &id).await {
        Ok(job) => job,
        Err(p) => return problem::response(p),
    };
    // Subscribe first, then read the log: nothing falls between.
    let live = state.jobs.hub().subscribe(&id);
    let backlog = match state.jobs.store().events_after(&id, after).await {
        Ok(events) => VecDeque::from(events),
        Err(e) => return problem::response(store_failed(e)),
    };
    let heartbeat = state.sse_heartbeat;
    let stream = Stream {
        state,
        ended: job.status.is_final() && backlog.is_empty(),
        id,
        last: after,
        live,
        backlog,
    };
    let events = futures_util::stream::unfold(stream, |mut stream| async move {
        let event = stream.next().await?;
        let sse = Event::default()
            .id(event.seq.to_string())
            .event(event.kind.as_str())
            .json_data(&event)
            .expect("an event serializes");
        Some((Ok::<_, Infallible>(sse), stream))
    });
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(heartbeat).text("heartbeat"))
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn query(q: &str) -> Result<ListQuery, Box<Problem>> {
        list_query(&format!("/jobs?{q}").parse().unwrap())
    }

    #[test]
    fn list_parameters_are_read_and_bad_ones_named() {
        let q = query("status=running&endpoint=%2Fworkflows%2Fa&limit=5&cursor=abc&x=1").unwrap();
        assert_eq!(q.status, Some(JobStatus::Running));
        assert_eq!(q.endpoint.as_deref(), Some("/workflows/a"));
        assert_eq!((q.limit, q.cursor.as_deref()), (5, Some("abc")));
        assert_eq!(query("").unwrap().limit, JobPage::DEFAULT_LIMIT);
        for (bad, pointer) in [
            ("status=done", "?status"),
            ("limit=0", "?limit"),
            ("limit=101", "?limit"),
            ("limit=x", "?limit"),
            ("limit=1&limit=2", "?limit"),
            ("cursor=%zz", "?cursor"),
        ] {
            let p = query(bad).unwrap_err();
            assert_eq!(
                (p.status, p.errors[0].pointer.as_str()),
                (400, pointer),
                "{bad}"
            );
        }
    }

    #[test]
    fn last_event_id_is_a_number_or_a_400() {
        let mut h = HeaderMap::new();
        assert_eq!(last_event_id(&h).unwrap(), 0);
        h.insert("last-event-id", "7".parse().unwrap());
        assert_eq!(last_event_id(&h).unwrap(), 7);
        h.insert("last-event-id", "".parse().unwrap());
        assert_eq!(last_event_id(&h).unwrap(), 0);
        for bad in [
            &b"7; drop"[..],
            b"+7",
            b"\xc2\x84",
            b"99999999999999999999999",
        ] {
            h.insert("last-event-id", HeaderValue::from_bytes(bad).unwrap());
            let p = last_event_id(&h).unwrap_err();
            assert_eq!(p.errors[0].pointer, "/headers/last-event-id");
        }
    }
}
