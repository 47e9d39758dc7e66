//! ComfyUI API-format workflows: nodes keyed by id, each with a
//! `class_type`, `inputs` (literal values, or links `[node_id, output]`) and
//! an optional `_meta.title`.
//!
//! [`Workflow::from_node`] checks the shape and the links (a link to a node
//! that does not exist, a malformed link, a cycle) and keeps spans so that
//! later checks can point into the JSON file.

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Diagnostics, FileId, Span, list_names, suggest};
use crate::literal::{FromNode, Literal};
use crate::tree::{Kind, Node};
use std::collections::HashMap;

/// A parsed API-format workflow.
#[derive(Clone, Debug)]
pub struct Workflow {
    /// The JSON file it was read from.
    pub file: FileId,
    /// Nodes in file order.
    pub nodes: Vec<WorkflowNode>,
    /// The document as JSON, to be emitted with bound values replaced.
    pub json: serde_json::Value,
    by_id: HashMap<String, usize>,
}

/// One node of a workflow.
#[derive(Clone, Debug)]
pub struct WorkflowNode {
    /// The node id (the key in the workflow object).
    pub id: String,
    /// Span of the id key.
    pub id_span: Span,
    /// `class_type`.
    pub class_type: String,
    /// Span of the `class_type` value.
    pub class_span: Span,
    /// `_meta.title`, if any.
    pub title: Option<String>,
    /// `inputs`, in file order.
    pub inputs: Vec<WorkflowInput>,
}

/// One entry of a node's `inputs`.
#[derive(Clone, Debug)]
pub struct WorkflowInput {
    /// Input name.
    pub name: String,
    /// Span of the value.
    pub span: Span,
    /// Literal or link.
    pub value: InputValue,
}

/// What an input holds.
#[derive(Clone, Debug, PartialEq)]
pub enum InputValue {
    /// A widget value.
    Literal(Literal),
    /// Output `output` of node `node`.
    Link {
        /// Source node id.
        node: String,
        /// Source output index.
        output: usize,
    },
    /// A structured value (list or object) that is not a link.
    Structured,
}

impl WorkflowNode {
    /// The input called `name`, if the workflow sets it.
    pub fn input(&self, name: &str) -> Option<&WorkflowInput> {
        self.inputs.iter().find(|i| i.name == name)
    }

    /// `id` or `id ("title")`, for messages.
    pub fn describe(&self) -> String {
        match &self.title {
            Some(t) if t != &self.class_type => {
                format!("node {} ({}, \"{t}\")", self.id, self.class_type)
            }
            _ => format!("node {} ({})", self.id, self.class_type),
        }
    }

    /// The links into this node: (input, source node id, output index).
    pub fn links(&self) -> impl Iterator<Item = (&WorkflowInput, &str, usize)> {
        self.inputs.iter().filter_map(|i| match &i.value {
            InputValue::Link { node, output } => Some((i, node.as_str(), *output)),
            _ => None,
        })
    }
}

/// How a spec names a node: by id or by `_meta.title`.
pub enum NodeLookup<'a> {
    /// Exactly one node matches.
    Found(usize),
    /// Several nodes carry this title.
    Ambiguous(Vec<&'a WorkflowNode>),
    /// Nothing matches.
    Missing,
}

impl Workflow {
    /// Reads a workflow from its parsed JSON, adding every problem to
    /// `diags`. Returns `None` when the document is not a workflow at all.
    pub fn from_node(file: FileId, root: &Node, diags: &mut Diagnostics) -> Option<Workflow> {
        let Kind::Map(entries) = &root.kind else {
            diags.push(
                Diagnostic::error(
                    Code::BadWorkflow,
                    format!(
                        "a workflow must be a JSON object of nodes, found {}",
                        root.type_name()
                    ),
                )
                .at(
                    root.span,
                    "expected `{\"1\": {\"class_type\": ..., \"inputs\": {...}}, ...}`",
                ),
            );
            return None;
        };
        if root.get("nodes").is_some() && root.get("links").is_some() {
            diags.push(
                Diagnostic::error(
                    Code::BadWorkflow,
                    "this is a ComfyUI UI workflow (with `nodes` and `links`), not the API format",
                )
                .at(root.span, "UI-format workflow")
                .help("in ComfyUI, use Workflow > Export (API) and point the spec at that file"),
            );
            return None;
        }
        if let Some(prompt) = root.get("prompt")
            && matches!(prompt.kind, Kind::Map(_))
            && prompt.get("class_type").is_none()
            && entries.len() <= 4
        {
            diags.push(
                Diagnostic::error(
                    Code::BadWorkflow,
                    "this is a `/prompt` request body, not a workflow",
                )
                .at(prompt.span, "the workflow is this object")
                .help("save the value of `prompt` on its own as the workflow file"),
            );
            return None;
        }
        if entries.is_empty() {
            diags.push(
                Diagnostic::error(Code::BadWorkflow, "the workflow has no nodes")
                    .at(root.span, "empty workflow"),
            );
            return None;
        }
        let mut nodes = Vec::new();
        for (key, value) in entries {
            let Some(id) = key.as_str() else { continue };
            if let Some(node) = node(id, key.span, value, diags) {
                nodes.push(node);
            }
        }
        if nodes.is_empty() {
            // Every entry was malformed and has been reported.
            return None;
        }
        let by_id = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        let wf = Workflow {
            file,
            json: to_json(root),
            nodes,
            by_id,
        };
        wf.check_links(diags);
        wf.check_cycles(diags);
        Some(wf)
    }

    /// The node with id `id`.
    pub fn node(&self, id: &str) -> Option<&WorkflowNode> {
        self.by_id.get(id).map(|&i| &self.nodes[i])
    }

    /// Index of the node with id `id`.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Finds a node by id, or else by `_meta.title`.
    pub fn lookup(&self, reference: &str) -> NodeLookup<'_> {
        if let Some(&i) = self.by_id.get(reference) {
            return NodeLookup::Found(i);
        }
        let titled: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| self.nodes[i].title.as_deref() == Some(reference))
            .collect();
        match titled.as_slice() {
            [] => NodeLookup::Missing,
            [one] => NodeLookup::Found(*one),
            many => NodeLookup::Ambiguous(many.iter().map(|&i| &self.nodes[i]).collect()),
        }
    }

    /// A "did you mean" over node ids and titles.
    pub fn suggest_node(&self, reference: &str) -> Option<String> {
        let names = self
            .nodes
            .iter()
            .flat_map(|n| std::iter::once(n.id.as_str()).chain(n.title.as_deref()));
        suggest(reference, names)
    }

    /// Ids of every node, in file order.
    pub fn ids(&self) -> Vec<&str> {
        self.nodes.iter().map(|n| n.id.as_str()).collect()
    }

    /// Indexes of the nodes whose outputs no other node consumes.
    pub fn sinks(&self) -> Vec<usize> {
        let mut consumed = vec![false; self.nodes.len()];
        for n in &self.nodes {
            for (_, src, _) in n.links() {
                if let Some(i) = self.index(src) {
                    consumed[i] = true;
                }
            }
        }
        (0..self.nodes.len()).filter(|&i| !consumed[i]).collect()
    }

    /// `upstream[i]` is true when node `i` is one of `roots` or feeds one
    /// of them through links.
    pub fn upstream_of(&self, roots: &[usize]) -> Vec<bool> {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack: Vec<usize> = roots.to_vec();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            for (_, src, _) in self.nodes[i].links() {
                if let Some(j) = self.index(src) {
                    stack.push(j);
                }
            }
        }
        seen
    }

    fn check_links(&self, diags: &mut Diagnostics) {
        for n in &self.nodes {
            for (input, src, _) in n.links() {
                if self.index(src).is_none() {
                    diags.push(
                        Diagnostic::error(
                            Code::DanglingLink,
                            format!(
                                "input `{}` of {} links to node {src}, which does not exist",
                                input.name,
                                n.describe()
                            ),
                        )
                        .at(input.span, format!("no node `{src}` in this workflow"))
                        .maybe_help(suggest(src, self.ids()))
                        .note(format!(
                            "the workflow's nodes are {}",
                            list_names(&self.ids(), 12)
                        )),
                    );
                }
            }
        }
    }

    fn check_cycles(&self, diags: &mut Diagnostics) {
        // Iterative DFS with colors; each back edge closes one cycle.
        #[derive(Clone, Copy, PartialEq)]
        enum Color {
            White,
            Grey,
            Black,
        }
        let mut color = vec![Color::White; self.nodes.len()];
        for start in 0..self.nodes.len() {
            if color[start] != Color::White {
                continue;
            }
            let mut path: Vec<usize> = Vec::new();
            let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
            while let Some(&mut (i, ref mut next)) = stack.last_mut() {
                if *next == 0 {
                    color[i] = Color::Grey;
                    path.push(i);
                }
                let links: Vec<_> = self.nodes[i].links().collect();
                if let Some(&(input, src, _)) = links.get(*next) {
                    *next += 1;
                    let Some(j) = self.index(src) else { continue };
                    match color[j] {
                        Color::White => stack.push((j, 0)),
                        Color::Grey => {
                            let from = path.iter().position(|&p| p == j).unwrap_or(0);
                            // The walk follows links from consumer to source; say it in
                            // the direction data flows.
                            let mut ids: Vec<&str> = path[from..]
                                .iter()
                                .map(|&p| self.nodes[p].id.as_str())
                                .collect();
                            ids.push(self.nodes[j].id.as_str());
                            ids.reverse();
                            diags.push(
                                Diagnostic::error(
                                    Code::Cycle,
                                    format!("the workflow has a cycle: {}", ids.join(" -> ")),
                                )
                                .at(input.span, format!("node {} takes its input from node {}, closing the cycle", self.nodes[i].id, self.nodes[j].id))
                                .help("ComfyUI executes workflows as acyclic graphs; remove one of these links"),
                            );
                        }
                        Color::Black => {}
                    }
                } else {
                    color[i] = Color::Black;
                    path.pop();
                    stack.pop();
                }
            }
        }
    }
}

fn node(id: &str, id_span: Span, value: &Node, diags: &mut Diagnostics) -> Option<WorkflowNode> {
    let Kind::Map(_) = &value.kind else {
        diags.push(
            Diagnostic::error(
                Code::BadWorkflow,
                format!("node {id} must be an object, found {}", value.type_name()),
            )
            .at(
                value.span,
                "expected `{\"class_type\": ..., \"inputs\": {...}}`",
            ),
        );
        return None;
    };
    let class = match value.get("class_type") {
        Some(Node {
            kind: Kind::Str(s),
            span,
        }) => (s.clone(), *span),
        Some(other) => {
            diags.push(
                Diagnostic::error(
                    Code::BadWorkflow,
                    format!("`class_type` of node {id} must be a string"),
                )
                .at(other.span, format!("found {}", other.type_name())),
            );
            return None;
        }
        None => {
            diags.push(
                Diagnostic::error(Code::BadWorkflow, format!("node {id} has no `class_type`"))
                    .at(id_span, "ComfyUI cannot run a node without `class_type`"),
            );
            return None;
        }
    };
    let mut inputs = Vec::new();
    match value.get("inputs") {
        Some(Node {
            kind: Kind::Map(entries),
            ..
        }) => {
            for (k, v) in entries {
                let Some(name) = k.as_str() else { continue };
                inputs.push(WorkflowInput {
                    name: name.to_string(),
                    span: v.span,
                    value: input_value(id, name, v, diags),
                });
            }
        }
        Some(other) => diags.push(
            Diagnostic::error(
                Code::BadWorkflow,
                format!("`inputs` of node {id} must be an object"),
            )
            .at(other.span, format!("found {}", other.type_name())),
        ),
        None => diags.push(
            Diagnostic::error(Code::BadWorkflow, format!("node {id} has no `inputs`"))
                .at(id_span, "add `\"inputs\": {}`"),
        ),
    }
    let title = value
        .get("_meta")
        .and_then(|m| m.get("title"))
        .and_then(Node::as_str)
        .map(str::to_string);
    Some(WorkflowNode {
        id: id.to_string(),
        id_span,
        class_type: class.0,
        class_span: class.1,
        title,
        inputs,
    })
}

fn input_value(id: &str, name: &str, v: &Node, diags: &mut Diagnostics) -> InputValue {
    match &v.kind {
        Kind::Seq(items) => match items.as_slice() {
            [src, out] => {
                // ComfyUI looks the source up by string id; `[8, 0]` fails there.
                let src = match &src.kind {
                    Kind::Str(s) => Some(s.clone()),
                    _ => None,
                };
                let out = match out.kind {
                    Kind::Int(i) if i >= 0 => usize::try_from(i).ok(),
                    _ => None,
                };
                match (src, out) {
                    (Some(node), Some(output)) => InputValue::Link { node, output },
                    _ => bad_link(id, name, v, diags),
                }
            }
            _ => bad_link(id, name, v, diags),
        },
        Kind::Map(_) => InputValue::Structured,
        _ => InputValue::Literal(Literal::from_node(v).unwrap_or(Literal::Null)),
    }
}

fn bad_link(id: &str, name: &str, v: &Node, diags: &mut Diagnostics) -> InputValue {
    diags.push(
        Diagnostic::error(
            Code::BadLink,
            format!(
                "input `{name}` of node {id} is a list but not a link `[\"node_id\", output_index]`"
            ),
        )
        .at(v.span, "malformed link")
        .note("ComfyUI reads every list in `inputs` as a link"),
    );
    InputValue::Structured
}

/// The tree as a `serde_json::Value` (integers beyond `u64`/`i64` become
/// floats; ComfyUI has none).
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value;
    match &node.kind {
        Kind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Kind::Map(entries) => Value::Object(
            entries
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), to_json(v))))
                .collect(),
        ),
        _ => Literal::from_node(node).map_or(Value::Null, |l| l.to_json()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::parse_json;

    fn load(text: &str) -> (Option<Workflow>, Vec<Diagnostic>) {
        let root = parse_json(0, text).unwrap();
        let mut diags = Diagnostics::new();
        let wf = Workflow::from_node(0, &root, &mut diags);
        (wf, diags.iter().cloned().collect())
    }

    const BASIC: &str = r#"{
      "1": {"class_type": "EmptyImage", "inputs": {"width": 64, "height": 64, "batch_size": 1, "color": 0}},
      "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}, "_meta": {"title": "Invert"}},
      "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "x"}}
    }"#;

    #[test]
    fn literals_links_titles_and_sinks() {
        let (wf, diags) = load(BASIC);
        assert!(diags.is_empty(), "{diags:?}");
        let wf = wf.unwrap();
        assert_eq!(wf.nodes.len(), 3);
        assert_eq!(
            wf.node("1").unwrap().input("width").unwrap().value,
            InputValue::Literal(Literal::Int(64))
        );
        assert_eq!(
            wf.node("2").unwrap().input("image").unwrap().value,
            InputValue::Link {
                node: "1".into(),
                output: 0
            }
        );
        assert!(matches!(wf.lookup("Invert"), NodeLookup::Found(1)));
        assert!(matches!(wf.lookup("9"), NodeLookup::Missing));
        assert_eq!(wf.sinks(), vec![2]);
        assert_eq!(wf.upstream_of(&[1]), vec![true, true, false]);
    }

    #[test]
    fn dangling_links_and_cycles_are_errors() {
        let (_, diags) = load(
            r#"{"1": {"class_type": "A", "inputs": {"x": ["3", 0]}},
                "2": {"class_type": "B", "inputs": {"x": ["1", 0], "y": ["9", 0]}},
                "3": {"class_type": "C", "inputs": {"x": ["2", 0]}}}"#,
        );
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["dangling-link", "cycle"]);
        assert!(
            diags[1].message.contains("1 -> 2 -> 3 -> 1"),
            "{}",
            diags[1].message
        );
    }

    #[test]
    fn shapes_that_are_not_workflows() {
        assert_eq!(load("[]").1[0].code, "bad-workflow");
        assert_eq!(load("{}").1[0].code, "bad-workflow");
        assert!(
            load(r#"{"nodes": [], "links": []}"#).1[0]
                .message
                .contains("UI workflow")
        );
        assert!(
            load(r#"{"prompt": {"1": {}}, "client_id": "x"}"#).1[0]
                .message
                .contains("/prompt")
        );
        let (_, d) = load(
            r#"{"1": {"inputs": {}}, "2": {"class_type": 5, "inputs": {}}, "3": {"class_type": "A", "inputs": {"a": [1]}}}"#,
        );
        let codes: Vec<_> = d.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["bad-workflow", "bad-workflow", "bad-link"]);
    }

    #[test]
    fn json_round_trip_keeps_seed_range() {
        let (wf, _) =
            load(r#"{"3": {"class_type": "KSampler", "inputs": {"seed": 18446744073709551615}}}"#);
        assert_eq!(
            wf.unwrap().json["3"]["inputs"]["seed"].as_u64(),
            Some(u64::MAX)
        );
    }
}
