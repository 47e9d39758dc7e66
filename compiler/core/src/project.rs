//! A specs directory checked as a whole: find the spec files, load the
//! catalog once, parse each spec and its workflow (each workflow file once),
//! bind, and check what spans several specs (endpoint paths and names).
//! Every problem in every file is collected; nothing stops at the first.

use crate::bind::{self, Endpoint};
use crate::catalog::Catalog;
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Diagnostics, FileId, Sources, Span};
use crate::paths::normalize;
use crate::spec;
use crate::tree;
use crate::workflow::Workflow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The catalog file `wfc` looks for in a specs directory when none is given.
pub const DEFAULT_CATALOG: &str = "object_info.json";

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

/// The state one check shares across specs: every file read, every
/// problem found, the catalog (parsed once) and the workflows (each parsed
/// once, however many specs use it).
pub struct Checker {
    /// Every file read.
    pub sources: Sources,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// The catalog, if one was given and parsed.
    pub catalog: Option<Catalog>,
    /// Whether a catalog was asked for and failed to load: binding is then
    /// skipped, since every type would be wrong.
    catalog_failed: bool,
    workflows: HashMap<PathBuf, Option<Workflow>>,
}

/// One spec checked on its own: its endpoint (if it bound) and the
/// problems found.
pub struct CheckedSpec {
    /// The endpoint, when the spec and its workflow could be read.
    pub endpoint: Option<Endpoint>,
    /// Everything read, for rendering the diagnostics.
    pub sources: Sources,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// Every file read (spec, workflow, catalog), for rebuild tracking.
    pub files: Vec<PathBuf>,
}

impl Checker {
    /// A checker using the catalog at `catalog`, if any.
    pub fn new(catalog: Option<&Path>) -> Checker {
        Checker::with_sources(Sources::new(), catalog)
    }

    fn with_sources(sources: Sources, catalog: Option<&Path>) -> Checker {
        let mut c = Checker {
            sources,
            diagnostics: Diagnostics::new(),
            catalog: None,
            catalog_failed: false,
            workflows: HashMap::new(),
        };
        if let Some(path) = catalog {
            match load_catalog(&mut c.sources, path) {
                Ok(catalog) => c.catalog = Some(catalog),
                Err(d) => {
                    c.diagnostics.push(d);
                    c.catalog_failed = true;
                }
            }
        }
        c
    }

    /// Reads, parses and binds the spec at `root/rel`. Returns the spec's
    /// endpoint and the span of its path (`path:`, or the file's start when
    /// the path is derived from the file name).
    pub fn spec(&mut self, root: &Path, rel: &Path) -> Option<(Endpoint, Span)> {
        let spec_path = root.join(rel);
        let file = match read(&mut self.sources, &spec_path) {
            Ok(f) => f,
            Err(e) => {
                self.diagnostics.push(Diagnostic::error(
                    Code::Io,
                    format!("cannot read `{}`: {e}", spec_path.display()),
                ));
                return None;
            }
        };
        let tree = match tree::parse_yaml(file, self.sources.text(file)) {
            Ok(t) => t,
            Err(d) => {
                self.diagnostics.push(d);
                return None;
            }
        };
        let spec = spec::load(&tree, &mut self.diagnostics)?;
        let rel_name = rel.with_extension("").to_string_lossy().replace('\\', "/");
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
            self.diagnostics.push(
                Diagnostic::error(
                    Code::BadPath,
                    format!("the default path `{path}` is not a valid URL path"),
                )
                .at(head, "derived from the file name")
                .help("rename the file, or give `path:` explicitly"),
            );
        }
        if wfc_contract::routes::reserved_by(&path).is_some() {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::ReservedPath,
                    format!("`{path}` is served by the runtime itself"),
                )
                .at(path_span, "reserved path")
                .help(format!(
                    "choose another path; reserved: {}",
                    wfc_contract::routes::RUNTIME_ROUTES
                        .iter()
                        .map(|r| r.path)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
        if self.catalog_failed {
            return None;
        }
        let wf_ref = spec.workflow.as_ref()?;
        let wf_path = normalize(&spec_path.parent().unwrap_or(root).join(&wf_ref.value));
        if !self.workflows.contains_key(&wf_path) {
            let wf = load_workflow(
                &mut self.sources,
                &wf_path,
                wf_ref.span,
                &mut self.diagnostics,
            );
            self.workflows.insert(wf_path.clone(), wf);
        }
        let wf = self.workflows[&wf_path].as_ref()?;
        let endpoint = bind::bind(
            &spec,
            endpoint_name(rel),
            path,
            (spec_path.clone(), wf_path.clone()),
            wf,
            self.catalog.as_ref(),
            &mut self.diagnostics,
        );
        Some((endpoint, path_span))
    }

    /// Every file read so far.
    pub fn files(&self) -> Vec<PathBuf> {
        self.sources.paths().to_vec()
    }
}

/// The endpoint name for the spec at `rel` under the specs directory:
/// every character but letters and digits becomes `_`, letters lowercase.
pub fn endpoint_name(rel: &Path) -> String {
    rel.with_extension("")
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Checks one spec, `root/rel`, as `check_dir` would check it (the
/// `#[workflow]` macro's entry point). The catalog is `catalog`, else
/// `root/object_info.json` if it exists.
///
/// Diagnostics name files relative to `display_base` when it is given (the
/// macro passes the crate's directory, so messages do not depend on where
/// the crate is checked out).
pub fn check_spec(
    root: &Path,
    rel: &Path,
    catalog: Option<&Path>,
    display_base: Option<&Path>,
) -> CheckedSpec {
    let auto = root.join(DEFAULT_CATALOG);
    let catalog = catalog.or_else(|| auto.is_file().then_some(auto.as_path()));
    let mut checker = Checker::with_sources(Sources::relative_to(display_base), catalog);
    let endpoint = checker.spec(root, rel).map(|(e, _)| e);
    checker.diagnostics.dedup();
    checker.diagnostics.sort();
    let files = checker.files();
    CheckedSpec {
        endpoint,
        sources: checker.sources,
        diagnostics: checker.diagnostics,
        files,
    }
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
                Code::NoSpecs,
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
    let mut checker = Checker::new(catalog_path.as_deref());
    let mut files = Vec::new();
    find_specs(dir, dir, &mut files, &mut checker.diagnostics);
    files.sort();
    if files.is_empty() {
        checker.diagnostics.push(
            Diagnostic::error(
                Code::NoSpecs,
                format!("no spec files (`*.yaml`) in `{}`", dir.display()),
            )
            .help("write one per endpoint; see docs/spec.md"),
        );
    }
    let mut paths: HashMap<String, Span> = HashMap::new();
    let mut names: HashMap<String, Span> = HashMap::new();
    for rel in &files {
        let Some((endpoint, path_span)) = checker.spec(dir, rel) else {
            continue;
        };
        if let Some(first) = paths.insert(endpoint.api.path.clone(), path_span) {
            checker.diagnostics.push(
                Diagnostic::error(
                    Code::DuplicatePath,
                    format!("two specs serve `{}`", endpoint.api.path),
                )
                .at(path_span, "this spec")
                .also(first, "and this one")
                .help("give one of them another `path:`"),
            );
        }
        // The file's first character: the name comes from the file itself.
        let head = Span::new(path_span.file, 0..0);
        if let Some(first) = names.insert(endpoint.api.name.clone(), head) {
            checker.diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateName,
                    format!("two specs get the endpoint name `{}`", endpoint.api.name),
                )
                .at(head, "this spec")
                .also(first, "and this one")
                .help("rename one of the files: the name comes from the file's path"),
            );
        }
        p.endpoints.push(endpoint);
    }
    p.spec_files = files;
    p.sources = checker.sources;
    p.catalog = checker.catalog;
    p.diagnostics = checker.diagnostics;
    p.diagnostics.dedup();
    p.diagnostics.sort();
    p
}

/// Reads and parses a catalog file.
pub fn load_catalog(sources: &mut Sources, path: &Path) -> Result<Catalog, Diagnostic> {
    let file = read(sources, path).map_err(|e| {
        Diagnostic::error(
            Code::BadCatalog,
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
                    Code::MissingWorkflow,
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
                Code::Io,
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
        // Symlinked directories are not followed: a link back up the tree
        // would list the same specs again and again.
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        if path.is_dir() && !is_link {
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

#[cfg(test)]
mod tests {
    #[test]
    fn every_reserved_path_is_documented() {
        let spec =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/spec.md"))
                .expect("docs/spec.md");
        let line = spec
            .lines()
            .find(|l| l.contains("The runtime's own paths are reserved"))
            .expect("docs/spec.md names the reserved paths");
        for route in wfc_contract::routes::RUNTIME_ROUTES {
            assert!(
                line.contains(&format!("`{}`", route.path)),
                "{} is not in docs/spec.md",
                route.path
            );
        }
    }
}
