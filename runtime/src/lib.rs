//! The runtime that compiled wfc endpoints link against.
//!
//! Empty until the runtime issue: it will hold the ComfyUI client, the job
//! tracker and the axum server. It exports nothing yet, so no generated code
//! can rely on behaviour that does not exist.
