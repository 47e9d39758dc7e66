//! The rules of a whole `input` object: every field's
//! [`ValueRules`](crate::ValueRules), plus unknown and missing fields.
//! [`Rules::check`] reports every [`Violation`] with its JSON pointer, so
//! that a client can fix them all at once.

use crate::endpoint::Field;
use crate::rules::{Keyword, ValueRules, Violation, escape_pointer};
use crate::value::json_type_name;
use serde_json::{Map, Value};

/// The rules of an endpoint's `input` object, with patterns compiled once.
#[derive(Debug)]
pub struct Rules {
    fields: Vec<(String, bool, ValueRules, Option<regex::Regex>)>,
}

impl Rules {
    /// The rules of `fields`. Patterns were checked by the compiler, so a
    /// pattern that does not compile here is a bug and panics at start-up.
    pub fn new(fields: &[Field]) -> Rules {
        Rules {
            fields: fields
                .iter()
                .map(|f| {
                    let pattern = f.rules.compile_pattern().expect("pattern checked by wfc");
                    (f.name.clone(), f.required, f.rules.clone(), pattern)
                })
                .collect(),
        }
    }

    /// Checks `input` (the request's `input` member, at `pointer`) and
    /// returns it normalised, ready to deserialize, or every violation.
    pub fn check(&self, input: &Value, pointer: &str) -> Result<Value, Vec<Violation>> {
        let Value::Object(obj) = input else {
            return Err(vec![Violation::new(
                pointer,
                Keyword::Type,
                format!(
                    "expected an object of fields, found {}",
                    json_type_name(input)
                ),
            )]);
        };
        let mut out = Vec::new();
        for key in obj.keys() {
            if !self.fields.iter().any(|(name, ..)| name == key) {
                let known: Vec<&str> = self.fields.iter().map(|(name, ..)| name.as_str()).collect();
                out.push(Violation::new(
                    format!("{pointer}/{}", escape_pointer(key)),
                    Keyword::AdditionalProperties,
                    format!("unknown field `{key}`; the fields are {}", known.join(", ")),
                ));
            }
        }
        let mut normalised = Map::new();
        for (name, required, rules, pattern) in &self.fields {
            let at = format!("{pointer}/{}", escape_pointer(name));
            let Some(value) = obj.get(name) else {
                if *required {
                    out.push(Violation::new(
                        at,
                        Keyword::Required,
                        format!("`{name}` is required"),
                    ));
                }
                continue;
            };
            let (value, problems) = rules.check(value, pattern.as_ref());
            if problems.is_empty() {
                normalised.insert(name.clone(), value);
            }
            out.extend(
                problems
                    .into_iter()
                    .map(|p| Violation::new(at.clone(), p.keyword(), p.to_string())),
            );
        }
        if out.is_empty() {
            Ok(Value::Object(normalised))
        } else {
            Err(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ValueRules;
    use crate::value::{FieldType, Literal, Number};
    use serde_json::json;

    fn field(name: &str, required: bool, rules: ValueRules) -> Field {
        Field {
            name: name.into(),
            description: None,
            required,
            default: None,
            rules,
            examples: Vec::new(),
            deprecated: false,
            targets: Vec::new(),
        }
    }

    fn fields() -> Vec<Field> {
        vec![
            field(
                "steps",
                false,
                ValueRules {
                    minimum: Some(Number::Int(1)),
                    maximum: Some(Number::Int(100)),
                    ..ValueRules::of_type(FieldType::Integer)
                },
            ),
            field(
                "prompt",
                true,
                ValueRules {
                    min_length: Some(1),
                    max_length: Some(5),
                    pattern: Some("^[a-z]+$".into()),
                    ..ValueRules::of_type(FieldType::String)
                },
            ),
            field(
                "sampler",
                false,
                ValueRules {
                    enum_values: Some(vec![
                        Literal::Str("euler".into()),
                        Literal::Str("ddim".into()),
                    ]),
                    ..ValueRules::of_type(FieldType::String)
                },
            ),
            field(
                "seed",
                false,
                ValueRules {
                    minimum: Some(Number::Int(0)),
                    maximum: Some(Number::Int(u64::MAX.into())),
                    ..ValueRules::of_type(FieldType::Integer)
                },
            ),
            field(
                "cfg",
                false,
                ValueRules {
                    minimum: Some(Number::Float(0.0)),
                    multiple_of: Some(Number::Float(0.5)),
                    ..ValueRules::of_type(FieldType::Number)
                },
            ),
        ]
    }

    fn check(v: Value) -> Result<Value, Vec<(String, &'static str)>> {
        Rules::new(&fields()).check(&v, "/input").map_err(|e| {
            e.into_iter()
                .map(|v| (v.pointer, v.keyword.as_str()))
                .collect()
        })
    }

    #[test]
    fn valid_input_is_normalised() {
        let ok = check(
            json!({"prompt": "cat", "steps": 20.0, "seed": 18446744073709551615u64, "cfg": 7.5}),
        )
        .unwrap();
        assert_eq!(ok["steps"], json!(20));
        assert_eq!(ok["seed"].as_u64(), Some(u64::MAX));
    }

    #[test]
    fn every_violation_is_reported_with_its_pointer() {
        let errs = check(
            json!({"prompt": "CAT!!!", "steps": 0, "sampler": "eulr", "cfg": 0.7, "extra": 1}),
        )
        .unwrap_err();
        assert_eq!(
            errs,
            vec![
                ("/input/extra".to_string(), "additionalProperties"),
                ("/input/steps".to_string(), "minimum"),
                ("/input/prompt".to_string(), "maxLength"),
                ("/input/prompt".to_string(), "pattern"),
                ("/input/sampler".to_string(), "enum"),
                ("/input/cfg".to_string(), "multipleOf"),
            ]
        );
    }

    #[test]
    fn types_and_required() {
        let errs = check(json!({"steps": "20", "seed": -1, "cfg": null})).unwrap_err();
        assert_eq!(
            errs,
            vec![
                ("/input/steps".to_string(), "type"),
                ("/input/prompt".to_string(), "required"),
                ("/input/seed".to_string(), "minimum"),
                ("/input/cfg".to_string(), "type"),
            ]
        );
        assert_eq!(
            check(json!([1])).unwrap_err(),
            vec![("/input".to_string(), "type")]
        );
        assert_eq!(
            check(json!({"prompt": "a", "steps": 2.5})).unwrap_err()[0].1,
            "type"
        );
    }

    #[test]
    fn pointers_escape_segments() {
        let errs = check(json!({"prompt": "a", "a/b~c": 1})).unwrap_err();
        assert_eq!(errs[0].0, "/input/a~1b~0c");
    }
}
