//! The spec language: one YAML file per endpoint, read with positions.
//!
//! [`load`] turns a parsed [`Node`] tree into a [`Spec`], reporting every
//! mistake it finds (unknown keys with a "did you mean", values of the
//! wrong type, malformed bindings) rather than stopping at the first. What
//! a spec *means* against its workflow and the node catalog is checked
//! later, in `bind`. The language is documented in `docs/spec.md`.

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Diagnostics, Span, suggest};
use crate::literal::{FromNode, Literal, Number};
use crate::tree::{Kind, Node};

/// A value with the span of the YAML it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Wraps `value` read at `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// One endpoint's spec file, syntactically valid but not yet checked
/// against its workflow.
#[derive(Clone, Debug)]
pub struct Spec {
    /// Span of the whole document (used when a required key is missing).
    pub span: Span,
    /// `workflow:` the API-format JSON file, relative to the spec file.
    pub workflow: Option<Spanned<String>>,
    /// `path:` the HTTP path, if given.
    pub path: Option<Spanned<String>>,
    /// `summary:` one line for the OpenAPI operation.
    pub summary: Option<Spanned<String>>,
    /// `description:` longer text.
    pub description: Option<Spanned<String>>,
    /// `tags:` OpenAPI tags.
    pub tags: Vec<Spanned<String>>,
    /// `inputs:` the request fields, in file order.
    pub inputs: Vec<InputSpec>,
    /// `outputs:`, or `None` to return every output node as `images`.
    pub outputs: Option<Vec<OutputSpec>>,
}

/// The type a request field is declared with (`type:`): the contract's
/// field type.
pub use wfc_contract::FieldType;

/// A binding target: `NODE.INPUT`, where NODE is a node id or `_meta.title`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Node id or title, as written.
    pub node: String,
    /// Input name.
    pub input: String,
}

/// One request field (`inputs.<name>`).
#[derive(Clone, Debug)]
pub struct InputSpec {
    /// The field name.
    pub name: Spanned<String>,
    /// Span of the whole entry.
    pub span: Span,
    /// `bind:` one or more node inputs the field fills.
    pub bind: Vec<Spanned<Target>>,
    /// `type:`.
    pub ty: Option<Spanned<FieldType>>,
    /// `description:`.
    pub description: Option<Spanned<String>>,
    /// `default:` (the word `random` is interpreted by `bind`).
    pub default: Option<Spanned<Literal>>,
    /// `required:`.
    pub required: Option<Spanned<bool>>,
    /// `minimum:`.
    pub minimum: Option<Spanned<Number>>,
    /// `maximum:`.
    pub maximum: Option<Spanned<Number>>,
    /// `multiple_of:`.
    pub multiple_of: Option<Spanned<Number>>,
    /// `min_length:`.
    pub min_length: Option<Spanned<u64>>,
    /// `max_length:`.
    pub max_length: Option<Spanned<u64>>,
    /// `pattern:` a regular expression the value must contain a match of
    /// (as JSON Schema's `pattern`; anchor it with `^...$` to match all).
    pub pattern: Option<Spanned<String>>,
    /// `enum:` the allowed values.
    pub enum_values: Option<Spanned<Vec<Spanned<Literal>>>>,
    /// `examples:`.
    pub examples: Vec<Spanned<Literal>>,
    /// `deprecated:`.
    pub deprecated: Option<Spanned<bool>>,
}

/// One named output (`outputs.<name>`).
#[derive(Clone, Debug)]
pub struct OutputSpec {
    /// The output name.
    pub name: Spanned<String>,
    /// `from:` output node ids or titles.
    pub from: Vec<Spanned<String>>,
    /// `description:`.
    pub description: Option<Spanned<String>>,
}

const SPEC_KEYS: &[&str] = &[
    "workflow",
    "path",
    "summary",
    "description",
    "tags",
    "inputs",
    "outputs",
];
const INPUT_KEYS: &[&str] = &[
    "bind",
    "type",
    "description",
    "default",
    "required",
    "minimum",
    "maximum",
    "multiple_of",
    "min_length",
    "max_length",
    "pattern",
    "enum",
    "examples",
    "deprecated",
];
const OUTPUT_KEYS: &[&str] = &["from", "description"];

/// Reads a spec from its parsed YAML, adding every problem to `diags`.
/// Returns `None` only when the document is not a mapping at all.
pub fn load(root: &Node, diags: &mut Diagnostics) -> Option<Spec> {
    let entries = match &root.kind {
        Kind::Map(m) => m,
        Kind::Null => {
            diags.push(
                Diagnostic::error(Code::EmptySpec, "the spec file is empty")
                    .at(
                        root.span,
                        "expected a mapping with `workflow:` and `inputs:`",
                    )
                    .help("see docs/spec.md for a complete example"),
            );
            return None;
        }
        _ => {
            diags.push(
                Diagnostic::error(
                    Code::WrongType,
                    format!("a spec must be a mapping, found {}", root.type_name()),
                )
                .at(root.span, "expected `workflow:`, `inputs:`, ...")
                .help("see docs/spec.md for a complete example"),
            );
            return None;
        }
    };
    let mut spec = Spec {
        span: root.span,
        workflow: None,
        path: None,
        summary: None,
        description: None,
        tags: Vec::new(),
        inputs: Vec::new(),
        outputs: None,
    };
    for (key, value) in entries {
        let Some(k) = key_name(key, diags) else {
            continue;
        };
        match k {
            "workflow" => spec.workflow = string(value, "`workflow`", diags),
            "path" => spec.path = string(value, "`path`", diags).filter(|p| check_path(p, diags)),
            "summary" => spec.summary = string(value, "`summary`", diags),
            "description" => spec.description = string(value, "`description`", diags),
            "tags" => spec.tags = string_or_list(value, "each of `tags`", diags),
            "inputs" => spec.inputs = inputs(value, diags),
            "outputs" => spec.outputs = Some(outputs(value, diags)),
            other => unknown_key(key.span, other, SPEC_KEYS, "a spec", diags),
        }
    }
    if spec.workflow.is_none() && !entries.iter().any(|(k, _)| k.as_str() == Some("workflow")) {
        diags.push(
            Diagnostic::error(Code::MissingKey, "the spec has no `workflow:`")
                .at(first_line(root), "this spec names no workflow")
                .help("add `workflow: my_workflow.json` (an API-format export, relative to this file)"),
        );
    }
    Some(spec)
}

fn first_line(root: &Node) -> Span {
    match root.as_map().and_then(|m| m.first()) {
        Some((k, _)) => k.span,
        None => root.span,
    }
}

fn key_name<'a>(key: &'a Node, diags: &mut Diagnostics) -> Option<&'a str> {
    match &key.kind {
        Kind::Str(s) => Some(s),
        _ => {
            diags.push(
                Diagnostic::error(
                    Code::WrongType,
                    format!("keys must be strings, found {}", key.type_name()),
                )
                .at(key.span, "not a string key"),
            );
            None
        }
    }
}

fn unknown_key(span: Span, key: &str, allowed: &[&str], context: &str, diags: &mut Diagnostics) {
    let mut d = Diagnostic::error(
        Code::UnknownKey,
        format!("unknown key `{key}` in {context}"),
    )
    .at(span, "unknown key");
    d = match suggest(key, allowed.iter().copied()) {
        Some(help) => d.help(help),
        None => d.help(format!(
            "expected one of {}",
            crate::diagnostic::list_names(allowed, 20)
        )),
    };
    diags.push(d);
}

fn wrong_type(node: &Node, what: &str, expected: &str, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::error(
            Code::WrongType,
            format!("{what} must be {expected}, found {}", node.type_name()),
        )
        .at(node.span, format!("expected {expected}")),
    );
}

fn string(node: &Node, what: &str, diags: &mut Diagnostics) -> Option<Spanned<String>> {
    match &node.kind {
        Kind::Str(s) => Some(Spanned::new(s.clone(), node.span)),
        _ => {
            wrong_type(node, what, "a string", diags);
            None
        }
    }
}

fn boolean(node: &Node, what: &str, diags: &mut Diagnostics) -> Option<Spanned<bool>> {
    match node.kind {
        Kind::Bool(b) => Some(Spanned::new(b, node.span)),
        _ => {
            wrong_type(node, what, "`true` or `false`", diags);
            None
        }
    }
}

fn number(node: &Node, what: &str, diags: &mut Diagnostics) -> Option<Spanned<Number>> {
    match node.kind {
        Kind::Int(i) => Some(Spanned::new(Number::Int(i), node.span)),
        Kind::Float(f) if f.is_finite() => Some(Spanned::new(Number::Float(f), node.span)),
        _ => {
            wrong_type(node, what, "a finite number", diags);
            None
        }
    }
}

fn length(node: &Node, what: &str, diags: &mut Diagnostics) -> Option<Spanned<u64>> {
    match node.kind {
        Kind::Int(i) if i >= 0 && i <= u64::MAX as i128 => Some(Spanned::new(i as u64, node.span)),
        _ => {
            wrong_type(node, what, "a non-negative integer", diags);
            None
        }
    }
}

fn scalar(node: &Node, what: &str, diags: &mut Diagnostics) -> Option<Spanned<Literal>> {
    if let Kind::Float(f) = node.kind
        && !f.is_finite()
    {
        wrong_type(node, what, "a finite value", diags);
        return None;
    }
    match Literal::from_node(node) {
        Some(l) => Some(Spanned::new(l, node.span)),
        None => {
            wrong_type(
                node,
                what,
                "a single value (string, number or boolean)",
                diags,
            );
            None
        }
    }
}

fn list(node: &Node) -> &[Node] {
    match &node.kind {
        Kind::Seq(items) => items,
        _ => std::slice::from_ref(node),
    }
}

fn string_or_list(node: &Node, what: &str, diags: &mut Diagnostics) -> Vec<Spanned<String>> {
    list(node)
        .iter()
        .filter_map(|n| string(n, what, diags))
        .collect()
}

/// Valid request field and output names: they become JSON keys, Rust
/// fields and TypeScript properties.
fn check_name(name: &Spanned<String>, what: &str, diags: &mut Diagnostics) -> bool {
    let s = name.value.as_str();
    let shape_ok = s.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && s != "_";
    if !shape_ok {
        let fixed = snake_case(s);
        diags.push(
            Diagnostic::error(Code::BadName, format!("`{s}` is not a valid {what} name"))
                .at(
                    name.span,
                    "expected snake_case: lowercase letters, digits and `_`",
                )
                .maybe_help(
                    (!fixed.is_empty() && fixed != s).then(|| format!("rename it `{fixed}`")),
                ),
        );
        return false;
    }
    if matches!(s, "self" | "super" | "crate") {
        diags.push(
            Diagnostic::error(
                Code::BadName,
                format!("`{s}` is reserved and cannot be a {what} name"),
            )
            .at(name.span, "reserved word")
            .help(format!("rename it, for example `{s}_value`")),
        );
        return false;
    }
    true
}

fn snake_case(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        let lower_before = std::mem::replace(
            &mut prev_lower,
            c.is_ascii_lowercase() || c.is_ascii_digit(),
        );
        if c.is_ascii_uppercase() {
            if lower_before {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{out}")
    } else {
        out
    }
}

fn check_path(path: &Spanned<String>, diags: &mut Diagnostics) -> bool {
    let p = &path.value;
    let bad_char = p
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~')));
    let problem = if !p.starts_with('/') {
        Some("it must start with `/`".to_string())
    } else if let Some(c) = bad_char {
        Some(format!(
            "`{c}` is not allowed (use letters, digits, `-`, `_`, `.`, `~`)"
        ))
    } else if p == "/" {
        Some("`/` alone names no endpoint".to_string())
    } else if p.ends_with('/') || p.contains("//") {
        Some("it has an empty segment".to_string())
    } else if p.split('/').any(|seg| seg == "." || seg == "..") {
        Some("`.` and `..` segments are not allowed (clients resolve them)".to_string())
    } else {
        None
    };
    match problem {
        Some(why) => {
            diags.push(
                Diagnostic::error(
                    Code::BadPath,
                    format!("`{p}` is not a valid endpoint path: {why}"),
                )
                .at(path.span, why)
                .help("for example `path: /workflows/sd15/txt2img`"),
            );
            false
        }
        None => true,
    }
}

fn inputs(node: &Node, diags: &mut Diagnostics) -> Vec<InputSpec> {
    let Some(entries) = node.as_map() else {
        if !matches!(node.kind, Kind::Null) {
            wrong_type(
                node,
                "`inputs`",
                "a mapping of field names to bindings",
                diags,
            );
        }
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let Some(name) = key_name(key, diags) else {
            continue;
        };
        let name = Spanned::new(name.to_string(), key.span);
        if !check_name(&name, "field", diags) {
            continue;
        }
        if let Some(input) = input(name, value, diags) {
            out.push(input);
        }
    }
    out
}

fn input(name: Spanned<String>, node: &Node, diags: &mut Diagnostics) -> Option<InputSpec> {
    let mut input = InputSpec {
        span: node.span,
        name,
        bind: Vec::new(),
        ty: None,
        description: None,
        default: None,
        required: None,
        minimum: None,
        maximum: None,
        multiple_of: None,
        min_length: None,
        max_length: None,
        pattern: None,
        enum_values: None,
        examples: Vec::new(),
        deprecated: None,
    };
    let entries = match &node.kind {
        // `prompt: 6.text` is short for `prompt: { bind: 6.text }`.
        Kind::Str(_) | Kind::Seq(_) => {
            input.bind = bind(node, diags);
            return (!input.bind.is_empty()).then_some(input);
        }
        Kind::Map(entries) => entries,
        _ => {
            wrong_type(
                node,
                &format!("field `{}`", input.name.value),
                "a binding (`6.text`) or a mapping with `bind:`",
                diags,
            );
            return None;
        }
    };
    let mut has_bind = false;
    for (key, value) in entries {
        let Some(k) = key_name(key, diags) else {
            continue;
        };
        let what = format!("`{k}` of field `{}`", input.name.value);
        let what = what.as_str();
        match k {
            "bind" => {
                has_bind = true;
                input.bind = bind(value, diags);
            }
            "type" => input.ty = type_name(value, what, diags),
            "description" => input.description = string(value, what, diags),
            "default" => input.default = scalar(value, what, diags),
            "required" => input.required = boolean(value, what, diags),
            "minimum" => input.minimum = number(value, what, diags),
            "maximum" => input.maximum = number(value, what, diags),
            "multiple_of" => {
                input.multiple_of = number(value, what, diags).filter(|m| {
                    let positive = m.value.as_f64() > 0.0;
                    if !positive {
                        diags.push(
                            Diagnostic::error(
                                Code::BadLimit,
                                "`multiple_of` must be greater than 0",
                            )
                            .at(m.span, "not positive"),
                        );
                    }
                    positive
                })
            }
            "min_length" => input.min_length = length(value, what, diags),
            "max_length" => input.max_length = length(value, what, diags),
            "pattern" => {
                input.pattern = string(value, what, diags).filter(|p| check_pattern(p, diags))
            }
            "enum" => input.enum_values = enum_values(value, what, diags),
            "examples" => {
                input.examples = list(value)
                    .iter()
                    .filter_map(|n| scalar(n, what, diags))
                    .collect()
            }
            "deprecated" => input.deprecated = boolean(value, what, diags),
            other => unknown_key(
                key.span,
                other,
                INPUT_KEYS,
                &format!("field `{}`", input.name.value),
                diags,
            ),
        }
    }
    if !has_bind {
        diags.push(
            Diagnostic::error(
                Code::MissingKey,
                format!("field `{}` has no `bind:`", input.name.value),
            )
            .at(input.name.span, "bound to nothing")
            .help("add `bind: NODE.INPUT`, for example `bind: 6.text` or `bind: Positive prompt.text`"),
        );
        return None;
    }
    (!input.bind.is_empty()).then_some(input)
}

fn type_name(node: &Node, what: &str, diags: &mut Diagnostics) -> Option<Spanned<FieldType>> {
    let s = string(node, what, diags)?;
    match FieldType::parse(&s.value) {
        Some(t) => Some(Spanned::new(t, s.span)),
        None => {
            let alias = match s.value.as_str() {
                "int" | "INT" | "u64" | "i64" => Some("integer"),
                "float" | "FLOAT" | "f64" => Some("number"),
                "bool" | "BOOLEAN" => Some("boolean"),
                "str" | "STRING" | "text" => Some("string"),
                "IMAGE" | "file" => Some("image"),
                _ => None,
            };
            let help = alias
                .map(|a| format!("use `{a}`"))
                .or_else(|| suggest(&s.value, FieldType::NAMES))
                .unwrap_or_else(|| {
                    format!(
                        "expected one of {}",
                        crate::diagnostic::list_names(&FieldType::NAMES, 5)
                    )
                });
            diags.push(
                Diagnostic::error(Code::UnknownType, format!("unknown type `{}`", s.value))
                    .at(s.span, "not a field type")
                    .help(help),
            );
            None
        }
    }
}

fn check_pattern(p: &Spanned<String>, diags: &mut Diagnostics) -> bool {
    // Syntax only: compiling (done once per field, in `bind`) can be slow
    // for large repetitions of Unicode classes.
    match regex_syntax::Parser::new().parse(&p.value) {
        Ok(_) => true,
        Err(e) => {
            let detail = e.to_string();
            let last = detail.lines().last().unwrap_or("invalid").trim();
            let last = last.strip_prefix("error: ").unwrap_or(last).to_string();
            diags.push(
                Diagnostic::error(
                    Code::BadPattern,
                    format!("`pattern` is not a valid regular expression: {last}"),
                )
                .at(p.span, "invalid regular expression"),
            );
            false
        }
    }
}

fn enum_values(
    node: &Node,
    what: &str,
    diags: &mut Diagnostics,
) -> Option<Spanned<Vec<Spanned<Literal>>>> {
    let Kind::Seq(items) = &node.kind else {
        wrong_type(node, what, "a list of allowed values", diags);
        return None;
    };
    if items.is_empty() {
        diags.push(
            Diagnostic::error(Code::BadEnum, "`enum` is empty: no value would be accepted")
                .at(node.span, "empty list")
                .help("list at least one value, or remove `enum`"),
        );
        return None;
    }
    let values: Vec<_> = items
        .iter()
        .filter_map(|n| scalar(n, "each value of `enum`", diags))
        .collect();
    for (i, v) in values.iter().enumerate() {
        if let Some(first) = values[..i].iter().find(|w| w.value == v.value) {
            diags.push(
                Diagnostic::error(
                    Code::BadEnum,
                    format!("{} is listed twice in `enum`", v.value),
                )
                .at(v.span, "duplicate")
                .also(first.span, "first listed here"),
            );
        }
    }
    Some(Spanned::new(values, node.span))
}

fn bind(node: &Node, diags: &mut Diagnostics) -> Vec<Spanned<Target>> {
    if let Kind::Seq(items) = &node.kind
        && items.is_empty()
    {
        diags.push(
            Diagnostic::error(Code::BadBind, "`bind` is an empty list")
                .at(node.span, "binds nothing")
                .help("give at least one `NODE.INPUT`"),
        );
        return Vec::new();
    }
    list(node).iter().filter_map(|n| target(n, diags)).collect()
}

fn target(node: &Node, diags: &mut Diagnostics) -> Option<Spanned<Target>> {
    let text = match &node.kind {
        Kind::Str(s) => s.clone(),
        Kind::Float(_) | Kind::Int(_) => {
            diags.push(
                Diagnostic::error(
                    Code::BadBind,
                    format!("expected `NODE.INPUT`, found {}", node.type_name()),
                )
                .at(node.span, "not a node input")
                .help("write the node id and the input name, for example `3.seed`"),
            );
            return None;
        }
        _ => {
            wrong_type(
                node,
                "a binding",
                "`NODE.INPUT` (a node id or title, a dot, an input name)",
                diags,
            );
            return None;
        }
    };
    match text.rsplit_once('.') {
        Some((n, i)) if !n.trim().is_empty() && !i.trim().is_empty() => Some(Spanned::new(
            Target {
                node: n.trim().to_string(),
                input: i.trim().to_string(),
            },
            node.span,
        )),
        _ => {
            diags.push(
                Diagnostic::error(
                    Code::BadBind,
                    format!("`{text}` is not of the form `NODE.INPUT`"),
                )
                .at(
                    node.span,
                    "expected a node id or title, a dot, and an input name",
                )
                .help("for example `3.seed` or `KSampler.seed`"),
            );
            None
        }
    }
}

fn node_ref(node: &Node, diags: &mut Diagnostics) -> Option<Spanned<String>> {
    match &node.kind {
        Kind::Str(s) => Some(Spanned::new(s.clone(), node.span)),
        Kind::Int(i) => Some(Spanned::new(i.to_string(), node.span)),
        _ => {
            wrong_type(node, "`from`", "a node id or title", diags);
            None
        }
    }
}

fn outputs(node: &Node, diags: &mut Diagnostics) -> Vec<OutputSpec> {
    let Some(entries) = node.as_map() else {
        wrong_type(
            node,
            "`outputs`",
            "a mapping of output names to output nodes",
            diags,
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let Some(name) = key_name(key, diags) else {
            continue;
        };
        let name = Spanned::new(name.to_string(), key.span);
        if !check_name(&name, "output", diags) {
            continue;
        }
        let mut spec = OutputSpec {
            name,
            from: Vec::new(),
            description: None,
        };
        match &value.kind {
            Kind::Map(fields) => {
                let mut has_from = false;
                for (k, v) in fields {
                    let Some(kn) = key_name(k, diags) else {
                        continue;
                    };
                    match kn {
                        "from" => {
                            has_from = true;
                            spec.from = list(v).iter().filter_map(|n| node_ref(n, diags)).collect();
                        }
                        "description" => {
                            spec.description = string(v, "`description` of an output", diags)
                        }
                        other => unknown_key(
                            k.span,
                            other,
                            OUTPUT_KEYS,
                            &format!("output `{}`", spec.name.value),
                            diags,
                        ),
                    }
                }
                if !has_from {
                    diags.push(
                        Diagnostic::error(
                            Code::MissingKey,
                            format!("output `{}` has no `from:`", spec.name.value),
                        )
                        .at(spec.name.span, "from which node?")
                        .help("add `from: NODE` naming an output node such as SaveImage"),
                    );
                    continue;
                }
            }
            // `images: 9` is short for `images: { from: 9 }`.
            _ => {
                spec.from = list(value)
                    .iter()
                    .filter_map(|n| node_ref(n, diags))
                    .collect()
            }
        }
        if spec.from.is_empty() {
            diags.push(
                Diagnostic::error(
                    Code::MissingKey,
                    format!("output `{}` names no node", spec.name.value),
                )
                .at(spec.name.span, "empty `from:`")
                .help("name an output node such as SaveImage by id or title"),
            );
        } else {
            out.push(spec);
        }
    }
    if entries.is_empty() {
        diags.push(
            Diagnostic::error(Code::MissingKey, "`outputs` is empty: the endpoint would return nothing")
                .at(node.span, "no outputs")
                .help("name at least one output node, or remove `outputs:` to return every output node as `images`"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::parse_yaml;

    fn load_str(text: &str) -> (Option<Spec>, Vec<Diagnostic>) {
        let root = parse_yaml(0, text).unwrap();
        let mut diags = Diagnostics::new();
        let spec = load(&root, &mut diags);
        (spec, diags.iter().cloned().collect())
    }

    #[test]
    fn full_spec_loads() {
        let (spec, diags) = load_str(
            "workflow: w.json\nsummary: S\ntags: [a, b]\ninputs:\n  prompt: 6.text\n  seed: { bind: [3.seed, KSampler 2.seed], default: random }\n  steps: { bind: 3.steps, minimum: 1, maximum: 50, multiple_of: 1 }\noutputs:\n  images: 9\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let spec = spec.unwrap();
        assert_eq!(spec.workflow.unwrap().value, "w.json");
        assert_eq!(spec.tags.len(), 2);
        assert_eq!(spec.inputs.len(), 3);
        assert_eq!(
            spec.inputs[0].bind[0].value,
            Target {
                node: "6".into(),
                input: "text".into()
            }
        );
        assert_eq!(spec.inputs[1].bind[1].value.node, "KSampler 2");
        assert_eq!(
            spec.inputs[1].default.as_ref().unwrap().value,
            Literal::Str("random".into())
        );
        assert_eq!(
            spec.inputs[2].maximum.as_ref().unwrap().value,
            Number::Int(50)
        );
        assert_eq!(spec.outputs.unwrap()[0].from[0].value, "9");
    }

    #[test]
    fn every_mistake_is_reported() {
        let (_, diags) = load_str(
            "workflow: w.json\ninputs:\n  Prompt: 6.text\n  steps: { bind: 3.steps, maximun: 5 }\n  cfg: { bind: 3.cfg, type: float }\n  x: { bind: nodot }\n  y: { description: no bind }\n  z: { bind: 3.z, pattern: '(' }\nsumary: x\n",
        );
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            [
                "bad-name",
                "unknown-key",
                "unknown-type",
                "bad-bind",
                "missing-key",
                "bad-pattern",
                "unknown-key"
            ]
        );
        assert_eq!(diags[1].help, ["did you mean `maximum`?"]);
        assert_eq!(diags[2].help, ["use `number`"]);
        assert_eq!(diags[0].help, ["rename it `prompt`"]);
    }

    #[test]
    fn missing_workflow_and_empty_files() {
        let (_, diags) = load_str("inputs: {}\n");
        assert_eq!(diags[0].code, "missing-key");
        let (spec, diags) = load_str("");
        assert!(spec.is_none());
        assert_eq!(diags[0].code, "empty-spec");
        let (_, diags) = load_str("- a\n");
        assert_eq!(diags[0].code, "wrong-type");
    }

    #[test]
    fn paths_are_validated() {
        let (_, diags) = load_str("workflow: w.json\npath: workflows/x\n");
        assert_eq!(diags[0].code, "bad-path");
        let (_, diags) = load_str("workflow: w.json\npath: /a b\n");
        assert_eq!(diags[0].code, "bad-path");
        let (spec, diags) = load_str("workflow: w.json\npath: /v1/img-2.x\n");
        assert!(diags.is_empty());
        assert_eq!(spec.unwrap().path.unwrap().value, "/v1/img-2.x");
    }

    #[test]
    fn snake_case_suggestions() {
        assert_eq!(snake_case("negativePrompt"), "negative_prompt");
        assert_eq!(snake_case("CFG scale"), "cfg_scale");
        assert_eq!(snake_case("seedValue2"), "seed_value2");
        assert_eq!(snake_case("2x"), "_2x");
    }
}
