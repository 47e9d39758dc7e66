//! Fields bound by node title fill the nodes those titles name.

use serde_json::json;
use wfc_runtime::Workflow;

#[wfc_macros::workflow(
    spec = "../../../../macros/tests/pass/specs/title.yaml",
    root = "../../../../macros/tests/pass/specs",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Title;

fn main() {
    let bindings: Vec<(&str, &str, &str)> = Title::endpoint()
        .fields
        .iter()
        .flat_map(|f| {
            f.targets
                .iter()
                .map(move |t| (f.name.as_str(), t.node.as_str(), t.input.as_str()))
        })
        .collect();
    assert_eq!(
        bindings,
        [("quality", "3", "quality"), ("speed", "3", "method")]
    );
    let input = Title::parse(&json!({"quality": 30})).expect("a valid input");
    assert_eq!(input.speed, "fastest");
    let graph = Title::graph(&input);
    assert_eq!(graph.prompt["3"]["inputs"]["quality"], 30);
    assert_eq!(graph.prompt["3"]["inputs"]["method"], "fastest");
    // The inputs no field names keep the workflow's values.
    assert_eq!(graph.prompt["1"]["inputs"]["image"], "example.png");
    assert!(graph.images.is_empty());
    assert_eq!(Title::endpoint().outputs.len(), 1);
    assert_eq!(Title::endpoint().outputs[0].nodes[0].id, "3");
}
