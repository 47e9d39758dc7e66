//! Request validation from the rule table the generator emits.
//!
//! [`Rules::check`] walks a request's `input` object and reports every
//! violation (unknown field, missing field, wrong type, range, multiple,
//! length, pattern, enum), each with its JSON pointer (`/input/steps`), so
//! that a client can fix them all at once. It agrees with the endpoint's
//! JSON Schema: integers may be written `20.0`, lengths count characters.

use serde::Serialize;
use serde_json::{Map, Value};

/// A field's JSON type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// An image reference: URL, base64 or data URI (a non-empty string).
    Image,
}

impl Ty {
    fn name(self) -> &'static str {
        match self {
            Ty::String => "a string",
            Ty::Integer => "an integer",
            Ty::Number => "a number",
            Ty::Boolean => "a boolean",
            Ty::Image => "an image (URL, base64 or data URI)",
        }
    }
}

/// One field's constraints, as the generator emits them.
#[derive(Debug)]
pub struct FieldRule {
    /// JSON name.
    pub name: &'static str,
    /// Type.
    pub ty: Ty,
    /// Whether the request must give it.
    pub required: bool,
    /// Inclusive minimum (integers exact as `i128`, numbers as `f64`).
    pub minimum: Option<Bound>,
    /// Inclusive maximum.
    pub maximum: Option<Bound>,
    /// The value must be a multiple of this.
    pub multiple_of: Option<Bound>,
    /// Minimum length in characters.
    pub min_length: Option<u64>,
    /// Maximum length in characters.
    pub max_length: Option<u64>,
    /// A regular expression the value must contain a match of.
    pub pattern: Option<&'static str>,
    /// Allowed values, as JSON text.
    pub enum_values: Option<&'static [&'static str]>,
}

/// A numeric limit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// Exact integer.
    Int(i128),
    /// Fractional.
    Float(f64),
}

impl Bound {
    fn as_f64(self) -> f64 {
        match self {
            Bound::Int(i) => i as f64,
            Bound::Float(f) => f,
        }
    }
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::Int(i) => write!(f, "{i}"),
            Bound::Float(x) => write!(f, "{x}"),
        }
    }
}

/// One problem with a request, for a problem+json answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Violation {
    /// JSON pointer to the value (`/input/steps`).
    pub pointer: String,
    /// The JSON Schema keyword it breaks (`maximum`, `required`, ...).
    pub keyword: &'static str,
    /// What is wrong, for people.
    pub message: String,
}

/// A compiled rule table: the field rules with their patterns and enums
/// parsed once.
#[derive(Debug)]
pub struct Rules {
    fields: Vec<Compiled>,
}

/// A field rule with its pattern and enum values parsed.
#[derive(Debug)]
struct Compiled {
    rule: &'static FieldRule,
    pattern: Option<regex::Regex>,
    values: Option<Vec<Value>>,
}

/// Compiles a field's `pattern`. The size limit is well above the default
/// so that patterns valid in JSON Schema, such as `^[\w ]{0,500}$`, compile.
pub fn compile_pattern(p: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(p).size_limit(256 << 20).build()
}

/// A JSON number as an exact integer, when it is one (`20` or `20.0`).
fn as_integer(n: &serde_json::Number) -> Option<i128> {
    if let Some(u) = n.as_u64() {
        return Some(u.into());
    }
    if let Some(i) = n.as_i64() {
        return Some(i.into());
    }
    let f = n.as_f64()?;
    (f.fract() == 0.0 && f.abs() < 1.9e19).then_some(f as i128)
}

impl Rules {
    /// Compiles `fields`. Patterns were checked by the compiler, so a
    /// pattern that does not compile here is a bug and panics at start-up.
    pub fn new(fields: &'static [FieldRule]) -> Rules {
        Rules {
            fields: fields
                .iter()
                .map(|f| {
                    let pattern = f
                        .pattern
                        .map(|p| compile_pattern(p).expect("pattern checked by wfc"));
                    let values = f.enum_values.map(|vs| {
                        vs.iter()
                            .map(|v| serde_json::from_str(v).expect("enum value emitted by wfc"))
                            .collect()
                    });
                    Compiled {
                        rule: f,
                        pattern,
                        values,
                    }
                })
                .collect(),
        }
    }

    /// Checks `input` (the request's `input` member, at `pointer`) and
    /// returns it normalised (integers written `20.0` become `20`) ready to
    /// deserialize, or every violation.
    pub fn check(&self, input: &Value, pointer: &str) -> Result<Value, Vec<Violation>> {
        let mut out = Vec::new();
        let Value::Object(obj) = input else {
            return Err(vec![Violation {
                pointer: pointer.to_string(),
                keyword: "type",
                message: format!("expected an object of fields, found {}", json_type(input)),
            }]);
        };
        for key in obj.keys() {
            if !self.fields.iter().any(|c| c.rule.name == key) {
                let known: Vec<&str> = self.fields.iter().map(|c| c.rule.name).collect();
                out.push(Violation {
                    pointer: format!("{pointer}/{}", escape(key)),
                    keyword: "additionalProperties",
                    message: format!("unknown field `{key}`; the fields are {}", known.join(", ")),
                });
            }
        }
        let mut normalised = Map::new();
        for Compiled {
            rule,
            pattern,
            values,
        } in &self.fields
        {
            let at = format!("{pointer}/{}", escape(rule.name));
            let Some(value) = obj.get(rule.name) else {
                if rule.required {
                    out.push(Violation {
                        pointer: at,
                        keyword: "required",
                        message: format!("`{}` is required", rule.name),
                    });
                }
                continue;
            };
            let before = out.len();
            let value = check_value(
                rule,
                pattern.as_ref(),
                values.as_deref(),
                value,
                &at,
                &mut out,
            );
            if out.len() == before {
                normalised.insert(rule.name.to_string(), value);
            }
        }
        if out.is_empty() {
            Ok(Value::Object(normalised))
        } else {
            Err(out)
        }
    }
}

/// "a string", "an object", ...: the JSON type of `v`, for messages.
pub(crate) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// JSON pointer escaping of one segment.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn check_value(
    rule: &FieldRule,
    pattern: Option<&regex::Regex>,
    values: Option<&[Value]>,
    value: &Value,
    at: &str,
    out: &mut Vec<Violation>,
) -> Value {
    let mut push = |keyword: &'static str, message: String| {
        out.push(Violation {
            pointer: at.to_string(),
            keyword,
            message,
        })
    };
    let wrong_type = |push: &mut dyn FnMut(&'static str, String)| {
        push(
            "type",
            format!("expected {}, found {}", rule.ty.name(), json_type(value)),
        );
    };
    let normalised = match (rule.ty, value) {
        (Ty::Integer, Value::Number(n)) => match as_integer(n) {
            Some(i) => {
                check_number(rule, Bound::Int(i), &mut push);
                if let Ok(u) = u64::try_from(i) {
                    Value::from(u)
                } else if let Ok(s) = i64::try_from(i) {
                    Value::from(s)
                } else {
                    push("type", "the integer is out of range".to_string());
                    value.clone()
                }
            }
            None => {
                wrong_type(&mut push);
                value.clone()
            }
        },
        (Ty::Number, Value::Number(n)) => {
            let b = as_integer(n).map_or(Bound::Float(n.as_f64().unwrap_or(f64::NAN)), Bound::Int);
            check_number(rule, b, &mut push);
            value.clone()
        }
        (Ty::String | Ty::Image, Value::String(s)) => {
            let len = s.chars().count() as u64;
            if rule.ty == Ty::Image && s.trim().is_empty() {
                push(
                    "minLength",
                    "an image reference cannot be empty".to_string(),
                );
            }
            if let Some(min) = rule.min_length
                && len < min
            {
                push(
                    "minLength",
                    format!("must be at least {min} characters long, is {len}"),
                );
            }
            if let Some(max) = rule.max_length
                && len > max
            {
                push(
                    "maxLength",
                    format!("must be at most {max} characters long, is {len}"),
                );
            }
            if let Some(re) = pattern
                && !re.is_match(s)
            {
                push(
                    "pattern",
                    format!("must match the pattern {:?}", re.as_str()),
                );
            }
            value.clone()
        }
        (Ty::Boolean, Value::Bool(_)) => value.clone(),
        _ => {
            wrong_type(&mut push);
            value.clone()
        }
    };
    if let Some(values) = values
        && !values.iter().any(|v| json_equal(v, value))
    {
        let shown: Vec<String> = values.iter().take(12).map(Value::to_string).collect();
        push(
            "enum",
            format!(
                "must be one of {}{}",
                shown.join(", "),
                if values.len() > 12 { ", ..." } else { "" }
            ),
        );
    }
    normalised
}

/// JSON Schema equality: numbers compare by value (`5` equals `5.0`).
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (as_integer(x), as_integer(y)) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64(),
        },
        _ => a == b,
    }
}

fn check_number(rule: &FieldRule, v: Bound, push: &mut dyn FnMut(&'static str, String)) {
    let cmp = |a: Bound, b: Bound| match (a, b) {
        (Bound::Int(x), Bound::Int(y)) => x.cmp(&y),
        (a, b) => a
            .as_f64()
            .partial_cmp(&b.as_f64())
            .unwrap_or(std::cmp::Ordering::Equal),
    };
    if let Some(min) = rule.minimum
        && cmp(v, min).is_lt()
    {
        push("minimum", format!("must be at least {min}, is {v}"));
    }
    if let Some(max) = rule.maximum
        && cmp(v, max).is_gt()
    {
        push("maximum", format!("must be at most {max}, is {v}"));
    }
    if let Some(step) = rule.multiple_of {
        let ok = match (v, step) {
            (Bound::Int(x), Bound::Int(s)) => s != 0 && x % s == 0,
            (x, s) => {
                let q = x.as_f64() / s.as_f64();
                q.is_finite() && (q - q.round()).abs() <= 1e-9 * q.abs().max(1.0)
            }
        };
        if !ok {
            push(
                "multipleOf",
                format!("must be a multiple of {step}, is {v}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static FIELDS: &[FieldRule] = &[
        FieldRule {
            name: "steps",
            ty: Ty::Integer,
            required: false,
            minimum: Some(Bound::Int(1)),
            maximum: Some(Bound::Int(100)),
            multiple_of: None,
            min_length: None,
            max_length: None,
            pattern: None,
            enum_values: None,
        },
        FieldRule {
            name: "prompt",
            ty: Ty::String,
            required: true,
            minimum: None,
            maximum: None,
            multiple_of: None,
            min_length: Some(1),
            max_length: Some(5),
            pattern: Some("^[a-z]+$"),
            enum_values: None,
        },
        FieldRule {
            name: "sampler",
            ty: Ty::String,
            required: false,
            minimum: None,
            maximum: None,
            multiple_of: None,
            min_length: None,
            max_length: None,
            pattern: None,
            enum_values: Some(&["\"euler\"", "\"ddim\""]),
        },
        FieldRule {
            name: "seed",
            ty: Ty::Integer,
            required: false,
            minimum: Some(Bound::Int(0)),
            maximum: Some(Bound::Int(18446744073709551615)),
            multiple_of: None,
            min_length: None,
            max_length: None,
            pattern: None,
            enum_values: None,
        },
        FieldRule {
            name: "cfg",
            ty: Ty::Number,
            required: false,
            minimum: Some(Bound::Float(0.0)),
            maximum: None,
            multiple_of: Some(Bound::Float(0.5)),
            min_length: None,
            max_length: None,
            pattern: None,
            enum_values: None,
        },
    ];

    fn check(v: Value) -> Result<Value, Vec<(String, &'static str)>> {
        Rules::new(FIELDS)
            .check(&v, "/input")
            .map_err(|e| e.into_iter().map(|v| (v.pointer, v.keyword)).collect())
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
