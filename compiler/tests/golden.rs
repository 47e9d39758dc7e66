//! Golden files of the generated code: for every example spec, the tokens
//! `#[workflow]` expands to, formatted with prettyplease, must equal
//! `tests/golden/<endpoint>.rs` (`EXPECTORATE=overwrite` to refresh, then
//! review the diff). The tokens come from the same call the macro makes,
//! for the crate `tests/golden-crate` (package `wfc-golden`, a workspace
//! member): its paths to the specs are relative to that crate, which
//! compiles every golden file as a module and calls each endpoint in its
//! tests, so a golden file cannot be wrong-but-accepted.

use std::path::Path;
use wfc::paths::relative_path;
use wfc::project::check_spec;

#[test]
fn generated_code_matches_the_golden_files() {
    let specs = Path::new("../specs");
    // The crate that compiles the golden files (see its build.rs).
    let crate_dir = std::fs::canonicalize("tests/golden-crate").unwrap();
    let overwrite = std::env::var("EXPECTORATE").is_ok_and(|v| v == "overwrite");
    let project = wfc::project::check_dir(specs, &wfc::project::CatalogChoice::Auto);
    assert!(!project.diagnostics.has_errors());
    let mut failures = Vec::new();
    for rel in &project.spec_files {
        let checked = check_spec(specs, rel, None, Some(&crate_dir));
        let endpoint = checked.endpoint.expect("example specs check clean");
        let files: Vec<String> = checked
            .files
            .iter()
            .map(|f| relative_path(f, &crate_dir))
            .collect();
        let ident = proc_macro2::Ident::new(
            &wfc::emit::type_name(&endpoint.api.name),
            proc_macro2::Span::call_site(),
        );
        let tokens = wfc::emit::endpoint_tokens(&endpoint, &ident, &files);
        let file: syn::File = syn::parse2(tokens).expect("generated code parses as Rust");
        let actual = format!(
            "// Generated from specs/{} by `wfc::emit::endpoint_tokens`; see tests/golden.rs.\n{}",
            rel.display(),
            prettyplease::unparse(&file)
        );
        let path = Path::new("tests/golden").join(format!("{}.rs", endpoint.api.name));
        if overwrite {
            std::fs::write(&path, &actual).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(actual.as_str()) {
            failures.push(path.display().to_string());
        }
    }
    assert!(
        failures.is_empty(),
        "generated code differs from {failures:?}; EXPECTORATE=overwrite to accept"
    );
}
