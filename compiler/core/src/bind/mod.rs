//! Binding and type inference: each request field of a [`Spec`] is resolved
//! to the node inputs it fills ([`infer`]: typed from the catalog or, without
//! one, from the workflow's literal), and checked in steps ([`field`]:
//! type, limits, enum, default, examples). The result is an [`Endpoint`]:
//! the contract's endpoint description plus what code generation needs
//! besides (the workflow and the files it came from).

mod field;
mod infer;

pub use field::value_problem;

use crate::catalog::Catalog;
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Diagnostics, Span, list_names};
use crate::graph;
use crate::spec::Spec;
use crate::workflow::{NodeLookup, Workflow};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use wfc_contract::{Method, NodeRef, Output};

/// A checked endpoint: a spec resolved against its workflow and catalog.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The endpoint's description: what the contract says about it.
    pub api: wfc_contract::Endpoint,
    /// The spec file.
    pub spec_file: PathBuf,
    /// The workflow file.
    pub workflow_file: PathBuf,
    /// The workflow, to be sent with bound inputs replaced.
    pub workflow: serde_json::Value,
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
                        Code::DuplicateBinding,
                        format!("input `{}` of {} is bound twice", t.value.input, node.describe()),
                    )
                    .at(t.span, "bound again here")
                    .also(*first, "first bound here")
                    .help("one node input takes one request field; to fill several inputs from one field, list them under one `bind:`"),
                );
                continue;
            }
            claimed.insert(key, t.span);
            if let Some(inferred) = infer::infer(wf, idx, input_name, catalog, t.span, diags) {
                if !upstream[idx] && !outputs_of_graph.is_empty() {
                    diags.push(
                        Diagnostic::error(
                            Code::UnusedNode,
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
            && let Some(field) = field::field(input, &targets, diags)
        {
            fields.push(field);
        }
    }
    let bound: HashSet<(usize, String)> = claimed.into_keys().collect();
    graph::check(wf, catalog, &bound, diags);
    let outputs = outputs(spec, wf, catalog, &outputs_of_graph, diags);
    Endpoint {
        api: wfc_contract::Endpoint {
            name,
            method: Method::Post,
            path,
            summary: spec.summary.as_ref().map(|s| s.value.clone()),
            description: spec.description.as_ref().map(|s| s.value.clone()),
            tags: spec.tags.iter().map(|t| t.value.clone()).collect(),
            fields,
            outputs,
        },
        spec_file: files.0,
        workflow_file: files.1,
        workflow: wf.json.clone(),
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
                Code::AmbiguousNode,
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
                    Code::UnknownNode,
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

fn outputs(
    spec: &Spec,
    wf: &Workflow,
    catalog: Option<&Catalog>,
    graph_outputs: &[usize],
    diags: &mut Diagnostics,
) -> Vec<Output> {
    let describe = |i: &usize| NodeRef {
        id: wf.nodes[*i].id.clone(),
        class_type: wf.nodes[*i].class_type.clone(),
    };
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
                        Code::NotAnOutput,
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
                        Code::DuplicateOutput,
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
