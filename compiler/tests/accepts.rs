//! Workflows and specs ComfyUI accepts must check without error; see
//! `tests/valid/README.md`.

use std::path::Path;
use wfc::diagnostic::render_plain;
use wfc::project::{CatalogChoice, check_dir};

#[test]
fn valid_cases_check_without_errors() {
    let mut dirs: Vec<_> = std::fs::read_dir("tests/valid")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no valid cases in tests/valid");
    let catalog = CatalogChoice::File(Path::new("../../shared/comfyui/object_info.json").into());
    for dir in dirs {
        let p = check_dir(&dir, &catalog);
        assert!(
            !p.diagnostics.has_errors(),
            "{} should check clean:\n{}",
            dir.display(),
            render_plain(&p.sources, &p.diagnostics)
        );
        assert!(!p.spec_files.is_empty(), "{}: no spec", dir.display());
        assert_eq!(p.endpoints.len(), p.spec_files.len(), "{}", dir.display());
    }
}
