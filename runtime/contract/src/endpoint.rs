//! The checked endpoint description: everything about one compiled
//! endpoint that is not code. The compiler builds it from a spec, the
//! generated code carries it, the runtime serves and documents it, and
//! every emitter (Rust, JSON Schema, OpenAPI, SDKs) reads it.

use crate::rules::ValueRules;
use crate::value::Literal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A compiled endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// snake_case name from the spec's path under the specs dir (`sd15_txt2img`).
    pub name: String,
    /// HTTP method.
    pub method: Method,
    /// HTTP path (`/workflows/sd15/txt2img`).
    pub path: String,
    /// One-line summary.
    pub summary: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// OpenAPI tags.
    pub tags: Vec<String>,
    /// Request fields, in spec order.
    pub fields: Vec<Field>,
    /// Named outputs.
    pub outputs: Vec<Output>,
}

impl Endpoint {
    /// The type name schemas and generated types are named after
    /// (`Sd15Txt2img`; `<Type>Input`, `<Type>Request`, `<Type>Response`).
    pub fn type_name(&self) -> String {
        type_name(&self.name)
    }

    /// The field that fills input `input` of node `node`, if one does.
    pub fn field_bound_to(&self, node: &str, input: &str) -> Option<&Field> {
        self.fields
            .iter()
            .find(|f| f.targets.iter().any(|t| t.node == node && t.input == input))
    }
}

/// The type name for an endpoint name (`sd15_txt2img` -> `Sd15Txt2img`).
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

/// An HTTP method an endpoint is served with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST` (every compiled endpoint).
    Post,
}

impl Method {
    /// `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }

    /// `post`, as OpenAPI path items key operations.
    pub fn openapi_key(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Post => "post",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// JSON (and Rust) name.
    pub name: String,
    /// From the spec, else the node's tooltip.
    pub description: Option<String>,
    /// Whether the request must give it.
    pub required: bool,
    /// The value used when the request omits it.
    pub default: Option<DefaultValue>,
    /// Type and constraints of its values.
    pub rules: ValueRules,
    /// Example values for docs.
    pub examples: Vec<Literal>,
    /// Marked deprecated.
    pub deprecated: bool,
    /// The node inputs the field fills.
    pub targets: Vec<Target>,
}

impl Field {
    /// Whether a request may leave it out with nothing filled in for it:
    /// not required and without a fixed default (so typed code holds an
    /// `Option`).
    pub fn optional(&self) -> bool {
        !self.required && !matches!(self.default, Some(DefaultValue::Value(_)))
    }
}

/// The value a field takes when the request omits it.
#[derive(Clone, Debug, PartialEq)]
pub enum DefaultValue {
    /// A fixed value.
    Value(Literal),
    /// A fresh random integer per request, within the field's limits.
    Random,
}

/// One node input a field fills.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Node id.
    pub node: String,
    /// Input name.
    pub input: String,
    /// The node's class (`KSampler`).
    pub class_type: String,
}

/// A named output: results of one or more output nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// The output's name.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// The output nodes it collects.
    pub nodes: Vec<NodeRef>,
}

impl Output {
    /// What the output holds: the kind of its first node (`image` when it
    /// has none).
    pub fn kind(&self) -> OutputKind {
        self.nodes.first().map_or(OutputKind::Image, |n| n.kind())
    }
}

/// A node of the workflow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeRef {
    /// Node id.
    pub id: String,
    /// Node class.
    pub class_type: String,
}

impl NodeRef {
    /// What the node's results are.
    pub fn kind(&self) -> OutputKind {
        OutputKind::of_class(&self.class_type)
    }
}

/// The kind of results an output node produces, for clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputKind {
    /// Still images.
    Image,
    /// Animated images (WebP, PNG).
    AnimatedImage,
    /// Any other file.
    File,
}

/// The output node classes of ComfyUI 0.8.0 whose results are still
/// images, and those whose results are animations. Every other class
/// (audio, video, 3D, models, custom nodes) produces files.
const IMAGE: &[&str] = &[
    "SaveImage",
    "PreviewImage",
    "MaskPreview",
    "SaveImageWebsocket",
];
const ANIMATED: &[&str] = &["SaveAnimatedWEBP", "SaveAnimatedPNG"];

impl OutputKind {
    /// The kind of the results of output node class `class_type`.
    pub fn of_class(class_type: &str) -> OutputKind {
        if IMAGE.contains(&class_type) {
            OutputKind::Image
        } else if ANIMATED.contains(&class_type) {
            OutputKind::AnimatedImage
        } else {
            OutputKind::File
        }
    }

    /// `image`, `animated_image` or `file`.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputKind::Image => "image",
            OutputKind::AnimatedImage => "animated_image",
            OutputKind::File => "file",
        }
    }
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
        assert_eq!(OutputKind::of_class("SaveImage"), OutputKind::Image);
        assert_eq!(OutputKind::of_class("PreviewImage"), OutputKind::Image);
        assert_eq!(
            OutputKind::of_class("SaveAnimatedWEBP"),
            OutputKind::AnimatedImage
        );
        assert_eq!(OutputKind::of_class("SaveAudio"), OutputKind::File);
        // A class name that merely mentions images is not an image output.
        assert_eq!(
            OutputKind::of_class("ImageOnlyCheckpointSave"),
            OutputKind::File
        );
    }
}
