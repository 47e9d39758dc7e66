//! The golden files of the compiler (`compiler/tests/golden/*.rs`, the
//! code `#[workflow]` generates for each example spec) compiled as one
//! crate, the way `generated/` compiles the macro's output: a snapshot
//! that does not build, or builds into an endpoint that does not work,
//! fails here instead of being accepted. `build.rs` writes one module per
//! golden file; `tests/endpoints.rs` calls every endpoint.
//!
//! The golden code includes the specs it was generated from with paths
//! relative to this crate (`CARGO_MANIFEST_DIR/../../../specs/...`):
//! `compiler/tests/golden.rs` generates the snapshots for this crate.

use wfc_runtime::{Endpoint, Graph, Violation};

/// One golden endpoint.
pub struct Golden {
    /// The golden file's stem (`sd15_txt2img`).
    pub file: &'static str,
    /// The name of the struct the golden code implements `Workflow` for.
    pub type_name: &'static str,
    /// Its `Workflow::endpoint`.
    pub endpoint: fn() -> &'static Endpoint,
    /// Its `Workflow::parse`, then `Workflow::graph` of the parsed input.
    pub parse: fn(&wfc_runtime::serde_json::Value) -> Result<Graph, Vec<Violation>>,
}

include!(concat!(env!("OUT_DIR"), "/golden.rs"));
