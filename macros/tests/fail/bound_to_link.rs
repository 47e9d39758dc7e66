#[wfc_macros::workflow(
    spec = "../../../../compiler/tests/broken/bound_to_link/spec.yaml",
    root = "../../../../compiler/tests/broken/bound_to_link",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Endpoint;

fn main() {}
