//! Scalar values as they appear in specs, workflows and catalogs.

use crate::tree::{Kind, Node};
use std::fmt;

/// A scalar value. Integers are exact over ComfyUI's whole range (seeds go
/// up to `u64::MAX`, some minimums are below `i64::MIN`).
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
    /// The scalar in `node`, or `None` for a list or mapping.
    pub fn from_node(node: &Node) -> Option<Literal> {
        Some(match &node.kind {
            Kind::Null => Literal::Null,
            Kind::Bool(b) => Literal::Bool(*b),
            Kind::Int(i) => Literal::Int(*i),
            Kind::Float(f) => Literal::Float(*f),
            Kind::Str(s) => Literal::Str(s.clone()),
            Kind::Seq(_) | Kind::Map(_) => return None,
        })
    }

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
            Literal::Int(i) => {
                if let Ok(u) = u64::try_from(*i) {
                    Value::from(u)
                } else if let Ok(s) = i64::try_from(*i) {
                    Value::from(s)
                } else {
                    Value::from(*i as f64)
                }
            }
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
        match self {
            Literal::Int(i) => Some(*i as f64),
            Literal::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Literal::Str(s) => Some(s),
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

/// A numeric limit: exact for integers, `f64` otherwise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// An integer limit.
    Int(i128),
    /// A fractional limit.
    Float(f64),
}

impl Number {
    /// The limit as `f64` (for comparisons involving fractions).
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

    /// Compares exactly when both are integers.
    pub fn cmp_num(self, other: Number) -> std::cmp::Ordering {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a.cmp(&b),
            (a, b) => a
                .as_f64()
                .partial_cmp(&b.as_f64())
                .unwrap_or(std::cmp::Ordering::Equal),
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
                (q - q.round()).abs() <= 1e-9 * q.abs().max(1.0)
            }
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
}
