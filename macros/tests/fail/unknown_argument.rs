#[wfc_macros::workflow(spek = "../../../../compiler/tests/broken/unknown_input/spec.yaml")]
pub struct Endpoint;

fn main() {}
