#[wfc_macros::workflow(
    spec = "../../../../compiler/tests/broken/widens_limits/spec.yaml",
    root = "../../../../compiler/tests/broken/widens_limits",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Endpoint;

fn main() {}
