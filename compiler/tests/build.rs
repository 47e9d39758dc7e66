//! `wfc build` as a user runs it: `--check` of the committed `generated/`,
//! staleness detection, the wfc checkout chosen with `--wfc-source` or
//! `WFC_SOURCE`, cargo's own errors surfaced, and a `--static` build whose
//! binary prints the OpenAPI document.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn wfc(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wfc"));
    // Hermetic: the checkout comes from the flag or `envs`, not the caller's shell.
    cmd.args(args).env("NO_COLOR", "1").env_remove("WFC_SOURCE");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("wfc runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The workspace's target directory, so that test builds reuse its cache.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

#[test]
fn committed_generated_crate_is_up_to_date() {
    let out = wfc(&["build", "../specs", "-o", "../generated", "--check"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("is up to date"));
}

#[test]
fn check_names_every_stale_file() {
    let tmp = tempfile::tempdir().unwrap();
    let specs = tmp.path().join("specs");
    copy_dir(Path::new("../specs"), &specs);
    let api = tmp.path().join("api");
    let (specs_s, api_s) = (specs.to_str().unwrap(), api.to_str().unwrap());

    // Nothing written yet: everything is missing.
    let out = wfc(&["build", specs_s, "-o", api_s, "--check"], &[]);
    assert_eq!(out.status.code(), Some(1));
    for f in [
        "Cargo.toml",
        "src/lib.rs",
        "src/main.rs",
        "openapi.json",
        "schemas/sd15_txt2img.json",
    ] {
        assert!(
            stderr(&out).contains(f),
            "{f} not reported: {}",
            stderr(&out)
        );
    }
    assert!(!api.exists(), "--check writes nothing");

    // Write the files (a missing cargo makes the build step fail, after writing).
    let out = wfc(
        &["build", specs_s, "-o", api_s],
        &[("CARGO", "/nonexistent/cargo")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot run cargo"),
        "{}",
        stderr(&out)
    );
    let out = wfc(&["build", specs_s, "-o", api_s, "--check"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));

    // A changed limit changes the schema and the document, not the Rust source.
    let spec = specs.join("sd15/txt2img.yaml");
    let text = std::fs::read_to_string(&spec)
        .unwrap()
        .replace("maximum: 100", "maximum: 90");
    std::fs::write(&spec, text).unwrap();
    let out = wfc(&["build", specs_s, "-o", api_s, "--check"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("schemas/sd15_txt2img.json") && err.contains("openapi.json"),
        "{err}"
    );
    assert!(!err.contains("src/lib.rs"), "{err}");

    // A removed spec leaves a schema that is no longer generated.
    std::fs::remove_file(specs.join("upscale/esrgan.yaml")).unwrap();
    let out = wfc(&["build", specs_s, "-o", api_s, "--check"], &[]);
    assert!(
        stderr(&out).contains("schemas/upscale_esrgan.json (no longer generated)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn spec_errors_stop_the_build_with_the_same_diagnostics() {
    let tmp = tempfile::tempdir().unwrap();
    let out = wfc(
        &[
            "build",
            "tests/broken/unknown_input",
            "-o",
            tmp.path().join("api").to_str().unwrap(),
            "--catalog",
            "../../shared/comfyui/object_info.json",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("tests/broken/unknown_input/spec.yaml:3:17"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!tmp.path().join("api").exists());
}

#[test]
fn cargo_errors_are_shown_as_cargo_prints_them() {
    let tmp = tempfile::tempdir().unwrap();
    let api = tmp.path().join("api");
    let target = target_dir();
    let out = wfc(
        &["build", "../specs", "-o", api.to_str().unwrap(), "--debug"],
        &[
            ("RUSTFLAGS", "--no-such-rustc-flag"),
            (
                "CARGO_TARGET_DIR",
                target.join("wfc-build-test").to_str().unwrap(),
            ),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("no-such-rustc-flag"),
        "cargo's own error is missing:\n{err}"
    );
    assert!(err.contains("cargo build failed"), "{err}");
}

#[test]
fn static_build_runs_and_prints_its_openapi_document() {
    let tmp = tempfile::tempdir().unwrap();
    let specs = tmp.path().join("specs");
    copy_dir(Path::new("../specs"), &specs);
    let api = tmp.path().join("api");
    let target = target_dir().join("wfc-build-test");
    let out = wfc(
        &[
            "build",
            specs.to_str().unwrap(),
            "-o",
            api.to_str().unwrap(),
            "--static",
            "--name",
            "static-api",
        ],
        &[("CARGO_TARGET_DIR", target.to_str().unwrap())],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let binary = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    assert!(
        binary.ends_with("release/static-api"),
        "{}",
        binary.display()
    );
    let file = Command::new("file")
        .arg(&binary)
        .output()
        .expect("`file` is installed");
    let description = String::from_utf8_lossy(&file.stdout);
    assert!(
        description.contains("static-pie linked") || description.contains("statically linked"),
        "not a static binary: {description}"
    );
    let printed = Command::new(&binary)
        .arg("--print-openapi")
        .output()
        .unwrap();
    assert!(printed.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&printed.stdout).unwrap();
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(api.join("openapi.json")).unwrap()).unwrap();
    assert_eq!(printed, written);
    assert_eq!(printed["info"]["title"], "static-api");
    let help = Command::new(&binary).arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("--print-openapi"));
}

/// A directory laid out like a wfc checkout: `runtime/` and `macros/`
/// manifests with the given package names.
fn fake_checkout(dir: &Path, runtime: &str, macros: &str) {
    for (sub, name) in [("runtime", runtime), ("macros", macros)] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(
            dir.join(sub).join("Cargo.toml"),
            format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n"),
        )
        .unwrap();
    }
}

#[test]
fn a_wrong_wfc_source_is_a_clear_error_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let api = tmp.path().join("api");
    let api_s = api.to_str().unwrap();
    let other = tmp.path().join("other");
    fake_checkout(&other, "wfc-runtime", "not-the-macros");
    let missing = tmp.path().join("no-such-dir");
    let compiler = std::fs::canonicalize(env!("CARGO_MANIFEST_DIR")).unwrap();
    let root = std::fs::canonicalize("..").unwrap();
    /// A wrong setting: flags, environment, and the problem to report.
    struct Case<'a>(Vec<&'a str>, Vec<(&'a str, &'a str)>, String);
    let cases = [
        Case(
            vec![],
            vec![("WFC_SOURCE", missing.to_str().unwrap())],
            format!("tried WFC_SOURCE: `{}`: not a directory", missing.display()),
        ),
        Case(
            vec![],
            vec![("WFC_SOURCE", other.to_str().unwrap())],
            "macros/Cargo.toml is package `not-the-macros`, not `wfc-macros`".to_string(),
        ),
        Case(
            // The flag wins over a good environment, and is checked as strictly.
            vec!["--wfc-source", compiler.to_str().unwrap()],
            vec![("WFC_SOURCE", root.to_str().unwrap())],
            format!(
                "tried --wfc-source: `{}`: cannot read runtime/Cargo.toml",
                compiler.display()
            ),
        ),
    ];
    for Case(flags, envs, problem) in cases {
        for check in [false, true] {
            let mut args = vec!["build", "../specs", "-o", api_s];
            args.extend(&flags);
            if check {
                args.push("--check");
            }
            let out = wfc(&args, &envs);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?} {envs:?}: {err}");
            assert!(
                err.contains("error[wfc-source]: cannot find the wfc sources"),
                "{err}"
            );
            assert!(err.contains(&problem), "{problem:?} not in:\n{err}");
            assert!(
                err.contains("help: pass --wfc-source DIR or set WFC_SOURCE to a checkout of wfc"),
                "{err}"
            );
            assert!(!err.contains("panicked"), "{err}");
            assert!(!api.exists(), "nothing is written: {args:?}");
        }
    }
}

#[test]
fn wfc_source_selects_the_checkout_the_crate_depends_on() {
    let root = std::fs::canonicalize("..").unwrap();
    let root_s = root.to_str().unwrap();
    // This repository, named explicitly: `generated/` is up to date.
    let check = ["build", "../specs", "-o", "../generated", "--check"];
    let out = wfc(&check, &[("WFC_SOURCE", root_s)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("is up to date"), "{}", stderr(&out));
    let mut with_flag = check.to_vec();
    with_flag.extend(["--wfc-source", root_s]);
    let out = wfc(&with_flag, &[("WFC_SOURCE", "/nonexistent/wfc")]);
    assert!(out.status.success(), "the flag wins: {}", stderr(&out));

    // Another checkout: the manifest's dependency paths point into it, and
    // `--check` sees that `generated/` was written for a different one.
    let tmp = tempfile::tempdir().unwrap();
    let checkout = tmp.path().join("wfc");
    fake_checkout(&checkout, "wfc-runtime", "wfc-macros");
    let env = [("WFC_SOURCE", checkout.to_str().unwrap())];
    let out = wfc(&check, &env);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let stale: Vec<&str> = err.lines().filter_map(|l| l.strip_prefix("  ")).collect();
    assert_eq!(stale, ["Cargo.toml"], "{err}");
    let api = tmp.path().join("api");
    let out = wfc(
        &["build", "../specs", "-o", api.to_str().unwrap()],
        &[env[0], ("CARGO", "/nonexistent/cargo")],
    );
    assert!(
        stderr(&out).contains("cannot run cargo"),
        "{}",
        stderr(&out)
    );
    let manifest = std::fs::read_to_string(api.join("Cargo.toml")).unwrap();
    for dep in [
        "wfc-macros = { path = \"../wfc/macros\" }",
        "wfc-runtime = { path = \"../wfc/runtime\" }",
    ] {
        assert!(manifest.contains(dep), "{dep} not in:\n{manifest}");
    }
}
