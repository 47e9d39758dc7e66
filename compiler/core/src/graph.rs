//! Checks of a workflow against the node catalog, the way ComfyUI's own
//! validation would reject the prompt: unknown node classes, links to an
//! output that does not exist or has the wrong type, required inputs with
//! no value, literal values outside a node's limits or options, and a
//! workflow with no output node.
//!
//! Inputs that a request field is bound to are skipped here: their value
//! comes from the request, and `bind` checks the field's default instead.

use crate::catalog::{Catalog, ComboSource, InputKind, NodeClass, lists_model_files};
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Diagnostics, list_names, suggest};
use crate::literal::{Literal, Number};
use crate::workflow::{InputValue, Workflow, WorkflowNode};
use std::collections::HashSet;

/// Indexes of the workflow's output nodes: by the catalog's `output_node`
/// when there is a catalog, else the nodes nothing consumes.
pub fn output_nodes(wf: &Workflow, catalog: Option<&Catalog>) -> Vec<usize> {
    match catalog {
        Some(c) => (0..wf.nodes.len())
            .filter(|&i| {
                c.class(&wf.nodes[i].class_type)
                    .is_some_and(|k| k.output_node)
            })
            .collect(),
        None => wf.sinks(),
    }
}

/// Checks `wf` against `catalog`. `bound` holds (node index, input name)
/// pairs filled from the request.
pub fn check(
    wf: &Workflow,
    catalog: Option<&Catalog>,
    bound: &HashSet<(usize, String)>,
    diags: &mut Diagnostics,
) {
    let outputs = output_nodes(wf, catalog);
    if let (true, Some(first)) = (outputs.is_empty(), wf.nodes.first()) {
        diags.push(no_outputs(first, catalog.is_none()));
    }
    let Some(catalog) = catalog else { return };
    // ComfyUI checks every class_type, but validates inputs only of the
    // nodes an output depends on.
    let upstream = wf.upstream_of(&outputs);
    for (i, node) in wf.nodes.iter().enumerate() {
        let Some(class) = catalog.class(&node.class_type) else {
            diags.push(unknown_class(node, catalog));
            continue;
        };
        if !upstream[i] {
            continue;
        }
        check_links(wf, catalog, node, class, diags);
        let is_bound = |name: &str| bound.contains(&(i, name.to_string()));
        check_required(node, class, &is_bound, diags);
        check_literals(node, class, &is_bound, diags);
    }
}

/// The workflow has no output node; `first` is where to point.
fn no_outputs(first: &WorkflowNode, without_catalog: bool) -> Diagnostic {
    let d = Diagnostic::error(
        Code::NoOutputs,
        "the workflow has no output node, so ComfyUI would run nothing",
    )
    .at(
        first.id_span,
        "no node here or below saves or previews a result",
    )
    .help("add a SaveImage or PreviewImage node fed by the result");
    if without_catalog {
        d.note("without a catalog, output nodes are the nodes whose outputs nothing consumes")
    } else {
        d
    }
}

/// The node's class is not in the catalog.
fn unknown_class(node: &WorkflowNode, catalog: &Catalog) -> Diagnostic {
    Diagnostic::error(
        Code::UnknownClass,
        format!(
            "node {} uses class `{}`, which the catalog does not have",
            node.id, node.class_type
        ),
    )
    .at(node.class_span, "unknown node class")
    .maybe_help(suggest(&node.class_type, catalog.class_names()))
    .note("a custom node must be installed in the ComfyUI the catalog was pulled from")
}

/// Each link of `node`: the output it takes exists and has the type the
/// input wants.
fn check_links(
    wf: &Workflow,
    catalog: &Catalog,
    node: &WorkflowNode,
    class: &NodeClass,
    diags: &mut Diagnostics,
) {
    for (input, src, output) in node.links() {
        let Some(src_node) = wf.node(src) else {
            continue;
        };
        let Some(src_class) = catalog.class(&src_node.class_type) else {
            continue;
        };
        let Some(src_type) = src_class.outputs.get(output) else {
            diags.push(
                Diagnostic::error(
                    Code::BadLink,
                    format!(
                        "input `{}` of {} takes output {output} of {}, which has only {} output(s)",
                        input.name,
                        node.describe(),
                        src_node.describe(),
                        src_class.outputs.len()
                    ),
                )
                .at(input.span, format!("output index {output} is out of range"))
                .help(format!(
                    "{} outputs {}",
                    src_class.name,
                    src_class
                        .outputs
                        .iter()
                        .enumerate()
                        .map(|(k, t)| format!("{k}: {t}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            continue;
        };
        let Some(def) = class.input(&input.name) else {
            continue;
        };
        // A widget input may be linked from a node that outputs its type
        // (a primitive); combos and dynamic inputs are not checked.
        let want = match &def.kind {
            InputKind::Link(t) => Some(t.as_str()),
            InputKind::Int { .. }
            | InputKind::Float { .. }
            | InputKind::String
            | InputKind::Boolean => Some(def.kind.comfy_type()),
            InputKind::Combo { .. } | InputKind::Dynamic(_) => None,
        };
        if let Some(want) = want
            && !types_match(want, src_type)
        {
            diags.push(
                Diagnostic::error(
                    Code::LinkType,
                    format!(
                        "input `{}` of {} takes {want}, but output {output} of {} is {src_type}",
                        input.name,
                        node.describe(),
                        src_node.describe()
                    ),
                )
                .at(input.span, format!("{src_type} where {want} is expected")),
            );
        }
    }
}

/// Every required input of the class has a value in the node or from the
/// request.
fn check_required(
    node: &WorkflowNode,
    class: &NodeClass,
    is_bound: &dyn Fn(&str) -> bool,
    diags: &mut Diagnostics,
) {
    for def in class
        .inputs
        .iter()
        .filter(|d| d.required && !matches!(d.kind, InputKind::Dynamic(_)))
    {
        if node.input(&def.name).is_none() && !is_bound(&def.name) {
            diags.push(
                Diagnostic::error(
                    Code::MissingInput,
                    format!(
                        "{} has no value for its required input `{}`",
                        node.describe(),
                        def.name
                    ),
                )
                .at(
                    node.class_span,
                    format!("`{}` ({}) is missing", def.name, def.kind.comfy_type()),
                )
                .help(match &def.kind {
                    InputKind::Link(t) => {
                        format!("link an output of type {t} to `{}`", def.name)
                    }
                    _ => format!("set `\"{}\"` in the node's inputs", def.name),
                }),
            );
        }
    }
}

/// The literal values the request does not replace are ones ComfyUI
/// accepts.
fn check_literals(
    node: &WorkflowNode,
    class: &NodeClass,
    is_bound: &dyn Fn(&str) -> bool,
    diags: &mut Diagnostics,
) {
    for input in &node.inputs {
        if is_bound(&input.name) {
            continue;
        }
        let (InputValue::Literal(value), Some(def)) = (&input.value, class.input(&input.name))
        else {
            continue;
        };
        if let Some((severity_error, problem)) = literal_problem(&def.kind, value) {
            let msg = format!("input `{}` of {}: {problem}", input.name, node.describe());
            let d = if severity_error {
                Diagnostic::error(Code::BadValue, msg)
                    .at(input.span, "ComfyUI would reject this value")
            } else {
                Diagnostic::warning(Code::ModelNotListed, msg)
                    .at(input.span, "not in the catalog's model list")
                    .note("model lists are deployment data: the ComfyUI you deploy to may have it")
            };
            diags.push(d);
        }
    }
}

/// ComfyUI's type check of a link: `*` matches anything, and a comma list
/// on either side matches any of its members.
fn types_match(want: &str, got: &str) -> bool {
    if want == "*" || got == "*" || want == got {
        return true;
    }
    let w: Vec<&str> = want.split(',').map(str::trim).collect();
    got.split(',').map(str::trim).any(|g| w.contains(&g))
}

/// Why ComfyUI would reject `value` for an input of `kind`: `(true, why)`
/// for an error, `(false, why)` for a warning (model lists).
pub(crate) fn literal_problem(kind: &InputKind, value: &Literal) -> Option<(bool, String)> {
    match kind {
        InputKind::Int { min, max, .. } | InputKind::Float { min, max, .. } => {
            // ComfyUI applies int() / float() first: numeric strings and
            // booleans pass, anything else is `invalid_input_type`.
            let n = match value {
                Literal::Str(s) => match s.trim().parse::<i128>() {
                    Ok(i) => Number::Int(i),
                    Err(_) => match s.trim().parse::<f64>() {
                        Ok(f) if f.is_finite() => Number::Float(f),
                        _ => {
                            return Some((
                                true,
                                format!("{value} is not a number ({} expected)", kind.comfy_type()),
                            ));
                        }
                    },
                },
                Literal::Bool(b) => Number::Int(i128::from(*b)),
                Literal::Null => {
                    return Some((
                        true,
                        format!("null is not a number ({} expected)", kind.comfy_type()),
                    ));
                }
                other => Number::from_literal(other)?,
            };
            if let Some(min) = min
                && n.cmp_num(*min).is_lt()
            {
                return Some((true, format!("{value} is below the minimum {min}")));
            }
            if let Some(max) = max
                && n.cmp_num(*max).is_gt()
            {
                return Some((true, format!("{value} is above the maximum {max}")));
            }
            None
        }
        InputKind::Combo { options, source } => {
            if options.contains(value) || options.is_empty() {
                return None;
            }
            match source {
                ComboSource::Fixed => Some((
                    true,
                    format!(
                        "{value} is not one of {}{}",
                        list_names(
                            &options.iter().map(|o| o.to_string()).collect::<Vec<_>>(),
                            8
                        ),
                        value
                            .as_str()
                            .and_then(|s| crate::diagnostic::did_you_mean(
                                s,
                                options.iter().filter_map(Literal::as_str)
                            ))
                            .map(|c| format!("; did you mean \"{c}\"?"))
                            .unwrap_or_default()
                    ),
                )),
                ComboSource::Models if lists_model_files(options) => Some((
                    false,
                    format!(
                        "{value} is not among the catalog's models ({})",
                        list_names(
                            &options.iter().map(|o| o.to_string()).collect::<Vec<_>>(),
                            6
                        )
                    ),
                )),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_types_follow_comfyui() {
        assert!(types_match("IMAGE", "IMAGE"));
        assert!(types_match("*", "LATENT"));
        assert!(types_match("MODEL_TASK_ID,RIG_TASK_ID", "RIG_TASK_ID"));
        assert!(!types_match("IMAGE", "LATENT"));
    }

    #[test]
    fn literal_problems() {
        let int = InputKind::Int {
            min: Some(Number::Int(1)),
            max: Some(Number::Int(10)),
            step: None,
        };
        assert!(literal_problem(&int, &Literal::Int(0)).unwrap().0);
        assert!(
            literal_problem(&int, &Literal::Int(11))
                .unwrap()
                .1
                .contains("maximum 10")
        );
        assert!(literal_problem(&int, &Literal::Int(5)).is_none());
        let combo = InputKind::Combo {
            options: vec![Literal::Str("euler".into())],
            source: ComboSource::Fixed,
        };
        assert!(
            literal_problem(&combo, &Literal::Str("eulr".into()))
                .unwrap()
                .1
                .contains("did you mean \"euler\"")
        );
        let models = InputKind::Combo {
            options: vec![],
            source: ComboSource::Models,
        };
        assert!(literal_problem(&models, &Literal::Str("x.safetensors".into())).is_none());
        // Built-in choices such as VAELoader's `pixel_space` are not model files.
        let builtin_only = InputKind::Combo {
            options: vec![Literal::Str("pixel_space".into())],
            source: ComboSource::Models,
        };
        assert!(literal_problem(&builtin_only, &Literal::Str("ae.safetensors".into())).is_none());
        let models = InputKind::Combo {
            options: vec![Literal::Str("a.safetensors".into())],
            source: ComboSource::Models,
        };
        let (is_error, why) =
            literal_problem(&models, &Literal::Str("b.safetensors".into())).unwrap();
        assert!(!is_error, "a missing model is a warning");
        assert!(why.contains("a.safetensors"), "{why}");
    }
}
