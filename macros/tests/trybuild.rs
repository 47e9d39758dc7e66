//! `#[workflow]` through the compiler, as a user's crate sees it.
//!
//! - `tests/pass/`: specs that expand into a working endpoint; each case's
//!   `main` calls the expanded impl through `wfc_runtime::Workflow`
//!   (`parse`, `graph`, `endpoint`), so an expansion that compiles but behaves
//!   wrongly fails too. Their specs are in `tests/pass/specs/`.
//! - `tests/fail/`: every spec error becomes a compile error spanned on the
//!   `spec` literal, carrying the same file:line:col diagnostics as `wfc
//!   check`; each case is one file with the exact compiler output beside it
//!   (`TRYBUILD=overwrite` to refresh).
//!
//! One test, so that trybuild builds both sets in one project.

#[test]
fn specs_expand_into_working_endpoints_and_broken_ones_into_spanned_errors() {
    let t = trybuild::TestCases::new();
    t.pass("tests/pass/*.rs");
    t.compile_fail("tests/fail/*.rs");
}
