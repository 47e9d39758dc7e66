//! The wire types: every body the binary receives or sends, as serde +
//! schemars types, so that the parser, the handlers and the OpenAPI
//! document share one definition. Plain data and pure functions (no HTTP,
//! no async). The job resource and its events (`job`) are here; webhook
//! payload types of the asynchronous API belong here too.

mod envelope;
mod job;
mod problem;
mod responses;

pub use envelope::{
    ConvertOutput, EndpointRequest, Envelope, ImageFormat, InterruptRequest, RawPromptRequest,
    envelope_object, parse_envelope,
};
pub use job::{
    Accepted, AcceptedStatus, Job, JobEvent, JobEventKind, JobFile, JobLinks, JobOutputs, JobPage,
    JobStatus, MAX_IDEMPOTENCY_KEY, Progress,
};
pub use problem::{Problem, ProblemKind};
pub use responses::{
    DryRun, Health, InterruptAnswer, Models, OutputFile, Ready, RunResponse, StagedImage, Stats,
};
