//! Broken specs produce the expected diagnostics, with line and column.
//! See `tests/broken/README.md` for how cases are laid out.

use std::path::{Path, PathBuf};
use wfc::diagnostic::render_plain;
use wfc::project::{CatalogChoice, check_dir};

const SHARED: &str = "../../shared/comfyui";

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("tests/broken")
        .expect("tests/broken exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    dirs.sort();
    dirs
}

fn choice(dir: &Path) -> CatalogChoice {
    if dir.join("object_info.json").exists() {
        CatalogChoice::Auto
    } else if dir.join("NO_CATALOG").exists() {
        CatalogChoice::None
    } else if dir.join("WITH_MODELS").exists() {
        CatalogChoice::File(Path::new(SHARED).join("object_info_with_models.json"))
    } else {
        CatalogChoice::File(Path::new(SHARED).join("object_info.json"))
    }
}

#[test]
fn broken_specs_match_their_snapshots() {
    let cases = cases();
    assert!(!cases.is_empty(), "no broken cases in tests/broken");
    let overwrite = std::env::var("EXPECTORATE").is_ok_and(|v| v == "overwrite");
    let mut failures = Vec::new();
    for dir in &cases {
        let project = check_dir(dir, &choice(dir));
        let diags = &project.diagnostics;
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!diags.is_empty(), "{name}: no diagnostic at all");
        for d in diags.iter() {
            if d.code != "no-specs" {
                assert!(
                    d.primary.is_some(),
                    "{name}: `{}` has no position: {}",
                    d.code,
                    d.message
                );
            }
        }
        let actual = format!(
            "{}{} error(s), {} warning(s)\n",
            render_plain(&project.sources, diags),
            diags.error_count(),
            diags.warning_count()
        );
        let expected_path = dir.join("expected.txt");
        if overwrite {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "--- {name}: expected\n{expected}\n+++ {name}: actual\n{actual}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) differ (EXPECTORATE=overwrite to accept):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
