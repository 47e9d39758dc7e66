//! How a run can fail, typed; the HTTP layer maps each to a problem.

use crate::backend::{BackendError, ExecutionFailure, Interruption, Rejection};
use crate::media::MediaError;

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
        field: &'static str,
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
