//! `#[workflow]` turns every spec error into a compile error spanned on the
//! `spec` literal, carrying the same file:line:col diagnostics as
//! `wfc check`. Each case is one file in `tests/fail/` with the exact
//! compiler output beside it (`TRYBUILD=overwrite` to refresh).

#[test]
fn broken_specs_fail_to_compile_with_spanned_diagnostics() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/fail/*.rs");
}
