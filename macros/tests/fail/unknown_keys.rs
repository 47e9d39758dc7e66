#[wfc_macros::workflow(
    spec = "../../../../compiler/tests/broken/unknown_keys/spec.yaml",
    root = "../../../../compiler/tests/broken/unknown_keys",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Endpoint;

fn main() {}
