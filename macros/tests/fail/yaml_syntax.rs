#[wfc_macros::workflow(
    spec = "../../../../compiler/tests/broken/yaml_syntax/spec.yaml",
    root = "../../../../compiler/tests/broken/yaml_syntax",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Endpoint;

fn main() {}
