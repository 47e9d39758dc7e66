//! `wfc check` over 200 generated specs with the full recorded catalog
//! (ComfyUI 0.8.0, 568 classes, about 1 MB).
//!
//! Run with `cargo bench -p wfc --bench check`. It prints medians over
//! several runs of: parsing the catalog alone, the whole check in process,
//! and the `wfc check` binary as a user runs it. Each spec has its own
//! workflow file, so 200 specs mean 200 YAML and 200 JSON parses.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use wfc::project::{CatalogChoice, check_dir};

const CATALOG: &str = "../../shared/comfyui/object_info.json";
const SPECS: usize = 200;
const RUNS: usize = 15;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// Writes `SPECS` specs, alternating an SD 1.5 graph and a model-free one,
/// each with its own workflow file and different limits and defaults.
fn generate(dir: &Path) {
    let sd15 = include_str!("../tests/broken/_workflows/sd15.json");
    let basic = include_str!("../tests/broken/_workflows/basic.json");
    for i in 0..SPECS {
        let family = format!("family{}", i % 10);
        std::fs::create_dir_all(dir.join(&family)).unwrap();
        let (workflow, spec) = if i % 2 == 0 {
            (
                sd15,
                format!(
                    "workflow: spec{i}.json\nsummary: Text to image {i}\ntags: [bench]\ninputs:\n  prompt: {{ bind: Positive prompt.text, required: true, max_length: {len} }}\n  negative_prompt: {{ bind: 7.text, default: \"blurry\" }}\n  width: {{ bind: 5.width, default: 512, minimum: 256, maximum: 2048, multiple_of: 8 }}\n  height: {{ bind: 5.height, default: 512, minimum: 256, maximum: 2048, multiple_of: 8 }}\n  seed: {{ bind: [3.seed], default: random }}\n  steps: {{ bind: KSampler.steps, default: {steps}, maximum: 100, examples: [20] }}\n  cfg: {{ bind: 3.cfg, minimum: 1.0, maximum: 20.0 }}\n  sampler_name: {{ bind: 3.sampler_name, enum: [euler, euler_ancestral, dpmpp_2m] }}\n  scheduler: 3.scheduler\n  checkpoint: 4.ckpt_name\noutputs:\n  images: {{ from: 9 }}\n",
                    len = 100 + i,
                    steps = 10 + i % 50
                ),
            )
        } else {
            (
                basic,
                format!(
                    "workflow: spec{i}.json\nsummary: Solid color {i}\ninputs:\n  width: {{ bind: Canvas.width, maximum: 1024 }}\n  height: {{ bind: 1.height, maximum: 1024 }}\n  color: {{ bind: 1.color, default: {i} }}\n  prefix: {{ bind: 3.filename_prefix, pattern: \"^[a-z0-9_]+$\" }}\noutputs:\n  saved: 3\n  preview: Preview\n"
                ),
            )
        };
        std::fs::write(dir.join(&family).join(format!("spec{i}.json")), workflow).unwrap();
        std::fs::write(dir.join(&family).join(format!("spec{i}.yaml")), spec).unwrap();
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let choice = CatalogChoice::File(CATALOG.into());

    // Sanity: the generated specs are clean, so the check does all its work.
    let p = check_dir(dir.path(), &choice);
    assert_eq!(p.spec_files.len(), SPECS);
    assert!(
        p.diagnostics.is_empty(),
        "{}",
        wfc::diagnostic::render_plain(&p.sources, &p.diagnostics)
    );

    let text = std::fs::read_to_string(CATALOG).unwrap();
    let catalog: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let c = wfc::catalog::Catalog::parse(0, &text).unwrap();
            assert_eq!(c.len(), 568);
            t.elapsed()
        })
        .collect();
    let in_process: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let p = check_dir(dir.path(), &choice);
            assert_eq!(p.endpoints.len(), SPECS);
            t.elapsed()
        })
        .collect();
    let binary: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            let out = Command::new(env!("CARGO_BIN_EXE_wfc"))
                .args(["check", dir.path().to_str().unwrap(), "--catalog", CATALOG])
                .output()
                .unwrap();
            assert!(out.status.success());
            t.elapsed()
        })
        .collect();

    let (catalog, in_process, binary) = (median(catalog), median(in_process), median(binary));
    let per_spec = (in_process.saturating_sub(catalog)) / SPECS as u32;
    println!(
        "wfc check: {SPECS} specs (each with its own workflow), full catalog ({} bytes), median of {RUNS} runs",
        text.len()
    );
    println!("  catalog parse alone        {}", ms(catalog));
    println!("  check_dir in process       {}", ms(in_process));
    println!(
        "  per spec (minus catalog)   {:.1} us",
        per_spec.as_secs_f64() * 1e6
    );
    println!("  `wfc check` process wall   {}", ms(binary));
    println!(
        "  target: under 200 ms       {}",
        if binary < Duration::from_millis(200) {
            "met"
        } else {
            "MISSED"
        }
    );
    println!(
        "  ratio process / target     {:.2}",
        binary.as_secs_f64() / 0.2
    );
}
