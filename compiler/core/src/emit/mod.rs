//! Code generation: one checked [`Endpoint`] becomes Rust tokens (the
//! typed input, the graph builder and the endpoint description the runtime
//! serves). Its JSON Schema and OpenAPI operation are written by the
//! contract from the same description.
//!
//! This is the one generator behind every entry point: the `#[workflow]`
//! macro, `wfc build` and the tests all call [`endpoint_tokens`].

mod description;
mod rust;

pub use rust::endpoint_tokens;
pub use wfc_contract::endpoint::type_name;

#[cfg(doc)]
use crate::bind::Endpoint;
