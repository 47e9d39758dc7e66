#[wfc_macros::workflow(
    spec = "../../../../compiler/tests/broken/missing_workflow_file/spec.yaml",
    root = "../../../../compiler/tests/broken/missing_workflow_file",
    catalog = "../../../../../shared/comfyui/object_info.json"
)]
pub struct Endpoint;

fn main() {}
