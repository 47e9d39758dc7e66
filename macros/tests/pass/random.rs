//! `default: random` draws a fresh value per graph, within the field's
//! limits, unless the request gives one.

use serde_json::json;
use std::collections::BTreeSet;
use wfc_runtime::Workflow;

#[wfc_macros::workflow(
    spec = "../../../../macros/tests/pass/specs/random.yaml",
    root = "../../../../macros/tests/pass/specs",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Random;

fn main() {
    let input = Random::parse(&json!({})).expect("every field is optional");
    let drawn: BTreeSet<u64> = (0..20)
        .map(|_| {
            let graph = Random::graph(&input);
            graph.prompt["1"]["inputs"]["color"]
                .as_u64()
                .expect("an integer")
        })
        .collect();
    assert!(drawn.iter().all(|c| (1000..=1_000_000).contains(c)), "{drawn:?}");
    // 20 draws from a million values: all equal only if it is not random.
    assert!(drawn.len() > 1, "{drawn:?}");

    let input = Random::parse(&json!({"color": 4242})).expect("a valid input");
    assert_eq!(Random::graph(&input).prompt["1"]["inputs"]["color"], 4242);
    assert_eq!(Random::graph(&input).prompt["1"]["inputs"]["width"], 64);
    let errors = Random::parse(&json!({"color": 999})).expect_err("below the minimum");
    assert_eq!(errors[0].pointer, "/input/color");
}
