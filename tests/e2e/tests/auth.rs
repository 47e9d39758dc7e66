//! API keys on the real binary in front of the ComfyUI test double: the
//! matrix of no key, a wrong key, a key scoped to another endpoint and a
//! key reaching another key's request; the key file reloaded on change and
//! on SIGHUP without a restart; rate limits; keys never in the logs; a
//! malformed key file stopping the start with its position.

use comfy_double::{Double, FaultConfig, RunningDouble};
use serde_json::{Value, json};
use std::time::Duration;
use wfc_e2e::{Api, wait_until};

const ALICE: &str = "alice-secret-key-0001";
const BOB: &str = "bob-secret-key-000002";
const OPS: &str = "ops-secret-key-000003";
const CAROL: &str = "carol-secret-key-0004";

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn call(method: &str, url: &str, key: Option<&str>, body: Option<Value>) -> Answer {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let result = match body {
        None => {
            let mut r = agent.get(url);
            if let Some(k) = key {
                r = r.header("authorization", &format!("Bearer {k}"));
            }
            let _ = method;
            r.call()
        }
        Some(body) => {
            let mut r = agent.post(url).header("content-type", "application/json");
            if let Some(k) = key {
                r = r.header("x-api-key", k);
            }
            r.send(body.to_string())
        }
    };
    let mut response = result.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    Answer {
        status: response.status().as_u16(),
        headers,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
    }
}

fn double() -> RunningDouble {
    Double::builder()
        .step_delay_ms(1)
        .spawn()
        .expect("the double starts")
}

fn key_file(text: &str) -> tempfile::NamedTempFile {
    let f = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(f.path(), text).unwrap();
    f
}

const SOLID: &str = "/workflows/basic/solid_invert";
const BLUR: &str = "/workflows/basic/blur";

fn solid(id: &str) -> Value {
    json!({"id": id, "input": {"width": 8, "height": 8}})
}

#[test]
fn the_auth_matrix_on_compiled_endpoints_and_interrupt() {
    let d = double();
    let keys = key_file(&format!(
        r#"
[[keys]]
name = "alice"
key = "{ALICE}"
endpoints = ["/workflows/basic/solid_*"]

[[keys]]
name = "bob"
key = "{BOB}"

[[keys]]
name = "ops"
key = "{OPS}"
jobs = "all"
"#
    ));
    let path = keys.path().to_str().unwrap();
    let api = Api::start(&d.url(), &[("API_KEYS_FILE", path)]);
    let url = |p: &str| format!("{}{p}", api.url);
    assert!(
        api.logs()
            .contains("API keys required: 3 key(s) [alice, bob, ops]"),
        "{}",
        api.logs()
    );

    // No key, a wrong key: 401 with the challenge; probes stay public.
    let none = call("POST", &url(SOLID), None, Some(solid("a")));
    assert_eq!(none.status, 401, "{:?}", none.body);
    assert_eq!(
        none.header("www-authenticate"),
        Some("Bearer realm=\"wfc\"")
    );
    assert_eq!(none.body["type"], "urn:wfc:problem:unauthorized");
    let wrong = call(
        "POST",
        &url(SOLID),
        Some("not-a-key-of-this-server"),
        Some(solid("a")),
    );
    assert_eq!(wrong.status, 401);
    assert!(
        wrong
            .header("www-authenticate")
            .unwrap()
            .contains("invalid_token")
    );
    assert_eq!(call("GET", &url("/health"), None, None).status, 200);

    // Alice's glob covers solid_invert, not blur.
    let ok = call("POST", &url(SOLID), Some(ALICE), Some(solid("a1")));
    assert_eq!(ok.status, 200, "{:?}", ok.body);
    let other = call("POST", &url(BLUR), Some(ALICE), Some(json!({"input": {}})));
    assert_eq!(other.status, 403, "{:?}", other.body);
    assert_eq!(other.body["type"], "urn:wfc:problem:forbidden");
    let detail = other.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("`alice`") && detail.contains("/workflows/basic/solid_*"),
        "{detail}"
    );
    // Nobody but raw_prompt keys runs raw graphs.
    let raw = call(
        "POST",
        &url("/prompt"),
        Some(BOB),
        Some(json!({"prompt": {"1": {}}})),
    );
    assert_eq!(raw.status, 403);

    // Bob's running request: Alice can't reach it (404, as if unknown),
    // ops (jobs = "all") can.
    d.set_faults(FaultConfig {
        slow_node: Some("ImageInvert".into()),
        slow_node_ms: 15_000,
        ..Default::default()
    });
    let bobs = {
        let u = url(SOLID);
        // Sizes no earlier request used, so ComfyUI's cache can't answer.
        let body = json!({"id": "shared-id", "input": {"width": 9, "height": 7}});
        std::thread::spawn(move || call("POST", &u, Some(BOB), Some(body)))
    };
    wait_until("bob's prompt runs", Duration::from_secs(10), || {
        assert!(
            !bobs.is_finished(),
            "bob's request ended early:\n{}",
            api.logs()
        );
        let q = call("GET", &format!("{}/queue", d.url()), None, None).body;
        q["queue_running"].as_array().is_some_and(|a| !a.is_empty())
    });
    let by_alice = call(
        "POST",
        &url("/interrupt"),
        Some(ALICE),
        Some(json!({"id": "shared-id"})),
    );
    assert_eq!(by_alice.status, 404, "{:?}", by_alice.body);
    assert_eq!(by_alice.body["type"], "urn:wfc:problem:unknown-request");
    let by_ops = call(
        "POST",
        &url("/interrupt"),
        Some(OPS),
        Some(json!({"id": "shared-id"})),
    );
    assert_eq!(by_ops.status, 200, "{:?}\n{}", by_ops.body, api.logs());
    let ended = bobs.join().unwrap();
    assert_eq!(
        ended.body["type"], "urn:wfc:problem:interrupted",
        "{:?}",
        ended.body
    );

    // Keys never reach the logs, whatever happened.
    let logs = api.logs();
    for secret in [ALICE, BOB, OPS, "not-a-key-of-this-server"] {
        assert!(!logs.contains(secret), "a key is in the logs:\n{logs}");
    }
}

#[test]
fn the_key_file_is_reloaded_on_change_and_on_sighup() {
    let d = double();
    let keys = key_file(&format!("[[keys]]\nname = \"alice\"\nkey = \"{ALICE}\"\n"));
    let path = keys.path().to_str().unwrap();
    let api = Api::start(&d.url(), &[("API_KEYS_FILE", path)]);
    let models = format!("{}/models", api.url);
    assert_eq!(call("GET", &models, Some(ALICE), None).status, 200);
    assert_eq!(call("GET", &models, Some(CAROL), None).status, 401);

    // A change on disk: Carol in, Alice out, without a restart.
    std::fs::write(
        keys.path(),
        format!("[[keys]]\nname = \"carol\"\nkey = \"{CAROL}\"\n"),
    )
    .unwrap();
    wait_until("carol's key works", Duration::from_secs(10), || {
        call("GET", &models, Some(CAROL), None).status == 200
    });
    assert_eq!(call("GET", &models, Some(ALICE), None).status, 401);

    // A broken file is reported and the keys in force stay.
    std::fs::write(keys.path(), "[[keys]\n").unwrap();
    wait_until(
        "the broken file is reported",
        Duration::from_secs(10),
        || api.logs().contains("API keys not reloaded"),
    );
    assert!(api.logs().contains(&format!("{path}:1:")), "{}", api.logs());
    assert_eq!(call("GET", &models, Some(CAROL), None).status, 200);

    // SIGHUP reloads at once, even when the file looks unchanged to the
    // poll (same size, written back within the poll interval).
    std::fs::write(
        keys.path(),
        format!("[[keys]]\nname = \"bob\"\nkey = \"{BOB}\"\n"),
    )
    .unwrap();
    api.signal("HUP");
    wait_until(
        "bob's key works after SIGHUP",
        Duration::from_secs(10),
        || call("GET", &models, Some(BOB), None).status == 200,
    );
    assert!(api.logs().contains("(SIGHUP)") || api.logs().contains("(the file changed)"));
    assert_eq!(call("GET", &models, Some(CAROL), None).status, 401);
}

#[test]
fn rate_limits_answer_429_with_retry_after() {
    let d = double();
    let keys = key_file(&format!(
        "[[keys]]\nname = \"alice\"\nkey = \"{ALICE}\"\nrate_limit = \"1/min\"\nburst = 3\n\
         [[keys]]\nname = \"bob\"\nkey = \"{BOB}\"\n"
    ));
    let api = Api::start(
        &d.url(),
        &[
            ("API_KEYS_FILE", keys.path().to_str().unwrap()),
            ("RATE_LIMIT", "100/s"),
        ],
    );
    let models = format!("{}/models", api.url);
    let statuses: Vec<u16> = (0..5)
        .map(|_| call("GET", &models, Some(ALICE), None).status)
        .collect();
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    let limited = call("GET", &models, Some(ALICE), None);
    assert_eq!(limited.body["type"], "urn:wfc:problem:rate-limited");
    let retry: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    // Bob has the default rate, far from reached.
    assert!((0..10).all(|_| call("GET", &models, Some(BOB), None).status == 200));
}

#[test]
fn environment_keys_and_a_raw_prompt_switch() {
    let d = double();
    let env_keys = format!("ci:{ALICE}");
    let api = Api::start(
        &d.url(),
        &[("API_KEYS", &env_keys), ("RAW_PROMPT", "false")],
    );
    let url = |p: &str| format!("{}{p}", api.url);
    assert_eq!(
        call("POST", &url(SOLID), Some(ALICE), Some(solid("e"))).status,
        200
    );
    let raw = call(
        "POST",
        &url("/prompt"),
        Some(ALICE),
        Some(json!({"prompt": {"1": {}}})),
    );
    assert_eq!(raw.status, 403);
    assert!(
        raw.body["detail"]
            .as_str()
            .unwrap()
            .contains("RAW_PROMPT=false")
    );
    assert!(!api.logs().contains(ALICE));
}

#[test]
fn without_keys_the_start_up_log_says_the_server_is_open() {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    assert!(
        api.logs().contains("no API keys are configured"),
        "{}",
        api.logs()
    );
}

#[test]
fn bad_access_settings_stop_the_start_with_a_clear_error() {
    let broken = key_file("[[keys]]\nname = \"a\"\nkey = \"short\"\n");
    let broken_path = broken.path().to_str().unwrap().to_string();
    let cases = [
        (
            vec![("API_KEYS_FILE", broken_path.as_str())],
            format!("{broken_path}:3:7: the key of `a` is shorter than 16 characters"),
        ),
        (
            vec![("API_KEYS_FILE", "/nonexistent/keys.toml")],
            "/nonexistent/keys.toml: cannot read the key file".to_string(),
        ),
        (
            vec![("CORS_ALLOWED_ORIGINS", "app.example.com")],
            "CORS_ALLOWED_ORIGINS (--cors-allowed-origins): `app.example.com` is not an origin"
                .to_string(),
        ),
        (
            vec![("RATE_LIMIT", "lots")],
            "RATE_LIMIT (--rate-limit): `lots` is not a rate".to_string(),
        ),
        (
            vec![("API_KEYS", "just-a-key-without-name")],
            "API_KEYS (--api-keys): entry 1 is not `name:key`".to_string(),
        ),
    ];
    for (env, expected) in cases {
        let out = std::process::Command::new(wfc_e2e::api_binary())
            .args([
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--comfyui-url",
                "http://127.0.0.1:9",
            ])
            .envs(env.iter().copied())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{env:?} started");
        assert!(stderr.contains(&expected), "{env:?}: {stderr}");
        assert!(!stderr.contains("just-a-key-without-name"), "{stderr}");
    }
}

#[test]
fn hash_key_prints_the_line_for_the_key_file() {
    use std::io::Write;
    let mut child = std::process::Command::new(wfc_e2e::api_binary())
        .arg("--hash-key")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"abcdefghijklmnopqrstuvwxyz\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    // sha256("abcdefghijklmnopqrstuvwxyz"), computed independently.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "sha256 = \"sha256:71c480df93d6ae2f1efad1447c66c9525e316218cf51fc8d9ed832f2daf18b73\""
    );
}
