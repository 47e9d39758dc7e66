//! Code generation: one checked [`Endpoint`] becomes Rust tokens (the
//! typed input, the graph builder and the endpoint description the runtime
//! serves). Its JSON Schema and OpenAPI operation are written by the
//! contract from the same description.
//!
//! This is the one generator behind every entry point: the `#[workflow]`
//! macro, `wfc build` and the tests all call [`endpoint_tokens`].

mod rust;

pub use rust::endpoint_tokens;
pub use wfc_contract::endpoint::type_name;

use crate::bind::Endpoint;

/// The JSON text of the endpoint's input schema and operation, as embedded
/// in the generated code (compact and deterministic).
pub fn meta_json(endpoint: &Endpoint) -> (String, String) {
    (
        wfc_contract::schema::input_schema(&endpoint.api).to_string(),
        wfc_contract::openapi::operation(&endpoint.api).to_string(),
    )
}
