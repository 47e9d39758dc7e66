//! What can go wrong talking to ComfyUI.

use super::types::Rejection;

/// A failed call to ComfyUI.
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// ComfyUI cannot be reached (connection refused, timeout).
    #[error("ComfyUI is unreachable: {0}")]
    Unreachable(String),
    /// ComfyUI rejected the prompt (HTTP 400, or 200 with `node_errors`).
    #[error("ComfyUI rejected the prompt: {}", .0.error.message)]
    Rejected(Box<Rejection>),
    /// ComfyUI answered something unexpected.
    #[error("unexpected answer from ComfyUI: {0}")]
    Protocol(String),
}

impl From<reqwest::Error> for BackendError {
    fn from(e: reqwest::Error) -> BackendError {
        BackendError::Unreachable(e.to_string())
    }
}
