//! The contract between generated code and the runtime.

use crate::graph::Graph;
use wfc_contract::{Endpoint, Violation};

/// A compiled endpoint. `#[workflow]` implements this on the unit struct it
/// is attached to.
pub trait Workflow: Send + Sync + 'static {
    /// The typed request input (`<Endpoint>Input`).
    type Input: serde::Serialize + serde::de::DeserializeOwned + Send + 'static;

    /// The endpoint's description: path, fields with their rules, outputs,
    /// bindings. Its rules check requests, and its schema and OpenAPI
    /// operation are written from it.
    fn endpoint() -> &'static Endpoint;

    /// Checks a request's `input` object against every rule of the
    /// endpoint's fields and returns the typed input, or every violation.
    fn parse(input: &serde_json::Value) -> Result<Self::Input, Vec<Violation>>;

    /// The ComfyUI graph for a validated input: the workflow with bound
    /// inputs replaced, random seeds drawn, and image inputs left as slots
    /// for the runtime to fill after uploading them.
    fn graph(input: &Self::Input) -> Graph;
}
