//! schemathesis (PyPI), an independent property-based tester, against the
//! real binary in front of the ComfyUI test double: every operation of the
//! served OpenAPI document, in examples, coverage and fuzzing phases,
//! bounded in examples and time. Every check runs (no server error, status
//! codes, content types, headers and bodies as documented, invalid data
//! refused) but `positive_data_acceptance`: a schema can't say which
//! strings decode as images or which model files a deployment has, so
//! schema-valid requests may rightly get 422. The hooks in
//! `tests/e2e/schemathesis/hooks.py` keep every URL on 127.0.0.1 and leave
//! webhooks out (they make a request asynchronous, to a URL nobody serves).

use comfy_double::Double;
use std::path::Path;
use std::process::Command;
use wfc_e2e::Api;

#[test]
fn schemathesis_finds_no_failure_in_any_operation() {
    let double = Double::builder()
        .step_delay_ms(0)
        .spawn()
        .expect("the double starts");
    let api = Api::start(&double.url(), &[]);
    let hooks = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemathesis");
    let out = Command::new("schemathesis")
        .args([
            "run",
            &format!("{}/openapi.json", api.url),
            "--checks",
            "all",
            "--exclude-checks",
            "positive_data_acceptance",
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            "10",
            "--max-time",
            "60",
            "--request-timeout",
            "60",
            "--max-response-time",
            "60",
            "--seed",
            "1",
            "--no-color",
        ])
        .env("SCHEMATHESIS_HOOKS", "hooks")
        .env("PYTHONPATH", &hooks)
        .current_dir(std::env::temp_dir())
        .output()
        .expect("schemathesis runs (.ci/run installs it from PyPI)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "schemathesis found failures:\n{stdout}\n{}\nserver log:\n{}",
        String::from_utf8_lossy(&out.stderr),
        api.logs()
    );
    // It did test: the summary counts the operations and the cases.
    assert!(stdout.contains("Tested: "), "{stdout}");
    let passed = stdout
        .lines()
        .find(|l| l.contains(" generated, ") && l.contains(" passed"))
        .unwrap_or_else(|| panic!("no case summary:\n{stdout}"));
    let generated: usize = passed.trim().split(' ').next().unwrap().parse().unwrap();
    assert!(generated >= 100, "only {generated} cases: {passed}");
}
