//! wfc: compiles ComfyUI API-format workflows plus YAML input specs into
//! typed HTTP endpoints.
//!
//! This crate is the `wfc` command: its argument parsing ([`cli`]) and
//! `wfc build`'s crate writer and cargo driver ([`build`]). Everything it
//! checks and generates comes from the compiler library, `wfc-compiler`,
//! re-exported here so that `wfc::project`, `wfc::emit` and the rest name
//! the same items as `wfc_compiler::...`.

// A `Diagnostic` is returned as an error at most once per file read, never
// on a hot path, so boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub use wfc_compiler::*;

pub mod build;
pub mod cli;
