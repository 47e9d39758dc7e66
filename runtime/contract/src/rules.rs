//! The value rules of the public contract, with one implementation.
//!
//! [`ValueRules::check`] decides whether one JSON value is a valid value of
//! a field and says why not as typed [`Problem`]s. The runtime checks every
//! request field with it; the compiler checks every default and example
//! with it, so a default `wfc check` accepts is a value the server accepts.
//! [`Rules`](crate::input::Rules) applies them to a whole `input` object.
//! They agree with the endpoint's JSON Schema: integers may be written
//! `20.0`, lengths count characters.

use crate::text::list_names;
use crate::value::{FieldType, Literal, Number, integer_json, json_integer, json_type_name};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The constraints on one field's value.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueRules {
    /// The value's type.
    pub ty: FieldType,
    /// Inclusive lower bound.
    pub minimum: Option<Number>,
    /// Inclusive upper bound.
    pub maximum: Option<Number>,
    /// The value must be a multiple of this.
    pub multiple_of: Option<Number>,
    /// Minimum string length, in characters.
    pub min_length: Option<u64>,
    /// Maximum string length, in characters.
    pub max_length: Option<u64>,
    /// A regular expression the string must contain a match of (JSON
    /// Schema's `pattern`: unanchored unless it says `^...$`).
    pub pattern: Option<String>,
    /// Allowed values.
    pub enum_values: Option<Vec<Literal>>,
}

impl ValueRules {
    /// No constraint beyond the type.
    pub fn of_type(ty: FieldType) -> ValueRules {
        ValueRules {
            ty,
            minimum: None,
            maximum: None,
            multiple_of: None,
            min_length: None,
            max_length: None,
            pattern: None,
            enum_values: None,
        }
    }

    /// Compiles the rules' pattern.
    pub fn compile_pattern(&self) -> Result<Option<regex::Regex>, regex::Error> {
        self.pattern.as_deref().map(compile_pattern).transpose()
    }

    /// Checks `value`, with the rules' pattern compiled once by the caller
    /// ([`ValueRules::compile_pattern`]). Returns the value normalised
    /// (integers written `20.0` become `20`) and every problem, in the
    /// order type, number limits, string limits, enum.
    pub fn check(&self, value: &Value, pattern: Option<&regex::Regex>) -> (Value, Vec<Problem>) {
        let mut problems = Vec::new();
        let wrong_type = || Problem::WrongType {
            expected: self.ty,
            found: json_type_name(value),
        };
        let normalised = match (self.ty, value) {
            (FieldType::Integer, Value::Number(n)) => match json_integer(n) {
                Some(i) => {
                    self.check_number(Number::Int(i), &mut problems);
                    integer_json(i).unwrap_or_else(|| {
                        problems.push(Problem::OutOfRange);
                        value.clone()
                    })
                }
                None => {
                    problems.push(wrong_type());
                    value.clone()
                }
            },
            (FieldType::Number, Value::Number(n)) => {
                self.check_number(Number::from_json(n), &mut problems);
                value.clone()
            }
            (FieldType::String | FieldType::Image, Value::String(s)) => {
                self.check_string(s, pattern, &mut problems);
                value.clone()
            }
            (FieldType::Boolean, Value::Bool(_)) => value.clone(),
            _ => {
                problems.push(wrong_type());
                value.clone()
            }
        };
        if let Some(values) = &self.enum_values
            && !values.iter().any(|v| json_equal(&v.to_json(), value))
        {
            problems.push(Problem::NotInEnum {
                values: values.clone(),
            });
        }
        (normalised, problems)
    }

    fn check_number(&self, v: Number, out: &mut Vec<Problem>) {
        if let Some(min) = self.minimum
            && v.cmp_num(min).is_lt()
        {
            out.push(Problem::BelowMinimum { min, value: v });
        }
        if let Some(max) = self.maximum
            && v.cmp_num(max).is_gt()
        {
            out.push(Problem::AboveMaximum { max, value: v });
        }
        if let Some(step) = self.multiple_of
            && !v.is_multiple_of(step)
        {
            out.push(Problem::NotMultiple { step, value: v });
        }
    }

    fn check_string(&self, s: &str, pattern: Option<&regex::Regex>, out: &mut Vec<Problem>) {
        let len = s.chars().count() as u64;
        // As the schema's `minLength: 1` of image fields.
        if self.ty == FieldType::Image && s.is_empty() {
            out.push(Problem::EmptyImage);
        }
        if let Some(min) = self.min_length
            && len < min
        {
            out.push(Problem::TooShort { min, len });
        }
        if let Some(max) = self.max_length
            && len > max
        {
            out.push(Problem::TooLong { max, len });
        }
        if let Some(re) = pattern
            && !re.is_match(s)
        {
            out.push(Problem::NoMatch {
                pattern: re.as_str().to_string(),
            });
        }
    }
}

/// Compiles a field's `pattern`. The size limit is well above the default
/// so that patterns valid in JSON Schema, such as `^[\w ]{0,500}$`, compile.
pub fn compile_pattern(p: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(p).size_limit(256 << 20).build()
}

/// JSON Schema equality: numbers compare by value (`5` equals `5.0`).
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (json_integer(x), json_integer(y)) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64(),
        },
        _ => a == b,
    }
}

/// Why a value breaks a field's rules.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Not a value of the field's type.
    WrongType {
        /// The field's type.
        expected: FieldType,
        /// The value's JSON type ("a string").
        found: &'static str,
    },
    /// An integer outside JSON's exact range (`i64` and `u64`).
    OutOfRange,
    /// An empty image reference.
    EmptyImage,
    /// Below `minimum`.
    BelowMinimum {
        /// The minimum.
        min: Number,
        /// The value.
        value: Number,
    },
    /// Above `maximum`.
    AboveMaximum {
        /// The maximum.
        max: Number,
        /// The value.
        value: Number,
    },
    /// Not a multiple of `multiple_of`.
    NotMultiple {
        /// The step.
        step: Number,
        /// The value.
        value: Number,
    },
    /// Shorter than `min_length`.
    TooShort {
        /// The minimum length.
        min: u64,
        /// The value's length in characters.
        len: u64,
    },
    /// Longer than `max_length`.
    TooLong {
        /// The maximum length.
        max: u64,
        /// The value's length in characters.
        len: u64,
    },
    /// No match of `pattern`.
    NoMatch {
        /// The pattern.
        pattern: String,
    },
    /// Not one of the allowed values.
    NotInEnum {
        /// The allowed values.
        values: Vec<Literal>,
    },
}

impl Problem {
    /// The JSON Schema keyword the value breaks.
    pub fn keyword(&self) -> Keyword {
        match self {
            Problem::WrongType { .. } | Problem::OutOfRange => Keyword::Type,
            Problem::EmptyImage | Problem::TooShort { .. } => Keyword::MinLength,
            Problem::BelowMinimum { .. } => Keyword::Minimum,
            Problem::AboveMaximum { .. } => Keyword::Maximum,
            Problem::NotMultiple { .. } => Keyword::MultipleOf,
            Problem::TooLong { .. } => Keyword::MaxLength,
            Problem::NoMatch { .. } => Keyword::Pattern,
            Problem::NotInEnum { .. } => Keyword::Enum,
        }
    }

    /// The problem as the end of a sentence about the value, for the
    /// compiler's diagnostics ("is above the maximum 100").
    pub fn predicate(&self) -> String {
        match self {
            Problem::WrongType { expected, found } => {
                format!("is {found}, not {}", expected.article())
            }
            Problem::OutOfRange => "is outside the range of 64-bit integers".to_string(),
            Problem::EmptyImage => "is an empty image reference".to_string(),
            Problem::BelowMinimum { min, .. } => format!("is below the minimum {min}"),
            Problem::AboveMaximum { max, .. } => format!("is above the maximum {max}"),
            Problem::NotMultiple { step, .. } => format!("is not a multiple of {step}"),
            Problem::TooShort { min, .. } => format!("is shorter than min_length {min}"),
            Problem::TooLong { max, .. } => format!("is longer than max_length {max}"),
            Problem::NoMatch { pattern } => format!("does not match the pattern {pattern:?}"),
            Problem::NotInEnum { values } => {
                let names: Vec<String> = values.iter().map(Literal::to_string).collect();
                format!("is not one of {}", list_names(&names, 8))
            }
        }
    }
}

/// What a request gets told: "must be at most 100, is 500".
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::WrongType { expected, found } => {
                write!(f, "expected {}, found {found}", expected.expected())
            }
            Problem::OutOfRange => f.write_str("the integer is out of range"),
            Problem::EmptyImage => f.write_str("an image reference cannot be empty"),
            Problem::BelowMinimum { min, value } => write!(f, "must be at least {min}, is {value}"),
            Problem::AboveMaximum { max, value } => write!(f, "must be at most {max}, is {value}"),
            Problem::NotMultiple { step, value } => {
                write!(f, "must be a multiple of {step}, is {value}")
            }
            Problem::TooShort { min, len } => {
                write!(f, "must be at least {min} characters long, is {len}")
            }
            Problem::TooLong { max, len } => {
                write!(f, "must be at most {max} characters long, is {len}")
            }
            Problem::NoMatch { pattern } => write!(f, "must match the pattern {pattern:?}"),
            Problem::NotInEnum { values } => {
                let shown: Vec<String> = values
                    .iter()
                    .take(12)
                    .map(|v| v.to_json().to_string())
                    .collect();
                let more = if values.len() > 12 { ", ..." } else { "" };
                write!(f, "must be one of {}{more}", shown.join(", "))
            }
        }
    }
}

/// The JSON Schema keyword (or wfc's own) a violation breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Keyword {
    /// The value has the wrong type.
    #[serde(rename = "type")]
    Type,
    /// A required member is missing.
    #[serde(rename = "required")]
    Required,
    /// A member that is not declared.
    #[serde(rename = "additionalProperties")]
    AdditionalProperties,
    /// Below the minimum.
    #[serde(rename = "minimum")]
    Minimum,
    /// Above the maximum.
    #[serde(rename = "maximum")]
    Maximum,
    /// Not a multiple.
    #[serde(rename = "multipleOf")]
    MultipleOf,
    /// Too short.
    #[serde(rename = "minLength")]
    MinLength,
    /// Too long.
    #[serde(rename = "maxLength")]
    MaxLength,
    /// An object with too few members.
    #[serde(rename = "minProperties")]
    MinProperties,
    /// No match of the pattern.
    #[serde(rename = "pattern")]
    Pattern,
    /// Not an allowed value.
    #[serde(rename = "enum")]
    Enum,
    /// An image input that cannot be loaded.
    #[serde(rename = "x-wfc-image")]
    Image,
    /// ComfyUI rejected the value.
    #[serde(rename = "comfyui")]
    Comfyui,
}

impl Keyword {
    /// The keyword as it appears in problem details.
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Type => "type",
            Keyword::Required => "required",
            Keyword::AdditionalProperties => "additionalProperties",
            Keyword::Minimum => "minimum",
            Keyword::Maximum => "maximum",
            Keyword::MultipleOf => "multipleOf",
            Keyword::MinLength => "minLength",
            Keyword::MaxLength => "maxLength",
            Keyword::MinProperties => "minProperties",
            Keyword::Pattern => "pattern",
            Keyword::Enum => "enum",
            Keyword::Image => "x-wfc-image",
            Keyword::Comfyui => "comfyui",
        }
    }
}

impl fmt::Display for Keyword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with a request, as problem details list it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Violation {
    /// JSON pointer to the value in the request body (`/input/steps`).
    pub pointer: String,
    /// The JSON Schema keyword it breaks (`maximum`, `required`, ...).
    pub keyword: Keyword,
    /// What is wrong, for people.
    pub message: String,
}

impl Violation {
    /// A violation at `pointer`.
    pub fn new(
        pointer: impl Into<String>,
        keyword: Keyword,
        message: impl Into<String>,
    ) -> Violation {
        Violation {
            pointer: pointer.into(),
            keyword,
            message: message.into(),
        }
    }
}

/// JSON pointer escaping of one segment.
pub fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keywords_serialize_as_json_schema_names() {
        for k in [
            Keyword::Type,
            Keyword::AdditionalProperties,
            Keyword::MultipleOf,
            Keyword::Image,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), json!(k.as_str()));
        }
    }

    #[test]
    fn integers_outside_json_range_are_out_of_range() {
        let rules = ValueRules::of_type(FieldType::Integer);
        let (_, problems) = rules.check(&json!(1e20), None);
        assert_eq!(problems, vec![Problem::OutOfRange]);
        let (v, problems) = rules.check(&json!(-3.0), None);
        assert!(problems.is_empty());
        assert_eq!(v, json!(-3));
    }
}
