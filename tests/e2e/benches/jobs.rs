//! What jobs cost, side by side in one run against the ComfyUI test
//! double. Run with `cargo bench -p wfc-e2e --bench jobs`; it prints the
//! report that docs/performance.md records. With `WFC_BASELINE_API` naming
//! an API binary built from before jobs existed, that binary joins the
//! synchronous comparison; `cargo bench -p wfc-e2e --bench jobs -- sync`
//! runs that comparison alone.
//!
//! - Synchronous latency at concurrency 1 through the SQLite store, the
//!   memory store (and the baseline), rounds alternating between them.
//! - Async submit latency (`Prefer: respond-async`, to the `202`) at
//!   concurrency 1 and 16.
//! - Jobs per second end to end: 10,000 async jobs from 16 client threads,
//!   until every one is observed final; the CPU of the API and the double
//!   meanwhile; the API's memory with the 10,000 finished jobs retained,
//!   and the data directory's size.
//! - 1,000 SSE subscribers on one running job: the API's memory and CPU
//!   while they are connected, and that each got the final event.

mod support;

use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use support::{Proc, release_binaries, start_api, start_double};

const PATH: &str = "/workflows/basic/solid_invert";

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn body(i: u64) -> String {
    json!({"input": {"width": 8, "height": 8, "color": i % 16_777_216}}).to_string()
}

/// One request to the compiled endpoint: its latency and, when
/// asynchronous, the job's id.
fn send(agent: &ureq::Agent, base: &str, i: u64, async_: bool) -> (Duration, Option<String>) {
    let t = Instant::now();
    let mut request = agent
        .post(format!("{base}{PATH}"))
        .header("content-type", "application/json");
    if async_ {
        request = request.header("prefer", "respond-async");
    }
    let mut response = request.send(body(i)).expect("the API answers");
    let bytes = response.body_mut().read_to_vec().expect("the body arrives");
    let took = t.elapsed();
    let want = if async_ { 202 } else { 200 };
    assert_eq!(
        response.status(),
        want,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    let id = async_.then(|| {
        let v: Value = serde_json::from_slice(&bytes).unwrap();
        v["id"].as_str().unwrap().to_string()
    });
    (took, id)
}

/// Sends `n` requests from `threads` client threads; each latency and
/// job id.
fn load(
    base: &str,
    first: u64,
    n: u64,
    threads: u64,
    async_: bool,
) -> Vec<(Duration, Option<String>)> {
    let next = Arc::new(AtomicU64::new(0));
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (next, base) = (next.clone(), base.to_string());
            std::thread::spawn(move || {
                let agent = agent();
                let mut out = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        return out;
                    }
                    out.push(send(&agent, &base, first + i, async_));
                }
            })
        })
        .collect();
    workers
        .into_iter()
        .flat_map(|w| w.join().expect("a load thread"))
        .collect()
}

fn quantile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * q).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Polls each job until it is final.
fn wait_final(base: &str, ids: &[String]) {
    let agent = agent();
    for id in ids {
        loop {
            let mut r = agent.get(format!("{base}/jobs/{id}")).call().unwrap();
            let job: Value = serde_json::from_slice(&r.body_mut().read_to_vec().unwrap()).unwrap();
            match job["status"].as_str() {
                Some("succeeded") => break,
                Some("queued" | "running") => std::thread::sleep(Duration::from_millis(2)),
                other => panic!("job {id} ended {other:?}: {job}"),
            }
        }
    }
}

/// Current and peak resident memory of `pid`, in MB.
fn memory_mb(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// CPU time (user + system) of `pid` so far, in seconds (100 ticks/s).
fn cpu_s(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    (f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()) as f64 / 100.0
}

fn dir_mb(dir: &Path) -> f64 {
    fn walk(p: &Path) -> u64 {
        match std::fs::read_dir(p) {
            Ok(entries) => entries
                .map(|e| {
                    let e = e.unwrap();
                    let meta = e.metadata().unwrap();
                    if meta.is_dir() {
                        walk(&e.path())
                    } else {
                        meta.len()
                    }
                })
                .sum(),
            Err(_) => 0,
        }
    }
    walk(dir) as f64 / 1048576.0
}

struct Api {
    name: &'static str,
    proc: Proc,
    url: String,
}

fn main() {
    let bins = release_binaries(&["wfc-api", "comfy-double"]);
    let (api_bin, double_bin) = (&bins[0], &bins[1]);
    let (double, comfy) = start_double(double_bin);
    let data = tempfile::tempdir().unwrap();
    let data_dir = data.path().to_str().unwrap().to_string();
    let mut apis = vec![
        {
            let (proc, url, _) = start_api(
                api_bin,
                &comfy,
                &[("STORE", "sqlite"), ("DATA_DIR", &data_dir)],
            );
            Api {
                name: "jobs, SQLite store",
                proc,
                url,
            }
        },
        {
            let (proc, url, _) = start_api(api_bin, &comfy, &[("STORE", "memory")]);
            Api {
                name: "jobs, memory store",
                proc,
                url,
            }
        },
    ];
    if let Some(baseline) = std::env::var_os("WFC_BASELINE_API") {
        let (proc, url, _) = start_api(Path::new(&baseline), &comfy, &[]);
        apis.push(Api {
            name: "before jobs (baseline binary)",
            proc,
            url,
        });
    }
    println!(
        "machine: {} cores; {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(
                |c| c.lines().find(|l| l.starts_with("model name")).map(|l| l
                    .split(':')
                    .nth(1)
                    .unwrap_or("")
                    .trim()
                    .to_string())
            )
            .unwrap_or_default()
    );

    // 1. The synchronous path at concurrency 1.
    const ROUNDS: usize = 7;
    const PER_ROUND: u64 = 300;
    let mut p50s = vec![Vec::new(); apis.len()];
    let mut p99s = vec![Vec::new(); apis.len()];
    let mut first = 0;
    for round in 0..=ROUNDS {
        let mut order: Vec<usize> = (0..apis.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for i in order {
            let mut lat: Vec<Duration> = load(&apis[i].url, first, PER_ROUND, 1, false)
                .into_iter()
                .map(|r| r.0)
                .collect();
            first += PER_ROUND;
            lat.sort();
            if round > 0 {
                p50s[i].push(ms(quantile(&lat, 0.5)));
                p99s[i].push(ms(quantile(&lat, 0.99)));
            }
        }
    }
    println!(
        "\n### Synchronous latency, concurrency 1 ({ROUNDS} rounds × {PER_ROUND} requests, medians of the rounds)\n"
    );
    println!("| binary | p50 | p99 | p50 vs SQLite |");
    println!("|---|---|---|---|");
    let base50 = median(p50s[0].clone());
    for (i, api) in apis.iter().enumerate() {
        let (p50, p99) = (median(p50s[i].clone()), median(p99s[i].clone()));
        println!(
            "| {} | {p50:.3} ms | {p99:.3} ms | {:+.3} ms |",
            api.name,
            p50 - base50
        );
    }

    if std::env::args().skip(1).any(|a| a == "sync") {
        return;
    }

    // 2. Async submits, to the 202.
    println!("\n### Async submit latency (to the `202`)\n");
    println!("| store | concurrency | submits | p50 | p99 |");
    println!("|---|---|---|---|---|");
    for api in &apis[..2] {
        for (threads, n) in [(1u64, 500u64), (16, 2_000)] {
            let got = load(&api.url, first, n, threads, true);
            first += n;
            let mut lat: Vec<Duration> = got.iter().map(|r| r.0).collect();
            lat.sort();
            let ids: Vec<String> = got.into_iter().filter_map(|r| r.1).collect();
            wait_final(&api.url, &ids);
            println!(
                "| {} | {threads} | {n} | {:.3} ms | {:.3} ms |",
                api.name,
                ms(quantile(&lat, 0.5)),
                ms(quantile(&lat, 0.99))
            );
        }
    }

    // 3 and 4. Jobs per second end to end, and memory with 10,000 jobs.
    const JOBS: u64 = 10_000;
    println!("\n### {JOBS} async jobs end to end, 16 client threads\n");
    println!(
        "| store | jobs/s (submit → all final) | API CPU | double CPU | API RSS before | API RSS after | API peak RSS | data directory |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for api in &apis[..2] {
        let pid = api.proc.0.id();
        let (rss_before, _) = memory_mb(pid);
        let (cpu_api, cpu_double) = (cpu_s(pid), cpu_s(double.0.id()));
        let t = Instant::now();
        let ids: Vec<String> = load(&api.url, first, JOBS, 16, true)
            .into_iter()
            .filter_map(|r| r.1)
            .collect();
        first += JOBS;
        wait_final(&api.url, &ids);
        let wall = t.elapsed().as_secs_f64();
        let (cpu_api, cpu_double) = (cpu_s(pid) - cpu_api, cpu_s(double.0.id()) - cpu_double);
        let (rss, peak) = memory_mb(pid);
        let disk = if api.name.contains("SQLite") {
            format!("{:.1} MB", dir_mb(data.path()))
        } else {
            "none".into()
        };
        println!(
            "| {} | {:.0} | {:.0} % of a core | {:.0} % of a core | {rss_before:.1} MB | {rss:.1} MB | {peak:.1} MB | {disk} |",
            api.name,
            JOBS as f64 / wall,
            100.0 * cpu_api / wall,
            100.0 * cpu_double / wall,
        );
    }

    // 5. 1,000 subscribers on one running job.
    const SUBSCRIBERS: usize = 1_000;
    let (soft, hard) = rlimit::Resource::NOFILE.get().unwrap();
    let need = 2 * SUBSCRIBERS as u64 + 200;
    if soft < need {
        rlimit::Resource::NOFILE
            .set(need, hard.max(need))
            .expect("the open-file limit rises");
    }
    let sse_dir = tempfile::tempdir().unwrap();
    let (sse_api, sse_url, _) = start_api(
        api_bin,
        &comfy,
        &[
            ("DATA_DIR", sse_dir.path().to_str().unwrap()),
            ("SSE_HEARTBEAT_S", "1"),
        ],
    );
    let agent = agent();
    agent
        .post(format!("{comfy}/__double/faults"))
        .send(json!({"slow_node": "ImageInvert", "slow_node_ms": 12_000}).to_string())
        .unwrap();
    let (_, id) = send(&agent, &sse_url, 1, true);
    let id = id.unwrap();
    let pid = sse_api.0.id();
    let (rss_before, _) = memory_mb(pid);
    let addr = sse_url.trim_start_matches("http://").to_string();
    let t = Instant::now();
    let mut streams: Vec<TcpStream> = (0..SUBSCRIBERS)
        .map(|_| {
            let mut s = TcpStream::connect(&addr).unwrap();
            write!(
                s,
                "GET /jobs/{id}/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            s
        })
        .collect();
    // Each has its answer's head and the replayed events.
    for s in &mut streams {
        let mut buf = [0u8; 256];
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let n = s.read(&mut buf).unwrap();
        assert!(
            buf[..n].starts_with(b"HTTP/1.1 200"),
            "{}",
            String::from_utf8_lossy(&buf[..n])
        );
    }
    let connected = t.elapsed();
    let cpu0 = cpu_s(pid);
    let window = Duration::from_secs(4);
    std::thread::sleep(window);
    let cpu = cpu_s(pid) - cpu0;
    let (rss_during, _) = memory_mb(pid);
    let mut finals = 0;
    for s in &mut streams {
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut text = Vec::new();
        let _ = s.read_to_end(&mut text);
        finals += usize::from(String::from_utf8_lossy(&text).contains("event: succeeded"));
    }
    agent
        .delete(format!("{comfy}/__double/faults"))
        .call()
        .unwrap();
    println!("\n### {SUBSCRIBERS} SSE subscribers on one running job (heartbeat every 1 s)\n");
    println!("| figure | value |");
    println!("|---|---|");
    println!(
        "| all connected and answered in | {:.0} ms |",
        ms(connected)
    );
    println!(
        "| API RSS before → while subscribed | {rss_before:.1} MB → {rss_during:.1} MB ({:.1} KB per subscriber) |",
        (rss_during - rss_before) * 1024.0 / SUBSCRIBERS as f64
    );
    println!(
        "| API CPU while subscribed ({} s window) | {:.1} % of a core |",
        window.as_secs(),
        100.0 * cpu / window.as_secs_f64()
    );
    println!("| subscribers that got the final `succeeded` | {finals} of {SUBSCRIBERS} |");
    assert_eq!(finals, SUBSCRIBERS, "every subscriber gets the final event");
    drop(streams);
    drop(sse_api);
    drop(apis);
}
