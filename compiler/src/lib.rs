//! wfc: compiles ComfyUI API-format workflows plus YAML input specs into
//! typed HTTP endpoints.
//!
//! This crate holds all compiler logic; the `wfc` binary and the
//! `#[workflow]` macro are thin entry points over it. The front end reads a
//! specs directory ([`project::check_dir`]): specs ([`spec`]), workflows
//! ([`workflow`]) and the node catalog ([`catalog`]) are parsed with
//! positions ([`tree`]), checked against each other ([`graph`], [`bind`]),
//! and every problem is reported as a [`diagnostic::Diagnostic`].

// A `Diagnostic` is returned as an error at most once per file read, never
// on a hot path, so boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod bind;
pub mod build;
pub mod catalog;
pub mod cli;
pub mod diagnostic;
pub mod emit;
pub mod graph;
pub mod literal;
pub mod project;
pub mod spec;
pub mod tree;
pub mod workflow;
