//! `GET /metrics` of the real API binary in front of the ComfyUI test
//! double, read with the Prometheus project's own Python parser
//! (`prometheus_client`, from PyPI): after known traffic (3 runs, 2
//! requests answered 422 by the schema, one image URL refused by the
//! outbound policy, one 404) every counter equals what was sent, the
//! histograms count the same requests and runs, and the families have
//! their types; the gauges follow ComfyUI's queue, the runs in flight
//! and ComfyUI going away; `METRICS=false` removes the route, and a
//! malformed `METRICS` stops the binary at start.

use comfy_double::{Double, FaultConfig, RunningDouble};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use wfc_e2e::Api;

const INVERT: &str = "/workflows/basic/solid_invert";
const BLUR: &str = "/workflows/basic/blur";

fn double() -> RunningDouble {
    Double::builder()
        .step_delay_ms(1)
        .spawn()
        .expect("the double starts")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// Status, content type and body of a GET.
fn get(url: &str) -> (u16, String, String) {
    let mut response = agent().get(url).call().expect("the API answers");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = response.body_mut().read_to_string().unwrap();
    (response.status().as_u16(), content_type, body)
}

/// Status of a JSON POST.
fn post(api: &Api, path: &str, body: Value) -> u16 {
    agent()
        .post(format!("{}{path}", api.url))
        .header("content-type", "application/json")
        .send(body.to_string())
        .expect("the API answers")
        .status()
        .as_u16()
}

/// One sample as the Python parser read it.
#[derive(Debug)]
struct Sample {
    /// The family's name (counters without `_total`).
    family: String,
    /// The family's type: `counter`, `gauge`, `histogram`, ...
    kind: String,
    /// The sample's name (`wfc_http_requests_total`, `..._bucket`).
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

/// Reads the text with `prometheus_client.parser` (Prometheus's text
/// format 0.0.4), which fails on text it does not accept.
const PARSE: &str = r#"
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for f in text_string_to_metric_families(sys.stdin.read()):
    for s in f.samples:
        out.append({"family": f.name, "type": f.type, "name": s.name, "labels": s.labels, "value": s.value})
print(json.dumps(out))
"#;

fn parse(text: &str) -> Vec<Sample> {
    let mut child = Command::new("python3")
        .args(["-c", PARSE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs (.ci/run installs prometheus_client)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the Python parser refused the text:\n{}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parsed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    parsed
        .into_iter()
        .map(|s| Sample {
            family: s["family"].as_str().unwrap().to_string(),
            kind: s["type"].as_str().unwrap().to_string(),
            name: s["name"].as_str().unwrap().to_string(),
            labels: serde_json::from_value(s["labels"].clone()).unwrap(),
            value: s["value"].as_f64().unwrap(),
        })
        .collect()
}

/// The scraped samples, with look-ups by name and exact labels.
struct Scrape(Vec<Sample>);

impl Scrape {
    fn of(api: &Api) -> Scrape {
        let (status, content_type, text) = get(&format!("{}/metrics", api.url));
        assert_eq!(status, 200, "{text}");
        assert!(
            content_type.starts_with("text/plain; version=0.0.4"),
            "{content_type}"
        );
        Scrape(parse(&text))
    }

    /// The value of the sample `name` with exactly `labels`.
    fn value(&self, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        let want: BTreeMap<String, String> = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let found: Vec<f64> = self
            .0
            .iter()
            .filter(|s| s.name == name && s.labels == want)
            .map(|s| s.value)
            .collect();
        assert!(found.len() <= 1, "{name} {labels:?} twice");
        found.first().copied()
    }

    /// The sum of every sample named `name`.
    fn total(&self, name: &str) -> f64 {
        self.0
            .iter()
            .filter(|s| s.name == name)
            .map(|s| s.value)
            .sum()
    }

    /// The type the parser gave family `family`.
    fn kind(&self, family: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|s| s.family == family)
            .map(|s| s.kind.as_str())
    }

    /// Checks the buckets of histogram `name` with `labels`: they never
    /// decrease, and `+Inf` holds the count; returns the count.
    fn histogram_count(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        let count = self
            .value(&format!("{name}_count"), labels)
            .unwrap_or_else(|| panic!("no {name}_count {labels:?}"));
        let mut buckets: Vec<(f64, f64)> = self
            .0
            .iter()
            .filter(|s| s.name == format!("{name}_bucket"))
            .filter(|s| {
                labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
            })
            .filter(|s| s.labels.len() == labels.len() + 1)
            .map(|s| (s.labels["le"].parse::<f64>().unwrap(), s.value))
            .collect();
        buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(buckets.len() > 2, "{name} {labels:?}: {buckets:?}");
        assert!(
            buckets.windows(2).all(|w| w[0].1 <= w[1].1),
            "{name} {labels:?}: {buckets:?}"
        );
        let last = buckets.last().unwrap();
        assert_eq!(
            (last.0, last.1),
            (f64::INFINITY, count),
            "{name} {labels:?}"
        );
        count
    }
}

/// Scrapes until `done` holds, at most 15 s.
fn scrape_until(api: &Api, what: &str, done: impl Fn(&Scrape) -> bool) -> Scrape {
    let started = Instant::now();
    loop {
        let scrape = Scrape::of(api);
        if done(&scrape) {
            return scrape;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "never: {what}; last scrape: {:?}",
            scrape.0
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn counters_and_histograms_equal_the_traffic_sent() {
    let double = double();
    let api = Api::start(&double.url(), &[]);
    for color in [1, 2, 3] {
        let input = json!({"width": 8, "height": 8, "color": color});
        assert_eq!(post(&api, INVERT, json!({"input": input})), 200);
    }
    for width in [json!("wide"), json!(0)] {
        let input = json!({"width": width});
        assert_eq!(post(&api, INVERT, json!({"input": input})), 422);
    }
    let refused = json!({"input": {"image": "http://127.0.0.1:9/a.png"}});
    assert_eq!(post(&api, BLUR, refused), 422);
    assert_eq!(get(&format!("{}/no/such/path", api.url)).0, 404);

    let m = Scrape::of(&api);
    let requests = |route, method, status| {
        m.value(
            "wfc_http_requests_total",
            &[("route", route), ("method", method), ("status", status)],
        )
    };
    assert_eq!(requests(INVERT, "POST", "200"), Some(3.0));
    assert_eq!(requests(INVERT, "POST", "422"), Some(2.0));
    assert_eq!(requests(BLUR, "POST", "422"), Some(1.0));
    assert_eq!(requests("unmatched", "GET", "404"), Some(1.0));
    // Nothing else was counted (the scrape itself counts once answered).
    assert_eq!(m.total("wfc_http_requests_total"), 7.0);
    let duration = "wfc_http_request_duration_seconds";
    let method = |route| [("route", route), ("method", "POST")];
    assert_eq!(m.histogram_count(duration, &method(INVERT)), 5.0);
    assert_eq!(m.histogram_count(duration, &method(BLUR)), 1.0);
    let unmatched = [("route", "unmatched"), ("method", "GET")];
    assert_eq!(m.histogram_count(duration, &unmatched), 1.0);

    // Runs: the 422s of the schema never reached the engine; the refused
    // URL did, and is the request's fault.
    let runs = |endpoint, outcome| {
        m.value(
            "wfc_runs_total",
            &[("endpoint", endpoint), ("outcome", outcome)],
        )
    };
    assert_eq!(runs(INVERT, "ok"), Some(3.0));
    assert_eq!(runs(BLUR, "invalid-request"), Some(1.0));
    assert_eq!(m.total("wfc_runs_total"), 4.0);
    assert_eq!(m.value("wfc_runs_in_flight", &[]), Some(0.0));
    // The three prompts ComfyUI ran, each observed once.
    assert_eq!(m.histogram_count("wfc_run_queue_wait_seconds", &[]), 3.0);
    assert_eq!(m.histogram_count("wfc_run_duration_seconds", &[]), 3.0);
    assert!(m.value("wfc_run_queue_wait_seconds_sum", &[]).unwrap() > 0.0);
    assert!(m.value("wfc_run_duration_seconds_sum", &[]).unwrap() > 0.0);

    // The outbound policy's refusal, and no other fetch.
    let refusals = m.value("wfc_outbound_fetches_total", &[("outcome", "refused")]);
    assert_eq!(refusals, Some(1.0));
    assert_eq!(m.total("wfc_outbound_fetches_total"), 1.0);
    assert_eq!(m.value("wfc_backend_up", &[]), Some(1.0));

    for (family, kind) in [
        ("wfc_http_requests", "counter"),
        ("wfc_http_request_duration_seconds", "histogram"),
        ("wfc_runs_in_flight", "gauge"),
        ("wfc_runs", "counter"),
        ("wfc_run_queue_wait_seconds", "histogram"),
        ("wfc_run_duration_seconds", "histogram"),
        ("wfc_backend_up", "gauge"),
        ("wfc_backend_queue_remaining", "gauge"),
        ("wfc_outbound_fetches", "counter"),
    ] {
        assert_eq!(m.kind(family), Some(kind), "{family}");
    }
    assert!(
        m.0.iter().all(|s| s.family.starts_with("wfc_")),
        "{:?}",
        m.0
    );

    // The first scrape is counted by the second.
    let m = Scrape::of(&api);
    let scrapes = [("route", "/metrics"), ("method", "GET"), ("status", "200")];
    assert_eq!(m.value("wfc_http_requests_total", &scrapes), Some(1.0));
}

#[test]
fn gauges_follow_the_queue_the_runs_in_flight_and_comfyui_going_away() {
    let double = double();
    // Each run holds ComfyUI's one worker for 800 ms: the second waits.
    double.set_faults(FaultConfig {
        slow_node: Some("ImageInvert".into()),
        slow_node_ms: 800,
        ..FaultConfig::default()
    });
    let api = Api::start(&double.url(), &[]);
    let url = api.url.clone();
    let runs: Vec<_> = (0..2)
        .map(|color| {
            let url = url.clone();
            std::thread::spawn(move || {
                let input = json!({"width": 8, "height": 8, "color": color});
                agent()
                    .post(format!("{url}{INVERT}"))
                    .header("content-type", "application/json")
                    .send(json!({"input": input}).to_string())
                    .unwrap()
                    .status()
                    .as_u16()
            })
        })
        .collect();
    scrape_until(&api, "2 runs in flight and 2 prompts in ComfyUI", |m| {
        m.value("wfc_runs_in_flight", &[]) == Some(2.0)
            && m.value("wfc_backend_queue_remaining", &[]) == Some(2.0)
    });
    for run in runs {
        assert_eq!(run.join().unwrap(), 200);
    }
    let m = scrape_until(&api, "an empty queue", |m| {
        m.value("wfc_backend_queue_remaining", &[]) == Some(0.0)
    });
    assert_eq!(m.value("wfc_runs_in_flight", &[]), Some(0.0));
    assert_eq!(m.histogram_count("wfc_run_queue_wait_seconds", &[]), 2.0);
    assert_eq!(m.histogram_count("wfc_run_duration_seconds", &[]), 2.0);
    // The second prompt waited for the first's 800 ms; each ran 800 ms.
    let queued = m.value("wfc_run_queue_wait_seconds_sum", &[]).unwrap();
    let executed = m.value("wfc_run_duration_seconds_sum", &[]).unwrap();
    assert!((0.6..1.5).contains(&queued), "queued {queued} s");
    assert!(executed >= 1.5, "executed {executed} s");
    assert_eq!(m.value("wfc_backend_up", &[]), Some(1.0));
    double.shutdown();
    scrape_until(&api, "ComfyUI down", |m| {
        m.value("wfc_backend_up", &[]) == Some(0.0)
    });
}

#[test]
fn metrics_false_removes_the_route_and_a_bad_value_stops_the_start() {
    let double = double();
    let api = Api::start(&double.url(), &[("METRICS", "false")]);
    let (status, content_type, body) = get(&format!("{}/metrics", api.url));
    assert_eq!(status, 404, "{body}");
    assert_eq!(content_type, "application/problem+json");
    assert!(body.contains("not-found"), "{body}");
    // The rest still answers.
    assert_eq!(get(&format!("{}/health", api.url)).0, 200);

    let out = Command::new(wfc_e2e::api_binary())
        .args(["--host", "127.0.0.1", "--port", "0"])
        .env("METRICS", "maybe")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("METRICS") && stderr.contains("maybe"),
        "{stderr}"
    );
}
