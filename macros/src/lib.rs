//! `#[workflow]`: a spec compiled into a typed endpoint at build time.
//!
//! ```ignore
//! #[wfc_macros::workflow(spec = "../specs/sd15/txt2img.yaml", root = "../specs")]
//! pub struct Sd15Txt2img;
//! ```
//!
//! Thin on purpose: it parses its arguments, resolves paths against
//! `CARGO_MANIFEST_DIR`, and calls the same checker and generator as
//! `wfc check` and `wfc build`. A spec with errors becomes a compile error
//! spanned on the `spec` literal, carrying the same file:line:col
//! diagnostics `wfc check` prints.

use proc_macro::TokenStream;
use std::path::{Path, PathBuf};
use syn::{ItemStruct, LitStr, parse_macro_input};

/// Implements `wfc_runtime::Workflow` for a unit struct from a spec file.
///
/// Arguments: `spec` (required), the spec file; `root`, the specs
/// directory (default: the spec's directory), which names the endpoint and
/// its default path; `catalog`, the node catalog (default:
/// `ROOT/object_info.json` if present). Paths are relative to the crate.
#[proc_macro_attribute]
pub fn workflow(args: TokenStream, item: TokenStream) -> TokenStream {
    let item = parse_macro_input!(item as ItemStruct);
    let (mut spec, mut root, mut catalog) = (None, None, None);
    let parser = syn::meta::parser(|meta| {
        let slot = if meta.path.is_ident("spec") {
            &mut spec
        } else if meta.path.is_ident("root") {
            &mut root
        } else if meta.path.is_ident("catalog") {
            &mut catalog
        } else {
            return Err(
                meta.error("expected `spec = \"...\"`, `root = \"...\"` or `catalog = \"...\"`")
            );
        };
        *slot = Some(meta.value()?.parse::<LitStr>()?);
        Ok(())
    });
    parse_macro_input!(args with parser);
    let Some(spec) = spec else {
        return syn::Error::new_spanned(
            &item.ident,
            "#[workflow] needs `spec = \"path/to/spec.yaml\"`",
        )
        .to_compile_error()
        .into();
    };
    if !matches!(item.fields, syn::Fields::Unit) {
        return syn::Error::new_spanned(
            &item,
            "#[workflow] goes on a unit struct: `pub struct Txt2img;`",
        )
        .to_compile_error()
        .into();
    }
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let spec_path = manifest.join(spec.value());
    let root_path = match &root {
        Some(r) => manifest.join(r.value()),
        None => spec_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
    };
    let Ok(rel) = spec_path.strip_prefix(&root_path) else {
        let at = root.as_ref().unwrap_or(&spec);
        return syn::Error::new_spanned(at, "`spec` must be inside `root`")
            .to_compile_error()
            .into();
    };
    let catalog_path = catalog.as_ref().map(|c| manifest.join(c.value()));
    let checked = wfc_compiler::project::check_spec(
        &root_path,
        rel,
        catalog_path.as_deref(),
        Some(&manifest),
    );
    let endpoint = match checked.endpoint {
        Some(e) if !checked.diagnostics.has_errors() => e,
        _ => {
            let rendered =
                wfc_compiler::diagnostic::render_plain(&checked.sources, &checked.diagnostics);
            let message = format!(
                "wfc: `{}` has {} error(s):\n{rendered}",
                spec.value(),
                checked.diagnostics.error_count()
            );
            return syn::Error::new(spec.span(), message)
                .to_compile_error()
                .into();
        }
    };
    let files: Vec<String> = checked
        .files
        .iter()
        .map(|f| wfc_compiler::paths::relative_path(f, &manifest))
        .collect();
    let generated = wfc_compiler::emit::endpoint_tokens(&endpoint, &item.ident, &files);
    quote::quote!(#item #generated).into()
}
