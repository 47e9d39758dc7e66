//! The job resource of the asynchronous API and its events: [`Job`] (what
//! `GET /jobs/{id}` answers), [`JobStatus`] with the one rule of which
//! status may follow which, [`Progress`], the output files a job links to
//! ([`JobFile`]), and [`JobEvent`], one entry of a job's numbered event
//! log (what the event stream sends). Timestamps are RFC 3339 (UTC).

use crate::wire::Problem;
use jiff::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// Where a job is in its life. `queued` → `running` → one of the final
/// states `succeeded`, `failed`, `canceled`; a queued job can also fail or
/// be canceled before it runs. A final state never changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Accepted, not started yet (waiting here or in ComfyUI's queue).
    Queued,
    /// ComfyUI is running it.
    Running,
    /// Finished with its outputs.
    Succeeded,
    /// Finished with a problem (`error`).
    Failed,
    /// Canceled before it finished.
    Canceled,
}

impl JobStatus {
    /// Every status, in lifecycle order.
    pub const ALL: &'static [JobStatus] = &[
        JobStatus::Queued,
        JobStatus::Running,
        JobStatus::Succeeded,
        JobStatus::Failed,
        JobStatus::Canceled,
    ];

    /// `succeeded`, `failed` or `canceled`: the status never changes again.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobStatus::Succeeded | JobStatus::Failed | JobStatus::Canceled
        )
    }

    /// Whether a job in this status may move to `next`.
    pub fn can_become(self, next: JobStatus) -> bool {
        use JobStatus::*;
        matches!(
            (self, next),
            (Queued, Running | Failed | Canceled) | (Running, Succeeded | Failed | Canceled)
        )
    }

    /// The name on the wire (`queued`).
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Succeeded => "succeeded",
            JobStatus::Failed => "failed",
            JobStatus::Canceled => "canceled",
        }
    }

    /// The status named `name` on the wire, if any.
    pub fn parse(name: &str) -> Option<JobStatus> {
        JobStatus::ALL.iter().copied().find(|s| s.as_str() == name)
    }
}

impl fmt::Display for JobStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How far a running job is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Progress {
    /// The node ComfyUI is executing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub node: Option<String>,
    /// Steps done in that node.
    pub value: u64,
    /// Steps of that node.
    pub max: u64,
    /// The share of the whole graph done, from 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub fraction: f64,
}

/// One output file of a job, fetched from its URL instead of inline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct JobFile {
    /// The file's name.
    pub filename: String,
    /// Its media type (`image/png`).
    pub content_type: String,
    /// Where to fetch its bytes (`/jobs/{id}/outputs/{output}/{index}`).
    pub url: String,
}

/// A job's files by output name, in the order the run produced them.
pub type JobOutputs = BTreeMap<String, Vec<JobFile>>;

/// The routes of one job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct JobLinks {
    /// The job (`/jobs/{id}`).
    #[serde(rename = "self")]
    pub self_: String,
    /// Its event stream (`/jobs/{id}/events`).
    pub events: String,
    /// Where to cancel it (`/jobs/{id}/cancel`).
    pub cancel: String,
}

impl JobLinks {
    /// The links of the job `id` (the id percent-encoded as one segment).
    pub fn for_job(id: &str) -> JobLinks {
        let job = format!("/jobs/{}", encode_segment(id));
        JobLinks {
            events: format!("{job}/events"),
            cancel: format!("{job}/cancel"),
            self_: job,
        }
    }

    /// Where file `index` of output `output` of job `id` is fetched
    /// (`/jobs/{id}/outputs/{output}/{index}`, each part one segment).
    pub fn output(id: &str, output: &str, index: usize) -> String {
        format!(
            "/jobs/{}/outputs/{}/{index}",
            encode_segment(id),
            encode_segment(output)
        )
    }
}

/// `text` as one path segment: unreserved characters kept, every other
/// byte percent-encoded.
fn encode_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A job: `GET /jobs/{id}`, and the body of a 202.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Job {
    /// The job's id (the request's `id`).
    pub id: String,
    /// The endpoint's path (`/workflows/sd15/txt2img`, or `/prompt`).
    pub endpoint: String,
    /// Where the job is.
    pub status: JobStatus,
    /// When it was accepted.
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub created_at: Timestamp,
    /// When ComfyUI started it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub started_at: Option<Timestamp>,
    /// When it reached its final state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub finished_at: Option<Timestamp>,
    /// The latest progress, while running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Progress")]
    pub progress: Option<Progress>,
    /// Its files by output name, as they are known.
    pub outputs: JobOutputs,
    /// Why it failed: the problem the synchronous answer would have given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Problem")]
    pub error: Option<Problem>,
    /// Its routes.
    pub links: JobLinks,
}

/// comfyui-api's `status` of an accepted request: always `ok`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AcceptedStatus {
    /// The request was accepted.
    #[default]
    Ok,
}

/// The `202 Accepted` of an asynchronous request: comfyui-api's fields
/// (`status`, `id`, `prompt`), so its clients keep working, and the job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Accepted {
    /// Always `ok`.
    pub status: AcceptedStatus,
    /// The job's id.
    pub id: String,
    /// The ComfyUI graph the job runs.
    #[schemars(with = "BTreeMap<String, Value>")]
    pub prompt: Value,
    /// The job, as `GET /jobs/{id}` shows it.
    pub job: Job,
}

/// One page of `GET /jobs`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct JobPage {
    /// The jobs, newest first.
    pub jobs: Vec<Job>,
    /// The `cursor` of the next page; `null` on the last one.
    pub next: Option<String>,
}

impl JobPage {
    /// The most jobs one page holds (`limit`).
    pub const MAX_LIMIT: usize = 100;
    /// The page size without `limit`.
    pub const DEFAULT_LIMIT: usize = 20;
}

/// The longest `Idempotency-Key` a submit may carry.
pub const MAX_IDEMPOTENCY_KEY: usize = 255;

/// What a [`JobEvent`] says. The first event of a job is `queued`; the
/// last is one of `succeeded`, `failed`, `canceled`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobEventKind {
    /// The job was accepted. Data: `{}`.
    Queued,
    /// ComfyUI started it. Data: `{}`.
    Started,
    /// Progress. Data: a [`Progress`].
    Progress,
    /// A file is known. Data: `{"output", "index", "file": JobFile}`.
    Output,
    /// Finished. Data: `{"outputs": JobOutputs}`.
    Succeeded,
    /// Failed. Data: `{"error": Problem}`.
    Failed,
    /// Canceled. Data: `{}`.
    Canceled,
}

impl JobEventKind {
    /// Every kind.
    pub const ALL: &'static [JobEventKind] = &[
        JobEventKind::Queued,
        JobEventKind::Started,
        JobEventKind::Progress,
        JobEventKind::Output,
        JobEventKind::Succeeded,
        JobEventKind::Failed,
        JobEventKind::Canceled,
    ];

    /// The event a job entering `status` logs.
    pub fn entering(status: JobStatus) -> JobEventKind {
        match status {
            JobStatus::Queued => JobEventKind::Queued,
            JobStatus::Running => JobEventKind::Started,
            JobStatus::Succeeded => JobEventKind::Succeeded,
            JobStatus::Failed => JobEventKind::Failed,
            JobStatus::Canceled => JobEventKind::Canceled,
        }
    }

    /// The last event of a job.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobEventKind::Succeeded | JobEventKind::Failed | JobEventKind::Canceled
        )
    }

    /// The name on the wire (`progress`), also the SSE `event:` field.
    pub fn as_str(self) -> &'static str {
        match self {
            JobEventKind::Queued => "queued",
            JobEventKind::Started => "started",
            JobEventKind::Progress => "progress",
            JobEventKind::Output => "output",
            JobEventKind::Succeeded => "succeeded",
            JobEventKind::Failed => "failed",
            JobEventKind::Canceled => "canceled",
        }
    }

    /// The kind named `name` on the wire, if any.
    pub fn parse(name: &str) -> Option<JobEventKind> {
        JobEventKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == name)
    }
}

/// One entry of a job's event log. `seq` starts at 1 and grows by one per
/// event of that job; it is the SSE `id`, so `Last-Event-ID: n` resumes
/// with event `n + 1`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct JobEvent {
    /// The event's number within its job.
    pub seq: u64,
    /// What happened.
    pub kind: JobEventKind,
    /// When.
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub at: Timestamp,
    /// The kind's data (see [`JobEventKind`]).
    pub data: Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_states_are_final_and_only_lifecycle_moves_are_legal() {
        for &from in JobStatus::ALL {
            for &to in JobStatus::ALL {
                if from.is_final() {
                    assert!(!from.can_become(to), "{from} -> {to}");
                }
            }
            assert!(!from.can_become(from), "{from} -> {from}");
            assert_eq!(JobStatus::parse(from.as_str()), Some(from));
        }
        assert!(JobStatus::Queued.can_become(JobStatus::Running));
        assert!(JobStatus::Running.can_become(JobStatus::Succeeded));
        assert!(!JobStatus::Queued.can_become(JobStatus::Succeeded));
        assert!(!JobStatus::Running.can_become(JobStatus::Queued));
        assert_eq!(JobStatus::parse("done"), None);
    }

    #[test]
    fn a_job_serializes_with_rfc3339_times_and_links() {
        let at: Timestamp = "2026-01-02T03:04:05.678Z".parse().unwrap();
        let job = Job {
            id: "a b/c".into(),
            endpoint: "/prompt".into(),
            status: JobStatus::Queued,
            created_at: at,
            started_at: None,
            finished_at: None,
            progress: None,
            outputs: JobOutputs::new(),
            error: None,
            links: JobLinks::for_job("a b/c"),
        };
        let v = serde_json::to_value(&job).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "id": "a b/c", "endpoint": "/prompt", "status": "queued",
                "created_at": "2026-01-02T03:04:05.678Z", "outputs": {},
                "links": {"self": "/jobs/a%20b%2Fc", "events": "/jobs/a%20b%2Fc/events",
                          "cancel": "/jobs/a%20b%2Fc/cancel"}
            })
        );
        assert_eq!(serde_json::from_value::<Job>(v).unwrap(), job);
    }

    #[test]
    fn event_kinds_round_trip_and_lifecycle_events_match_statuses() {
        for &k in JobEventKind::ALL {
            assert_eq!(JobEventKind::parse(k.as_str()), Some(k));
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        for &s in JobStatus::ALL {
            assert_eq!(JobEventKind::entering(s).is_final(), s.is_final());
        }
    }
}
