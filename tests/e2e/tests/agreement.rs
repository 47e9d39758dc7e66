//! The compiler and the runtime apply one set of value rules: for every
//! field of every example endpoint, the values a spec could give as its
//! default (the compiler's check, `wfc_compiler::bind::value_problem`) and
//! the values a request could send (the generated endpoint's `parse`, as the
//! binary runs it) get the same verdict.

use serde_json::{Map, Value, json};
use wfc_compiler::contract::{Field, FieldType, Literal, Number, ValueRules};
use wfc_compiler::project::{CatalogChoice, check_dir};

/// Values around every limit of `rules`, of every JSON type.
fn candidates(rules: &ValueRules) -> Vec<Value> {
    let mut out = vec![
        json!(null),
        json!(true),
        json!("text"),
        json!(""),
        json!(0),
        json!(1),
        json!(-1),
        json!(2.0),
        json!(2.5),
        json!(1e20),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(-1.0),
    ];
    let step = rules.multiple_of.map_or(1.0, Number::as_f64);
    for limit in [rules.minimum, rules.maximum].into_iter().flatten() {
        let l = limit.as_f64();
        for v in [l - step, l - step / 2.0, l, l + step / 2.0, l + step] {
            out.push(json!(v));
            if v.fract() == 0.0 && v.abs() < 9e15 {
                out.push(json!(v as i64));
            }
        }
    }
    if let Some(step) = rules.multiple_of {
        let s = step.as_f64();
        out.extend([json!(s), json!(s * 3.0), json!(s * 1.5)]);
    }
    for len in [rules.min_length, rules.max_length].into_iter().flatten() {
        for n in [len.saturating_sub(1), len, len + 1] {
            out.push(json!("a".repeat(n as usize)));
            out.push(json!("é".repeat(n as usize)));
        }
    }
    for v in rules.enum_values.iter().flatten() {
        out.push(v.to_json());
        if let Literal::Str(s) = v {
            out.push(json!(format!("{s}x")));
        }
    }
    out
}

/// The runtime's verdict: whether a request that sends `value` for `field`
/// (and nothing else) gets a violation at the field's pointer.
fn runtime_accepts(app: &wfc_runtime::App, path: &str, field: &Field, value: &Value) -> bool {
    let mut input = Map::new();
    input.insert(field.name.clone(), value.clone());
    let pointer = format!("/input/{}", field.name);
    match app.graph_for(path, &Value::Object(input)) {
        Some(Ok(_)) => true,
        // A value the rules accept but the typed input cannot hold is
        // reported at `/input`.
        Some(Err(violations)) => violations
            .iter()
            .all(|v| v.pointer != pointer && v.pointer != "/input"),
        None => panic!("{path} is not mounted"),
    }
}

#[test]
fn compiler_default_check_and_runtime_request_check_agree() {
    let project = check_dir("../../specs".as_ref(), &CatalogChoice::Auto);
    assert!(!project.diagnostics.has_errors());
    let app = wfc_api::app();
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for endpoint in &project.endpoints {
        for field in &endpoint.api.fields {
            if field.rules.ty == FieldType::Image {
                // Image fields have no defaults: an image is always sent.
                continue;
            }
            let pattern = field.rules.compile_pattern().unwrap();
            for value in candidates(&field.rules) {
                let Some(literal) = Literal::from_json(&value) else {
                    continue;
                };
                let compiler =
                    wfc_compiler::bind::value_problem(&field.rules, pattern.as_ref(), &literal);
                let runtime = runtime_accepts(&app, &endpoint.api.path, field, &value);
                compared += 1;
                if compiler.is_none() != runtime {
                    disagreements.push(format!(
                        "{} `{}` = {value}: compiler says {:?}, runtime {}",
                        endpoint.api.path,
                        field.name,
                        compiler.as_deref().unwrap_or("valid"),
                        if runtime { "accepts" } else { "rejects" }
                    ));
                }
            }
        }
    }
    let fields: usize = project
        .endpoints
        .iter()
        .flat_map(|e| &e.api.fields)
        .filter(|f| f.rules.ty != FieldType::Image)
        .count();
    let probes = candidates(&ValueRules::of_type(FieldType::String)).len();
    assert!(
        compared >= fields * probes,
        "every field gets at least the {probes} probes of every JSON type"
    );
    assert!(
        disagreements.is_empty(),
        "{} of {compared} verdicts differ:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}
