//! The wire types: every body the binary receives or sends, as serde +
//! schemars types, so that the parser, the handlers and the OpenAPI
//! document share one definition. Plain data and pure functions: this
//! module depends on serde, serde_json and schemars only (no HTTP, no
//! async), and compiles without the `server` feature, so it can move into
//! the shared contract crate. Job, job-event and webhook payload types of
//! the asynchronous API belong here too.

mod envelope;
mod problem;
mod responses;

pub use envelope::{
    ConvertOutput, EndpointRequest, Envelope, ImageFormat, InterruptRequest, RawPromptRequest,
    envelope_object, parse_envelope,
};
pub use problem::{FieldError, Problem, ProblemKind};
pub use responses::{
    DryRun, Health, InterruptAnswer, Models, OutputFile, Ready, RunResponse, StagedImage, Stats,
};
