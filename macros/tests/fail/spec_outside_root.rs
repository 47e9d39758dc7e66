#[wfc_macros::workflow(spec = "../../../../compiler/tests/broken/unknown_input/spec.yaml", root = "../../../../compiler/tests/broken/widens_limits")]
pub struct Endpoint;

fn main() {}
