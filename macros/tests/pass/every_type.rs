//! One field of each type; the typed input, the defaults, the limits and
//! the graph, through `wfc_runtime::Workflow`.

use serde_json::json;
use wfc_runtime::Workflow;

#[wfc_macros::workflow(
    spec = "../../../../macros/tests/pass/specs/every_type.yaml",
    root = "../../../../macros/tests/pass/specs",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct EveryType;

fn main() {
    assert_eq!(EveryType::endpoint().name, "every_type");
    assert_eq!(EveryType::endpoint().path, "/workflows/every_type");

    let sent = json!({
        "image": "https://example.com/in.png",
        "prefix": "out",
        "quality": 50,
        "fps": 12.5,
        "lossless": true,
        "method": "slowest"
    });
    let input = EveryType::parse(&sent).expect("a valid input");
    // The fields have the types the spec implies.
    let (image, prefix): (&String, &String) = (&input.image, &input.prefix);
    let (quality, fps, lossless, method): (u64, f64, bool, &String) =
        (input.quality, input.fps, input.lossless, &input.method);
    assert_eq!((image.as_str(), prefix.as_str()), ("https://example.com/in.png", "out"));
    assert_eq!((quality, fps, lossless, method.as_str()), (50, 12.5, true, "slowest"));

    let graph = EveryType::graph(&input);
    let save = &graph.prompt["3"]["inputs"];
    assert_eq!(save["filename_prefix"], "out");
    assert_eq!(save["quality"], 50);
    assert_eq!(save["fps"], 12.5);
    assert_eq!(save["lossless"], true);
    assert_eq!(save["method"], "slowest");
    assert_eq!(graph.prompt["2"]["inputs"]["image"], json!(["1", 0]));
    assert_eq!(graph.images.len(), 1);
    let slot = &graph.images[0];
    assert_eq!(
        (slot.field.as_str(), slot.node.as_str(), slot.input.as_str()),
        ("image", "1", "image")
    );
    assert_eq!(slot.source, "https://example.com/in.png");

    // Omitted fields take their defaults (the enum's from the workflow).
    let input = EveryType::parse(&json!({"image": "aGVsbG8="})).expect("defaults");
    assert_eq!(
        (input.prefix.as_str(), input.quality, input.fps, input.lossless, input.method.as_str()),
        ("pass", 80, 6.0, false, "default")
    );

    // Every violation, each at its field.
    let errors = EveryType::parse(&json!({
        "quality": 95,
        "fps": "fast",
        "lossless": 1,
        "method": "medium",
        "prefix": ""
    }))
    .expect_err("an invalid input");
    let mut pointers: Vec<&str> = errors.iter().map(|v| v.pointer.as_str()).collect();
    pointers.sort();
    assert_eq!(
        pointers,
        [
            "/input/fps",
            "/input/image",
            "/input/lossless",
            "/input/method",
            "/input/prefix",
            "/input/quality"
        ],
        "{errors:?}"
    );
}
