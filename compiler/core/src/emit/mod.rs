//! Code generation: one checked [`Endpoint`] becomes Rust tokens (the
//! typed input, its rule table, the graph builder, the metadata), a JSON
//! Schema for its input and an OpenAPI operation.
//!
//! This is the one generator behind every entry point: the `#[workflow]`
//! macro, `wfc build` and the tests all call [`endpoint_tokens`].

mod openapi;
mod rust;
mod schema;

pub use openapi::operation;
pub use rust::endpoint_tokens;
pub use schema::input_schema;

use crate::bind::Endpoint;

/// The Rust type name for an endpoint name (`sd15_txt2img` -> `Sd15Txt2img`).
pub fn type_name(endpoint_name: &str) -> String {
    let mut out = String::new();
    for part in endpoint_name.split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'W');
    }
    out
}

/// The kind of results an output node produces, for clients.
pub fn output_kind(class_type: &str) -> &'static str {
    match class_type {
        "SaveAnimatedWEBP" | "SaveAnimatedPNG" => "animated_image",
        c if c.contains("Image") => "image",
        _ => "file",
    }
}

/// The JSON text of the endpoint's input schema and operation, as embedded
/// in the generated code (compact and deterministic).
pub fn meta_json(endpoint: &Endpoint, type_name: &str) -> (String, String) {
    (
        input_schema(endpoint, type_name).to_string(),
        operation(endpoint, type_name).to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert_eq!(type_name("sd15_txt2img"), "Sd15Txt2img");
        assert_eq!(type_name("basic__solid_invert"), "BasicSolidInvert");
        assert_eq!(type_name("2x_up"), "W2xUp");
    }

    #[test]
    fn output_kinds() {
        assert_eq!(output_kind("SaveImage"), "image");
        assert_eq!(output_kind("PreviewImage"), "image");
        assert_eq!(output_kind("SaveAnimatedWEBP"), "animated_image");
        assert_eq!(output_kind("SaveAudio"), "file");
    }
}
