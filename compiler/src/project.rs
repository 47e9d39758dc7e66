//! A specs directory checked as a whole: find the spec files, load the
//! catalog once, parse each spec and its workflow (each workflow file once),
//! bind, and check what spans several specs (endpoint paths and names).
//! Every problem in every file is collected; nothing stops at the first.

use crate::bind::{self, Endpoint};
use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Diagnostics, FileId, Sources, Span};
use crate::spec;
use crate::tree;
use crate::workflow::Workflow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The catalog file `wfc` looks for in a specs directory when none is given.
pub const DEFAULT_CATALOG: &str = "object_info.json";

/// Paths the runtime serves itself; an endpoint may not take them.
const RESERVED_PATHS: &[&str] = &[
    "/prompt",
    "/health",
    "/ready",
    "/docs",
    "/openapi.json",
    "/models",
    "/interrupt",
];

/// Which catalog to check against.
#[derive(Clone, Debug, Default)]
pub enum CatalogChoice {
    /// `SPECS_DIR/object_info.json` if it exists, else none.
    #[default]
    Auto,
    /// This file.
    File(PathBuf),
    /// None: types come from the workflows' literals.
    None,
}

/// The outcome of checking a specs directory.
pub struct Project {
    /// Every file read.
    pub sources: Sources,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// Endpoints of the specs that bound (complete only without errors).
    pub endpoints: Vec<Endpoint>,
    /// The catalog used, if any.
    pub catalog: Option<Catalog>,
    /// Spec files found, relative to the specs directory.
    pub spec_files: Vec<PathBuf>,
}

impl Project {
    /// Node classes the specs' workflows use, sorted and unique.
    pub fn used_classes(&self) -> Vec<String> {
        let mut classes: Vec<String> = self
            .endpoints
            .iter()
            .flat_map(|e| e.workflow.as_object().into_iter().flat_map(|o| o.values()))
            .filter_map(|n| n.get("class_type")?.as_str().map(str::to_string))
            .collect();
        classes.sort();
        classes.dedup();
        classes
    }
}

fn read(sources: &mut Sources, path: &Path) -> Result<FileId, String> {
    std::fs::read_to_string(path)
        .map(|text| sources.add(path, text))
        .map_err(|e| e.to_string())
}

/// Checks every spec under `dir`.
pub fn check_dir(dir: &Path, choice: &CatalogChoice) -> Project {
    let mut p = Project {
        sources: Sources::new(),
        diagnostics: Diagnostics::new(),
        endpoints: Vec::new(),
        catalog: None,
        spec_files: Vec::new(),
    };
    if !dir.is_dir() {
        p.diagnostics.push(
            Diagnostic::error(
                "no-specs",
                format!("`{}` is not a directory", dir.display()),
            )
            .help("pass the directory that holds your spec files, for example `wfc check specs/`"),
        );
        return p;
    }
    let catalog_path = match choice {
        CatalogChoice::Auto => Some(dir.join(DEFAULT_CATALOG)).filter(|c| c.is_file()),
        CatalogChoice::File(f) => Some(f.clone()),
        CatalogChoice::None => None,
    };
    let mut catalog_failed = false;
    if let Some(path) = &catalog_path {
        match load_catalog(&mut p.sources, path) {
            Ok(c) => p.catalog = Some(c),
            Err(d) => {
                p.diagnostics.push(d);
                catalog_failed = true;
            }
        }
    }
    let mut files = Vec::new();
    find_specs(dir, dir, &mut files, &mut p.diagnostics);
    files.sort();
    if files.is_empty() {
        p.diagnostics.push(
            Diagnostic::error(
                "no-specs",
                format!("no spec files (`*.yaml`) in `{}`", dir.display()),
            )
            .help("write one per endpoint; see docs/spec.md"),
        );
    }
    let mut workflows: HashMap<PathBuf, Option<Workflow>> = HashMap::new();
    let mut paths: HashMap<String, Span> = HashMap::new();
    let mut names: HashMap<String, Span> = HashMap::new();
    for rel in &files {
        let spec_path = dir.join(rel);
        let file = match read(&mut p.sources, &spec_path) {
            Ok(f) => f,
            Err(e) => {
                p.diagnostics.push(Diagnostic::error(
                    "io",
                    format!("cannot read `{}`: {e}", spec_path.display()),
                ));
                continue;
            }
        };
        let root = match tree::parse_yaml(file, p.sources.text(file)) {
            Ok(r) => r,
            Err(d) => {
                p.diagnostics.push(d);
                continue;
            }
        };
        let Some(spec) = spec::load(&root, &mut p.diagnostics) else {
            continue;
        };
        let rel_name = rel.with_extension("").to_string_lossy().replace('\\', "/");
        let name: String = rel_name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let head = Span::new(file, 0..0);
        let path = match &spec.path {
            Some(path) => path.value.clone(),
            None => format!("/workflows/{rel_name}"),
        };
        let path_span = spec.path.as_ref().map_or(head, |p| p.span);
        if spec.path.is_none()
            && !rel_name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~'))
        {
            p.diagnostics.push(
                Diagnostic::error(
                    "bad-path",
                    format!("the default path `{path}` is not a valid URL path"),
                )
                .at(head, "derived from the file name")
                .help("rename the file, or give `path:` explicitly"),
            );
        }
        if RESERVED_PATHS
            .iter()
            .any(|r| path == *r || path.starts_with(&format!("{r}/")))
        {
            p.diagnostics.push(
                Diagnostic::error(
                    "reserved-path",
                    format!("`{path}` is served by the runtime itself"),
                )
                .at(path_span, "reserved path")
                .help(format!(
                    "choose another path; reserved: {}",
                    RESERVED_PATHS.join(", ")
                )),
            );
        }
        if let Some(first) = paths.insert(path.clone(), path_span) {
            p.diagnostics.push(
                Diagnostic::error("duplicate-path", format!("two specs serve `{path}`"))
                    .at(path_span, "this spec")
                    .also(first, "and this one")
                    .help("give one of them another `path:`"),
            );
        }
        if let Some(first) = names.insert(name.clone(), head) {
            p.diagnostics.push(
                Diagnostic::error(
                    "duplicate-name",
                    format!("two specs get the endpoint name `{name}`"),
                )
                .at(head, "this spec")
                .also(first, "and this one")
                .help("rename one of the files: the name comes from the file's path"),
            );
        }
        if catalog_failed {
            continue;
        }
        let Some(wf_ref) = &spec.workflow else {
            continue;
        };
        let wf_path = normalize(&spec_path.parent().unwrap_or(dir).join(&wf_ref.value));
        if !workflows.contains_key(&wf_path) {
            let wf = load_workflow(&mut p.sources, &wf_path, wf_ref.span, &mut p.diagnostics);
            workflows.insert(wf_path.clone(), wf);
        }
        let Some(wf) = &workflows[&wf_path] else {
            continue;
        };
        let endpoint = bind::bind(
            &spec,
            name,
            path,
            (spec_path.clone(), wf_path.clone()),
            wf,
            p.catalog.as_ref(),
            &mut p.diagnostics,
        );
        p.endpoints.push(endpoint);
    }
    p.spec_files = files;
    p.diagnostics.dedup();
    p.diagnostics.sort();
    p
}

/// Reads and parses a catalog file.
pub fn load_catalog(sources: &mut Sources, path: &Path) -> Result<Catalog, Diagnostic> {
    let file = read(sources, path).map_err(|e| {
        Diagnostic::error(
            "bad-catalog",
            format!("cannot read the catalog `{}`: {e}", path.display()),
        )
        .help("pull one with `wfc catalog pull --url http://HOST:8188 -o object_info.json`")
    })?;
    Catalog::parse(file, sources.text(file))
}

fn load_workflow(
    sources: &mut Sources,
    path: &Path,
    at: Span,
    diags: &mut Diagnostics,
) -> Option<Workflow> {
    let file = match read(sources, path) {
        Ok(f) => f,
        Err(e) => {
            let dir = path.parent().unwrap_or(Path::new("."));
            let wanted = path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            let candidates: Vec<String> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json") && n != DEFAULT_CATALOG)
                .collect();
            diags.push(
                Diagnostic::error(
                    "missing-workflow",
                    format!("cannot read the workflow `{}`: {e}", path.display()),
                )
                .at(at, "workflow file not found")
                .maybe_help(crate::diagnostic::suggest(
                    &wanted,
                    candidates.iter().map(String::as_str),
                ))
                .note("the path is relative to the spec file"),
            );
            return None;
        }
    };
    let root = match tree::parse_json(file, sources.text(file)) {
        Ok(r) => r,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    Workflow::from_node(file, &root, diags)
}

fn find_specs(root: &Path, dir: &Path, out: &mut Vec<PathBuf>, diags: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::error(
                "io",
                format!("cannot list `{}`: {e}", dir.display()),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() {
            find_specs(root, &path, out, diags);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) && let Ok(rel) = path.strip_prefix(root)
        {
            out.push(rel.to_path_buf());
        }
    }
}

/// Removes `.` and `a/..` from a path without touching the file system, so
/// that diagnostics name `specs/shared/x.json`, not `specs/a/../shared/x.json`.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_is_lexical() {
        assert_eq!(
            normalize(Path::new("specs/a/../w/./x.json")),
            Path::new("specs/w/x.json")
        );
        assert_eq!(normalize(Path::new("../x.json")), Path::new("../x.json"));
        assert_eq!(normalize(Path::new("/a/../b")), Path::new("/b"));
    }
}
