//! Writes `$OUT_DIR/golden.rs`: one module per golden file of
//! `compiler/tests/golden/`, holding the unit struct the generated code
//! implements `Workflow` for (the struct `#[workflow]` is attached to) and
//! the file itself, included. A golden file added, removed or rewritten by
//! `EXPECTORATE=overwrite cargo test -p wfc --test golden` is picked up
//! without editing this crate.

use std::fmt::Write as _;
use std::path::Path;

/// What the generated code says just before the endpoint's type name.
const IMPL: &str = "impl ::wfc_runtime::Workflow for ";

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let golden = Path::new(&manifest).join("../golden");
    println!("cargo::rerun-if-changed={}", golden.display());
    let mut files: Vec<_> = std::fs::read_dir(&golden)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", golden.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no golden files in {}", golden.display());
    let (mut modules, mut table) = (String::new(), String::new());
    for file in &files {
        let module = file
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("golden file names are UTF-8");
        let text = std::fs::read_to_string(file).expect("golden file reads");
        let ty = text
            .split_once(IMPL)
            .and_then(|(_, rest)| {
                rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
            })
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| {
                panic!(
                    "{}: no `{IMPL}T`; is it output of `wfc::emit::endpoint_tokens`?",
                    file.display()
                )
            });
        writeln!(
            modules,
            "/// Golden file `{module}.rs`.\n\
             // `graph` passes every field to `Graph::set` by reference, whatever its type.\n\
             #[allow(clippy::needless_borrows_for_generic_args)]\n\
             pub mod {module} {{\n    \
             /// The endpoint, as `#[workflow]` would be attached to it.\n    \
             pub struct {ty};\n    \
             include!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../golden/{module}.rs\"));\n}}\n"
        )
        .expect("writing to a String");
        writeln!(
            table,
            "    Golden {{\n        file: \"{module}\",\n        type_name: \"{ty}\",\n        \
             endpoint: <{module}::{ty} as ::wfc_runtime::Workflow>::endpoint,\n        \
             parse: |v| {{\n            <{module}::{ty} as ::wfc_runtime::Workflow>::parse(v)\n                \
             .map(|input| <{module}::{ty} as ::wfc_runtime::Workflow>::graph(&input))\n        }},\n    }},"
        )
        .expect("writing to a String");
    }
    let out = format!(
        "{modules}\n/// Every golden endpoint, in file order.\npub const GOLDEN: &[Golden] = &[\n{table}];\n"
    );
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("golden.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
}
