//! Spanned document trees: YAML specs and JSON workflows parsed into one
//! [`Node`] type that remembers where every value came from.
//!
//! Both parsers keep integers exact (as `i128`), so ComfyUI's seed maximum
//! 18446744073709551615 survives, and both report syntax errors as
//! [`Diagnostic`]s pointing at the offending character.

use crate::code::Code;
use crate::diagnostic::{Diagnostic, FileId, Span};
use saphyr_parser::{Event, Parser, ScalarStyle};
use std::collections::HashMap;

/// A value with the span it was read from.
#[derive(Clone, Debug)]
pub struct Node {
    /// Where the value is.
    pub span: Span,
    /// What it is.
    pub kind: Kind,
}

/// The shape of a [`Node`].
#[derive(Clone, Debug)]
pub enum Kind {
    /// `null`, `~` or an empty YAML value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer, exact.
    Int(i128),
    /// A number with a fraction or exponent.
    Float(f64),
    /// A string.
    Str(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in document order; keys are nodes so they keep spans.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// A short name of the value's type, for messages ("a string").
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Int(_) => "an integer",
            Kind::Float(_) => "a number",
            Kind::Str(_) => "a string",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, if this is a mapping.
    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.kind {
            Kind::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The value under string key `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
    }
}

/// Parses one YAML document. An empty file gives a `Null` node.
pub fn parse_yaml(file: FileId, text: &str) -> Result<Node, Diagnostic> {
    YamlBuilder::new(file, text).build()
}

/// Byte offsets of character indices (saphyr's markers count characters).
struct CharOffsets {
    /// `None` when the text is ASCII and indices are byte offsets.
    table: Option<Vec<usize>>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let table = (!text.is_ascii()).then(|| text.char_indices().map(|(b, _)| b).collect());
        CharOffsets {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).copied().unwrap_or(self.len),
        }
    }
}

struct YamlBuilder<'a> {
    file: FileId,
    text: &'a str,
    offsets: CharOffsets,
    anchors: HashMap<usize, Node>,
    /// Nodes still allowed to be copied by aliases (against alias bombs).
    alias_budget: usize,
}

/// How many nodes aliases may copy in one document: far more than any
/// spec needs, far less than a "billion laughs" document would make.
const ALIAS_BUDGET: usize = 100_000;

fn node_count(n: &Node) -> usize {
    1 + match &n.kind {
        Kind::Seq(items) => items.iter().map(node_count).sum(),
        Kind::Map(entries) => entries
            .iter()
            .map(|(k, v)| node_count(k) + node_count(v))
            .sum(),
        _ => 0,
    }
}

enum Frame {
    Seq(usize, usize, Vec<Node>),
    Map(usize, usize, Vec<(Node, Node)>, Option<Node>),
}

impl<'a> YamlBuilder<'a> {
    fn new(file: FileId, text: &'a str) -> Self {
        YamlBuilder {
            file,
            text,
            offsets: CharOffsets::new(text),
            anchors: HashMap::new(),
            alias_budget: ALIAS_BUDGET,
        }
    }

    fn span(&self, start: usize, end: usize) -> Span {
        let s = self.offsets.byte(start);
        let e = self.offsets.byte(end).max(s);
        Span::new(self.file, s..e)
    }

    fn build(mut self) -> Result<Node, Diagnostic> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut root: Option<Node> = None;
        let mut documents = 0;
        for item in Parser::new_from_str(self.text) {
            let (event, span) = item.map_err(|e| {
                let at = self.offsets.byte(e.marker().index());
                let end = (at + 1).min(self.text.len()).max(at);
                Diagnostic::error(Code::YamlSyntax, format!("invalid YAML: {}", e.info()))
                    .at(Span::new(self.file, at..end), "here")
            })?;
            let (start, end) = (span.start.index(), span.end.index());
            let finished = match event {
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        return Err(Diagnostic::error(
                            Code::YamlSyntax,
                            "a spec file holds one YAML document, found a second",
                        )
                        .at(
                            self.span(start, end.max(start + 3)),
                            "second document starts here",
                        )
                        .help("put each endpoint in its own file"));
                    }
                    None
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let plain = style == ScalarStyle::Plain;
                    let forced_str = tag.as_ref().is_some_and(|t| t.suffix == "str");
                    let kind = if plain && !forced_str {
                        resolve_plain(&value)
                    } else {
                        Kind::Str(value.into_owned())
                    };
                    let node = Node {
                        span: self.span(start, end),
                        kind,
                    };
                    if anchor != 0 {
                        self.anchors.insert(anchor, node.clone());
                    }
                    Some(node)
                }
                Event::Alias(id) => {
                    let size = self.anchors.get(&id).map_or(0, node_count);
                    if size > self.alias_budget {
                        return Err(Diagnostic::error(
                            Code::YamlSyntax,
                            "aliases expand this document beyond 100000 values",
                        )
                        .at(self.span(start, end), "this alias copies too much")
                        .help("write the values out, or use fewer nested aliases"));
                    }
                    self.alias_budget -= size;
                    let mut node = self.anchors.get(&id).cloned().ok_or_else(|| {
                        Diagnostic::error(Code::YamlSyntax, "alias to an unknown anchor")
                            .at(self.span(start, end), "unknown anchor")
                    })?;
                    node.span = self.span(start, end);
                    Some(node)
                }
                Event::SequenceStart(anchor, _) => {
                    stack.push(Frame::Seq(start, anchor, Vec::new()));
                    None
                }
                Event::MappingStart(anchor, _) => {
                    stack.push(Frame::Map(start, anchor, Vec::new(), None));
                    None
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let (node, anchor) = match stack.pop() {
                        Some(Frame::Seq(s, anchor, items)) => (
                            Node {
                                span: self.span(s, end.max(s)),
                                kind: Kind::Seq(items),
                            },
                            anchor,
                        ),
                        Some(Frame::Map(s, anchor, entries, _)) => (
                            Node {
                                span: self.span(s, end.max(s)),
                                kind: Kind::Map(entries),
                            },
                            anchor,
                        ),
                        None => continue,
                    };
                    if anchor != 0 {
                        self.anchors.insert(anchor, node.clone());
                    }
                    Some(node)
                }
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => None,
            };
            let Some(node) = finished else { continue };
            match stack.last_mut() {
                None => root = Some(node),
                Some(Frame::Seq(_, _, items)) => items.push(node),
                Some(Frame::Map(_, _, entries, pending)) => match pending.take() {
                    None => *pending = Some(node),
                    Some(key) => {
                        if let Some(k) = key.as_str()
                            && let Some((first, _)) =
                                entries.iter().find(|(e, _)| e.as_str() == Some(k))
                        {
                            return Err(Diagnostic::error(
                                Code::DuplicateKey,
                                format!("key `{k}` appears twice in this mapping"),
                            )
                            .at(key.span, "second occurrence")
                            .also(first.span, "first occurrence"));
                        }
                        entries.push((key, node));
                    }
                },
            }
        }
        Ok(root.unwrap_or(Node {
            span: Span::new(self.file, 0..0),
            kind: Kind::Null,
        }))
    }
}

/// YAML 1.2 core-schema resolution of a plain scalar.
fn resolve_plain(s: &str) -> Kind {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" => return Kind::Bool(true),
        "false" | "False" | "FALSE" => return Kind::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Kind::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Kind::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Kind::Float(f64::NAN),
        _ => {}
    }
    let (sign, digits) = match s.as_bytes()[0] {
        b'-' => (-1, &s[1..]),
        b'+' => (1, &s[1..]),
        _ => (1, s),
    };
    // YAML 1.2 core: `0x` and `0o` integers are unsigned; decimals may
    // carry a sign.
    let radix = |prefix: &str, radix: u32| {
        s.strip_prefix(prefix)
            .filter(|d| !d.is_empty() && d.chars().all(|c| c.is_digit(radix)))
            .and_then(|d| i128::from_str_radix(d, radix).ok())
            .map(Kind::Int)
    };
    if let Some(k) = radix("0x", 16).or_else(|| radix("0o", 8)) {
        return k;
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match digits
            .parse::<i128>()
            .ok()
            .and_then(|v| v.checked_mul(sign))
        {
            Some(v) => Kind::Int(v),
            None => Kind::Float(s.parse().unwrap_or(f64::NAN)),
        };
    }
    if is_yaml_float(digits)
        && let Ok(f) = s.parse::<f64>()
    {
        return Kind::Float(f);
    }
    Kind::Str(s.to_string())
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` without the sign.
fn is_yaml_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match frac {
        Some(f) => digits(int) && digits(f) && !(int.is_empty() && f.is_empty()),
        None => !int.is_empty() && digits(int),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// Parses strict JSON (no comments, no trailing commas).
pub fn parse_json(file: FileId, text: &str) -> Result<Node, Diagnostic> {
    use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        ..ParseOptions::default()
    };
    let parsed = parse_to_ast(text, &CollectOptions::default(), &options).map_err(|e| {
        let r = e.range();
        let end = r.end.max(r.start + 1).min(text.len().max(r.start));
        Diagnostic::error(Code::JsonSyntax, format!("invalid JSON: {}", e.kind()))
            .at(Span::new(file, r.start..end), "here")
    })?;
    match parsed.value {
        Some(v) => json_node(file, v),
        None => Err(Diagnostic::error(Code::JsonSyntax, "the file is empty")
            .at(Span::new(file, 0..0), "expected a JSON object")),
    }
}

fn json_node(file: FileId, v: jsonc_parser::ast::Value<'_>) -> Result<Node, Diagnostic> {
    use jsonc_parser::ast::{ObjectPropName, Value};
    use jsonc_parser::common::Ranged;
    let range = v.range();
    let kind = match v {
        Value::NullKeyword(_) => Kind::Null,
        Value::BooleanLit(b) => Kind::Bool(b.value),
        Value::StringLit(s) => Kind::Str(s.value.into_owned()),
        Value::NumberLit(n) => {
            if n.value.contains(['.', 'e', 'E']) {
                Kind::Float(n.value.parse().unwrap_or(f64::NAN))
            } else {
                match n.value.parse::<i128>() {
                    Ok(i) => Kind::Int(i),
                    Err(_) => Kind::Float(n.value.parse().unwrap_or(f64::NAN)),
                }
            }
        }
        Value::Array(a) => Kind::Seq(
            a.elements
                .into_iter()
                .map(|e| json_node(file, e))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(o) => {
            let mut entries: Vec<(Node, Node)> = Vec::with_capacity(o.properties.len());
            for p in o.properties {
                let (name, range) = match p.name {
                    ObjectPropName::String(s) => (s.value.into_owned(), s.range),
                    ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                };
                let key = Node {
                    span: Span::new(file, range.start..range.end),
                    kind: Kind::Str(name),
                };
                if let Some((first, _)) = entries.iter().find(|(k, _)| k.as_str() == key.as_str()) {
                    return Err(Diagnostic::error(
                        Code::DuplicateKey,
                        format!(
                            "key {:?} appears twice in this object",
                            key.as_str().unwrap_or_default()
                        ),
                    )
                    .at(key.span, "second occurrence")
                    .also(first.span, "first occurrence")
                    .note("JSON readers disagree on which one wins; keep one"));
                }
                entries.push((key, json_node(file, p.value)?));
            }
            Kind::Map(entries)
        }
    };
    Ok(Node {
        span: Span::new(file, range.start..range.end),
        kind,
    })
}

/// Writes `node` as pretty JSON (two-space indent), starting at nesting
/// `level`. Integers are written exactly; floats keep a fraction or
/// exponent so that they read back as floats.
pub fn to_pretty_json(node: &Node, level: usize) -> String {
    let mut out = String::new();
    write_json(node, level, &mut out);
    out
}

fn write_json(node: &Node, level: usize, out: &mut String) {
    let pad = |n: usize| "  ".repeat(n);
    match &node.kind {
        Kind::Null => out.push_str("null"),
        Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Kind::Int(i) => out.push_str(&i.to_string()),
        Kind::Float(f) if f.is_finite() => out.push_str(&format!("{f:?}")),
        Kind::Float(_) => out.push_str("null"),
        Kind::Str(s) => out.push_str(&serde_json::Value::from(s.as_str()).to_string()),
        Kind::Seq(items) if items.is_empty() => out.push_str("[]"),
        Kind::Map(entries) if entries.is_empty() => out.push_str("{}"),
        Kind::Seq(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad(level + 1));
                write_json(item, level + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(level));
            out.push(']');
        }
        Kind::Map(entries) => {
            out.push_str("{\n");
            for (i, (k, v)) in entries.iter().enumerate() {
                out.push_str(&pad(level + 1));
                out.push_str(&serde_json::Value::from(k.as_str().unwrap_or_default()).to_string());
                out.push_str(": ");
                write_json(v, level + 1, out);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(level));
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Node {
        parse_yaml(0, text).unwrap()
    }

    #[test]
    fn yaml_scalars_resolve_like_the_core_schema() {
        let n = yaml(
            "a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\nf: 18446744073709551615\ng: 6.text\nh: -2\ni: 1e3\n",
        );
        let get = |k| n.get(k).unwrap().kind.clone();
        assert!(matches!(get("a"), Kind::Int(1)));
        assert!(matches!(get("b"), Kind::Float(f) if f == 1.5));
        assert!(matches!(get("c"), Kind::Bool(true)));
        assert!(matches!(get("d"), Kind::Null));
        assert!(matches!(get("e"), Kind::Str(s) if s == "1"));
        assert!(matches!(get("f"), Kind::Int(18446744073709551615)));
        assert!(matches!(get("g"), Kind::Str(s) if s == "6.text"));
        assert!(matches!(get("h"), Kind::Int(-2)));
        assert!(matches!(get("i"), Kind::Float(f) if f == 1000.0));
    }

    #[test]
    fn yaml_spans_are_byte_offsets_of_values() {
        let text = "prompt: { bind: 6.text }\nnégatif: 7.text\n";
        let n = yaml(text);
        let bind = n.get("prompt").unwrap().get("bind").unwrap();
        assert_eq!(&text[bind.span.range()], "6.text");
        let neg = n.get("négatif").unwrap();
        assert_eq!(&text[neg.span.range()], "7.text");
    }

    #[test]
    fn yaml_duplicate_keys_and_syntax_errors_are_diagnostics() {
        let d = parse_yaml(0, "a: 1\na: 2\n").unwrap_err();
        assert_eq!(d.code, "duplicate-key");
        assert_eq!(d.primary.unwrap().span.start, 5);
        let d = parse_yaml(0, "a: [1, 2\n").unwrap_err();
        assert_eq!(d.code, "yaml-syntax");
    }

    #[test]
    fn yaml_integers_follow_the_core_schema() {
        assert!(matches!(resolve_plain("0x1F"), Kind::Int(31)));
        assert!(matches!(resolve_plain("0o17"), Kind::Int(15)));
        assert!(matches!(resolve_plain("0x-5"), Kind::Str(_)));
        assert!(matches!(resolve_plain("-0x10"), Kind::Str(_)));
        assert!(matches!(
            resolve_plain("-0x-80000000000000000000000000000000"),
            Kind::Str(_)
        ));
        assert!(matches!(
            resolve_plain("-170141183460469231731687303715884105728"),
            Kind::Float(_)
        ));
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..8 {
            text.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 10].join(", ")
            ));
        }
        assert_eq!(parse_yaml(0, &text).unwrap_err().code, "yaml-syntax");
    }

    #[test]
    fn json_duplicate_keys_are_errors() {
        let d = parse_json(0, r#"{"1": {}, "1": {}}"#).unwrap_err();
        assert_eq!(d.code, "duplicate-key");
    }

    #[test]
    fn yaml_anchors_and_aliases_copy_values() {
        let n = yaml("a: &x {bind: 1.a}\nb: *x\n");
        assert_eq!(
            n.get("b").unwrap().get("bind").unwrap().as_str(),
            Some("1.a")
        );
    }

    #[test]
    fn json_keeps_big_integers_and_spans() {
        let text = r#"{"3": {"inputs": {"seed": 18446744073709551615, "cfg": 8.0}}}"#;
        let n = parse_json(0, text).unwrap();
        let inputs = n.get("3").unwrap().get("inputs").unwrap();
        let seed = inputs.get("seed").unwrap();
        assert!(matches!(seed.kind, Kind::Int(18446744073709551615)));
        assert_eq!(&text[seed.span.range()], "18446744073709551615");
        assert!(matches!(inputs.get("cfg").unwrap().kind, Kind::Float(f) if f == 8.0));
    }

    #[test]
    fn pretty_json_round_trips_exactly() {
        let text =
            r#"{"a": [1, 2.0, 1e-05, "x\"y"], "b": {}, "c": 18446744073709551615, "d": null}"#;
        let once = to_pretty_json(&parse_json(0, text).unwrap(), 0);
        let twice = to_pretty_json(&parse_json(0, &once).unwrap(), 0);
        assert_eq!(once, twice);
        assert!(
            once.contains("2.0") && once.contains("18446744073709551615"),
            "{once}"
        );
        let v: serde_json::Value = serde_json::from_str(&once).unwrap();
        assert_eq!(v["a"][3], "x\"y");
    }

    #[test]
    fn json_syntax_errors_point_at_the_fault() {
        let d = parse_json(0, "{\"a\": 1,}").unwrap_err();
        assert_eq!(d.code, "json-syntax");
        assert!(d.primary.unwrap().span.start >= 7);
        assert_eq!(parse_json(0, "").unwrap_err().code, "json-syntax");
    }
}
