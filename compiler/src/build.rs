//! `wfc build`: write the API crate for a specs directory and compile it.
//!
//! The crate is small: `Cargo.toml`, a `src/lib.rs` with one `#[workflow]`
//! per spec and an `app()` mounting them, a one-line `src/main.rs` (the
//! macro does the code generation, so `cargo`
//! rebuilds exactly when a spec or workflow changes), `schemas/*.json`
//! (each endpoint's input schema) and `openapi.json` (assembled by the
//! contract's `openapi::document`, the function the binary serves).

use crate::bind::Endpoint;
use crate::emit;
use crate::paths::{normalize, relative_path};
use std::path::{Path, PathBuf};

/// The environment variable naming a checkout of wfc (see [`find_source`]).
pub const SOURCE_ENV: &str = "WFC_SOURCE";

/// The checkout this `wfc` was built from (the parent of `compiler/`), as
/// recorded at build time. `cargo install --path compiler` records the
/// checkout it installed from; it may have moved or gone since.
pub fn recorded_source() -> PathBuf {
    let compiler = Path::new(env!("CARGO_MANIFEST_DIR"));
    compiler.parent().unwrap_or(compiler).to_path_buf()
}

/// The crates of a wfc checkout that the generated crate depends on, by
/// directory and package name.
const SOURCE_CRATES: &[(&str, &str)] = &[("runtime", "wfc-runtime"), ("macros", "wfc-macros")];

/// Where the wfc sources were looked for and why each place did not do.
#[derive(Debug)]
pub struct SourceNotFound {
    /// One line per place tried: which setting, the directory, the problem.
    pub tried: Vec<String>,
}

impl std::fmt::Display for SourceNotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot find the wfc sources (runtime/ and macros/) the generated crate depends on"
        )
    }
}

impl std::error::Error for SourceNotFound {}

/// The checkout of wfc whose `runtime/` and `macros/` the generated crate
/// depends on: `flag` (`--wfc-source`) if given, else `env`
/// (`WFC_SOURCE`) if set, else `recorded` (see [`recorded_source`]). An
/// explicit setting that does not hold the crates is an error, not a
/// reason to try the next one.
pub fn find_source(
    flag: Option<&Path>,
    env: Option<&Path>,
    recorded: &Path,
) -> Result<PathBuf, SourceNotFound> {
    let mut tried = Vec::new();
    let (setting, dir) = match (flag, env) {
        (Some(d), _) => ("--wfc-source", d),
        (None, Some(d)) => {
            tried.push("--wfc-source: not given".to_string());
            (SOURCE_ENV, d)
        }
        (None, None) => {
            tried.push("--wfc-source: not given".to_string());
            tried.push(format!("{SOURCE_ENV}: not set"));
            ("the checkout wfc was built from", recorded)
        }
    };
    match check_source(dir) {
        Ok(()) => Ok(dir.to_path_buf()),
        Err(problem) => {
            tried.push(format!("{setting}: `{}`: {problem}", dir.display()));
            Err(SourceNotFound { tried })
        }
    }
}

/// Whether `dir` holds `runtime/Cargo.toml` of package `wfc-runtime` and
/// `macros/Cargo.toml` of `wfc-macros`; else what is wrong.
pub fn check_source(dir: &Path) -> Result<(), String> {
    if !dir.is_dir() {
        return Err("not a directory".to_string());
    }
    for (sub, package) in SOURCE_CRATES {
        let manifest = Path::new(sub).join("Cargo.toml");
        let text = std::fs::read_to_string(dir.join(&manifest))
            .map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
        match package_name(&text) {
            Some(name) if name == *package => {}
            Some(name) => {
                return Err(format!(
                    "{} is package `{name}`, not `{package}`",
                    manifest.display()
                ));
            }
            None => return Err(format!("{} names no package", manifest.display())),
        }
    }
    Ok(())
}

/// `name` of the `[package]` table of a manifest.
fn package_name(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package
            && let Some((key, value)) = line.split_once('=')
            && key.trim() == "name"
        {
            return Some(value.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// What to generate.
pub struct Plan<'a> {
    /// The specs directory.
    pub specs_dir: &'a Path,
    /// The crate directory to write.
    pub out_dir: &'a Path,
    /// Package and binary name.
    pub name: &'a str,
    /// The catalog passed with `--catalog`, if any (else the macro finds
    /// `SPECS_DIR/object_info.json` itself).
    pub catalog: Option<&'a Path>,
    /// The checked endpoints, in spec order.
    pub endpoints: &'a [Endpoint],
    /// The wfc checkout whose `runtime/` and `macros/` the crate depends
    /// on (see [`find_source`]).
    pub wfc_source: &'a Path,
}

/// A file of the generated crate: path relative to the crate, contents.
pub type File = (PathBuf, String);

/// Whether `out_dir` is listed as a member of a cargo workspace above it;
/// the generated manifest then leaves workspace settings to that root.
pub fn workspace_member(out_dir: &Path) -> bool {
    let abs = normalize(&std::env::current_dir().unwrap_or_default().join(out_dir));
    let mut dir = abs.parent();
    while let Some(d) = dir {
        if let Ok(text) = std::fs::read_to_string(d.join("Cargo.toml"))
            && text.lines().any(|l| l.trim() == "[workspace]")
        {
            let rel = relative_path(&abs, d);
            return members(&text).iter().any(|m| glob_match(m, &rel));
        }
        dir = d.parent();
    }
    false
}

/// The quoted strings of `members = [...]` in a manifest.
fn members(manifest: &str) -> Vec<String> {
    let Some(start) = manifest.find("members") else {
        return Vec::new();
    };
    let rest = &manifest[start..];
    let (Some(open), Some(close)) = (rest.find('['), rest.find(']')) else {
        return Vec::new();
    };
    rest[open + 1..close]
        .split(',')
        .map(|s| s.trim().trim_matches('"').trim_end_matches('/').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Cargo's member globs: `*` within one path segment.
fn glob_match(pattern: &str, path: &str) -> bool {
    let (p, s): (Vec<&str>, Vec<&str>) = (pattern.split('/').collect(), path.split('/').collect());
    p.len() == s.len()
        && p.iter().zip(&s).all(|(p, s)| match p.split_once('*') {
            None => p == s,
            Some((a, b)) => s.len() >= a.len() + b.len() && s.starts_with(a) && s.ends_with(b),
        })
}

/// Every file of the generated crate, in a stable order.
pub fn files(plan: &Plan<'_>) -> Vec<File> {
    let out = plan.out_dir;
    let member = workspace_member(out);
    let dep = |krate: &str| relative_path(&plan.wfc_source.join(krate), out);
    let mut manifest = format!(
        "# Generated by `wfc build`; do not edit. Build it again after changing the specs.\n\
         [package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         [lib]\npath = \"src/lib.rs\"\ndoctest = false\n\n\
         [[bin]]\nname = \"{name}\"\npath = \"src/main.rs\"\n\n\
         [dependencies]\nwfc-macros = {{ path = \"{macros}\" }}\nwfc-runtime = {{ path = \"{runtime}\" }}\n",
        name = plan.name,
        macros = dep("macros"),
        runtime = dep("runtime"),
    );
    if !member {
        manifest.push_str("\n# A crate of its own, not part of an enclosing workspace.\n[workspace]\n\n[profile.release]\ncodegen-units = 4\n");
    }

    let specs_rel = relative_path(plan.specs_dir, out);
    let mut lib = String::from(
        "//! Generated by `wfc build`; do not edit. Each struct is one endpoint,\n\
         //! compiled from its spec by `#[workflow]` when this crate builds.\n\
         //! [`app`] mounts them all; the binary serves it.\n\n",
    );
    for e in plan.endpoints {
        let spec = relative_path(&e.spec_file, out);
        let ty = emit::type_name(&e.api.name);
        let catalog = plan
            .catalog
            .map(|c| format!(", catalog = \"{}\"", relative_path(c, out)))
            .unwrap_or_default();
        lib.push_str(&format!(
            "/// `POST {}`{}\n#[wfc_macros::workflow(spec = \"{spec}\", root = \"{specs_rel}\"{catalog})]\npub struct {ty};\n\n",
            e.api.path,
            e.api.summary.as_ref().map(|s| format!(": {s}")).unwrap_or_default(),
        ));
    }
    lib.push_str(&format!(
        "/// Every endpoint, mounted.\npub fn app() -> wfc_runtime::App {{\n    wfc_runtime::App::new(\"{}\", env!(\"CARGO_PKG_VERSION\"))\n",
        plan.name
    ));
    for e in plan.endpoints {
        lib.push_str(&format!(
            "        .workflow::<{}>()\n",
            emit::type_name(&e.api.name)
        ));
    }
    lib.push_str("}\n");
    let main = format!(
        "//! Generated by `wfc build`; do not edit.\n\nfn main() -> std::process::ExitCode {{\n    {}::app().main()\n}}\n",
        plan.name.replace('-', "_")
    );

    let mut files = vec![
        (PathBuf::from("Cargo.toml"), manifest),
        (PathBuf::from("src/lib.rs"), lib),
        (PathBuf::from("src/main.rs"), main),
    ];
    for e in plan.endpoints {
        let schema = crate::contract::schema::input_schema(&e.api);
        files.push((
            PathBuf::from(format!("schemas/{}.json", e.api.name)),
            serde_json::to_string_pretty(&schema).expect("schema serializes") + "\n",
        ));
    }
    let apis: Vec<&crate::contract::Endpoint> = plan.endpoints.iter().map(|e| &e.api).collect();
    let doc = crate::contract::openapi::document(plan.name, "0.1.0", &apis);
    files.push((
        PathBuf::from("openapi.json"),
        serde_json::to_string_pretty(&doc).expect("document serializes") + "\n",
    ));
    files
}

/// Files of `out_dir` that differ from `files`: missing, changed, or
/// generated earlier and no longer produced (`schemas/*.json`).
pub fn stale(out_dir: &Path, files: &[File]) -> Vec<String> {
    let mut differ: Vec<String> = files
        .iter()
        .filter(|(rel, text)| {
            std::fs::read_to_string(out_dir.join(rel)).ok().as_deref() != Some(text.as_str())
        })
        .map(|(rel, _)| rel.display().to_string())
        .collect();
    if let Ok(entries) = std::fs::read_dir(out_dir.join("schemas")) {
        for e in entries.flatten() {
            let rel = PathBuf::from("schemas").join(e.file_name());
            if !files.iter().any(|(r, _)| *r == rel) {
                differ.push(format!("{} (no longer generated)", rel.display()));
            }
        }
    }
    differ.sort();
    differ
}

/// Writes `files` into `out_dir`, touching only files whose contents
/// change (so cargo rebuilds only what changed), and removes schemas no
/// longer generated.
pub fn write(out_dir: &Path, files: &[File]) -> std::io::Result<usize> {
    let mut written = 0;
    for (rel, text) in files {
        let path = out_dir.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, text)?;
        written += 1;
    }
    if let Ok(entries) = std::fs::read_dir(out_dir.join("schemas")) {
        for e in entries.flatten() {
            let rel = PathBuf::from("schemas").join(e.file_name());
            if !files.iter().any(|(r, _)| *r == rel) {
                std::fs::remove_file(e.path())?;
            }
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_globs() {
        assert_eq!(
            members("[workspace]\nmembers = [\"compiler\", \"tests/*\", \"generated/\"]\n"),
            ["compiler", "tests/*", "generated"]
        );
        assert!(glob_match("tests/*", "tests/comfy-double"));
        assert!(glob_match("generated", "generated"));
        assert!(!glob_match("tests/*", "tests/a/b"));
        assert!(!glob_match("gen*x", "generated"));
    }

    #[test]
    fn package_names() {
        let m = "[workspace]\nname = \"x\"\n[package]\nversion = \"1\"\nname = \"wfc-runtime\"\n";
        assert_eq!(package_name(m).as_deref(), Some("wfc-runtime"));
        assert_eq!(package_name("[dependencies]\nname = \"y\"\n"), None);
    }

    #[test]
    fn the_source_is_the_flag_then_the_environment_then_the_recorded_checkout() {
        let good = recorded_source();
        let bad = Path::new("/nonexistent/wfc");
        assert_eq!(find_source(None, None, &good).unwrap(), good);
        assert_eq!(find_source(Some(&good), Some(bad), bad).unwrap(), good);
        assert_eq!(find_source(None, Some(&good), bad).unwrap(), good);
        // An explicit setting that is wrong is reported, not skipped.
        let err = find_source(None, Some(bad), &good).unwrap_err();
        assert_eq!(
            err.tried,
            [
                "--wfc-source: not given",
                "WFC_SOURCE: `/nonexistent/wfc`: not a directory"
            ]
        );
        let err = find_source(Some(bad), Some(&good), &good).unwrap_err();
        assert_eq!(
            err.tried,
            ["--wfc-source: `/nonexistent/wfc`: not a directory"]
        );
        let err = find_source(None, None, bad).unwrap_err();
        assert_eq!(err.tried.len(), 3);
        assert!(err.tried[2].starts_with("the checkout wfc was built from: `/nonexistent/wfc`"));
        // A directory with other crates in runtime/ and macros/.
        let err = check_source(&good.join("compiler")).unwrap_err();
        assert!(err.contains("runtime/Cargo.toml"), "{err}");
    }
}
