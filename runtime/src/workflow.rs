//! The contract between generated code and the runtime.

use crate::graph::Graph;
use crate::validate::Violation;

/// A compiled endpoint. `#[workflow]` implements this on the unit struct it
/// is attached to.
pub trait Workflow: Send + Sync + 'static {
    /// The typed request input (`<Endpoint>Input`).
    type Input: serde::Serialize + serde::de::DeserializeOwned + Send + 'static;

    /// Path, docs, outputs and schemas of the endpoint.
    const META: EndpointMeta;

    /// Checks a request's `input` object against every constraint of the
    /// spec and returns the typed input, or every violation found.
    fn parse(input: &serde_json::Value) -> Result<Self::Input, Vec<Violation>>;

    /// The ComfyUI graph for a validated input: the workflow with bound
    /// inputs replaced, random seeds drawn, and image inputs left as slots
    /// for the runtime to fill after uploading them.
    fn graph(input: &Self::Input) -> Graph;
}

/// Everything about an endpoint that is not code.
#[derive(Debug)]
pub struct EndpointMeta {
    /// snake_case name (`sd15_txt2img`).
    pub name: &'static str,
    /// The Rust type's name (`Sd15Txt2img`), used to name schemas.
    pub type_name: &'static str,
    /// HTTP method (always `POST`).
    pub method: &'static str,
    /// HTTP path (`/workflows/sd15/txt2img`).
    pub path: &'static str,
    /// One-line summary.
    pub summary: Option<&'static str>,
    /// Longer description.
    pub description: Option<&'static str>,
    /// OpenAPI tags.
    pub tags: &'static [&'static str],
    /// Named outputs.
    pub outputs: &'static [OutputMeta],
    /// Which node input each request field fills, so that ComfyUI's
    /// errors about an input can be reported against the field.
    pub bindings: &'static [FieldBinding],
    /// JSON Schema (2020-12) of the `input` object, as JSON text.
    pub input_schema: &'static str,
    /// The OpenAPI operation object for the endpoint, as JSON text.
    pub operation: &'static str,
}

/// A named output of an endpoint.
#[derive(Debug)]
pub struct OutputMeta {
    /// Output name.
    pub name: &'static str,
    /// Description.
    pub description: Option<&'static str>,
    /// `image`, `animated_image` or `file`.
    pub kind: &'static str,
    /// The output nodes it collects.
    pub nodes: &'static [NodeRef],
}

/// A request field and one node input it fills.
#[derive(Debug)]
pub struct FieldBinding {
    /// The field's JSON name.
    pub field: &'static str,
    /// Node id.
    pub node: &'static str,
    /// Input name.
    pub input: &'static str,
}

/// A node of the workflow.
#[derive(Debug)]
pub struct NodeRef {
    /// Node id.
    pub id: &'static str,
    /// Node class.
    pub class_type: &'static str,
}
