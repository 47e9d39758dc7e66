//! RFC 9457 problem details, and [`ProblemKind`]: every problem the
//! runtime answers with, its slug, status and title. The handlers build
//! problems from a kind, and the OpenAPI document lists the responses of
//! the runtime's routes from the same kinds.

use crate::rules::Violation;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Every problem the runtime produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The body is not JSON.
    InvalidJson,
    /// No route matches.
    NotFound,
    /// `/interrupt` names no running request.
    UnknownRequest,
    /// Raw bytes were asked for, but the run produced several files.
    NotOneOutput,
    /// The method is not one the path answers to.
    MethodNotAllowed,
    /// The body stopped arriving.
    RequestTimeout,
    /// The body is over the size limit.
    BodyTooLarge,
    /// The body's `Content-Type` is not JSON.
    UnsupportedMediaType,
    /// The request breaks the schema, or ComfyUI rejected a value a field filled.
    InvalidRequest,
    /// A node raised while running.
    ExecutionError,
    /// The prompt was interrupted.
    Interrupted,
    /// Converting an output failed.
    ConversionFailed,
    /// A query parameter or header is malformed (its `errors` name it,
    /// `?status` or `/headers/last-event-id`).
    InvalidParameter,
    /// No job has this id.
    JobNotFound,
    /// The job has no such output file.
    OutputNotFound,
    /// The envelope's `id` already names a job with another body.
    JobConflict,
    /// The `Idempotency-Key` was used with another body.
    IdempotencyKeyReused,
    /// `MAX_QUEUED_JOBS` jobs are waiting; answered with `Retry-After`.
    QueueFull,
    /// ComfyUI rejected the workflow for a reason no request field explains.
    ComfyuiRejected,
    /// ComfyUI answered something unexpected.
    ComfyuiProtocol,
    /// ComfyUI cannot be reached.
    ComfyuiUnavailable,
    /// ComfyUI lost the prompt: it stopped, restarted or forgot it.
    BackendLost,
    /// `/ready`: not ready to take requests.
    NotReady,
    /// Request bodies already hold the memory budget (`MAX_BODY_MEMORY_MB`);
    /// answered with `Retry-After`.
    Busy,
    /// The request's deadline passed.
    Deadline,
    /// No API key, or not a valid one.
    Unauthorized,
    /// The API key may not do this.
    Forbidden,
    /// The API key's rate limit is reached.
    RateLimited,
    /// The job store could not read or write (disk full, database locked
    /// for too long); nothing was accepted.
    StoreFailed,
}

impl ProblemKind {
    /// Every kind, in status order.
    pub const ALL: &'static [ProblemKind] = &[
        ProblemKind::InvalidJson,
        ProblemKind::InvalidParameter,
        ProblemKind::Unauthorized,
        ProblemKind::Forbidden,
        ProblemKind::NotFound,
        ProblemKind::UnknownRequest,
        ProblemKind::JobNotFound,
        ProblemKind::OutputNotFound,
        ProblemKind::NotOneOutput,
        ProblemKind::MethodNotAllowed,
        ProblemKind::RequestTimeout,
        ProblemKind::JobConflict,
        ProblemKind::BodyTooLarge,
        ProblemKind::UnsupportedMediaType,
        ProblemKind::InvalidRequest,
        ProblemKind::IdempotencyKeyReused,
        ProblemKind::RateLimited,
        ProblemKind::QueueFull,
        ProblemKind::ExecutionError,
        ProblemKind::Interrupted,
        ProblemKind::ConversionFailed,
        ProblemKind::StoreFailed,
        ProblemKind::ComfyuiRejected,
        ProblemKind::ComfyuiProtocol,
        ProblemKind::ComfyuiUnavailable,
        ProblemKind::BackendLost,
        ProblemKind::NotReady,
        ProblemKind::Busy,
        ProblemKind::Deadline,
    ];

    /// The slug in the problem's `type` (`invalid-request`).
    pub fn slug(self) -> &'static str {
        self.facts().0
    }

    /// The HTTP status.
    pub fn status(self) -> u16 {
        self.facts().1
    }

    /// The problem's `title`.
    pub fn title(self) -> &'static str {
        self.facts().2
    }

    /// The problem's `type` URI (`urn:wfc:problem:invalid-request`).
    pub fn type_uri(self) -> String {
        format!("urn:wfc:problem:{}", self.slug())
    }

    fn facts(self) -> (&'static str, u16, &'static str) {
        use ProblemKind::*;
        match self {
            InvalidJson => ("invalid-json", 400, "The request body is not JSON"),
            NotFound => ("not-found", 404, "No such endpoint"),
            StoreFailed => ("store-failed", 500, "The job store failed"),
            UnknownRequest => ("unknown-request", 404, "No such request is running"),
            NotOneOutput => (
                "not-one-output",
                406,
                "The run did not produce exactly one file",
            ),
            MethodNotAllowed => (
                "method-not-allowed",
                405,
                "The path does not answer to this method",
            ),
            RequestTimeout => ("request-timeout", 408, "The request body stopped arriving"),
            BodyTooLarge => ("body-too-large", 413, "The request body is too large"),
            UnsupportedMediaType => (
                "unsupported-media-type",
                415,
                "The request body is not sent as JSON",
            ),
            InvalidRequest => ("invalid-request", 422, "The request is not valid"),
            ExecutionError => ("execution-error", 500, "A node failed while running"),
            Interrupted => ("interrupted", 500, "The run was interrupted"),
            ConversionFailed => ("conversion-failed", 500, "Converting an output failed"),
            ComfyuiRejected => ("comfyui-rejected", 502, "ComfyUI rejected the workflow"),
            ComfyuiProtocol => ("comfyui-protocol", 502, "Unexpected answer from ComfyUI"),
            ComfyuiUnavailable => ("comfyui-unavailable", 503, "ComfyUI is not reachable"),
            BackendLost => ("backend-lost", 503, "ComfyUI lost the prompt"),
            NotReady => ("not-ready", 503, "Not ready"),
            Busy => ("busy", 503, "The server is busy; retry later"),
            Deadline => ("deadline", 504, "The request took too long"),
            Unauthorized => ("unauthorized", 401, "An API key is needed"),
            Forbidden => ("forbidden", 403, "The API key may not do this"),
            RateLimited => ("rate-limited", 429, "Too many requests for this API key"),
            InvalidParameter => (
                "invalid-parameter",
                400,
                "A query parameter or header is not valid",
            ),
            JobNotFound => ("job-not-found", 404, "No such job"),
            OutputNotFound => ("output-not-found", 404, "No such output file"),
            JobConflict => (
                "job-conflict",
                409,
                "The id already names a job with another request body",
            ),
            IdempotencyKeyReused => (
                "idempotency-key-reused",
                422,
                "The idempotency key was used with another request body",
            ),
            QueueFull => ("queue-full", 429, "Too many jobs are waiting"),
        }
    }
}

/// An RFC 9457 problem: what went wrong, and for request errors every
/// violation with its JSON pointer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Problem {
    /// `urn:wfc:problem:<slug>`.
    #[serde(rename = "type")]
    pub kind_uri: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What happened in this case.
    pub detail: String,
    /// Every violation of the request (422).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Violation>,
    /// The node that failed (`execution-error`, `interrupted`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub node_id: Option<String>,
    /// The failed node's class (`execution-error`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub node_type: Option<String>,
    /// The Python exception's type (`execution-error`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub exception_type: Option<String>,
    /// The Python exception's message (`execution-error`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub exception_message: Option<String>,
    /// ComfyUI's own `error` object (`comfyui-rejected`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Map")]
    pub comfyui_error: Option<Value>,
    /// ComfyUI's own `node_errors` object (`comfyui-rejected`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Map")]
    pub node_errors: Option<Value>,
}

/// A JSON object, for the schema of ComfyUI's own objects.
type Map = serde_json::Map<String, Value>;

impl Problem {
    /// A problem of `kind` saying `detail`.
    pub fn new(kind: ProblemKind, detail: impl Into<String>) -> Problem {
        Problem {
            kind_uri: kind.type_uri(),
            title: kind.title().to_string(),
            status: kind.status(),
            detail: detail.into(),
            errors: Vec::new(),
            node_id: None,
            node_type: None,
            exception_type: None,
            exception_message: None,
            comfyui_error: None,
            node_errors: None,
        }
    }

    /// A 422 `invalid-request` listing `errors`, about the request to `what`.
    pub fn invalid(errors: Vec<Violation>, what: &str) -> Problem {
        let n = errors.len();
        let mut p = Problem::new(
            ProblemKind::InvalidRequest,
            format!(
                "{n} problem{} in the request to {what}",
                if n == 1 { "" } else { "s" }
            ),
        );
        p.errors = errors;
        p
    }

    /// A 400 `invalid-parameter` about the parameter at `pointer`
    /// (`?status`, `/headers/last-event-id`), saying what was expected.
    pub fn parameter(pointer: &str, message: impl Into<String>) -> Problem {
        let message = message.into();
        let mut p = Problem::new(ProblemKind::InvalidParameter, message.clone());
        p.errors = vec![Violation {
            pointer: pointer.to_string(),
            keyword: crate::rules::Keyword::Type,
            message,
        }];
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_distinct_slug_and_an_error_status() {
        let mut slugs: Vec<&str> = ProblemKind::ALL.iter().map(|k| k.slug()).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), ProblemKind::ALL.len());
        for k in ProblemKind::ALL {
            assert!((400..600).contains(&k.status()), "{k:?}");
        }
    }

    #[test]
    fn a_problem_serializes_without_empty_members() {
        let p = Problem::new(ProblemKind::BackendLost, "gone");
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"type": "urn:wfc:problem:backend-lost", "title": "ComfyUI lost the prompt", "status": 503, "detail": "gone"})
        );
    }
}
