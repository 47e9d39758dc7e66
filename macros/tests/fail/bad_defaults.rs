#[wfc_macros::workflow(
    spec = "../../../../compiler/tests/broken/bad_defaults/spec.yaml",
    root = "../../../../compiler/tests/broken/bad_defaults",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Endpoint;

fn main() {}
