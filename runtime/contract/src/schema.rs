//! The JSON Schema (2020-12) of an endpoint's `input` object, written from
//! the endpoint description. The compiler writes it to `schemas/`, the
//! runtime puts it in the OpenAPI document, and it agrees with
//! [`Rules`](crate::Rules) value for value.

use crate::endpoint::{DefaultValue, Endpoint, Field};
use crate::value::{FieldType, Literal, Number};
use serde_json::{Map, Value, json};

fn number(n: Number) -> Value {
    n.to_literal().to_json()
}

/// The sentence an image field's description ends with.
pub const IMAGE_HELP: &str = "An image: an http(s) URL, base64, or a data URI.";

/// The schema of one field.
pub fn field_schema(f: &Field) -> Value {
    let mut s = Map::new();
    let rules = &f.rules;
    s.insert("type".into(), rules.ty.json_type().into());
    let mut description = f.description.clone().unwrap_or_default();
    let mut add = |text: &str| {
        if !description.is_empty() && !description.ends_with(['.', '!', '?']) {
            description.push('.');
        }
        if !description.is_empty() {
            description.push(' ');
        }
        description.push_str(text);
    };
    if rules.ty == FieldType::Image {
        add(IMAGE_HELP);
        s.insert("minLength".into(), 1.into());
        s.insert("x-wfc-type".into(), "image".into());
    }
    if f.default == Some(DefaultValue::Random) {
        add("A random value when omitted.");
    }
    if !description.is_empty() {
        s.insert("description".into(), description.into());
    }
    if let Some(DefaultValue::Value(v)) = &f.default {
        s.insert("default".into(), v.to_json());
    }
    for (key, v) in [
        ("minimum", rules.minimum),
        ("maximum", rules.maximum),
        ("multipleOf", rules.multiple_of),
    ] {
        if let Some(n) = v {
            s.insert(key.into(), number(n));
        }
    }
    if let Some(n) = rules.min_length {
        s.insert("minLength".into(), n.into());
    }
    if let Some(n) = rules.max_length {
        s.insert("maxLength".into(), n.into());
    }
    if let Some(p) = &rules.pattern {
        s.insert("pattern".into(), p.clone().into());
    }
    if let Some(values) = &rules.enum_values {
        s.insert("enum".into(), values.iter().map(Literal::to_json).collect());
    }
    if !f.examples.is_empty() {
        s.insert(
            "examples".into(),
            f.examples.iter().map(Literal::to_json).collect(),
        );
    }
    if f.deprecated {
        s.insert("deprecated".into(), true.into());
    }
    Value::Object(s)
}

/// The schema of the endpoint's `input` object, titled `<Type>Input`.
pub fn input_schema(endpoint: &Endpoint) -> Value {
    let properties: Map<String, Value> = endpoint
        .fields
        .iter()
        .map(|f| (f.name.clone(), field_schema(f)))
        .collect();
    let required: Vec<&str> = endpoint
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name.as_str())
        .collect();
    let mut s = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("{}Input", endpoint.type_name()),
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
        "required": required,
    });
    if let Some(summary) = &endpoint.summary {
        s["description"] = format!("Input of {} ({summary}).", endpoint.path).into();
    }
    s
}
