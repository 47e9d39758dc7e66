//! The wfc compiler library: ComfyUI API-format workflows plus YAML input
//! specs checked and turned into typed endpoint code.
//!
//! This crate holds the compiler's logic and links nothing that runs
//! programs or talks to the network, so the `#[workflow]` macro can depend
//! on it; the `wfc` command (crate `wfc`, with `wfc build`'s cargo driver
//! and `wfc catalog pull`) is a thin layer over it. The front end reads a
//! specs directory ([`project::check_dir`]): specs ([`spec`]), workflows
//! ([`workflow`]) and the node catalog ([`catalog`]) are parsed with
//! positions ([`tree`]), checked against each other ([`graph`], [`bind`]),
//! and every problem is reported as a [`diagnostic::Diagnostic`]. Path
//! arithmetic ([`paths`]) depends on nothing.

// A `Diagnostic` is returned as an error at most once per file read, never
// on a hot path, so boxing it would only add noise.
#![allow(clippy::result_large_err)]

/// The contract shared with the runtime: field types, value rules and the
/// endpoint description.
pub use wfc_contract as contract;

pub mod bind;
pub mod catalog;
pub mod code;
pub mod diagnostic;
pub mod emit;
pub mod graph;
pub mod literal;
pub mod paths;
pub mod project;
pub mod spec;
pub mod tree;
pub mod workflow;
