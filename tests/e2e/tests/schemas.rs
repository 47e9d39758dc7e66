//! The generated validation (`#[workflow]`'s rule table) and the emitted
//! JSON Schema (`generated/schemas/*.json`, checked with the `jsonschema`
//! crate) accept and reject exactly the same inputs: hand-written cases
//! that must pass and must fail for every example endpoint, then thousands
//! of generated cases around every limit.

use serde_json::{Map, Value, json};
use std::path::Path;

/// Generated inputs per endpoint in the property-style comparison.
const GENERATED_CASES_PER_ENDPOINT: usize = 400;

/// The spec files of `specs/` (`*.yaml`, `*.yml`, recursively): one endpoint
/// each.
fn spec_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .map(|p| {
            if p.is_dir() {
                spec_count(&p)
            } else {
                usize::from(matches!(
                    p.extension().and_then(|x| x.to_str()),
                    Some("yaml" | "yml")
                ))
            }
        })
        .sum()
}

fn schema(name: &str) -> Value {
    let path = Path::new("../../generated/schemas").join(format!("{name}.json"));
    serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap()
}

fn verdicts(
    app: &wfc_runtime::App,
    path: &str,
    validator: &jsonschema::Validator,
    input: &Value,
) -> (bool, bool) {
    let rust = app
        .graph_for(path, input)
        .expect("endpoint is mounted")
        .is_ok();
    (rust, validator.is_valid(input))
}

#[test]
fn emitted_schemas_are_valid_2020_12_schemas() {
    let app = wfc_api::app();
    let mut n = 0;
    for meta in app.endpoints() {
        let s = schema(&meta.name);
        jsonschema::meta::validate(&s)
            .unwrap_or_else(|e| panic!("{}: not a valid schema: {e}", meta.name));
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        let embedded: Value = wfc_runtime::contract::schema::input_schema(meta);
        assert_eq!(
            embedded, s,
            "{}: the binary's schema differs from schemas/{}.json",
            meta.name, meta.name
        );
        n += 1;
    }
    let specs = spec_count(Path::new("../../specs"));
    assert!(specs > 0, "no specs in specs/");
    assert_eq!(n, specs, "one endpoint per spec of specs/");
    let schema_files = std::fs::read_dir("../../generated/schemas")
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .count();
    assert_eq!(schema_files, n, "one schema file per endpoint");
}

#[test]
fn hand_written_cases_pass_and_fail_in_both_validators() {
    let app = wfc_api::app();
    let cases: Map<String, Value> =
        serde_json::from_str(include_str!("../cases/cases.json")).unwrap();
    assert_eq!(
        cases.len(),
        app.endpoints().count(),
        "every endpoint has cases"
    );
    for meta in app.endpoints() {
        let case = &cases[meta.name.as_str()];
        let validator = jsonschema::validator_for(&schema(&meta.name)).unwrap();
        for (expect, list) in [(true, &case["valid"]), (false, &case["invalid"])] {
            for input in list.as_array().unwrap() {
                let (rust, schema) = verdicts(&app, &meta.path, &validator, input);
                assert_eq!(
                    rust, expect,
                    "{}: generated validation says {rust} for {input}",
                    meta.name
                );
                assert_eq!(
                    schema, expect,
                    "{}: the JSON Schema says {schema} for {input}",
                    meta.name
                );
            }
        }
    }
}

/// Values around a property's limits, valid or not.
fn candidates(prop: &Value, rng: &mut fastrand::Rng) -> Vec<Value> {
    let mut out = vec![
        json!(null),
        json!(true),
        json!("text"),
        json!(7),
        json!(-3),
        json!(2.5),
        json!([1]),
        json!({}),
    ];
    let num = |v: &Value| v.as_f64();
    for key in ["minimum", "maximum", "default"] {
        if let Some(x) = prop.get(key).and_then(num) {
            for d in [-1.0, -0.5, 0.0, 0.5, 1.0] {
                out.push(json!(x + d));
            }
            if x.fract() == 0.0 && x.abs() < 9e15 {
                out.push(json!(x as i64 - 1));
                out.push(json!(x as i64 + 1));
            }
        }
    }
    if let Some(step) = prop.get("multipleOf").and_then(num) {
        let k = rng.i64(1..40) as f64;
        out.extend([
            json!(step * k),
            json!(step * k + 1.0),
            json!((step * k) as i64),
        ]);
    }
    if let Some(values) = prop.get("enum").and_then(Value::as_array) {
        out.extend(values.iter().cloned());
        out.push(json!(format!("{}x", values[0].as_str().unwrap_or(""))));
    }
    for key in ["minLength", "maxLength"] {
        if let Some(n) = prop.get(key).and_then(Value::as_u64) {
            for len in [n.saturating_sub(1), n, n + 1] {
                out.push(json!("ä".repeat(len as usize)));
            }
        }
    }
    if prop.get("pattern").is_some() {
        out.extend([
            json!("ok_name"),
            json!("a/b"),
            json!("/x"),
            json!("x//y"),
            json!("-x"),
            json!("a b"),
        ]);
    }
    out
}

#[test]
fn generated_cases_get_the_same_verdict_from_both_validators() {
    let app = wfc_api::app();
    let mut rng = fastrand::Rng::with_seed(20261122);
    let mut checked = 0;
    let mut both_ways = [0usize; 2];
    let mut endpoints = 0;
    for meta in app.endpoints() {
        endpoints += 1;
        let s = schema(&meta.name);
        let validator = jsonschema::validator_for(&s).unwrap();
        let props = s["properties"].as_object().unwrap();
        let required: Vec<&str> = s["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let pools: Vec<(&String, Vec<Value>)> = props
            .iter()
            .map(|(k, p)| (k, candidates(p, &mut rng)))
            .collect();
        for _ in 0..GENERATED_CASES_PER_ENDPOINT {
            let mut input = Map::new();
            for (k, pool) in &pools {
                // Required fields are usually present, others half the time.
                let present = if required.contains(&k.as_str()) {
                    rng.u8(..10) > 0
                } else {
                    rng.bool()
                };
                if present {
                    // Mostly a valid-looking value (the default or an enum member), sometimes anything.
                    let value = if rng.u8(..3) == 0 {
                        pool[rng.usize(..pool.len())].clone()
                    } else {
                        props[*k]
                            .get("default")
                            .cloned()
                            .or_else(|| props[*k].get("enum").map(|e| e[0].clone()))
                            .unwrap_or_else(|| json!("x"))
                    };
                    input.insert((*k).clone(), value);
                }
            }
            if rng.u8(..20) == 0 {
                input.insert("unknown_field".into(), json!(1));
            }
            let input = Value::Object(input);
            let (rust, schema) = verdicts(&app, &meta.path, &validator, &input);
            assert_eq!(
                rust, schema,
                "{}: generated validation says {rust}, the JSON Schema {schema}, for {input}",
                meta.name
            );
            both_ways[rust as usize] += 1;
            checked += 1;
        }
    }
    assert!(endpoints > 0);
    assert_eq!(checked, endpoints * GENERATED_CASES_PER_ENDPOINT);
    // Each verdict on at least an eighth of the cases.
    assert!(
        both_ways.iter().all(|&n| n * 8 > checked),
        "cases must exercise both verdicts: {both_ways:?} of {checked}"
    );
}
