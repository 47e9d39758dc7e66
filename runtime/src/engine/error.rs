//! How a run can fail, typed; the HTTP layer maps each to a problem, and
//! [`RunError::kind`] says which kind of problem that is (for the outcome
//! label of `wfc_runs_total`).

use crate::backend::{BackendError, ExecutionFailure, Interruption, Rejection};
use crate::media::MediaError;
use wfc_contract::Endpoint;
use wfc_contract::wire::ProblemKind;

/// A run that did not produce outputs.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// No ComfyUI, or ComfyUI cannot be reached.
    #[error("ComfyUI is unreachable: {0}")]
    Unavailable(String),
    /// An image field could not be read.
    #[error("`{field}`: {error}")]
    Image {
        /// The request field.
        field: String,
        /// Why.
        error: MediaError,
    },
    /// ComfyUI rejected the prompt.
    #[error("ComfyUI rejected the prompt: {}", .0.error.message)]
    Rejected(Box<Rejection>),
    /// A node raised while running.
    #[error("{0}")]
    Execution(ExecutionFailure),
    /// The prompt was interrupted (`POST /interrupt`, or by someone else).
    #[error("the prompt was interrupted")]
    Interrupted(Interruption),
    /// The request's deadline passed; the prompt was removed or interrupted.
    #[error("the request's deadline passed")]
    Deadline,
    /// ComfyUI lost the prompt: it stopped answering, or restarted and
    /// forgot it.
    #[error("ComfyUI lost the prompt: {0}")]
    BackendLost(String),
    /// ComfyUI answered something unexpected.
    #[error("unexpected answer from ComfyUI: {0}")]
    Protocol(String),
    /// Converting an output failed.
    #[error("converting an output failed: {0}")]
    Conversion(String),
}

impl From<BackendError> for RunError {
    fn from(e: BackendError) -> RunError {
        match e {
            BackendError::Unreachable(d) => RunError::Unavailable(d),
            BackendError::Rejected(r) => RunError::Rejected(r),
            BackendError::Protocol(d) => RunError::Protocol(d),
        }
    }
}

impl RunError {
    /// The kind of problem the run's answer is: for a compiled endpoint
    /// (`endpoint`), ComfyUI's rejection of values that request fields
    /// filled is the request's fault (`invalid-request`), any other
    /// rejection ComfyUI's (`comfyui-rejected`); on the raw graph route
    /// (`None`) every rejection points into the client's graph.
    pub(crate) fn kind(&self, endpoint: Option<&Endpoint>) -> ProblemKind {
        match self {
            RunError::Unavailable(_) => ProblemKind::ComfyuiUnavailable,
            RunError::Image { .. } => ProblemKind::InvalidRequest,
            RunError::Rejected(r) => match endpoint {
                Some(e) if !on_fields(r, e) => ProblemKind::ComfyuiRejected,
                _ => ProblemKind::InvalidRequest,
            },
            RunError::Execution(_) => ProblemKind::ExecutionError,
            RunError::Interrupted(_) => ProblemKind::Interrupted,
            RunError::Deadline => ProblemKind::Deadline,
            RunError::BackendLost(_) => ProblemKind::BackendLost,
            RunError::Protocol(_) => ProblemKind::ComfyuiProtocol,
            RunError::Conversion(_) => ProblemKind::ConversionFailed,
        }
    }
}

/// Whether ComfyUI's rejection lists node errors and every one of them is
/// about an input a field of `endpoint` fills.
pub(crate) fn on_fields(r: &Rejection, endpoint: &Endpoint) -> bool {
    let mut errors = r
        .node_errors
        .iter()
        .flat_map(|(node, entry)| entry.errors.iter().map(move |e| (node, e)))
        .peekable();
    errors.peek().is_some()
        && errors.all(|(node, e)| {
            e.extra_info
                .input_name
                .as_deref()
                .is_some_and(|input| endpoint.field_bound_to(node, input).is_some())
        })
}
