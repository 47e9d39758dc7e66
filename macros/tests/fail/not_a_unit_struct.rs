#[wfc_macros::workflow(spec = "../../../../compiler/tests/broken/unknown_input/spec.yaml")]
pub struct Endpoint {
    pub prompt: String,
}

fn main() {}
