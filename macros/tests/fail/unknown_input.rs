#[wfc_macros::workflow(
    spec = "../../../../compiler/tests/broken/unknown_input/spec.yaml",
    root = "../../../../compiler/tests/broken/unknown_input",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Endpoint;

fn main() {}
