//! The bodies of successful answers: a run's outputs and stats, the dry
//! run, and the operations routes (`/health`, `/ready`, `/models`,
//! `/interrupt`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// One output file, base64 in JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutputFile {
    /// The file's name (its extension follows `convert_output`).
    pub filename: String,
    /// Its media type (`image/png`).
    pub content_type: String,
    /// The file's bytes, base64.
    #[schemars(extend("contentEncoding" = "base64"))]
    pub data: String,
}

/// Timings of one run, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Stats {
    /// Fetching and uploading the request's images.
    pub upload_ms: f64,
    /// From submitting the prompt to its end (queue and execution).
    pub comfy_ms: f64,
    /// Reading the history and downloading the outputs.
    pub download_ms: f64,
    /// Converting outputs (`convert_output`).
    pub convert_ms: f64,
    /// From arrival to answer.
    pub total_ms: f64,
}

/// comfyui-api's synchronous answer, with the endpoint's named outputs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RunResponse {
    /// The request's id.
    pub id: String,
    /// Every output file, base64 (comfyui-api's field).
    #[schemars(with = "Vec<Base64>")]
    pub images: Vec<String>,
    /// The files' names, in the order of `images`.
    pub filenames: Vec<String>,
    /// The files of each named output.
    pub outputs: BTreeMap<String, Vec<OutputFile>>,
    /// Non-file values output nodes reported, by `node.key`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "BTreeMap<String, Value>")]
    pub values: Option<BTreeMap<String, Value>>,
    /// Timings.
    pub stats: Stats,
}

/// A base64 string, for schemas.
#[derive(JsonSchema)]
#[schemars(inline, extend("contentEncoding" = "base64"))]
#[allow(dead_code)]
struct Base64(String);

/// With `?dry_run=true`: the ComfyUI graph the request would run, and the
/// images it would upload.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DryRun {
    /// The request's id.
    pub id: String,
    /// API-format workflow.
    #[schemars(with = "serde_json::Map<String, Value>")]
    pub prompt: Value,
    /// The images the request would upload.
    pub images: Vec<StagedImage>,
}

/// An image a request gives, and the node input it fills once uploaded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StagedImage {
    /// The request field.
    pub field: String,
    /// Node id.
    pub node: String,
    /// Node input.
    pub input: String,
    /// The request's value: URL, base64 or data URI.
    pub source: String,
}

/// `GET /health`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Health {
    /// `ok`.
    pub status: String,
}

/// `GET /ready` when ready.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ready {
    /// `ready`.
    pub status: String,
    /// Prompts in ComfyUI's queue, running plus pending.
    pub queue_remaining: u64,
}

/// `GET /models`: ComfyUI's model files by folder.
pub type Models = BTreeMap<String, Vec<String>>;

/// `POST /interrupt`: the request's prompt was removed or interrupted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct InterruptAnswer {
    /// The request's id.
    pub id: String,
    /// Always `true`.
    pub interrupted: bool,
}
