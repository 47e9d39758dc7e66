//! `#[workflow]`: the proc-macro entry point of the wfc generator.
//!
//! This crate is deliberately empty until the code generator exists: it will
//! parse the attribute's arguments, resolve the spec path against
//! `CARGO_MANIFEST_DIR`, call `wfc`'s generator and turn its diagnostics into
//! spanned compile errors. It exports no macro yet, so nothing can depend on
//! behaviour that is not there.
