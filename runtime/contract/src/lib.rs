//! The public contract of a wfc endpoint, in one place: what the compiler
//! checks a spec against, what the generated code carries, what the runtime
//! enforces on every request and what every schema and SDK is written from.
//!
//! - [`value`]: scalars ([`Literal`]), numeric limits ([`Number`]) and the
//!   field types ([`FieldType`]), with the one rule for "is this float an
//!   integer";
//! - [`rules`]: the value rules of one field ([`ValueRules::check`]) and of
//!   a whole `input` object ([`input`]: [`Rules`]), reporting
//!   [`Violation`]s with JSON pointers. The compiler checks defaults and
//!   examples with the same function the runtime checks requests with;
//! - [`endpoint`]: the checked endpoint description ([`Endpoint`]): method,
//!   path, fields, outputs and their kinds, bindings to node inputs;
//! - [`schema`]: the JSON Schema (2020-12) of an endpoint's input;
//! - [`routes`]: the runtime's own routes, which endpoints may not take;
//! - [`wire`]: every body the binary receives and sends (envelope, problem
//!   details and their kinds, outputs, stats), serde + schemars types;
//! - [`openapi`]: the OpenAPI document, endpoints and runtime routes, its
//!   schemas derived from the wire types.
//!
//! No I/O and nothing async: this crate is pure data and functions, so the
//! proc macro, the CLI, the server and the SDK emitters can all link it.

pub mod endpoint;
pub mod input;
pub mod openapi;
pub mod routes;
pub mod rules;
pub mod schema;
pub mod text;
pub mod value;
pub mod wire;

pub use endpoint::{DefaultValue, Endpoint, Field, Method, NodeRef, Output, OutputKind, Target};
pub use input::Rules;
pub use rules::{Keyword, Problem, ValueRules, Violation};
pub use value::{FieldType, Literal, Number};
