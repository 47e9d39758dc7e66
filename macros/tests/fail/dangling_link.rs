#[wfc_macros::workflow(
    spec = "../../../../compiler/tests/broken/dangling_link/spec.yaml",
    root = "../../../../compiler/tests/broken/dangling_link",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Endpoint;

fn main() {}
