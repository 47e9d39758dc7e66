//! Code generation and `wfc build` timings.
//!
//! Run with `cargo bench -p wfc --bench build`. Reports, as medians:
//! - generation per spec: what `#[workflow]` does for one spec (check it,
//!   emit tokens, render them), over the ten example specs;
//! - `wfc build` of a copy of `specs/` (release): the first build, a
//!   no-change rebuild, and the rebuild after one spec's limit changes,
//!   with the crates cargo recompiled each time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
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

fn generation_per_spec() -> (Duration, usize) {
    let specs = Path::new("../specs");
    let project = wfc::project::check_dir(specs, &wfc::project::CatalogChoice::Auto);
    let n = project.spec_files.len();
    let runs: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            for rel in &project.spec_files {
                let checked = wfc::project::check_spec(specs, rel, None, None);
                let e = checked.endpoint.unwrap();
                let ident = proc_macro2::Ident::new(
                    &wfc::emit::type_name(&e.api.name),
                    proc_macro2::Span::call_site(),
                );
                let tokens = wfc::emit::endpoint_tokens(&e, &ident, &[]);
                std::hint::black_box(tokens.to_string());
            }
            t.elapsed() / n as u32
        })
        .collect();
    (median(runs), n)
}

/// Runs `wfc build`, returning the wall time and the crates cargo compiled.
fn build(specs: &Path, out: &Path, target: &Path) -> (Duration, Vec<String>) {
    let t = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_wfc"))
        .args([
            "build",
            specs.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .unwrap();
    let elapsed = t.elapsed();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let compiled = err
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Compiling "))
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    (elapsed, compiled)
}

fn main() {
    let (per_spec, n) = generation_per_spec();
    println!("generation: {n} example specs, median of 30 runs");
    println!(
        "  per spec (check + emit + render, as #[workflow] does)   {:.2} ms",
        per_spec.as_secs_f64() * 1e3
    );
    println!(
        "  target: under 20 ms                                     {}",
        if per_spec < Duration::from_millis(20) {
            "met"
        } else {
            "MISSED"
        }
    );

    let tmp = tempfile::tempdir().unwrap();
    let specs = tmp.path().join("specs");
    copy_dir(Path::new("../specs"), &specs);
    let out = tmp.path().join("api");
    let target: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/wfc-bench");
    let (first, first_compiled) = build(&specs, &out, &target);
    println!(
        "wfc build (release) of a copy of specs/ ({n} endpoints), target dir target/wfc-bench"
    );
    println!(
        "  first build                     {:>8.1} s  ({} crates compiled; less when cached)",
        first.as_secs_f64(),
        first_compiled.len()
    );
    let noop: Vec<Duration> = (0..3).map(|_| build(&specs, &out, &target).0).collect();
    println!(
        "  no change                       {:>8.2} s",
        median(noop).as_secs_f64()
    );
    let spec = specs.join("sd15/txt2img.yaml");
    let original = std::fs::read_to_string(&spec).unwrap();
    let mut runs = Vec::new();
    let mut compiled = Vec::new();
    for i in 0..3 {
        let changed = original.replace("maximum: 100", &format!("maximum: {}", 90 + i));
        std::fs::write(&spec, changed).unwrap();
        let (t, c) = build(&specs, &out, &target);
        runs.push(t);
        compiled = c;
    }
    println!(
        "  one spec's limit changed        {:>8.2} s  (median of 3; recompiled: {})",
        median(runs).as_secs_f64(),
        compiled.join(", ")
    );
    let runtime_rebuilt = compiled
        .iter()
        .any(|c| c == "wfc-runtime" || c == "wfc-macros");
    println!(
        "  runtime or macros recompiled    {}",
        if runtime_rebuilt {
            "yes (MISSED)"
        } else {
            "no"
        }
    );
}
