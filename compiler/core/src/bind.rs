//! Binding and type inference: each request field of a [`Spec`] is resolved
//! to the node inputs it fills, typed from the catalog (or, without one,
//! from the workflow's literal), and its limits, enum, default and examples
//! are checked. The result is an [`Endpoint`]: everything code generation
//! needs, fully resolved.

use crate::catalog::{Catalog, ComboSource, InputDef, InputKind, lists_model_files};
use crate::diagnostic::{Diagnostic, Diagnostics, Span, list_names, suggest};
use crate::graph;
use crate::literal::{Literal, Number};
use crate::spec::{InputSpec, Spanned, Spec, TypeName};
use crate::workflow::{InputValue, NodeLookup, Workflow, WorkflowInput, WorkflowNode};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// A checked endpoint: a spec resolved against its workflow and catalog.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// snake_case name from the spec's path under the specs dir (`sd15_txt2img`).
    pub name: String,
    /// HTTP path (`/workflows/sd15/txt2img`).
    pub path: String,
    /// One-line summary.
    pub summary: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// OpenAPI tags.
    pub tags: Vec<String>,
    /// The spec file.
    pub spec_file: PathBuf,
    /// The workflow file.
    pub workflow_file: PathBuf,
    /// The workflow, to be sent with bound inputs replaced.
    pub workflow: serde_json::Value,
    /// Request fields, in spec order.
    pub fields: Vec<Field>,
    /// Named outputs.
    pub outputs: Vec<Output>,
}

/// A request field, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// JSON and Rust name.
    pub name: String,
    /// From the spec, else the node's tooltip.
    pub description: Option<String>,
    /// The value type.
    pub ty: TypeName,
    /// Whether the request must give it.
    pub required: bool,
    /// The value used when the request omits it.
    pub default: Option<Default>,
    /// Inclusive lower bound (the spec's, narrowed by the nodes').
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
    /// Example values for docs.
    pub examples: Vec<Literal>,
    /// Marked deprecated.
    pub deprecated: bool,
    /// The node inputs the field fills.
    pub targets: Vec<Binding>,
    /// For a model-folder combo: the files the catalog listed (deployment
    /// data; the runtime checks the live list).
    pub models: Option<Vec<String>>,
}

/// The value a field takes when the request omits it.
#[derive(Clone, Debug, PartialEq)]
pub enum Default {
    /// A fixed value.
    Value(Literal),
    /// A fresh random integer per request, within the field's limits.
    Random,
}

/// One node input a field fills.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// Node id.
    pub node: String,
    /// Input name.
    pub input: String,
    /// The node's class (`KSampler`).
    pub class_type: String,
}

/// A named output: results of one or more output nodes.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// The output's name.
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Output node ids and classes.
    pub nodes: Vec<(String, String)>,
}

/// What one target says about the field's type.
struct Inferred {
    ty: TypeName,
    /// Whether `ty` came from the catalog (else from the literal).
    from_catalog: bool,
    min: Option<Number>,
    max: Option<Number>,
    options: Option<Vec<Literal>>,
    models: Option<Vec<Literal>>,
    literal: Option<(Literal, Span)>,
    tooltip: Option<String>,
    /// Description of the target for messages: "input `steps` of node 3 (KSampler)".
    what: String,
    /// Span of the input in the workflow, or of the node id.
    at: Span,
}

/// Resolves `spec` against `wf` and `catalog`. Returns the endpoint even
/// when some fields had errors (those fields are left out) so that later
/// stages can still report their own problems.
pub fn bind(
    spec: &Spec,
    name: String,
    path: String,
    files: (PathBuf, PathBuf),
    wf: &Workflow,
    catalog: Option<&Catalog>,
    diags: &mut Diagnostics,
) -> Endpoint {
    let outputs_of_graph = graph::output_nodes(wf, catalog);
    let upstream = wf.upstream_of(&outputs_of_graph);
    let mut claimed: HashMap<(usize, String), Span> = HashMap::new();
    let mut fields = Vec::new();
    for input in &spec.inputs {
        let mut targets = Vec::new();
        for t in &input.bind {
            let split = split_target(wf, catalog, &t.value);
            let (node_ref, input_name) = match &split {
                Some((n, i)) => (n.as_str(), i.as_str()),
                None => (t.value.node.as_str(), t.value.input.as_str()),
            };
            let Some(idx) = resolve_node(wf, node_ref, t.span, diags) else {
                continue;
            };
            let node = &wf.nodes[idx];
            let key = (idx, input_name.to_string());
            if let Some(first) = claimed.get(&key) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-binding",
                        format!("input `{}` of {} is bound twice", t.value.input, node.describe()),
                    )
                    .at(t.span, "bound again here")
                    .also(*first, "first bound here")
                    .help("one node input takes one request field; to fill several inputs from one field, list them under one `bind:`"),
                );
                continue;
            }
            claimed.insert(key, t.span);
            if let Some(inferred) = infer(wf, idx, input_name, catalog, t.span, diags) {
                if !upstream[idx] && !outputs_of_graph.is_empty() {
                    diags.push(
                        Diagnostic::error(
                            "unused-node",
                            format!("{} does not feed any output node, so `{}` would change nothing", node.describe(), input.name.value),
                        )
                        .at(t.span, "bound to a node whose result is never used")
                        .also(node.id_span, "this node is not upstream of any output")
                        .help("bind the field to a node that an output node depends on, or link this node's output into the graph"),
                    );
                    continue;
                }
                targets.push((t, node, inferred));
            }
        }
        if targets.len() == input.bind.len()
            && let Some(field) = field(input, &targets, diags)
        {
            fields.push(field);
        }
    }
    let bound: HashSet<(usize, String)> = claimed.into_keys().collect();
    graph::check(wf, catalog, &bound, diags);
    let outputs = outputs(spec, wf, catalog, &outputs_of_graph, diags);
    Endpoint {
        name,
        path,
        summary: spec.summary.as_ref().map(|s| s.value.clone()),
        description: spec.description.as_ref().map(|s| s.value.clone()),
        tags: spec.tags.iter().map(|t| t.value.clone()).collect(),
        spec_file: files.0,
        workflow_file: files.1,
        workflow: wf.json.clone(),
        fields,
        outputs,
    }
}

/// Where `NODE.INPUT` splits when titles or input names contain dots
/// (V3 sub-inputs such as `resize_type.width`): the spec splits at the last
/// dot; when that names no node, the first split whose node has such an
/// input (in the workflow or its class) wins.
fn split_target(
    wf: &Workflow,
    catalog: Option<&Catalog>,
    t: &crate::spec::Target,
) -> Option<(String, String)> {
    if !matches!(wf.lookup(&t.node), NodeLookup::Missing) {
        return None;
    }
    let full = format!("{}.{}", t.node, t.input);
    full.match_indices('.').map(|(i, _)| i).find_map(|i| {
        let (node, input) = (&full[..i], &full[i + 1..]);
        let NodeLookup::Found(idx) = wf.lookup(node) else {
            return None;
        };
        let n = &wf.nodes[idx];
        let declared = catalog
            .and_then(|c| c.class(&n.class_type))
            .is_some_and(|c| c.input(input).is_some());
        (n.input(input).is_some() || declared).then(|| (node.to_string(), input.to_string()))
    })
}

fn resolve_node(
    wf: &Workflow,
    reference: &str,
    span: Span,
    diags: &mut Diagnostics,
) -> Option<usize> {
    match wf.lookup(reference) {
        NodeLookup::Found(i) => Some(i),
        NodeLookup::Ambiguous(nodes) => {
            let mut d = Diagnostic::error(
                "ambiguous-node",
                format!("{} nodes have the title \"{reference}\"", nodes.len()),
            )
            .at(span, "which one?")
            .help(format!(
                "bind by node id instead: {}",
                list_names(&nodes.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), 10)
            ));
            for n in nodes {
                d = d.also(n.id_span, format!("node {} has this title", n.id));
            }
            diags.push(d);
            None
        }
        NodeLookup::Missing => {
            diags.push(
                Diagnostic::error(
                    "unknown-node",
                    format!("the workflow has no node with id or title `{reference}`"),
                )
                .at(span, "no such node")
                .maybe_help(wf.suggest_node(reference))
                .note(format!(
                    "node ids in the workflow: {}",
                    list_names(&wf.ids(), 12)
                )),
            );
            None
        }
    }
}

fn infer(
    wf: &Workflow,
    idx: usize,
    input: &str,
    catalog: Option<&Catalog>,
    bind_span: Span,
    diags: &mut Diagnostics,
) -> Option<Inferred> {
    let node = &wf.nodes[idx];
    let class = catalog.and_then(|c| c.class(&node.class_type));
    let wf_input = node.input(input);
    // A V3 dynamic input (`resize_type`) owns the sub-inputs the workflow
    // writes with a dot (`resize_type.width`).
    let dynamic_parent = class
        .and_then(|c| c.input(input.split_once('.')?.0))
        .filter(|d| matches!(d.kind, InputKind::Dynamic(_)));
    let def = class.and_then(|c| c.input(input)).or(dynamic_parent);
    let what = format!("input `{input}` of {}", node.describe());
    // With the node's class known, only declared inputs count: ComfyUI
    // drops the others, so a field bound to one would change nothing.
    if def.is_none() && (class.is_some() || wf_input.is_none()) {
        let names: Vec<&str> = match class {
            Some(c) => c
                .inputs
                .iter()
                .filter(|i| !matches!(i.kind, InputKind::Link(_)))
                .map(|i| i.name.as_str())
                .collect(),
            None => node.inputs.iter().map(|i| i.name.as_str()).collect(),
        };
        let mut d = Diagnostic::error(
            "unknown-input",
            format!("{} has no input `{input}`", node.describe()),
        )
        .at(bind_span, "no such input")
        .also(node.id_span, "this node")
        .maybe_help(suggest(input, names.iter().copied()))
        .note(format!("its value inputs are {}", list_names(&names, 16)));
        if wf_input.is_some() {
            d = d.note(format!(
                "the workflow sets `{input}`, but {} does not declare it, so ComfyUI ignores it",
                node.class_type
            ));
        }
        diags.push(d);
        return None;
    }
    if let Some(WorkflowInput {
        value: InputValue::Link { node: src, output },
        span,
        ..
    }) = wf_input
    {
        diags.push(
            Diagnostic::error("bound-to-link", format!("{what} is fed by a link, not a value"))
                .at(bind_span, "a request field can only replace a literal value")
                .also(*span, format!("linked to output {output} of node {src}"))
                .help(format!("bind the field to an input of node {src} instead, or replace the link with a value in the workflow")),
        );
        return None;
    }
    if let Some(WorkflowInput {
        value: InputValue::Structured,
        span,
        ..
    }) = wf_input
    {
        diags.push(
            Diagnostic::error(
                "bad-bind",
                format!("{what} holds a structured value, which a field cannot replace"),
            )
            .at(bind_span, "bound here")
            .also(*span, "this value"),
        );
        return None;
    }
    if let Some(InputDef {
        kind: InputKind::Link(t),
        ..
    }) = def
    {
        diags.push(
            Diagnostic::error(
                "bound-to-link",
                format!("{what} takes a {t} link, not a value"),
            )
            .at(bind_span, format!("{t} comes from another node's output"))
            .help("bind fields to widget inputs (INT, FLOAT, STRING, BOOLEAN or a combo)"),
        );
        return None;
    }
    let literal = wf_input.and_then(|i| match &i.value {
        InputValue::Literal(Literal::Null) => None,
        InputValue::Literal(l) => Some((l.clone(), i.span)),
        _ => None,
    });
    let at = wf_input.map_or(node.id_span, |i| i.span);
    let mut inferred = Inferred {
        ty: TypeName::String,
        from_catalog: def.is_some_and(|d| !matches!(d.kind, InputKind::Dynamic(_))),
        min: None,
        max: None,
        options: None,
        models: None,
        literal: literal.clone(),
        tooltip: def.and_then(|d| d.tooltip.clone()),
        what,
        at,
    };
    match def.map(|d| &d.kind) {
        Some(InputKind::Int { min, max, .. }) => {
            (inferred.ty, inferred.min, inferred.max) = (TypeName::Integer, *min, *max);
        }
        Some(InputKind::Float { min, max, .. }) => {
            (inferred.ty, inferred.min, inferred.max) = (TypeName::Number, *min, *max);
        }
        Some(InputKind::String) => inferred.ty = TypeName::String,
        Some(InputKind::Boolean) => inferred.ty = TypeName::Boolean,
        Some(InputKind::Combo { options, source }) => match source {
            ComboSource::ImageUpload => inferred.ty = TypeName::Image,
            ComboSource::OtherUpload => inferred.ty = TypeName::String,
            ComboSource::Models => inferred.models = Some(options.clone()),
            ComboSource::Fixed => {
                let all_int =
                    !options.is_empty() && options.iter().all(|o| matches!(o, Literal::Int(_)));
                inferred.ty = if all_int {
                    TypeName::Integer
                } else {
                    TypeName::String
                };
                inferred.options = Some(options.clone());
            }
        },
        Some(InputKind::Link(_)) => unreachable!("handled above"),
        Some(InputKind::Dynamic(_)) | None => match &literal {
            Some((Literal::Int(_), _)) => inferred.ty = TypeName::Integer,
            Some((Literal::Float(_), _)) => inferred.ty = TypeName::Number,
            Some((Literal::Bool(_), _)) => inferred.ty = TypeName::Boolean,
            _ => inferred.ty = TypeName::String,
        },
    }
    Some(inferred)
}

/// Whether a field of type `field` may fill a target inferred as `target`.
fn compatible(field: TypeName, target: &Inferred) -> bool {
    use TypeName::*;
    match (field, target.ty) {
        (a, b) if a == b => true,
        // Narrowing: an integer is a valid number.
        (Integer, Number) => true,
        // A file already in ComfyUI's input folder, by name.
        (String, Image) => true,
        // Without a catalog, an upload input looks like a string literal.
        (Image, String) => !target.from_catalog,
        _ => false,
    }
}

fn field(
    input: &InputSpec,
    targets: &[(&Spanned<crate::spec::Target>, &WorkflowNode, Inferred)],
    diags: &mut Diagnostics,
) -> Option<Field> {
    let errors_before = diags.error_count();
    let name = &input.name.value;
    let first = &targets.first()?.2;
    // The field's type: explicit, else the first target's (integer when
    // targets mix INT and FLOAT).
    let ty = match &input.ty {
        Some(t) => t.value,
        None if targets.iter().any(|(_, _, i)| i.ty == TypeName::Integer)
            && targets
                .iter()
                .all(|(_, _, i)| matches!(i.ty, TypeName::Integer | TypeName::Number)) =>
        {
            TypeName::Integer
        }
        None => first.ty,
    };
    for (t, _, inf) in targets {
        if !compatible(ty, inf) {
            let (at, label) = match &input.ty {
                Some(explicit) => (explicit.span, format!("declared `{}`", ty.as_str())),
                None => (
                    t.span,
                    format!("{} takes {}", t.value.input, article(inf.ty)),
                ),
            };
            let source = if inf.from_catalog {
                "the catalog's type"
            } else {
                "inferred from the workflow's value"
            };
            let d = Diagnostic::error(
                "type-mismatch",
                format!(
                    "field `{name}` is {} but {} takes {} ({source})",
                    article(ty),
                    inf.what,
                    article(inf.ty)
                ),
            )
            .at(at, label);
            let d = if input.ty.is_some() {
                d.also(t.span, format!("bound to {}", inf.what))
            } else {
                d
            };
            diags.push(
                d
                .help(match (ty, inf.ty) {
                    (TypeName::Number, TypeName::Integer) => "use `type: integer`: the node takes whole numbers only".to_string(),
                    (TypeName::Image, _) => "`image` fields fill LoadImage-style upload inputs (LoadImage.image, LoadImageMask.image)".to_string(),
                    _ if input.ty.is_some() => format!("use `type: {}` or remove `type:`", inf.ty.as_str()),
                    _ => "bind the field only to inputs of one type".to_string(),
                }),
            );
        }
        // An explicit type must also accept the workflow's value (checked
        // when the type came from the catalog; otherwise it is the same check).
        else if let (Some(explicit), Some((lit, lit_span)), true) =
            (&input.ty, &inf.literal, inf.from_catalog)
            && !literal_fits_type(explicit.value, lit)
        {
            diags.push(
                Diagnostic::error(
                    "type-mismatch",
                    format!(
                        "field `{name}` is declared {} but the workflow sets {} to {lit} ({})",
                        explicit.value.as_str(),
                        inf.what,
                        lit.type_name()
                    ),
                )
                .at(
                    explicit.span,
                    format!("declared `{}`", explicit.value.as_str()),
                )
                .also(*lit_span, format!("{} in the workflow", lit.type_name())),
            );
        }
    }
    if diags.error_count() > errors_before {
        return None;
    }

    // Node limits, intersected over targets.
    let mut node_min: Option<(Number, &Inferred)> = None;
    let mut node_max: Option<(Number, &Inferred)> = None;
    let mut options: Option<Vec<Literal>> = None;
    for (_, _, inf) in targets {
        if let Some(m) = inf.min
            && node_min.is_none_or(|(cur, _)| m.cmp_num(cur).is_gt())
        {
            node_min = Some((m, inf));
        }
        if let Some(m) = inf.max
            && node_max.is_none_or(|(cur, _)| m.cmp_num(cur).is_lt())
        {
            node_max = Some((m, inf));
        }
        if let Some(opts) = &inf.options {
            options = Some(match options {
                None => opts.clone(),
                Some(prev) => prev.into_iter().filter(|o| opts.contains(o)).collect(),
            });
        }
    }
    let models: Option<Vec<Literal>> = targets.iter().find_map(|(_, _, i)| i.models.clone());

    // Which spec keys apply to which types.
    let numeric = matches!(ty, TypeName::Integer | TypeName::Number);
    let stringy = ty == TypeName::String;
    for (key, span, ok) in [
        ("minimum", input.minimum.as_ref().map(|s| s.span), numeric),
        ("maximum", input.maximum.as_ref().map(|s| s.span), numeric),
        (
            "multiple_of",
            input.multiple_of.as_ref().map(|s| s.span),
            numeric,
        ),
        (
            "min_length",
            input.min_length.as_ref().map(|s| s.span),
            stringy,
        ),
        (
            "max_length",
            input.max_length.as_ref().map(|s| s.span),
            stringy,
        ),
        ("pattern", input.pattern.as_ref().map(|s| s.span), stringy),
        (
            "enum",
            input.enum_values.as_ref().map(|s| s.span),
            ty != TypeName::Image && ty != TypeName::Boolean,
        ),
    ] {
        if let (Some(span), false) = (span, ok) {
            diags.push(
                Diagnostic::error(
                    "limit-for-type",
                    format!("`{key}` does not apply to {} field", article(ty)),
                )
                .at(span, format!("`{name}` is {}", article(ty)))
                .help(match key {
                    "minimum" | "maximum" | "multiple_of" => {
                        "numeric limits apply to integer and number fields"
                    }
                    "enum" => "enums apply to string, integer and number fields",
                    _ => "length and pattern limits apply to string fields",
                }),
            );
        }
    }
    if ty == TypeName::Integer {
        for lim in [&input.minimum, &input.maximum, &input.multiple_of]
            .into_iter()
            .flatten()
        {
            if let Number::Float(f) = lim.value
                && f.fract() != 0.0
            {
                diags.push(
                    Diagnostic::error(
                        "bad-limit",
                        format!("`{name}` is an integer field, but this limit is {f}"),
                    )
                    .at(lim.span, "expected a whole number"),
                );
            }
        }
    }
    // Narrow, never widen.
    for (key, spec_limit, node_limit, widening, word, bound) in [
        (
            "minimum",
            &input.minimum,
            node_min,
            std::cmp::Ordering::Less,
            "below",
            "at least",
        ),
        (
            "maximum",
            &input.maximum,
            node_max,
            std::cmp::Ordering::Greater,
            "above",
            "at most",
        ),
    ] {
        if let (Some(spec), Some((node, inf))) = (spec_limit, node_limit)
            && spec.value.cmp_num(node) == widening
        {
            diags.push(
                Diagnostic::error(
                    "widens-limit",
                    format!("{key} {} is {word} the node's {key} {node}", spec.value),
                )
                .at(spec.span, "would accept values ComfyUI rejects")
                .also(inf.at, format!("{} has {key} {node}", inf.what))
                .help(format!(
                    "use a {key} of {bound} {node}, or remove it to inherit the node's"
                )),
            );
        }
    }
    // Limits of integer fields are whole numbers (`2.0` counts, as in JSON
    // Schema); keep them exact.
    let limit = |n: Number| match (ty, n) {
        (TypeName::Integer, Number::Float(f)) if f.fract() == 0.0 => Number::Int(f as i128),
        _ => n,
    };
    let minimum = input
        .minimum
        .as_ref()
        .map(|s| limit(s.value))
        .or(node_min.map(|(n, _)| n))
        .filter(|_| numeric);
    let maximum = input
        .maximum
        .as_ref()
        .map(|s| limit(s.value))
        .or(node_max.map(|(n, _)| n))
        .filter(|_| numeric);
    if diags.error_count() > errors_before {
        // Limits are inconsistent: checking values against them would only repeat that.
        return None;
    }
    if let (Some(lo), Some(hi)) = (minimum, maximum)
        && lo.cmp_num(hi).is_gt()
    {
        let at = input
            .minimum
            .as_ref()
            .or(input.maximum.as_ref())
            .map_or(input.name.span, |s| s.span);
        diags.push(
            Diagnostic::error(
                "empty-range",
                format!("minimum {lo} is greater than maximum {hi}: no value is allowed"),
            )
            .at(at, "empty range"),
        );
    }
    if let (Some(lo), Some(hi)) = (&input.min_length, &input.max_length)
        && lo.value > hi.value
    {
        diags.push(
            Diagnostic::error(
                "empty-range",
                format!(
                    "min_length {} is greater than max_length {}",
                    lo.value, hi.value
                ),
            )
            .at(lo.span, "empty range"),
        );
    }
    if diags.error_count() > errors_before {
        return None;
    }

    let mut field = Field {
        name: name.clone(),
        description: input
            .description
            .as_ref()
            .map(|d| d.value.clone())
            .or_else(|| first.tooltip.clone()),
        ty,
        required: false,
        default: None,
        minimum,
        maximum,
        multiple_of: input
            .multiple_of
            .as_ref()
            .map(|m| limit(m.value))
            .filter(|_| numeric),
        min_length: input.min_length.as_ref().map(|m| m.value),
        max_length: input.max_length.as_ref().map(|m| m.value),
        pattern: input.pattern.as_ref().map(|p| p.value.clone()),
        enum_values: None,
        examples: Vec::new(),
        deprecated: input.deprecated.as_ref().is_some_and(|d| d.value),
        targets: targets
            .iter()
            .map(|(t, n, _)| Binding {
                node: n.id.clone(),
                input: t.value.input.clone(),
                class_type: n.class_type.clone(),
            })
            .collect(),
        models: models.as_ref().map(|m| {
            m.iter()
                .filter_map(|l| l.as_str().map(str::to_string))
                .collect()
        }),
    };

    // Enum: a subset of the node's options (strict for interface combos, a
    // warning for model lists).
    if let Some(spec_enum) = &input.enum_values {
        for v in &spec_enum.value {
            if !literal_fits_type(ty, &v.value) {
                diags.push(
                    Diagnostic::error(
                        "bad-enum",
                        format!(
                            "enum value {} is {}, not {}",
                            v.value,
                            v.value.type_name(),
                            article(ty)
                        ),
                    )
                    .at(v.span, format!("`{name}` is {}", article(ty))),
                );
            } else if let Some(opts) = &options
                && !opts.contains(&v.value)
            {
                let s = v.value.to_string();
                let strs: Vec<String> = opts.iter().map(|o| o.to_string()).collect();
                diags.push(
                    Diagnostic::error(
                        "bad-enum",
                        format!("{} is not an option of {}", v.value, first.what),
                    )
                    .at(v.span, "ComfyUI would reject this value")
                    .also(first.at, "bound here")
                    .maybe_help(suggest(&s, strs.iter().map(String::as_str)))
                    .note(format!("the node's options are {}", list_names(&strs, 12))),
                );
            } else if let Some(w) = model_warning(name, &models, &v.value, v.span) {
                diags.push(w);
            }
        }
        field.enum_values = Some(spec_enum.value.iter().map(|v| v.value.clone()).collect());
    } else if let Some(opts) = options {
        field.enum_values = Some(opts);
    }

    // Default and required.
    let required_flag = input.required.as_ref().map(|r| r.value);
    if let (Some(true), Some(d)) = (required_flag, &input.default) {
        diags.push(
            Diagnostic::error(
                "required-with-default",
                format!("field `{name}` is required and has a default"),
            )
            .at(d.span, "a required field never uses its default")
            .help("remove `default:` or `required: true`"),
        );
    }
    let pattern = match field
        .pattern
        .as_deref()
        .map(wfc_runtime::validate::compile_pattern)
    {
        Some(Ok(re)) => Some(re),
        Some(Err(e)) => {
            let at = input.pattern.as_ref().map_or(input.name.span, |p| p.span);
            diags.push(
                Diagnostic::error("bad-pattern", format!("`pattern` cannot be compiled: {e}"))
                    .at(at, "invalid regular expression"),
            );
            return None;
        }
        None => None,
    };
    match &input.default {
        Some(d) if d.value == Literal::Str("random".into()) && ty != TypeName::String => {
            let restricted = if field.enum_values.is_some() {
                Some("`enum`")
            } else if field.multiple_of.is_some() {
                Some("`multiple_of`")
            } else {
                None
            };
            if let (TypeName::Integer, Some(what)) = (ty, restricted) {
                diags.push(
                    Diagnostic::error(
                        "bad-default",
                        format!("`default: random` draws from the whole range, which {what} of `{name}` restricts"),
                    )
                    .at(d.span, "random values would break the field's limits")
                    .help("give a fixed default, or drop the restriction"),
                );
            } else if ty == TypeName::Integer {
                field.default = Some(Default::Random);
            } else {
                diags.push(
                    Diagnostic::error(
                        "bad-default",
                        format!(
                            "`default: random` is for integer fields (seeds); `{name}` is {}",
                            article(ty)
                        ),
                    )
                    .at(d.span, "not an integer field"),
                );
            }
        }
        Some(d) => {
            let value = coerce(ty, &d.value);
            if let Some(problem) = value_problem(&field, pattern.as_ref(), &value) {
                diags.push(
                    Diagnostic::error(
                        "bad-default",
                        format!("default {} of `{name}` {problem}", d.value),
                    )
                    .at(d.span, "invalid default"),
                );
            } else if let Some(w) = model_warning(name, &models, &value, d.span) {
                diags.push(w);
            }
            field.default = Some(Default::Value(value));
        }
        None => {
            let literals: Vec<&(Literal, Span)> = targets
                .iter()
                .filter_map(|(_, _, i)| i.literal.as_ref())
                .collect();
            let implicit_required = ty == TypeName::Image || literals.is_empty();
            if !required_flag.unwrap_or(implicit_required)
                && let Some((lit, lit_span)) = literals.first()
            {
                if let Some((other, other_span)) = literals
                    .iter()
                    .map(|l| (&l.0, l.1))
                    .find(|(l, _)| coerce(ty, l) != coerce(ty, lit))
                {
                    diags.push(
                        Diagnostic::error(
                            "conflicting-defaults",
                            format!("the inputs `{name}` binds have different values in the workflow ({lit} and {other})"),
                        )
                        .at(input.name.span, "which one is the default?")
                        .also(*lit_span, format!("{lit} here"))
                        .also(other_span, format!("{other} here"))
                        .help("give the field a `default:` (or `required: true`)"),
                    );
                } else if ty != TypeName::Image {
                    let lit = &coerce(ty, lit);
                    if let Some(problem) = value_problem(&field, pattern.as_ref(), lit) {
                        diags.push(
                            Diagnostic::error(
                                "bad-default",
                                format!(
                                    "the workflow's value {lit}, the default of `{name}`, {problem}"
                                ),
                            )
                            .at(input.name.span, "field without `default:`")
                            .also(*lit_span, "used as the default")
                            .help("give the field a `default:` that fits its limits"),
                        );
                    } else if let Some(w) = model_warning(name, &models, lit, *lit_span) {
                        diags.push(w.also(input.name.span, "its default comes from the workflow"));
                    }
                    field.default = Some(Default::Value(lit.clone()));
                }
            }
        }
    }
    field.required = match required_flag {
        Some(r) => r,
        None => {
            field.default.is_none()
                && (ty == TypeName::Image || targets.iter().all(|(_, _, i)| i.literal.is_none()))
        }
    };
    if field.required {
        field.default = None;
    }

    for e in &input.examples {
        if let Some(problem) = value_problem(&field, pattern.as_ref(), &coerce(ty, &e.value)) {
            diags.push(
                Diagnostic::error(
                    "bad-example",
                    format!("example {} of `{name}` {problem}", e.value),
                )
                .at(e.span, "invalid example"),
            );
        } else if let Some(w) = model_warning(name, &models, &e.value, e.span) {
            diags.push(w);
        }
    }
    field.examples = input
        .examples
        .iter()
        .map(|e| coerce(ty, &e.value))
        .collect();
    (diags.error_count() == errors_before).then_some(field)
}

/// A warning when `value` is missing from a model list that names model
/// files. Model lists are deployment data, so this is never an error.
fn model_warning(
    name: &str,
    models: &Option<Vec<Literal>>,
    value: &Literal,
    span: Span,
) -> Option<Diagnostic> {
    let models = models
        .as_ref()
        .filter(|m| lists_model_files(m) && !m.contains(value))?;
    let names: Vec<String> = models.iter().map(|m| m.to_string()).collect();
    Some(
        Diagnostic::warning(
            "model-not-listed",
            format!("{value} is not among the catalog's models for `{name}`"),
        )
        .at(span, "not in the catalog's model list")
        .note(format!("the catalog lists {}", list_names(&names, 8)))
        .note("model lists are deployment data: the ComfyUI you deploy to may have it"),
    )
}

fn article(t: TypeName) -> String {
    match t {
        TypeName::Integer | TypeName::Image => format!("an {}", t.as_str()),
        _ => format!("a {}", t.as_str()),
    }
}

/// Whether `lit` is a value of type `ty` (integers count as numbers).
fn literal_fits_type(ty: TypeName, lit: &Literal) -> bool {
    match ty {
        TypeName::Integer => integral(lit).is_some(),
        TypeName::Number => matches!(lit, Literal::Int(_) | Literal::Float(_)),
        TypeName::String | TypeName::Image => matches!(lit, Literal::Str(_)),
        TypeName::Boolean => matches!(lit, Literal::Bool(_)),
    }
}

/// The integer a literal holds, written `7` or `7.0` (JSON Schema counts
/// both as integers; ComfyUI exports FLOAT widgets as `7.0`).
fn integral(lit: &Literal) -> Option<i128> {
    match lit {
        Literal::Int(i) => Some(*i),
        Literal::Float(f) if f.fract() == 0.0 && f.abs() < 1.7e38 => Some(*f as i128),
        _ => None,
    }
}

/// `lit` as a value of an `ty` field: integral floats of integer fields
/// become integers.
fn coerce(ty: TypeName, lit: &Literal) -> Literal {
    match (ty, integral(lit)) {
        (TypeName::Integer, Some(i)) => Literal::Int(i),
        _ => lit.clone(),
    }
}

/// Why `value` is not a valid value of `field`, as the end of a sentence
/// ("is above the maximum 100").
///
/// `pattern` is the field's pattern, compiled once by the caller.
pub fn value_problem(
    field: &Field,
    pattern: Option<&regex::Regex>,
    value: &Literal,
) -> Option<String> {
    if !literal_fits_type(field.ty, value) {
        return Some(format!(
            "is {}, not {}",
            value.type_name(),
            article(field.ty)
        ));
    }
    if let Some(n) = Number::from_literal(value) {
        if let Some(min) = field.minimum
            && n.cmp_num(min).is_lt()
        {
            return Some(format!("is below the minimum {min}"));
        }
        if let Some(max) = field.maximum
            && n.cmp_num(max).is_gt()
        {
            return Some(format!("is above the maximum {max}"));
        }
        if let Some(step) = field.multiple_of
            && !n.is_multiple_of(step)
        {
            return Some(format!("is not a multiple of {step}"));
        }
    }
    if let Literal::Str(s) = value {
        let len = s.chars().count() as u64;
        if let Some(min) = field.min_length
            && len < min
        {
            return Some(format!("is shorter than min_length {min}"));
        }
        if let Some(max) = field.max_length
            && len > max
        {
            return Some(format!("is longer than max_length {max}"));
        }
        if let Some(re) = pattern
            && !re.is_match(s)
        {
            return Some(format!("does not match the pattern {:?}", re.as_str()));
        }
    }
    if let Some(values) = &field.enum_values
        && !values.contains(value)
    {
        let names: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        return Some(format!("is not one of {}", list_names(&names, 8)));
    }
    None
}

fn outputs(
    spec: &Spec,
    wf: &Workflow,
    catalog: Option<&Catalog>,
    graph_outputs: &[usize],
    diags: &mut Diagnostics,
) -> Vec<Output> {
    let describe = |i: &usize| (wf.nodes[*i].id.clone(), wf.nodes[*i].class_type.clone());
    let Some(specs) = &spec.outputs else {
        return if graph_outputs.is_empty() {
            Vec::new()
        } else {
            vec![Output {
                name: "images".to_string(),
                description: None,
                nodes: graph_outputs.iter().map(describe).collect(),
            }]
        };
    };
    let mut used: HashMap<usize, Span> = HashMap::new();
    let mut out = Vec::new();
    for o in specs {
        let mut nodes = Vec::new();
        for r in &o.from {
            let Some(i) = resolve_node(wf, &r.value, r.span, diags) else {
                continue;
            };
            let node = &wf.nodes[i];
            let class_known = catalog.is_none_or(|c| c.class(&node.class_type).is_some());
            if class_known && !graph_outputs.contains(&i) {
                let outs: Vec<String> = graph_outputs
                    .iter()
                    .map(|j| wf.nodes[*j].describe())
                    .collect();
                diags.push(
                    Diagnostic::error(
                        "not-an-output",
                        format!("{} is not an output node", node.describe()),
                    )
                    .at(r.span, "ComfyUI reports no results for this node")
                    .also(node.class_span, "its class")
                    .help(if outs.is_empty() {
                        "add a SaveImage or PreviewImage node and name it here".to_string()
                    } else {
                        format!("output nodes in this workflow: {}", outs.join(", "))
                    }),
                );
                continue;
            }
            if let Some(first) = used.insert(i, r.span) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-output",
                        format!("{} is named by two outputs", node.describe()),
                    )
                    .at(r.span, "named again here")
                    .also(first, "first named here"),
                );
                continue;
            }
            nodes.push(describe(&i));
        }
        out.push(Output {
            name: o.name.value.clone(),
            description: o.description.as_ref().map(|d| d.value.clone()),
            nodes,
        });
    }
    out
}
