//! Jobs end to end: the real binary on a loopback port, the ComfyUI test
//! double behind it. Asynchronous submits, polling, output files, the
//! event stream and its resumption, idempotency, cancel, a `kill -9` and a
//! restart on the same data directory, and the 400s and 404s of bad input.

use comfy_double::{Double, FaultConfig, RunningDouble};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::time::Duration;
use wfc_e2e::{Api, fresh_dir, wait_until};

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn call(method: &str, url: &str, body: Option<&Value>, headers: &[(&str, &str)]) -> Answer {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let result = match method {
        "GET" => {
            let mut r = agent.get(url);
            for (k, v) in headers {
                r = r.header(*k, *v);
            }
            r.call()
        }
        _ => {
            let mut r = agent.post(url).header("content-type", "application/json");
            for (k, v) in headers {
                r = r.header(*k, *v);
            }
            r.send(body.map(Value::to_string).unwrap_or_default())
        }
    };
    let mut response = result.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let headers = response
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = response
        .body_mut()
        .with_config()
        .limit(64 << 20)
        .read_to_vec()
        .unwrap();
    Answer {
        status: response.status().as_u16(),
        headers,
        body,
    }
}

fn double(faults: FaultConfig) -> RunningDouble {
    Double::builder()
        .step_delay_ms(1)
        .faults(faults)
        .spawn()
        .expect("the double starts")
}

fn wait_ready(api: &Api) {
    wait_until("the API is ready", Duration::from_secs(30), || {
        call("GET", &format!("{}/ready", api.url), None, &[]).status == 200
    });
}

const ASYNC: (&str, &str) = ("prefer", "respond-async");

fn invert(color: u32) -> Value {
    json!({"input": {"color": color}})
}

/// Polls job `id` until it is final; returns it.
fn final_job(api: &Api, id: &str) -> Value {
    let mut job = Value::Null;
    wait_until(
        &format!("job {id} finishes"),
        Duration::from_secs(60),
        || {
            job = call("GET", &format!("{}/jobs/{id}", api.url), None, &[]).json();
            matches!(
                job["status"].as_str(),
                Some("succeeded" | "failed" | "canceled")
            )
        },
    );
    job
}

/// The events of a stream read to its end: (id, event, data).
fn read_events(api: &Api, id: &str, last_event_id: Option<u64>) -> Vec<(u64, String, Value)> {
    let addr = api.url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let resume = last_event_id.map_or(String::new(), |n| format!("Last-Event-ID: {n}\r\n"));
    write!(
        stream,
        "GET /jobs/{id}/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n{resume}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    for line in BufReader::new(stream).lines() {
        let Ok(line) = line else { break };
        text.push_str(&line);
        text.push('\n');
    }
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(
        text.to_ascii_lowercase()
            .contains("content-type: text/event-stream"),
        "{text}"
    );
    let mut events = Vec::new();
    let (mut seq, mut kind) = (None, None);
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("id: ") {
            seq = v.trim().parse::<u64>().ok();
        } else if let Some(v) = line.strip_prefix("event: ") {
            kind = Some(v.trim().to_string());
        } else if let Some(v) = line.strip_prefix("data: ") {
            let data: Value = serde_json::from_str(v).unwrap();
            events.push((seq.take().unwrap(), kind.take().unwrap(), data));
        }
    }
    events
}

#[test]
fn an_async_job_runs_to_outputs_that_match_the_synchronous_answer() {
    let d = double(FaultConfig::default());
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let url = format!("{}/workflows/basic/solid_invert", api.url);
    let a = call("POST", &url, Some(&invert(0x102030)), &[ASYNC]);
    assert_eq!(a.status, 202, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.header("preference-applied"), Some("respond-async"));
    let body = a.json();
    let id = body["id"].as_str().unwrap().to_string();
    assert_eq!(body["status"], "ok");
    assert!(body["prompt"].is_object());
    assert_eq!(a.header("location"), Some(format!("/jobs/{id}").as_str()));
    let job = final_job(&api, &id);
    assert_eq!(job["status"], "succeeded", "{job}");
    assert!(
        job["started_at"].is_string() && job["finished_at"].is_string(),
        "{job}"
    );
    let sync = call("POST", &url, Some(&invert(0x102030)), &[]);
    assert_eq!(sync.status, 200);
    let sync = sync.json();
    for (name, files) in job["outputs"].as_object().unwrap() {
        for (i, file) in files.as_array().unwrap().iter().enumerate() {
            let got = call(
                "GET",
                &format!("{}{}", api.url, file["url"].as_str().unwrap()),
                None,
                &[],
            );
            assert_eq!(got.status, 200);
            assert_eq!(got.header("content-type"), file["content_type"].as_str());
            let want = &sync["outputs"][name][i]["data"];
            use base64::Engine;
            let want = base64::engine::general_purpose::STANDARD
                .decode(want.as_str().unwrap())
                .unwrap();
            let (a, b) = (
                image::load_from_memory(&got.body).unwrap().to_rgb8(),
                image::load_from_memory(&want).unwrap().to_rgb8(),
            );
            assert_eq!(
                a.as_raw(),
                b.as_raw(),
                "output {name}/{i} differs from the synchronous one"
            );
        }
    }
    // The stream of a finished job replays every event and closes.
    let events = read_events(&api, &id, None);
    let seqs: Vec<u64> = events.iter().map(|e| e.0).collect();
    assert_eq!(
        seqs,
        (1..=seqs.len() as u64).collect::<Vec<_>>(),
        "{events:?}"
    );
    assert_eq!(events.first().unwrap().1, "queued");
    assert_eq!(events.last().unwrap().1, "succeeded");
    assert!(events.iter().any(|e| e.1 == "started"), "{events:?}");
    assert!(events.iter().any(|e| e.1 == "output"), "{events:?}");
    // Resuming after event 2 gives exactly the rest.
    let rest = read_events(&api, &id, Some(2));
    assert_eq!(
        rest.iter().map(|e| e.0).collect::<Vec<_>>(),
        seqs[2..].to_vec()
    );
    // The job is listed, newest first, and filtered by status.
    let page = call(
        "GET",
        &format!("{}/jobs?status=succeeded&limit=1", api.url),
        None,
        &[],
    )
    .json();
    assert_eq!(page["jobs"].as_array().unwrap().len(), 1, "{page}");
    assert!(page["next"].is_string(), "two jobs succeeded: {page}");
    let next = page["next"].as_str().unwrap();
    let page2 = call(
        "GET",
        &format!("{}/jobs?status=succeeded&limit=1&cursor={next}", api.url),
        None,
        &[],
    )
    .json();
    assert_eq!(page2["jobs"][0]["id"], id.as_str(), "{page2}");
}

#[test]
fn idempotency_keys_replay_one_job_and_refuse_another_body() {
    let d = double(FaultConfig::default());
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let url = format!("{}/workflows/basic/solid_invert", api.url);
    let key = ("idempotency-key", "order-7");
    let first = call("POST", &url, Some(&invert(0xabcdef)), &[ASYNC, key]);
    assert_eq!(first.status, 202);
    let id = first.json()["id"].as_str().unwrap().to_string();
    final_job(&api, &id);
    let again = call("POST", &url, Some(&invert(0xabcdef)), &[ASYNC, key]);
    assert_eq!(again.status, 202);
    assert_eq!(again.header("idempotency-replayed"), Some("true"));
    assert_eq!(again.json()["id"], id.as_str());
    let history = call("GET", &format!("{}/history", d.url()), None, &[]).json();
    assert_eq!(
        history.as_object().unwrap().len(),
        1,
        "one prompt reached ComfyUI"
    );
    let other = call("POST", &url, Some(&invert(0x000000)), &[ASYNC, key]);
    assert_eq!(other.status, 422);
    assert_eq!(
        other.json()["type"],
        "urn:wfc:problem:idempotency-key-reused"
    );
    let long = "k".repeat(256);
    let too_long = call(
        "POST",
        &url,
        Some(&invert(0x000000)),
        &[("idempotency-key", &long)],
    );
    assert_eq!(too_long.status, 400);
    assert_eq!(
        too_long.json()["errors"][0]["pointer"],
        "/headers/idempotency-key"
    );
}

#[test]
fn bad_job_requests_are_named() {
    let d = double(FaultConfig::default());
    let api = Api::start(&d.url(), &[]);
    let get = |path: &str, headers: &[(&str, &str)]| {
        call("GET", &format!("{}{path}", api.url), None, headers)
    };
    let a = get("/jobs/nope", &[]);
    assert_eq!(
        (a.status, a.json()["type"].as_str()),
        (404, Some("urn:wfc:problem:job-not-found"))
    );
    for (query, pointer) in [
        ("status=done", "?status"),
        ("cursor=garbage", "?cursor"),
        ("limit=0", "?limit"),
    ] {
        let a = get(&format!("/jobs?{query}"), &[]);
        assert_eq!(a.status, 400, "{query}");
        assert_eq!(a.json()["errors"][0]["pointer"], pointer, "{query}");
    }
    let a = get("/jobs/nope/events", &[("last-event-id", "x")]);
    assert_eq!(a.status, 400);
    assert_eq!(a.json()["errors"][0]["pointer"], "/headers/last-event-id");
    let a = call("POST", &format!("{}/jobs/nope/cancel", api.url), None, &[]);
    assert_eq!(a.status, 404);
}

#[test]
fn a_running_job_is_canceled_at_once_and_comfyui_interrupts_it() {
    let d = double(FaultConfig {
        slow_node: Some("ImageInvert".into()),
        slow_node_ms: 3_000,
        ..FaultConfig::default()
    });
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let url = format!("{}/workflows/basic/solid_invert", api.url);
    let a = call("POST", &url, Some(&invert(0x010203)), &[ASYNC]);
    let id = a.json()["id"].as_str().unwrap().to_string();
    let c = call("POST", &format!("{}/jobs/{id}/cancel", api.url), None, &[]);
    assert_eq!(c.status, 200);
    assert_eq!(c.json()["status"], "canceled");
    // Idempotent.
    let again = call("POST", &format!("{}/jobs/{id}/cancel", api.url), None, &[]);
    assert_eq!(again.json()["status"], "canceled");
    wait_until("ComfyUI's queue empties", Duration::from_secs(10), || {
        let q = call("GET", &format!("{}/queue", d.url()), None, &[]).json();
        q["queue_running"].as_array().unwrap().is_empty()
            && q["queue_pending"].as_array().unwrap().is_empty()
    });
    let events = read_events(&api, &id, None);
    assert_eq!(events.last().unwrap().1, "canceled", "{events:?}");
}

#[test]
fn jobs_survive_kill_9_and_reach_a_final_state_after_a_restart() {
    let d = double(FaultConfig {
        slow_node: Some("ImageInvert".into()),
        slow_node_ms: 300,
        ..FaultConfig::default()
    });
    let data = fresh_dir("crash");
    let dir = data.to_str().unwrap().to_string();
    let env = [("DATA_DIR", dir.as_str())];
    let api = Api::start(&d.url(), &env);
    wait_ready(&api);
    let url = format!("{}/workflows/basic/solid_invert", api.url);
    let ids: Vec<String> = (0..20)
        .map(|i| {
            let a = call("POST", &url, Some(&invert(i)), &[ASYNC]);
            assert_eq!(a.status, 202);
            a.json()["id"].as_str().unwrap().to_string()
        })
        .collect();
    api.signal("KILL");
    drop(api);
    let api = Api::start(&d.url(), &env);
    wait_ready(&api);
    for id in &ids {
        let job = final_job(&api, id);
        assert_eq!(job["status"], "succeeded", "{job}\n{}", api.logs());
        let file = &job["outputs"].as_object().unwrap().values().next().unwrap()[0];
        let got = call(
            "GET",
            &format!("{}{}", api.url, file["url"].as_str().unwrap()),
            None,
            &[],
        );
        assert_eq!(got.status, 200);
    }
    let history = call("GET", &format!("{}/history", d.url()), None, &[]).json();
    assert!(
        history.as_object().unwrap().len() <= 20,
        "a job was submitted twice"
    );
    drop(api);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn a_data_directory_that_is_not_ours_stops_the_start() {
    let data = fresh_dir("foreign");
    std::fs::write(
        data.join("jobs.sqlite3"),
        b"not a database, some user's notes",
    )
    .unwrap();
    let out = std::process::Command::new(wfc_e2e::api_binary())
        .args([
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--comfyui-url",
            "http://127.0.0.1:9",
        ])
        .env("DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("jobs.sqlite3") && stderr.contains("untouched"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(data.join("jobs.sqlite3")).unwrap(),
        b"not a database, some user's notes"
    );
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn the_memory_store_runs_jobs_end_to_end() {
    let d = double(FaultConfig::default());
    let api = Api::start(&d.url(), &[("STORE", "memory")]);
    wait_ready(&api);
    let a = call(
        "POST",
        &format!("{}/workflows/basic/solid_invert", api.url),
        Some(&invert(0x445566)),
        &[ASYNC],
    );
    let id = a.json()["id"].as_str().unwrap().to_string();
    let job = final_job(&api, &id);
    assert_eq!(job["status"], "succeeded");
    let file = &job["outputs"].as_object().unwrap().values().next().unwrap()[0];
    assert_eq!(
        call(
            "GET",
            &format!("{}{}", api.url, file["url"].as_str().unwrap()),
            None,
            &[]
        )
        .status,
        200
    );
}

/// The files kept under a data directory's `outputs/`.
fn kept_files(data: &std::path::Path) -> Vec<std::path::PathBuf> {
    let Ok(jobs) = std::fs::read_dir(data.join("outputs")) else {
        return Vec::new();
    };
    jobs.flat_map(|job| std::fs::read_dir(job.unwrap().path()).unwrap())
        .map(|f| f.unwrap().path())
        .collect()
}

/// The status of `GET /jobs/{id}`.
fn job_status(api: &Api, id: &str) -> u16 {
    call("GET", &format!("{}/jobs/{id}", api.url), None, &[]).status
}

/// Submits asynchronously and waits for the job to end; its id.
fn run_async(api: &Api, body: &Value) -> String {
    let url = format!("{}/workflows/basic/solid_invert", api.url);
    let a = call("POST", &url, Some(body), &[ASYNC]);
    assert_eq!(a.status, 202, "{}", String::from_utf8_lossy(&a.body));
    let id = a.json()["id"].as_str().unwrap().to_string();
    assert_eq!(final_job(api, &id)["status"], "succeeded");
    id
}

#[test]
fn retention_removes_finished_jobs_with_their_rows_and_files() {
    let d = double(FaultConfig::default());
    let data = fresh_dir("retention");
    let dir = data.to_str().unwrap().to_string();
    // Kept 3 s after they finish, swept every 200 ms.
    let env = [
        ("DATA_DIR", dir.as_str()),
        ("JOB_RETENTION_HOURS", "0.000833"),
        ("RETENTION_SWEEP_S", "0.2"),
    ];
    let api = Api::start(&d.url(), &env);
    wait_ready(&api);
    let id = run_async(&api, &invert(0x0a0b0c));
    assert_eq!(kept_files(&data).len(), 1, "the output is on disk");
    wait_until("retention removes the job", Duration::from_secs(20), || {
        job_status(&api, &id) == 404
    });
    assert!(kept_files(&data).is_empty(), "{:?}", kept_files(&data));
    let a = call("GET", &format!("{}/jobs/{id}/events", api.url), None, &[]);
    assert_eq!(a.status, 404, "its events went with it");
    drop(api);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn the_storage_cap_removes_the_longest_finished_jobs_first() {
    let d = double(FaultConfig::default());
    let data = fresh_dir("cap");
    let dir = data.to_str().unwrap().to_string();
    let api = Api::start(&d.url(), &[("DATA_DIR", dir.as_str())]);
    wait_ready(&api);
    // Five jobs finished one after the other, with noise so that each
    // file is a few kilobytes.
    let ids: Vec<String> = (0..5)
        .map(|i| {
            run_async(
                &api,
                &json!({"input": {"width": 64, "height": 64, "color": 0x123456 + i}}),
            )
        })
        .collect();
    let sizes: Vec<u64> = ids
        .iter()
        .map(|id| {
            let job = final_job(&api, id);
            let file = &job["outputs"].as_object().unwrap().values().next().unwrap()[0];
            let url = format!("{}{}", api.url, file["url"].as_str().unwrap());
            call("GET", &url, None, &[]).body.len() as u64
        })
        .collect();
    drop(api);
    // Room for the two newest jobs' files and half of the third.
    let cap = sizes[3] + sizes[4] + sizes[2] / 2;
    let cap_mb = format!("{}", cap as f64 / (1u64 << 20) as f64);
    let api = Api::start(
        &d.url(),
        &[
            ("DATA_DIR", dir.as_str()),
            ("JOB_STORAGE_MAX_MB", cap_mb.as_str()),
            ("RETENTION_SWEEP_S", "0.2"),
        ],
    );
    wait_ready(&api);
    wait_until(
        "the cap removes the oldest jobs",
        Duration::from_secs(20),
        || ids[..3].iter().all(|id| job_status(&api, id) == 404),
    );
    for id in &ids[3..] {
        assert_eq!(job_status(&api, id), 200, "job {id} is within the cap");
    }
    assert_eq!(kept_files(&data).len(), 2);
    drop(api);
    let _ = std::fs::remove_dir_all(&data);
}

#[test]
fn a_full_queue_refuses_with_429_and_a_queued_job_leaves_comfyui_s_queue_when_canceled() {
    let d = double(FaultConfig {
        slow_node: Some("ImageInvert".into()),
        slow_node_ms: 4_000,
        ..FaultConfig::default()
    });
    let api = Api::start(&d.url(), &[("MAX_QUEUED_JOBS", "1")]);
    wait_ready(&api);
    let url = format!("{}/workflows/basic/solid_invert", api.url);
    let submit = |color: u32| call("POST", &url, Some(&invert(color)), &[ASYNC]);
    let running = submit(1).json()["id"].as_str().unwrap().to_string();
    wait_until("the first job runs", Duration::from_secs(10), || {
        call("GET", &format!("{}/jobs/{running}", api.url), None, &[]).json()["status"] == "running"
    });
    let queued = submit(2);
    assert_eq!(queued.status, 202);
    let queued = queued.json()["id"].as_str().unwrap().to_string();
    let full = submit(3);
    assert_eq!(full.status, 429, "{}", String::from_utf8_lossy(&full.body));
    assert_eq!(full.json()["type"], "urn:wfc:problem:queue-full");
    assert!(full.header("retry-after").is_some());
    // The queued job waits in ComfyUI's queue until it is canceled.
    let pending = || {
        call("GET", &format!("{}/queue", d.url()), None, &[]).json()["queue_pending"]
            .as_array()
            .unwrap()
            .len()
    };
    wait_until(
        "ComfyUI holds the second prompt",
        Duration::from_secs(10),
        || pending() == 1,
    );
    let c = call(
        "POST",
        &format!("{}/jobs/{queued}/cancel", api.url),
        None,
        &[],
    );
    assert_eq!(c.status, 200);
    assert_eq!(c.json()["status"], "canceled");
    assert_eq!(pending(), 0, "the prompt left ComfyUI's queue");
    // The running one is untouched and finishes; then the queue has room.
    assert_eq!(final_job(&api, &running)["status"], "succeeded");
    assert_eq!(submit(4).status, 202);
}

#[test]
fn fifty_concurrent_submits_with_one_key_make_one_job_and_one_prompt() {
    let d = double(FaultConfig::default());
    let api = Api::start(&d.url(), &[]);
    wait_ready(&api);
    let url = format!("{}/workflows/basic/solid_invert", api.url);
    let answers: Vec<(u16, String)> = std::thread::scope(|s| {
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                s.spawn(|| {
                    let a = call(
                        "POST",
                        &url,
                        Some(&invert(0x5a5a5a)),
                        &[ASYNC, ("idempotency-key", "one-order")],
                    );
                    (a.status, a.json()["id"].as_str().unwrap_or("").to_string())
                })
            })
            .collect();
        tasks.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert!(answers.iter().all(|(s, _)| *s == 202), "{answers:?}");
    let ids: std::collections::HashSet<&str> = answers.iter().map(|(_, id)| id.as_str()).collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    final_job(&api, ids.iter().next().unwrap());
    let history = call("GET", &format!("{}/history", d.url()), None, &[]).json();
    assert_eq!(
        history.as_object().unwrap().len(),
        1,
        "one prompt reached ComfyUI"
    );
}

/// Three jobs running on a slow double when the API is killed; ComfyUI
/// restarts too and forgets them. Restarted with `resubmit`, the API
/// runs each once more; without, it fails them as `backend-lost`.
fn jobs_comfyui_forgot(resubmit: &str) -> (Vec<Value>, usize) {
    let slow = || {
        double(FaultConfig {
            slow_node: Some("ImageInvert".into()),
            slow_node_ms: 1_000,
            ..FaultConfig::default()
        })
    };
    let first = slow();
    let data = fresh_dir("forgot");
    let dir = data.to_str().unwrap().to_string();
    let env = [("DATA_DIR", dir.as_str()), ("RESUBMIT_LOST_JOBS", resubmit)];
    let api = Api::start(&first.url(), &env);
    wait_ready(&api);
    let url = format!("{}/workflows/basic/solid_invert", api.url);
    let ids: Vec<String> = (0..3)
        .map(|i| {
            let a = call("POST", &url, Some(&invert(0x700000 + i)), &[ASYNC]);
            a.json()["id"].as_str().unwrap().to_string()
        })
        .collect();
    wait_until("ComfyUI holds the prompts", Duration::from_secs(10), || {
        let q = call("GET", &format!("{}/queue", first.url()), None, &[]).json();
        q["queue_running"].as_array().unwrap().len() + q["queue_pending"].as_array().unwrap().len()
            == 3
    });
    api.signal("KILL");
    drop(api);
    drop(first);
    let second = slow();
    let api = Api::start(&second.url(), &env);
    wait_ready(&api);
    let jobs = ids.iter().map(|id| final_job(&api, id)).collect();
    let history = call("GET", &format!("{}/history", second.url()), None, &[]).json();
    drop(api);
    let _ = std::fs::remove_dir_all(&data);
    (jobs, history.as_object().unwrap().len())
}

#[test]
fn jobs_comfyui_forgot_are_submitted_once_more_or_failed_by_policy() {
    let (jobs, prompts) = jobs_comfyui_forgot("true");
    for job in &jobs {
        assert_eq!(job["status"], "succeeded", "{job}");
    }
    assert_eq!(prompts, 3, "each job was submitted once more, no more");
    let (jobs, prompts) = jobs_comfyui_forgot("false");
    for job in &jobs {
        assert_eq!(job["status"], "failed", "{job}");
        assert_eq!(
            job["error"]["type"], "urn:wfc:problem:backend-lost",
            "{job}"
        );
        assert!(
            job["error"]["detail"]
                .as_str()
                .unwrap()
                .contains("RESUBMIT_LOST_JOBS"),
            "{job}"
        );
    }
    assert_eq!(prompts, 0);
}

#[test]
fn a_data_directory_that_cannot_be_written_stops_the_start() {
    // Not even root may create a directory under /proc.
    let out = std::process::Command::new(wfc_e2e::api_binary())
        .args([
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--comfyui-url",
            "http://127.0.0.1:9",
        ])
        .env("DATA_DIR", "/proc/wfc-data")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/proc/wfc-data") && stderr.contains("DATA_DIR"),
        "{stderr}"
    );
}
