//! The JSON Schema (2020-12) of an endpoint's `input` object.

use crate::bind::{Default, Endpoint, Field};
use crate::literal::{Literal, Number};
use crate::spec::TypeName;
use serde_json::{Map, Value, json};

fn number(n: Number) -> Value {
    n.to_literal().to_json()
}

/// The schema of one field.
pub(crate) fn field_schema(f: &Field) -> Value {
    let mut s = Map::new();
    let ty = match f.ty {
        TypeName::String | TypeName::Image => "string",
        TypeName::Integer => "integer",
        TypeName::Number => "number",
        TypeName::Boolean => "boolean",
    };
    s.insert("type".into(), ty.into());
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
    if f.ty == TypeName::Image {
        add("An image: an http(s) URL, base64, or a data URI.");
        s.insert("minLength".into(), 1.into());
        s.insert("x-wfc-type".into(), "image".into());
    }
    if f.default == Some(Default::Random) {
        add("A random value when omitted.");
    }
    if !description.is_empty() {
        s.insert("description".into(), description.into());
    }
    if let Some(Default::Value(v)) = &f.default {
        s.insert("default".into(), v.to_json());
    }
    for (key, v) in [
        ("minimum", f.minimum),
        ("maximum", f.maximum),
        ("multipleOf", f.multiple_of),
    ] {
        if let Some(n) = v {
            s.insert(key.into(), number(n));
        }
    }
    if let Some(n) = f.min_length {
        s.insert("minLength".into(), n.into());
    }
    if let Some(n) = f.max_length {
        s.insert("maxLength".into(), n.into());
    }
    if let Some(p) = &f.pattern {
        s.insert("pattern".into(), p.clone().into());
    }
    if let Some(values) = &f.enum_values {
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

/// The schema of the endpoint's `input` object, named `<Type>Input`.
pub fn input_schema(endpoint: &Endpoint, type_name: &str) -> Value {
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
        "title": format!("{type_name}Input"),
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
