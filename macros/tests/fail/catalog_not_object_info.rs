// The catalog is found in the specs root (`object_info.json`) and is not one.
#[wfc_macros::workflow(spec = "../../../../compiler/tests/broken/catalog_not_object_info/spec.yaml", root = "../../../../compiler/tests/broken/catalog_not_object_info")]
pub struct Endpoint;

fn main() {}
