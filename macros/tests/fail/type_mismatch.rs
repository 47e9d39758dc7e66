#[wfc_macros::workflow(
    spec = "../../../../compiler/tests/broken/type_mismatch/spec.yaml",
    root = "../../../../compiler/tests/broken/type_mismatch",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Endpoint;

fn main() {}
