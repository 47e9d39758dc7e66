#[wfc_macros::workflow(
    spec = "../../../../compiler/tests/broken/unknown_node/spec.yaml",
    root = "../../../../compiler/tests/broken/unknown_node",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Endpoint;

fn main() {}
