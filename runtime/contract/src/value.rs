//! Scalars, numeric limits and field types, as specs, workflows, catalogs
//! and requests write them.
//!
//! Integers are exact over ComfyUI's whole range (seeds go up to
//! `u64::MAX`, some minimums are below `i64::MIN`), so they are `i128`; a
//! float counts as an integer when [`integral`] says so, everywhere.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// The integer a float holds, when it is a whole number (JSON Schema counts
/// `7.0` as an integer, and ComfyUI exports FLOAT widgets as `7.0`). This is
/// the one rule for it: the compiler's checks and the runtime's agree.
pub fn integral(f: f64) -> Option<i128> {
    // 2^127: the largest magnitude an i128 holds (the cast would saturate).
    (f.is_finite() && f.fract() == 0.0 && f.abs() < 1.7e38).then_some(f as i128)
}

/// A JSON number as an exact integer, when it is one (`20` or `20.0`).
pub fn json_integer(n: &serde_json::Number) -> Option<i128> {
    if let Some(u) = n.as_u64() {
        return Some(u.into());
    }
    if let Some(i) = n.as_i64() {
        return Some(i.into());
    }
    integral(n.as_f64()?)
}

/// An integer as JSON, when it fits JSON's exact range (`i64` or `u64`).
pub fn integer_json(i: i128) -> Option<serde_json::Value> {
    u64::try_from(i)
        .map(serde_json::Value::from)
        .or_else(|_| i64::try_from(i).map(serde_json::Value::from))
        .ok()
}

/// A scalar value.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i128),
    /// A number with a fraction.
    Float(f64),
    /// A string.
    Str(String),
}

impl Literal {
    /// The value of a JSON scalar.
    pub fn from_json(v: &serde_json::Value) -> Option<Literal> {
        use serde_json::Value;
        Some(match v {
            Value::Null => Literal::Null,
            Value::Bool(b) => Literal::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Literal::Int(u.into()),
                (_, Some(i)) => Literal::Int(i.into()),
                _ => Literal::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => Literal::Str(s.clone()),
            Value::Array(_) | Value::Object(_) => return None,
        })
    }

    /// The value as JSON. Integers outside `i64`/`u64` (none occur in
    /// ComfyUI) become floats.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Literal::Null => Value::Null,
            Literal::Bool(b) => Value::Bool(*b),
            Literal::Int(i) => integer_json(*i).unwrap_or_else(|| Value::from(*i as f64)),
            Literal::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
            }
            Literal::Str(s) => Value::String(s.clone()),
        }
    }

    /// A short name of the type ("an integer").
    pub fn type_name(&self) -> &'static str {
        match self {
            Literal::Null => "null",
            Literal::Bool(_) => "a boolean",
            Literal::Int(_) => "an integer",
            Literal::Float(_) => "a number",
            Literal::Str(_) => "a string",
        }
    }

    /// The value as a number, if it is one.
    pub fn as_f64(&self) -> Option<f64> {
        Number::from_literal(self).map(Number::as_f64)
    }

    /// The string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Literal::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The integer it holds, written `7` or `7.0` ([`integral`]).
    pub fn as_integer(&self) -> Option<i128> {
        match self {
            Literal::Int(i) => Some(*i),
            Literal::Float(f) => integral(*f),
            _ => None,
        }
    }
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Null => f.write_str("null"),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Float(x) => {
                if x.fract() == 0.0 && x.is_finite() && x.abs() < 1e15 {
                    write!(f, "{x:.1}")
                } else {
                    write!(f, "{x}")
                }
            }
            Literal::Str(s) => write!(f, "{s:?}"),
        }
    }
}

/// A number: exact for integers, `f64` otherwise. Limits, multiples and
/// the numbers requests send are all compared as this.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// An integer.
    Int(i128),
    /// A number with a fraction.
    Float(f64),
}

impl Number {
    /// The number as `f64` (for comparisons involving fractions).
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }

    /// The number in a literal, if it holds one.
    pub fn from_literal(l: &Literal) -> Option<Number> {
        match l {
            Literal::Int(i) => Some(Number::Int(*i)),
            Literal::Float(f) => Some(Number::Float(*f)),
            _ => None,
        }
    }

    /// A JSON number: exact when it is an integer (`20` or `20.0`).
    pub fn from_json(n: &serde_json::Number) -> Number {
        json_integer(n).map_or(Number::Float(n.as_f64().unwrap_or(f64::NAN)), Number::Int)
    }

    /// The number with whole floats made exact (`2.0` becomes `2`), as the
    /// limits of integer fields are kept.
    pub fn exact(self) -> Number {
        match self {
            Number::Float(f) => integral(f).map_or(self, Number::Int),
            Number::Int(_) => self,
        }
    }

    /// Compares exactly when both are integers.
    pub fn cmp_num(self, other: Number) -> Ordering {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a.cmp(&b),
            (a, b) => a
                .as_f64()
                .partial_cmp(&b.as_f64())
                .unwrap_or(Ordering::Equal),
        }
    }

    /// Whether this value is a multiple of `step` (exact for integers,
    /// within a relative 1e-9 for fractions).
    pub fn is_multiple_of(self, step: Number) -> bool {
        match (self, step) {
            (Number::Int(v), Number::Int(s)) => s != 0 && v % s == 0,
            (v, s) => {
                let (v, s) = (v.as_f64(), s.as_f64());
                if s == 0.0 {
                    return false;
                }
                let q = v / s;
                q.is_finite() && (q - q.round()).abs() <= 1e-9 * q.abs().max(1.0)
            }
        }
    }

    /// The largest integer not above the number.
    pub fn floor(self) -> i128 {
        match self {
            Number::Int(i) => i,
            Number::Float(f) => f.floor() as i128,
        }
    }

    /// As a literal.
    pub fn to_literal(self) -> Literal {
        match self {
            Number::Int(i) => Literal::Int(i),
            Number::Float(f) => Literal::Float(f),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.to_literal().fmt(f)
    }
}

/// The type of a request field, as specs write it (`type: integer`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// Text.
    String,
    /// A whole number (exact over `u64`).
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// An image given by URL, base64 or data URI, uploaded to ComfyUI.
    Image,
}

impl FieldType {
    /// Every type, in the order docs list them.
    pub const ALL: [FieldType; 5] = [
        FieldType::String,
        FieldType::Integer,
        FieldType::Number,
        FieldType::Boolean,
        FieldType::Image,
    ];

    /// Every type name, as written in specs.
    pub const NAMES: [&'static str; 5] = ["string", "integer", "number", "boolean", "image"];

    /// The name as written in specs.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
            FieldType::Image => "image",
        }
    }

    /// The type a spec names, if it names one.
    pub fn parse(s: &str) -> Option<FieldType> {
        FieldType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The name with its article ("an integer"), for messages.
    pub fn article(self) -> String {
        match self {
            FieldType::Integer | FieldType::Image => format!("an {}", self.as_str()),
            _ => format!("a {}", self.as_str()),
        }
    }

    /// What a request must send, for messages ("an image (URL, base64 or
    /// data URI)").
    pub fn expected(self) -> &'static str {
        match self {
            FieldType::String => "a string",
            FieldType::Integer => "an integer",
            FieldType::Number => "a number",
            FieldType::Boolean => "a boolean",
            FieldType::Image => "an image (URL, base64 or data URI)",
        }
    }

    /// The JSON Schema `type` of its values.
    pub fn json_type(self) -> &'static str {
        match self {
            FieldType::String | FieldType::Image => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
        }
    }

    /// Whether numeric limits (`minimum`, `maximum`, `multiple_of`) apply.
    pub fn is_numeric(self) -> bool {
        matches!(self, FieldType::Integer | FieldType::Number)
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// "a string", "an object", ...: the JSON type of `v`, for messages.
pub fn json_type_name(v: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_survive_json_round_trips() {
        let max = Literal::Int(u64::MAX.into());
        assert_eq!(max.to_json().to_string(), "18446744073709551615");
        assert_eq!(Literal::from_json(&max.to_json()), Some(max));
        assert_eq!(Literal::Int(-5).to_json().to_string(), "-5");
    }

    #[test]
    fn one_rule_for_whole_floats() {
        assert_eq!(integral(7.0), Some(7));
        assert_eq!(integral(7.5), None);
        assert_eq!(integral(1e20), Some(100_000_000_000_000_000_000));
        assert_eq!(integral(f64::INFINITY), None);
        assert_eq!(integral(1e39), None);
        let n: serde_json::Number = serde_json::from_str("1e20").unwrap();
        assert_eq!(json_integer(&n), integral(1e20));
        assert_eq!(Literal::Float(1e20).as_integer(), integral(1e20));
    }

    #[test]
    fn multiples_are_exact_for_integers_and_tolerant_for_floats() {
        assert!(Number::Int(512).is_multiple_of(Number::Int(8)));
        assert!(!Number::Int(513).is_multiple_of(Number::Int(8)));
        assert!(Number::Float(0.3).is_multiple_of(Number::Float(0.1)));
        assert!(!Number::Float(0.35).is_multiple_of(Number::Float(0.1)));
        assert!(!Number::Int(1).is_multiple_of(Number::Int(0)));
    }

    #[test]
    fn display_is_json_like() {
        assert_eq!(Literal::Str("a\"b".into()).to_string(), "\"a\\\"b\"");
        assert_eq!(Literal::Float(8.0).to_string(), "8.0");
        assert_eq!(Literal::Float(0.25).to_string(), "0.25");
    }

    #[test]
    fn type_names_round_trip() {
        for (t, name) in FieldType::ALL.iter().zip(FieldType::NAMES) {
            assert_eq!(t.as_str(), name);
            assert_eq!(FieldType::parse(name), Some(*t));
        }
        assert_eq!(FieldType::parse("int"), None);
    }
}
