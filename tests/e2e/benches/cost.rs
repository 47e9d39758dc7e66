//! The CPU one request costs the API binary, by configuration, side by
//! side in one run against the ComfyUI test double. Run with
//! `cargo bench -p wfc-e2e --bench cost`; it prints the table that
//! docs/performance.md records.
//!
//! Each configuration of [`CONFIGS`] (a name and the environment the
//! binary gets) runs as its own release binary, all in front of one
//! double. For each workload, rounds alternate between the configurations
//! (the order reversed every other round, so that drift on the shared
//! machine falls on both), after one warm-up round each; a round sends a
//! fixed number of requests and reads the binary's CPU time (user +
//! system, `/proc/PID/stat`) before and after. Figures are medians of
//! the rounds; the first configuration is the baseline, and its ratio and
//! difference are the medians of the per-round ones (each round pairs
//! the configurations under the same conditions).

mod support;

use serde_json::json;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use support::{Proc, release_binaries, start_api, start_double};

/// The configurations compared: a name and the binary's extra
/// environment. The first is the baseline.
const CONFIGS: &[(&str, &[(&str, &str)])] = &[
    ("metrics off", &[("METRICS", "false")]),
    ("metrics on", &[("METRICS", "true")]),
    (
        "metrics on, API key checked",
        &[
            ("METRICS", "true"),
            ("API_KEYS", "bench:bench-key-0123456789"),
            ("PUBLIC_ROUTES", "/ready"),
        ],
    ),
    (
        "metrics on, API key checked, rate limit",
        &[
            ("METRICS", "true"),
            ("API_KEYS", "bench:bench-key-0123456789"),
            ("PUBLIC_ROUTES", "/ready"),
            ("RATE_LIMIT", "1000000/s"),
        ],
    ),
];

/// The key every request carries (an open server ignores it).
const KEY: &str = "bench-key-0123456789";

/// Rounds measured per configuration and workload (after one warm-up).
const ROUNDS: usize = 11;
/// Requests in flight.
const CONCURRENCY: u64 = 8;

/// What the load sends.
#[derive(Clone, Copy)]
enum Workload {
    /// A run of the model-free compiled endpoint (EmptyImage 8×8 →
    /// ImageInvert → SaveImage, a new colour each time, JSON answer).
    Run,
    /// `GET /health`: the HTTP path alone.
    Probe,
}

impl Workload {
    fn name(self) -> &'static str {
        match self {
            Workload::Run => "run (`POST /workflows/basic/solid_invert`)",
            Workload::Probe => "probe (`GET /health`)",
        }
    }

    /// Requests per round: enough CPU time that the clock's 10 ms ticks
    /// stay under 2 % of it.
    fn requests(self) -> u64 {
        match self {
            Workload::Run => 5_000,
            Workload::Probe => 20_000,
        }
    }

    fn send(self, agent: &ureq::Agent, base: &str, i: u64) {
        let mut response = match self {
            Workload::Run => {
                let input = json!({"width": 8, "height": 8, "color": i % 16_777_216});
                agent
                    .post(format!("{base}/workflows/basic/solid_invert"))
                    .header("content-type", "application/json")
                    .header("x-api-key", KEY)
                    .send(json!({ "input": input }).to_string())
            }
            Workload::Probe => agent
                .get(format!("{base}/health"))
                .header("x-api-key", KEY)
                .call(),
        }
        .expect("the API answers");
        assert_eq!(response.status(), 200);
        response.body_mut().read_to_vec().expect("the body arrives");
    }
}

/// CPU time (user + system) the process `pid` used so far.
fn cpu_time(pid: u32, tick: Duration) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/PID/stat");
    // Fields after the command name, which is in parentheses: state is
    // field 3, utime 14 and stime 15.
    let rest = &stat[stat.rfind(')').expect("a command name") + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u32 = fields[11].parse::<u32>().unwrap() + fields[12].parse::<u32>().unwrap();
    tick * ticks
}

/// The length of a clock tick (`getconf CLK_TCK`, 100 per second on
/// Linux).
fn clock_tick() -> Duration {
    let hz = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<u32>().ok())
        .unwrap_or(100);
    Duration::from_secs(1) / hz
}

/// Sends `n` requests of `workload` to `base`, `CONCURRENCY` in flight
/// (one client thread each, keeping its connection).
fn load(workload: Workload, base: &str, first: u64, n: u64) {
    let next = Arc::new(AtomicU64::new(0));
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (next, base) = (next.clone(), base.to_string());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .timeout_global(Some(Duration::from_secs(60)))
                    .build()
                    .into();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        return;
                    }
                    workload.send(&agent, &base, first + i);
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("a load thread");
    }
}

/// One binary per configuration.
struct Running {
    name: &'static str,
    proc: Proc,
    url: String,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// CPU µs per request of each configuration, each round, for `workload`.
fn measure(apis: &[Running], workload: Workload, tick: Duration) -> Vec<Vec<f64>> {
    let n = workload.requests();
    let mut per_config = vec![Vec::new(); apis.len()];
    let mut first = 0;
    for round in 0..=ROUNDS {
        let mut order: Vec<usize> = (0..apis.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for i in order {
            let api = &apis[i];
            let before = cpu_time(api.proc.0.id(), tick);
            load(workload, &api.url, first, n);
            first += n;
            let used = cpu_time(api.proc.0.id(), tick) - before;
            // Round 0 warms the binary up.
            if round > 0 {
                per_config[i].push(used.as_secs_f64() * 1e6 / n as f64);
            }
        }
    }
    per_config
}

/// Checks that each binary runs the configuration it was given:
/// `/metrics` answers only where metrics are on.
fn check_configs(apis: &[Running]) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    for api in apis {
        let env = CONFIGS.iter().find(|c| c.0 == api.name).unwrap().1;
        let off = env.contains(&("METRICS", "false"));
        let status = agent
            .get(format!("{}/metrics", api.url))
            .header("x-api-key", KEY)
            .call()
            .unwrap()
            .status();
        assert_eq!(status == 404, off, "{}: /metrics {status}", api.name);
    }
}

fn main() {
    let bins = release_binaries(&["comfy-double", "wfc-api"]);
    let (double_bin, api_bin) = (&bins[0], &bins[1]);
    let tick = clock_tick();
    let (_double, double_url) = start_double(double_bin);
    let apis: Vec<Running> = CONFIGS
        .iter()
        .map(|(name, env)| {
            let (proc, url, _) = start_api(Path::new(api_bin), &double_url, env);
            Running { name, proc, url }
        })
        .collect();
    check_configs(&apis);
    let started = Instant::now();
    let mut report = format!(
        "machine: {} cores; {ROUNDS} rounds per configuration and workload (after a warm-up), interleaved, {CONCURRENCY} requests in flight; CPU of the API process (user + system, /proc/PID/stat, {} ms ticks)\n\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        tick.as_millis()
    );
    report.push_str("| workload | configuration | requests per round | CPU µs per request (median) | min – max | ratio to baseline | difference |\n|---|---|---|---|---|---|---|\n");
    for workload in [Workload::Run, Workload::Probe] {
        let rounds = measure(&apis, workload, tick);
        let base = &rounds[0];
        for (api, r) in apis.iter().zip(&rounds) {
            let (min, max) = r
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), &x| (a.min(x), b.max(x)));
            let ratio = median(r.iter().zip(base).map(|(x, b)| x / b).collect());
            let diff = median(r.iter().zip(base).map(|(x, b)| x - b).collect());
            report.push_str(&format!(
                "| {} | {} | {} | {:.1} | {min:.1} – {max:.1} | {ratio:.3} | {diff:+.1} µs |\n",
                workload.name(),
                api.name,
                workload.requests(),
                median(r.clone()),
            ));
        }
    }
    report.push_str(&format!(
        "\n(measured in {:.0} s)\n",
        started.elapsed().as_secs_f64()
    ));
    println!("{report}");
}
