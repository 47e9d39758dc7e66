//! The problem a failed run answers: ComfyUI's validation errors on
//! inputs that request fields fill point at the fields (`/input/steps`);
//! on the raw `/prompt` route they point into the client's graph
//! (`/prompt/3/inputs/steps`). The synchronous answer and a job's `error`
//! are the same problem.

use super::RunError;
use crate::backend::Rejection;
use wfc_contract::Endpoint;
use wfc_contract::Violation;
use wfc_contract::wire::{Problem, ProblemKind};

/// Where ComfyUI's validation errors point.
pub(crate) enum Target<'a> {
    /// A compiled endpoint: errors on bound inputs point at the request
    /// fields; others are ComfyUI's (502).
    Endpoint(&'a Endpoint),
    /// The raw `/prompt` route: every error points into the graph.
    Graph,
}

/// The problem answering a failed run of request `id`.
pub(crate) fn from_run(e: RunError, target: Target<'_>, id: &str) -> Problem {
    tracing::warn!(error = %e, "request failed");
    let what = match target {
        Target::Endpoint(e) => e.path.as_str(),
        Target::Graph => "/prompt",
    };
    match e {
        RunError::Unavailable(detail) => Problem::new(ProblemKind::ComfyuiUnavailable, detail),
        RunError::Image { field, error } => Problem::invalid(
            vec![Violation {
                pointer: format!("/input/{field}"),
                keyword: wfc_contract::Keyword::Image,
                message: error.to_string(),
            }],
            what,
        ),
        RunError::Deadline => Problem::new(
            ProblemKind::Deadline,
            format!(
                "request {id} passed its deadline (REQUEST_TIMEOUT_S); the prompt was removed from ComfyUI's queue or interrupted"
            ),
        ),
        RunError::BackendLost(detail) => Problem::new(ProblemKind::BackendLost, detail),
        RunError::Execution(failure) => {
            let mut p = Problem::new(ProblemKind::ExecutionError, failure.to_string());
            p.node_id = failure.node_id;
            p.node_type = failure.node_type;
            p.exception_type = failure.exception_type;
            p.exception_message = failure.exception_message;
            p
        }
        RunError::Interrupted(i) => {
            let mut p = Problem::new(
                ProblemKind::Interrupted,
                "ComfyUI interrupted the prompt (POST /interrupt)",
            );
            p.node_id = i.node_id;
            p
        }
        RunError::Rejected(r) => match target {
            Target::Endpoint(endpoint) => match field_violations(&r, endpoint) {
                Some(v) => Problem::invalid(v, &endpoint.path),
                None => rejected(&r),
            },
            Target::Graph => Problem::invalid(graph_violations(&r), "/prompt"),
        },
        RunError::Protocol(detail) => Problem::new(ProblemKind::ComfyuiProtocol, detail),
        RunError::Conversion(detail) => Problem::new(ProblemKind::ConversionFailed, detail),
    }
}

/// ComfyUI rejected the workflow for a reason no request field explains.
fn rejected(r: &Rejection) -> Problem {
    let message = if r.error.message.is_empty() {
        "invalid prompt"
    } else {
        r.error.message.as_str()
    };
    let mut p = Problem::new(ProblemKind::ComfyuiRejected, message);
    p.comfyui_error = Some(r.raw["error"].clone());
    p.node_errors = Some(r.raw["node_errors"].clone());
    p
}

/// ComfyUI's message with its details ("Value 99999 bigger than max of
/// 16384 (width)").
fn message(message: &str, details: &str, kind: &str) -> String {
    let message = if message.is_empty() {
        "rejected by ComfyUI"
    } else {
        message
    };
    match (details, kind) {
        ("", "") => message.to_string(),
        ("", kind) => format!("{message} ({kind})"),
        (details, _) => format!("{message} ({details})"),
    }
}

/// ComfyUI's node errors as violations of request fields, when every one
/// of them is about an input a field fills.
fn field_violations(r: &Rejection, endpoint: &Endpoint) -> Option<Vec<Violation>> {
    let mut out = Vec::new();
    for (node, entry) in &r.node_errors {
        for err in &entry.errors {
            let input = err.extra_info.input_name.as_deref()?;
            let field = endpoint.field_bound_to(node, input)?;
            out.push(Violation {
                pointer: format!("/input/{}", field.name),
                keyword: wfc_contract::Keyword::Comfyui,
                message: message(&err.message, &err.details, &err.kind),
            });
        }
    }
    (!out.is_empty()).then_some(out)
}

/// ComfyUI's errors about the client's own graph, pointing into it.
fn graph_violations(r: &Rejection) -> Vec<Violation> {
    let mut out = Vec::new();
    for (node, entry) in &r.node_errors {
        for err in &entry.errors {
            out.push(Violation {
                pointer: match &err.extra_info.input_name {
                    Some(i) => format!("/prompt/{node}/inputs/{i}"),
                    None => format!("/prompt/{node}"),
                },
                keyword: wfc_contract::Keyword::Comfyui,
                message: message(&err.message, &err.details, ""),
            });
        }
    }
    if out.is_empty() {
        out.push(Violation {
            pointer: match r.node_id() {
                Some(node) => format!("/prompt/{node}"),
                None => "/prompt".into(),
            },
            keyword: wfc_contract::Keyword::Comfyui,
            message: message(&r.error.message, &r.error.details, ""),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::ExecutionFailure;
    use serde_json::{Value, json};

    use wfc_contract::{Field, FieldType, Method, Target as Bound, ValueRules};

    static ENDPOINT: std::sync::LazyLock<Endpoint> = std::sync::LazyLock::new(|| Endpoint {
        name: "t".into(),
        method: Method::Post,
        path: "/t".into(),
        summary: None,
        description: None,
        tags: Vec::new(),
        fields: vec![Field {
            name: "steps".into(),
            description: None,
            required: false,
            default: None,
            rules: ValueRules::of_type(FieldType::Integer),
            examples: Vec::new(),
            deprecated: false,
            targets: vec![Bound {
                node: "3".into(),
                input: "steps".into(),
                class_type: "KSampler".into(),
            }],
        }],
        outputs: Vec::new(),
    });

    fn rejected(node: &str, input: &str) -> RunError {
        let body = json!({
            "error": {"type": "prompt_outputs_failed_validation", "message": "Prompt outputs failed validation", "details": "", "extra_info": {}},
            "node_errors": {node: {"errors": [{
                "type": "value_bigger_than_max",
                "message": "Value bigger than max",
                "details": "steps: 20000 > 10000",
                "extra_info": {"input_name": input}
            }], "dependent_outputs": ["9"], "class_type": "KSampler"}}
        });
        RunError::Rejected(Box::new(Rejection::from_value(body).unwrap()))
    }

    fn problem(e: RunError) -> Value {
        serde_json::to_value(from_run(e, Target::Endpoint(&ENDPOINT), "r")).unwrap()
    }

    #[test]
    fn validation_errors_on_bound_inputs_point_at_fields() {
        let b = problem(rejected("3", "steps"));
        assert_eq!(b["status"], 422);
        assert_eq!(b["errors"][0]["pointer"], "/input/steps");
        assert!(
            b["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("20000 > 10000")
        );
    }

    #[test]
    fn other_validation_errors_are_502_with_node_errors() {
        let b = problem(rejected("4", "ckpt_name"));
        assert_eq!(b["status"], 502);
        assert_eq!(b["type"], "urn:wfc:problem:comfyui-rejected");
        assert_eq!(b["node_errors"]["4"]["class_type"], "KSampler");
        assert_eq!(
            b["comfyui_error"]["type"],
            "prompt_outputs_failed_validation"
        );
    }

    #[test]
    fn raw_graph_errors_give_message_and_details_and_the_node() {
        let Problem { errors, .. } = from_run(rejected("4", "width"), Target::Graph, "r");
        assert_eq!(errors[0].pointer, "/prompt/4/inputs/width");
        assert_eq!(
            errors[0].message,
            "Value bigger than max (steps: 20000 > 10000)"
        );
        let unknown = json!({"error": {"type": "invalid_prompt", "message": "Cannot execute because node NoSuchNodeType does not exist.", "details": "Node ID '#1'", "extra_info": {}}, "node_errors": {}});
        let e = RunError::Rejected(Box::new(Rejection::from_value(unknown).unwrap()));
        let Problem { errors, .. } = from_run(e, Target::Graph, "r");
        assert_eq!(errors[0].pointer, "/prompt/1");
        assert!(
            errors[0].message.contains("NoSuchNodeType"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn other_failures_map_to_their_statuses() {
        let cases = [
            (RunError::Unavailable("refused".into()), 503),
            (RunError::BackendLost("gone".into()), 503),
            (RunError::Deadline, 504),
            (RunError::Protocol("?".into()), 502),
            (
                RunError::Execution(ExecutionFailure {
                    node_id: Some("3".into()),
                    node_type: Some("KSampler".into()),
                    exception_type: Some("RuntimeError".into()),
                    exception_message: Some("x".into()),
                }),
                500,
            ),
        ];
        for (e, want) in cases {
            let b = problem(e);
            assert_eq!(b["status"], want, "{b}");
            documented(&b);
        }
        documented(&problem(rejected("3", "steps")));
        documented(&problem(rejected("4", "ckpt_name")));
    }

    #[test]
    fn a_run_error_s_kind_is_the_kind_of_its_answer() {
        let image = || RunError::Image {
            field: "image".into(),
            error: crate::media::MediaError::Invalid("is not an image".into()),
        };
        let cases: Vec<Box<dyn Fn() -> RunError>> = vec![
            Box::new(|| RunError::Unavailable("refused".into())),
            Box::new(image),
            Box::new(|| rejected("3", "steps")),
            Box::new(|| rejected("4", "ckpt_name")),
            Box::new(|| RunError::Execution(ExecutionFailure::default())),
            Box::new(|| RunError::Interrupted(Default::default())),
            Box::new(|| RunError::Deadline),
            Box::new(|| RunError::BackendLost("gone".into())),
            Box::new(|| RunError::Protocol("?".into())),
            Box::new(|| RunError::Conversion("?".into())),
        ];
        for case in &cases {
            for endpoint in [Some(&*ENDPOINT), None] {
                let target = endpoint.map_or(Target::Graph, Target::Endpoint);
                let answer = from_run(case(), target, "r");
                let kind = case().kind(endpoint);
                assert_eq!(answer.kind_uri, kind.type_uri(), "{:?}", case());
                assert_eq!(answer.status, kind.status());
            }
        }
        // A rejection without node errors is ComfyUI's, not a field's.
        let body = json!({"error": {"type": "invalid_prompt", "message": "no outputs", "details": "", "extra_info": {}}, "node_errors": {}});
        let e = || RunError::Rejected(Box::new(Rejection::from_value(body.clone()).unwrap()));
        assert_eq!(e().kind(Some(&ENDPOINT)), ProblemKind::ComfyuiRejected);
        assert_eq!(
            from_run(e(), Target::Endpoint(&ENDPOINT), "r").kind_uri,
            ProblemKind::ComfyuiRejected.type_uri()
        );
    }

    /// The problem's kind is among those the OpenAPI document lists for
    /// runs, so no answer of a run goes undocumented.
    fn documented(b: &Value) {
        let listed = wfc_contract::openapi::RUN_PROBLEMS
            .iter()
            .any(|k| b["type"] == k.type_uri().as_str());
        assert!(listed, "{} is not in RUN_PROBLEMS", b["type"]);
    }
}
