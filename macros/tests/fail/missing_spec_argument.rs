#[wfc_macros::workflow(root = "specs")]
pub struct Endpoint;

fn main() {}
