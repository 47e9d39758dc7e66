//! Every golden endpoint, called: its metadata names it, its schema is
//! JSON, `parse` rejects what the schema rejects and accepts an input built
//! from the schema, and `graph` puts the request's values into the bound
//! node inputs.

use serde_json::{Map, Value, json};
use std::path::Path;
use wfc_golden::GOLDEN;

fn schema(endpoint: &wfc_runtime::Endpoint) -> Value {
    wfc_runtime::contract::schema::input_schema(endpoint)
}

/// A node input a field fills.
struct Binding<'a> {
    field: &'a str,
    node: &'a str,
    input: &'a str,
}

fn bindings(endpoint: &wfc_runtime::Endpoint) -> Vec<Binding<'_>> {
    endpoint
        .fields
        .iter()
        .flat_map(|f| {
            f.targets.iter().map(move |t| Binding {
                field: &f.name,
                node: &t.node,
                input: &t.input,
            })
        })
        .collect()
}

/// A value the property's schema accepts: its first example, else its
/// default, else the smallest value of its type.
fn value_for(property: &Value) -> Value {
    if let Some(v) = property["examples"].get(0).or(property.get("default")) {
        return v.clone();
    }
    if let Some(v) = property["enum"].get(0) {
        return v.clone();
    }
    match property["type"].as_str() {
        Some("string") if property["x-wfc-type"] == "image" => {
            json!("https://example.com/input.png")
        }
        Some("string") => json!("a".repeat(property["minLength"].as_u64().unwrap_or(1) as usize)),
        Some("integer" | "number") => property.get("minimum").cloned().unwrap_or(json!(0)),
        Some("boolean") => json!(false),
        other => panic!("no value for a property of type {other:?}: {property}"),
    }
}

#[test]
fn every_golden_file_is_compiled() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../golden");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".rs").map(str::to_string)
        })
        .collect();
    files.sort();
    let compiled: Vec<&str> = GOLDEN.iter().map(|g| g.file).collect();
    assert!(!compiled.is_empty());
    assert_eq!(compiled, files);
}

#[test]
fn every_endpoint_names_itself() {
    for g in GOLDEN {
        let endpoint = (g.endpoint)();
        assert_eq!(endpoint.name, g.file);
        assert_eq!(endpoint.type_name(), g.type_name);
        assert!(endpoint.path.starts_with('/'), "{}", endpoint.path);
        let s = schema(endpoint);
        assert_eq!(s["type"], "object", "{}", g.file);
        let operation = wfc_runtime::contract::openapi::operation(endpoint);
        assert_eq!(operation["operationId"], g.file);
        for b in bindings(endpoint) {
            assert!(
                s["properties"].get(b.field).is_some(),
                "{}: binding of `{}`, which the schema does not have",
                g.file,
                b.field
            );
        }
    }
}

#[test]
fn parse_rejects_missing_and_unknown_fields() {
    for g in GOLDEN {
        let s = schema((g.endpoint)());
        let required: Vec<&str> = s["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        match (g.parse)(&json!({})) {
            Ok(_) => assert!(required.is_empty(), "{}: {{}} accepted", g.file),
            Err(violations) => {
                let missing: Vec<&str> = violations
                    .iter()
                    .filter(|v| v.keyword.as_str() == "required")
                    .filter_map(|v| v.pointer.rsplit('/').next())
                    .collect();
                assert_eq!(missing, required, "{}: {violations:?}", g.file);
            }
        }
        let violations = (g.parse)(&json!({"no_such_field": 1})).unwrap_err();
        assert!(
            violations
                .iter()
                .any(|v| v.keyword.as_str() == "additionalProperties"
                    && v.pointer.ends_with("/no_such_field")),
            "{}: {violations:?}",
            g.file
        );
    }
}

#[test]
fn parse_accepts_an_input_built_from_the_schema_and_graph_binds_it() {
    for g in GOLDEN {
        let s = schema((g.endpoint)());
        let input: Map<String, Value> = s["properties"]
            .as_object()
            .expect("properties")
            .iter()
            .map(|(name, property)| (name.clone(), value_for(property)))
            .collect();
        let graph = (g.parse)(&Value::Object(input.clone()))
            .unwrap_or_else(|v| panic!("{}: {input:?} rejected: {v:?}", g.file));
        for b in bindings((g.endpoint)()) {
            let sent = &input[b.field];
            if s["properties"][b.field]["x-wfc-type"] == "image" {
                assert!(
                    graph
                        .images
                        .iter()
                        .any(|i| i.field == b.field && i.node == b.node && i.input == b.input),
                    "{}: image `{}` not staged for {}.{}",
                    g.file,
                    b.field,
                    b.node,
                    b.input
                );
            } else {
                let set = &graph.prompt[b.node]["inputs"][b.input];
                let same = set == sent || set.as_f64().is_some_and(|x| Some(x) == sent.as_f64());
                assert!(
                    same,
                    "{}: {}.{} is {set}, sent {sent}",
                    g.file, b.node, b.input
                );
            }
        }
    }
}
