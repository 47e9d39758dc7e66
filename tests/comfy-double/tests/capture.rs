//! Runs the script that made the recordings (`capture/capture.py`) against
//! the double and compares its output with the recordings, scenario by
//! scenario. Needs python3 with aiohttp and Pillow (`ci-setup.sh`).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use comfy_double::{Double, ModelList};
use common::*;

/// Recorded files the script does not produce.
const NOT_PRODUCED: &[&str] = &[
    "README.md",
    "capture/capture.py",
    "capture/environment.txt",
    "object_info_with_models.json",
];

fn files_under(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(
                    p.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    out.sort();
    out
}

fn compare_file(rel: &str, expected: &Path, actual: &Path) -> Result<(), String> {
    let text = |p: &Path| std::fs::read_to_string(p).map_err(|e| e.to_string());
    if rel.ends_with("capture_log.txt") {
        // Polling loops repeat a request until the server is done: a faster
        // server repeats it less often, so repeats count once.
        let strip = |t: String| -> Vec<String> {
            let mut v: Vec<String> = t
                .lines()
                .map(|l| norm_str(l.split(" (").next().unwrap_or(l)))
                .collect();
            v.dedup();
            v
        };
        let (e, a) = (strip(text(expected)?), strip(text(actual)?));
        for (i, (x, y)) in e.iter().zip(&a).enumerate() {
            if x != y {
                return Err(format!("line {}: expected {x:?}, got {y:?}", i + 1));
            }
        }
        if e.len() != a.len() {
            return Err(format!("expected {} lines, got {}", e.len(), a.len()));
        }
        return Ok(());
    }
    if rel.ends_with(".txt") {
        let (e, a) = (norm_summary(&text(expected)?), norm_summary(&text(actual)?));
        for (i, (x, y)) in e.iter().zip(&a).enumerate() {
            if x != y {
                return Err(format!("line {}: expected {x:?}, got {y:?}", i + 1));
            }
        }
        if e.len() != a.len() {
            return Err(format!("expected {} lines, got {}", e.len(), a.len()));
        }
        return Ok(());
    }
    if rel.ends_with(".png") {
        return compare_image(expected, actual, Some(3));
    }
    if rel.ends_with(".webp") || rel.ends_with(".jpg") {
        return compare_image(expected, actual, None);
    }
    if rel.ends_with(".bin") {
        let (e, a) = (
            std::fs::read(expected).unwrap(),
            std::fs::read(actual).unwrap(),
        );
        if e.get(..8) != a.get(..8) && e.get(..4) != Some(&[0, 0, 0, 4]) {
            return Err(format!(
                "frame header: expected {:02x?}, got {:02x?}",
                e.get(..8),
                a.get(..8)
            ));
        }
        if e.get(..4) != a.get(..4) {
            return Err(format!(
                "frame type: expected {:02x?}, got {:02x?}",
                e.get(..4),
                a.get(..4)
            ));
        }
        if e.get(..4) == Some(&[0, 0, 0, 3]) && e != a {
            return Err(format!(
                "text frame: expected {:?}, got {:?}",
                String::from_utf8_lossy(&e),
                String::from_utf8_lossy(&a)
            ));
        }
        return Ok(());
    }
    let (e, a) = (read_json(expected), read_json(actual));
    if rel == "object_info.json" || rel == "capture/capture_summary.json" {
        return compare_json(&e, &a, "$", &[]);
    }
    if e.get("response").is_some() {
        return compare_exchange(&e, &a, &[]);
    }
    if let Some(posts) = e.get("posts").and_then(|p| p.as_arr()) {
        for (i, p) in posts.iter().enumerate() {
            compare_exchange(
                p,
                a.get("posts")
                    .and_then(|x| x.as_arr())
                    .and_then(|x| x.get(i))
                    .unwrap_or(&comfy_double::json::Json::Null),
                &[],
            )
            .map_err(|m| format!("posts[{i}]: {m}"))?;
        }
    }
    if e.get("messages").is_some() {
        return compare_ws(&e, &a);
    }
    compare_json(&e, &a, "$", &[])
}

/// Runs capture.py against a fresh double and compares every recorded
/// file; returns how many were compared and the differences.
fn capture_once(rec: &Path) -> (usize, Vec<String>) {
    let double = Double::builder()
        .models(ModelList::empty())
        .spawn()
        .expect("double starts");
    let out = tempfile::tempdir().unwrap();
    let mut child = Command::new("python3")
        .arg(rec.join("capture/capture.py"))
        .args(["--base", &double.url(), "--out"])
        .arg(out.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs (install it and capture.py's modules with tests/comfy-double/ci-setup.sh)");
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(150) {
            let _ = child.kill();
            panic!("capture.py did not finish within 150 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    assert!(status.success(), "capture.py failed: {err}");

    let produced = files_under(out.path());
    let find = |rel: &str| -> Option<PathBuf> {
        let n = norm_str(rel);
        produced
            .iter()
            .find(|p| norm_str(p) == n)
            .map(|p| out.path().join(p))
    };
    let mut failures = Vec::new();
    let mut compared = 0;
    for rel in files_under(rec) {
        if NOT_PRODUCED.contains(&rel.as_str()) {
            continue;
        }
        let Some(actual) = find(&rel) else {
            failures.push(format!("{rel}: not produced against the double"));
            continue;
        };
        compared += 1;
        if let Err(e) = compare_file(&rel, &rec.join(&rel), &actual) {
            failures.push(format!("{rel}: {e}"));
        }
    }
    (compared, failures)
}

#[test]
fn capture_script_output_matches_the_recordings() {
    let rec = recordings();
    let (compared, failures) = capture_once(&rec);
    assert!(compared > 200, "only {compared} recorded files compared");
    assert!(
        failures.is_empty(),
        "{} of {compared} recorded files differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
