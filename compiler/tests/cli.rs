//! The `wfc` binary, run as a user runs it: exit codes, rendered and JSON
//! diagnostics, `--help`, and the catalog commands against a real HTTP
//! server on a loopback port.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use wfc::diagnostic::Severity;
use wfc::project::{CatalogChoice, check_dir};

const FULL_CATALOG: &str = "../../shared/comfyui/object_info.json";

fn wfc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wfc"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("wfc runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_lists_the_commands() {
    let out = wfc(&["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for word in ["check", "catalog"] {
        assert!(text.contains(word), "--help lacks {word}: {text}");
    }
    let out = wfc(&["check", "--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in ["--catalog", "--no-catalog", "--format"] {
        assert!(text.contains(flag), "check --help lacks {flag}");
    }
    let out = wfc(&["build", "--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--output",
        "--check",
        "--static",
        "--wfc-source",
        "WFC_SOURCE",
    ] {
        assert!(text.contains(flag), "build --help lacks {flag}: {text}");
    }
    let out = wfc(&["catalog", "slice", "--help"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("--output"));
}

/// The broken cases of `tests/broken/`, sorted.
fn broken_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir("tests/broken")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    dirs.sort();
    dirs
}

/// The catalog a broken case is checked against (see tests/broken/README.md).
fn catalog_of(dir: &Path) -> CatalogChoice {
    if dir.join("NO_CATALOG").exists() {
        CatalogChoice::None
    } else if dir.join("WITH_MODELS").exists() {
        CatalogChoice::File(Path::new(FULL_CATALOG).with_file_name("object_info_with_models.json"))
    } else if !dir.join("object_info.json").exists() {
        CatalogChoice::File(FULL_CATALOG.into())
    } else {
        CatalogChoice::Auto
    }
}

/// `wfc check DIR` with the flags that select [`catalog_of`] `dir`.
fn check_args(dir: &Path) -> Vec<String> {
    let mut args = vec!["check".to_string(), dir.display().to_string()];
    match catalog_of(dir) {
        CatalogChoice::None => args.push("--no-catalog".into()),
        CatalogChoice::File(f) => args.extend(["--catalog".into(), f.display().to_string()]),
        CatalogChoice::Auto => {}
    }
    args
}

#[test]
fn every_broken_case_exits_1_without_panicking() {
    for dir in broken_dirs() {
        let d = dir.to_str().unwrap();
        let args = check_args(&dir);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = wfc(&args);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{d}: {err}");
        let warning_only = dir.join("WITH_MODELS").exists();
        assert_eq!(
            out.status.code(),
            Some(if warning_only { 0 } else { 1 }),
            "{d}: {err}"
        );
        if !warning_only {
            assert!(err.contains("error["), "{d}: {err}");
            assert!(
                err.lines().last().unwrap().starts_with("error: "),
                "{d}: no summary line: {err}"
            );
        }
    }
}

/// The `--format json` report, read strictly: a key that appears twice in
/// one object, or a key not documented in the README, fails to parse.
#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct JsonReport {
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic>,
}

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct JsonDiagnostic {
    severity: String,
    code: String,
    message: String,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    label: Option<String>,
    related: Vec<JsonRelated>,
    help: Vec<String>,
    notes: Vec<String>,
}

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct JsonRelated {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: String,
}

fn json_report(out: &Output) -> JsonReport {
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("strict parse: {e}\n{text}"))
}

#[test]
fn json_format_gives_positions() {
    let dir = Path::new("tests/broken/unknown_input");
    let out = wfc(&[
        "check",
        dir.to_str().unwrap(),
        "--catalog",
        FULL_CATALOG,
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = json_report(&out);
    let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
    let expected_errors = expected.lines().filter(|l| l.starts_with("error[")).count();
    assert!(expected_errors > 0);
    assert_eq!(report.errors, expected_errors);
    let first = &report.diagnostics[0];
    assert_eq!(first.code, "unknown-input");
    assert_eq!(first.message, "node 3 (KSampler) has no input `sed`");
    assert_eq!(first.label.as_deref(), Some("no such input"));
    assert_eq!(
        first.file.as_deref(),
        Some("tests/broken/unknown_input/spec.yaml")
    );
    assert_eq!((first.line, first.column), (Some(3), Some(17)));
    assert_eq!(first.help[0], "did you mean `seed`?");
    assert_eq!(first.related[0].file, "tests/broken/_workflows/sd15.json");
    assert_eq!(first.related[0].message, "this node");
}

#[test]
fn json_format_has_every_diagnostic_with_its_own_message() {
    for dir in broken_dirs() {
        let mut args = check_args(&dir);
        args.extend(["--format".into(), "json".into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let report = json_report(&wfc(&args));
        // The same check, in the library: the JSON must say exactly this.
        let p = check_dir(&dir, &catalog_of(&dir));
        let d = dir.display();
        assert_eq!(report.errors, p.diagnostics.error_count(), "{d}");
        assert_eq!(report.warnings, p.diagnostics.warning_count(), "{d}");
        assert_eq!(
            report.diagnostics.len(),
            p.diagnostics.iter().count(),
            "{d}"
        );
        for (json, diag) in report.diagnostics.iter().zip(p.diagnostics.iter()) {
            assert_eq!(json.message, diag.message, "{d}");
            assert_eq!(json.code, diag.code.as_str(), "{d}");
            let severity = match diag.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            assert_eq!(json.severity, severity, "{d}");
            assert_eq!(
                json.label.as_deref(),
                diag.primary.as_ref().map(|l| l.message.as_str()),
                "{d}"
            );
            let place = (json.file.is_some(), json.line, json.column);
            let place = (place.0, place.1.is_some(), place.2.is_some());
            let located = diag.primary.is_some();
            assert_eq!(place, (located, located, located), "{d}");
            assert_eq!(
                json.end_line.is_some() && json.end_column.is_some(),
                located
            );
            let related: Vec<&str> = json.related.iter().map(|r| r.message.as_str()).collect();
            let secondary: Vec<&str> = diag.secondary.iter().map(|l| l.message.as_str()).collect();
            assert_eq!(related, secondary, "{d}");
            assert!(json.related.iter().all(|r| r.line >= 1
                && r.column >= 1
                && (r.end_line, r.end_column) >= (r.line, r.column)
                && !r.file.is_empty()));
            assert_eq!((&json.help, &json.notes), (&diag.help, &diag.notes), "{d}");
        }
    }
}

#[test]
fn missing_dir_and_unreadable_catalog_are_errors() {
    let out = wfc(&["check", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("`no/such/dir` is not a directory"));
    let out = wfc(&[
        "check",
        "tests/broken/unknown_input",
        "--catalog",
        "no/such/catalog.json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read the catalog `no/such/catalog.json`"));
    let out = wfc(&["check", "x", "--catalog", "a", "--no-catalog"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "conflicting flags are a usage error"
    );
}

/// Serves `body` with `status` to every request on a loopback port, for a
/// bounded number of connections; returns the base URL.
fn serve(status: &'static str, body: Vec<u8>, connections: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            let _ = reader.read_line(&mut request_line);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let ok_path = request_line.starts_with("GET /object_info ");
            let (status, body) = if ok_path {
                (status, body.as_slice())
            } else {
                ("404 Not Found", &b""[..])
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(body);
        }
    });
    url
}

#[test]
fn catalog_pull_fetches_object_info_over_http() {
    let recorded = std::fs::read(FULL_CATALOG).unwrap();
    // Compact, as a live ComfyUI sends it.
    let compact =
        serde_json::to_vec(&serde_json::from_slice::<serde_json::Value>(&recorded).unwrap())
            .unwrap();
    let classes = serde_json::from_slice::<serde_json::Value>(&recorded)
        .unwrap()
        .as_object()
        .map(|o| o.len())
        .unwrap();
    assert!(classes > 0);
    let url = serve("200 OK", compact, 1);
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("sub/object_info.json");
    let out = wfc(&[
        "catalog",
        "pull",
        "--url",
        &format!("{url}/"),
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("({classes} node classes)")),
        "{}",
        stderr(&out)
    );
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_path).unwrap()).unwrap();
    let original: serde_json::Value = serde_json::from_slice(&recorded).unwrap();
    assert_eq!(
        written, original,
        "pulled catalog differs from what was served"
    );
    assert_eq!(
        written["KSampler"]["input"]["required"]["seed"][1]["max"].as_u64(),
        Some(u64::MAX),
        "seed range kept exactly"
    );
}

#[test]
fn catalog_pull_reports_bad_answers() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("c.json");
    let target = out_path.to_str().unwrap();

    let url = serve("200 OK", br#"{"system": {"os": "posix"}}"#.to_vec(), 1);
    let out = wfc(&["catalog", "pull", "--url", &url, "-o", target]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a ComfyUI `/object_info` catalog"),
        "{}",
        stderr(&out)
    );
    assert!(!out_path.exists(), "nothing is written for a bad answer");

    let url = serve("500 Internal Server Error", b"oops".to_vec(), 1);
    let out = wfc(&["catalog", "pull", "--url", &url, "-o", target]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("answered 500"), "{}", stderr(&out));

    // A port that nothing listens on: bind, note the port, close.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = wfc(&[
        "catalog",
        "pull",
        "--url",
        &format!("http://127.0.0.1:{port}"),
        "-o",
        target,
        "--timeout",
        "5",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is ComfyUI running there?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn shipped_catalog_is_the_slice_of_the_recorded_one() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("object_info.json");
    let out = wfc(&[
        "catalog",
        "slice",
        "../specs",
        "--catalog",
        FULL_CATALOG,
        "-o",
        fresh.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let fresh = std::fs::read_to_string(&fresh).unwrap();
    let shipped = std::fs::read_to_string("../specs/object_info.json")
        .expect("specs/object_info.json is committed");
    assert!(
        fresh == shipped,
        "specs/object_info.json is stale; run `wfc catalog slice specs --catalog {FULL_CATALOG} -o specs/object_info.json`"
    );
    // And the specs check clean against it, found automatically.
    let out = wfc(&["check", "../specs"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("no problems"), "{}", stderr(&out));
}

#[test]
fn slice_refuses_broken_specs() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("c.json");
    let out = wfc(&[
        "catalog",
        "slice",
        "tests/broken/unknown_input",
        "--catalog",
        FULL_CATALOG,
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nothing was written"));
    assert!(!target.exists());
}
