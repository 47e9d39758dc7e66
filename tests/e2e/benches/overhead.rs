//! The runtime's overhead, memory and start-up, measured side by side
//! against the ComfyUI test double. Run with
//! `cargo bench -p wfc-e2e --bench overhead`; it prints the report that
//! docs/performance.md records.
//!
//! - Overhead: the same model-free workflow (EmptyImage 64×64 →
//!   ImageInvert → SaveImage, a new colour per request so that nothing is
//!   cached) (a) sent straight to the double by a well-written client (the
//!   runtime's own ComfyUI client library: submit, wait on the websocket,
//!   read /history, download the image) and (b) through the API binary's
//!   compiled endpoint, at concurrency 1, 16 and 256, interleaved, 3 runs.
//! - Memory: the binary's peak RSS idle, and while 1,000 requests are held
//!   open (the double's first prompt is slowed down so the rest queue).
//! - Start-up: exec to `/ready` 200 with the double already up; the size of
//!   the static binary.
//! - Compiler: `wfc check` and `wfc build` figures, from their own benches.

mod support;

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{release_binaries, start_api, start_double};
use wfc_runtime::backend::{Comfy, Timeouts};

const PATH: &str = "/workflows/basic/solid_invert";

/// Peak and current resident memory of a process, in MB.
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
    (field("VmHWM:"), field("VmRSS:"))
}

fn input(i: u64) -> Value {
    json!({"width": 64, "height": 64, "color": i % 16_777_216})
}

#[derive(Clone, Copy)]
struct Run {
    rps: f64,
    p50: Duration,
    p99: Duration,
}

fn summarize(mut latencies: Vec<Duration>, wall: Duration) -> Run {
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q).round() as usize];
    Run {
        rps: latencies.len() as f64 / wall.as_secs_f64(),
        p50: at(0.50),
        p99: at(0.99),
    }
}

/// Runs `n` requests with `c` in flight, each made by `one(i)`.
async fn load<F, Fut>(c: usize, n: u64, one: F) -> Run
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let one = Arc::new(one);
    let next = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..c)
        .map(|_| {
            let (one, next) = (one.clone(), next.clone());
            tokio::spawn(async move {
                let mut lat = Vec::new();
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= n {
                        return lat;
                    }
                    let t = Instant::now();
                    one(i).await;
                    lat.push(t.elapsed());
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    summarize(all, started.elapsed())
}

fn median_run(runs: &[Run]) -> Run {
    let med = |f: &dyn Fn(&Run) -> f64| {
        let mut v: Vec<f64> = runs.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    Run {
        rps: med(&|r| r.rps),
        p50: Duration::from_secs_f64(med(&|r| r.p50.as_secs_f64())),
        p99: Duration::from_secs_f64(med(&|r| r.p99.as_secs_f64())),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let bins = release_binaries(&["comfy-double", "wfc-api", "wfc"]);
    let (double_bin, api_bin, wfc_bin) = (&bins[0], &bins[1], &bins[2]);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let app = wfc_api::app();
    let mut report = String::new();
    let machine = format!(
        "{} cores, {}",
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
    report.push_str(&format!("machine: {machine}\n\n"));

    // 1. Overhead, after measuring the fresh binary's idle memory.
    let (_double, double_url) = start_double(double_bin);
    let (api, api_url, _) = start_api(api_bin, &double_url, &[]);
    std::thread::sleep(Duration::from_millis(500));
    let (fresh_peak, fresh_now) = memory_mb(api.0.id());
    report.push_str("| concurrency | requests | direct req/s | API req/s | API / direct | direct p50 | API p50 | p50 diff | direct p99 | API p99 | p99 diff |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    let mut overhead = Vec::new();
    for (c, n) in [(1usize, 300u64), (16, 1000), (256, 2000)] {
        let (mut direct, mut through) = (Vec::new(), Vec::new());
        for run in 0..3u64 {
            let base = (c as u64 * 1_000_000) + run * 100_000;
            direct.push(rt.block_on(async {
                let comfy = Comfy::new(&double_url, Timeouts::default());
                comfy.spawn_events();
                while !comfy.connected() {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
                let graphs: Arc<Vec<Value>> = Arc::new(
                    (0..n)
                        .map(|i| {
                            app.graph_for(PATH, &input(base + i))
                                .unwrap()
                                .unwrap()
                                .prompt
                        })
                        .collect(),
                );
                load(c, n, move |i| {
                    let (comfy, graphs) = (comfy.clone(), graphs.clone());
                    async move {
                        let id = format!("bench-{}", fastrand::u64(..));
                        wfc_runtime::engine::run_prompt(
                            &comfy,
                            &id,
                            &graphs[i as usize],
                            Instant::now() + Duration::from_secs(120),
                        )
                        .await
                        .unwrap();
                        let out = comfy.outputs(&id, Some(&["3"])).await.unwrap();
                        assert_eq!(out.files.len(), 1);
                    }
                })
                .await
            }));
            through.push(rt.block_on(async {
                let client = reqwest::Client::new();
                let url = format!("{api_url}{PATH}");
                load(c, n, move |i| {
                    let (client, url) = (client.clone(), url.clone());
                    async move {
                        let body = json!({"input": input(base + 50_000 + i)}).to_string();
                        let r = client
                            .post(&url)
                            .header("content-type", "application/json")
                            .body(body)
                            .send()
                            .await
                            .unwrap();
                        assert_eq!(r.status(), 200);
                        let bytes = r.bytes().await.unwrap();
                        assert!(bytes.len() > 100);
                    }
                })
                .await
            }));
        }
        let (d, a) = (median_run(&direct), median_run(&through));
        report.push_str(&format!(
            "| {c} | {n} × 3 | {:.0} | {:.0} | {:.2} | {:.2} ms | {:.2} ms | {:+.2} ms | {:.2} ms | {:.2} ms | {:+.2} ms |\n",
            d.rps,
            a.rps,
            a.rps / d.rps,
            ms(d.p50),
            ms(a.p50),
            ms(a.p50) - ms(d.p50),
            ms(d.p99),
            ms(a.p99),
            ms(a.p99) - ms(d.p99)
        ));
        overhead.push((c, d, a));
    }

    // 2. Memory: idle, then 1,000 requests held open.
    let pid = api.0.id();
    let (loaded_peak, loaded_now) = memory_mb(pid);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    agent
        .post(&format!("{double_url}/__double/faults"))
        .header("content-type", "application/json")
        .send(json!({"slow_node": "ImageInvert", "slow_node_ms": 600000}).to_string())
        .unwrap();
    let held = rt.block_on(async {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()
            .unwrap();
        let url = format!("{api_url}{PATH}");
        let tasks: Vec<_> = (0..1000u64)
            .map(|i| {
                let (client, url) = (client.clone(), url.clone());
                tokio::spawn(async move {
                    let body = json!({"input": input(9_000_000 + i)}).to_string();
                    let _ = client
                        .post(&url)
                        .header("content-type", "application/json")
                        .body(body)
                        .send()
                        .await;
                })
            })
            .collect();
        // Wait until the double holds them all (running + pending).
        let t = Instant::now();
        let comfy = Comfy::new(&double_url, Timeouts::default());
        loop {
            let q = comfy.queue_remaining().await.unwrap_or(0);
            if q >= 1000 || t.elapsed() > Duration::from_secs(60) {
                break q;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        .min(tasks.len() as u64)
    });
    let (held_peak, held_now) = memory_mb(pid);
    drop(api);
    drop(_double);

    // 3. Start-up, with a double already up, using the static binary.
    let static_bin = {
        let tmp = std::env::temp_dir().join(format!("wfc-bench-{}", std::process::id()));
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/wfc-bench-static");
        let out = Command::new(wfc_bin)
            .args([
                "build",
                "../../specs",
                "-o",
                tmp.join("api").to_str().unwrap(),
                "--static",
                "--name",
                "wfc-api-static",
            ])
            .env("CARGO_TARGET_DIR", &target)
            .stderr(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "static build failed");
        PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
    };
    let (_double, double_url) = start_double(double_bin);
    let startups: Vec<Duration> = (0..10)
        .map(|_| start_api(&static_bin, &double_url, &[]).2)
        .collect();
    let mut sorted = startups.clone();
    sorted.sort();
    let startup = sorted[sorted.len() / 2];
    let size = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.len() as f64 / 1_048_576.0)
            .unwrap_or(0.0)
    };

    report.push_str(&format!(
        "\n| memory (RSS of the API binary) | current | peak |\n|---|---|---|\n| idle, just started and ready | {fresh_now:.1} MB | {fresh_peak:.1} MB |\n| idle again after the overhead runs | {loaded_now:.1} MB | {loaded_peak:.1} MB |\n| with {held} requests held open | {held_now:.1} MB | {held_peak:.1} MB |\n"
    ));
    report.push_str(&format!(
        "\n| start-up and size | figure |\n|---|---|\n| exec to `/ready` 200 (static binary, double up), median of 10 | {:.1} ms (min {:.1}, max {:.1}) |\n| static binary (`wfc build --static`) | {:.1} MB |\n| dynamic release binary | {:.1} MB |\n",
        ms(startup),
        ms(sorted[0]),
        ms(sorted[sorted.len() - 1]),
        size(&static_bin),
        size(api_bin)
    ));

    // Targets.
    let c1 = overhead.iter().find(|o| o.0 == 1).unwrap();
    let c256 = overhead.iter().find(|o| o.0 == 256).unwrap();
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    let p50_add = ms(c1.2.p50) - ms(c1.1.p50);
    let p99_add = ms(c1.2.p99) - ms(c1.1.p99);
    let ratio = c256.2.rps / c256.1.rps;
    report.push_str(&format!(
        "\n| target | figure | verdict |\n|---|---|---|\n| added p50 at concurrency 1 < 1 ms | {p50_add:+.2} ms | {} |\n| added p99 at concurrency 1 < 3 ms | {p99_add:+.2} ms | {} |\n| throughput at 256 ≥ 90 % of direct | {:.0} % | {} |\n| peak RSS idle < 30 MB | {fresh_peak:.1} MB | {} |\n| peak RSS with 1,000 held < 150 MB | {held_peak:.1} MB | {} |\n| start-up to ready < 100 ms | {:.1} ms | {} |\n",
        verdict(p50_add < 1.0),
        verdict(p99_add < 3.0),
        ratio * 100.0,
        verdict(ratio >= 0.9),
        verdict(fresh_peak < 30.0),
        verdict(held_peak < 150.0),
        ms(startup),
        verdict(startup < Duration::from_millis(100)),
    ));

    // 4. Compiler figures, from their own benches.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    for bench in ["check", "build"] {
        let out = Command::new(&cargo)
            .args(["bench", "-q", "-p", "wfc", "--bench", bench])
            .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../compiler"))
            .output()
            .unwrap();
        report.push_str(&format!(
            "\n```text\n{}```\n",
            String::from_utf8_lossy(&out.stdout)
        ));
        if !out.status.success() {
            report.push_str(&format!(
                "\n`cargo bench -p wfc --bench {bench}` failed:\n```text\n{}```\n",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    println!("{report}");
}
