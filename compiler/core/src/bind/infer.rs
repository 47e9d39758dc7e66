//! What one bound node input says about a field: its type (from the
//! catalog, else from the workflow's literal), the node's limits and
//! options, its model list, the workflow's value and tooltip.

use crate::catalog::{Catalog, ComboSource, InputDef, InputKind};
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Diagnostics, Span, list_names, suggest};
use crate::literal::{Literal, Number};
use crate::spec::FieldType;
use crate::workflow::{InputValue, Workflow, WorkflowInput};

/// What one target says about the field's type.
pub(super) struct Inferred {
    pub(super) ty: FieldType,
    /// Whether `ty` came from the catalog (else from the literal).
    pub(super) from_catalog: bool,
    pub(super) min: Option<Number>,
    pub(super) max: Option<Number>,
    pub(super) options: Option<Vec<Literal>>,
    pub(super) models: Option<Vec<Literal>>,
    pub(super) literal: Option<(Literal, Span)>,
    pub(super) tooltip: Option<String>,
    /// Description of the target for messages: "input `steps` of node 3 (KSampler)".
    pub(super) what: String,
    /// Span of the input in the workflow, or of the node id.
    pub(super) at: Span,
}

/// What input `input` of node `idx` says about a field bound to it, or
/// `None` (with a diagnostic) when no field can be bound to it.
pub(super) fn infer(
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
            Code::UnknownInput,
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
            Diagnostic::error(Code::BoundToLink, format!("{what} is fed by a link, not a value"))
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
                Code::BadBind,
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
                Code::BoundToLink,
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
        ty: FieldType::String,
        from_catalog: def.is_some_and(|d| !matches!(d.kind, InputKind::Dynamic(_))),
        min: None,
        max: None,
        options: None,
        models: None,
        literal,
        tooltip: def.and_then(|d| d.tooltip.clone()),
        what,
        at,
    };
    type_from(def.map(|d| &d.kind), &mut inferred);
    Some(inferred)
}

/// The type, limits, options and model list that the catalog's kind of
/// input (or, without one, the workflow's literal) gives `inferred`.
fn type_from(kind: Option<&InputKind>, inferred: &mut Inferred) {
    match kind {
        Some(InputKind::Int { min, max, .. }) => {
            (inferred.ty, inferred.min, inferred.max) = (FieldType::Integer, *min, *max);
        }
        Some(InputKind::Float { min, max, .. }) => {
            (inferred.ty, inferred.min, inferred.max) = (FieldType::Number, *min, *max);
        }
        Some(InputKind::String) => inferred.ty = FieldType::String,
        Some(InputKind::Boolean) => inferred.ty = FieldType::Boolean,
        Some(InputKind::Combo { options, source }) => match source {
            ComboSource::ImageUpload => inferred.ty = FieldType::Image,
            ComboSource::OtherUpload => inferred.ty = FieldType::String,
            ComboSource::Models => inferred.models = Some(options.clone()),
            ComboSource::Fixed => {
                let all_int =
                    !options.is_empty() && options.iter().all(|o| matches!(o, Literal::Int(_)));
                inferred.ty = if all_int {
                    FieldType::Integer
                } else {
                    FieldType::String
                };
                inferred.options = Some(options.clone());
            }
        },
        // Links were refused before; dynamic inputs and inputs the catalog
        // does not know are typed from the workflow's value.
        Some(InputKind::Link(_) | InputKind::Dynamic(_)) | None => match &inferred.literal {
            Some((Literal::Int(_), _)) => inferred.ty = FieldType::Integer,
            Some((Literal::Float(_), _)) => inferred.ty = FieldType::Number,
            Some((Literal::Bool(_), _)) => inferred.ty = FieldType::Boolean,
            _ => inferred.ty = FieldType::String,
        },
    }
}

/// Whether a field of type `field` may fill a target inferred as `target`.
pub(super) fn compatible(field: FieldType, target: &Inferred) -> bool {
    use FieldType::*;
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
