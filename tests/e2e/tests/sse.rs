//! The job event stream read by an independent client: the `eventsource`
//! package on Node (tests/e2e/sse, installed by `npm ci` there, which
//! .ci/run does), against the real binary with the ComfyUI test double
//! behind it. All events in order; a disconnect mid-run and a reconnect
//! with `Last-Event-ID`; 200 subscribers on one job.

use comfy_double::{Double, RunningDouble};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;
use wfc_e2e::{Api, wait_until};

/// The double runs each sampler step in 100 ms: a 30-step run lasts 3 s
/// and reports progress all along.
fn double() -> RunningDouble {
    Double::builder()
        .step_delay_ms(100)
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

fn start() -> (RunningDouble, Api) {
    let d = double();
    let api = Api::start(&d.url(), &[]);
    wait_until("the API is ready", Duration::from_secs(30), || {
        agent()
            .get(format!("{}/ready", api.url))
            .call()
            .is_ok_and(|r| r.status() == 200)
    });
    (d, api)
}

/// Submits a 30-step txt2img asynchronously; the job's id.
fn submit(api: &Api) -> String {
    let mut r = agent()
        .post(format!("{}/workflows/sd15/txt2img", api.url))
        .header("content-type", "application/json")
        .header("prefer", "respond-async")
        .send(
            json!({"input": {"prompt": "a fox", "steps": 30, "width": 256, "height": 256}})
                .to_string(),
        )
        .unwrap();
    let body: Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
    assert_eq!(r.status(), 202, "{body}");
    body["id"].as_str().unwrap().to_string()
}

/// Runs follow.mjs on the job's event stream with `args`; its JSON.
fn follow(api: &Api, id: &str, args: &[&str]) -> Value {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sse");
    assert!(
        dir.join("node_modules/eventsource").is_dir(),
        "the eventsource package is missing: run `npm ci` in {} (.ci/run does)",
        dir.display()
    );
    let out = Command::new("node")
        .arg(dir.join("follow.mjs"))
        .arg(format!("{}/jobs/{id}/events", api.url))
        .args(args)
        .output()
        .expect("node runs (.ci/run installs Node.js)");
    assert!(
        out.status.success(),
        "follow.mjs failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        api.logs()
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        let text = String::from_utf8_lossy(&out.stdout);
        panic!(
            "follow.mjs printed no JSON ({e}; {} bytes): {}",
            text.len(),
            text.chars().take(400).collect::<String>()
        )
    })
}

/// (id, event) of each event, checked against the JSON inside it.
fn sequence(events: &Value) -> Vec<(u64, String)> {
    events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let id: u64 = e["id"].as_str().unwrap().parse().unwrap();
            let kind = e["event"].as_str().unwrap().to_string();
            assert_eq!(e["data"]["seq"], id, "{e}");
            assert_eq!(e["data"]["kind"], kind.as_str(), "{e}");
            (id, kind)
        })
        .collect()
}

/// The whole stream of a job, as a fresh subscriber reads it.
fn full(api: &Api, id: &str) -> Vec<(u64, String)> {
    sequence(&follow(api, id, &[])["subscribers"][0])
}

fn kinds(events: &[(u64, String)], kind: &str) -> usize {
    events.iter().filter(|e| e.1 == kind).count()
}

#[test]
fn an_independent_client_receives_every_event_in_order() {
    let (_d, api) = start();
    let id = submit(&api);
    let live = full(&api, &id);
    let ids: Vec<u64> = live.iter().map(|e| e.0).collect();
    assert_eq!(ids, (1..=ids.len() as u64).collect::<Vec<_>>(), "{live:?}");
    assert_eq!(live[0].1, "queued", "{live:?}");
    assert_eq!(live[1].1, "started", "{live:?}");
    assert!(kinds(&live, "progress") >= 2, "{live:?}");
    assert!(kinds(&live, "output") >= 1, "{live:?}");
    assert_eq!(live.last().unwrap().1, "succeeded", "{live:?}");
    // Progress is throttled: a 3 s run gives a few per second, not one
    // per step.
    assert!(kinds(&live, "progress") <= 20, "{live:?}");
    // The finished job's stream replays the same events.
    assert_eq!(full(&api, &id), live);
}

#[test]
fn a_client_that_reconnects_with_last_event_id_misses_nothing_and_sees_nothing_twice() {
    let (_d, api) = start();
    let id = submit(&api);
    // Closed after queued, started and a first progress.
    let got = follow(&api, &id, &["--reconnect-after", "3"]);
    assert_eq!(
        got["between"], "running",
        "the disconnect was mid-run: {got}"
    );
    let (first, second) = (sequence(&got["first"]), sequence(&got["second"]));
    assert_eq!(first.len(), 3, "{got}");
    assert_eq!(
        second[0].0, 4,
        "the second stream starts after the last id seen"
    );
    assert!(kinds(&second, "progress") >= 1, "{second:?}");
    let joined: Vec<(u64, String)> = first.into_iter().chain(second).collect();
    assert_eq!(joined, full(&api, &id), "exactly the missed events");
}

#[test]
fn two_hundred_subscribers_on_one_job_all_receive_the_full_sequence() {
    let (_d, api) = start();
    let id = submit(&api);
    let got = follow(&api, &id, &["--subscribers", "200"]);
    let subscribers = got["subscribers"].as_array().unwrap();
    assert_eq!(subscribers.len(), 200);
    assert_ne!(got["open"], "succeeded", "all 200 followed the job live");
    let want = full(&api, &id);
    assert_eq!(want.last().unwrap().1, "succeeded", "{want:?}");
    assert!(kinds(&want, "progress") >= 2, "{want:?}");
    for (i, events) in subscribers.iter().enumerate() {
        assert_eq!(sequence(events), want, "subscriber {i}");
    }
}
