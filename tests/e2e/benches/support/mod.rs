//! What the benches share: release builds of the binaries, child
//! processes killed when dropped, the ComfyUI test double and the API
//! binary started on free loopback ports and waited for.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Release binaries of the given packages, built with cargo.
pub(crate) fn release_binaries(packages: &[&str]) -> Vec<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args(["build", "--release", "-q", "--message-format=json"]);
    for p in packages {
        cmd.args(["-p", p]);
    }
    let out = cmd.stderr(Stdio::inherit()).output().expect("cargo runs");
    assert!(out.status.success());
    let artifacts: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    packages
        .iter()
        .map(|p| {
            artifacts
                .iter()
                .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == *p)
                .find_map(|m| m["executable"].as_str().map(PathBuf::from))
                .unwrap_or_else(|| panic!("no executable for {p}"))
        })
        .collect()
}

/// A child process that is killed when dropped.
pub(crate) struct Proc(pub(crate) Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The double's binary on a free port, once it answers; its URL.
pub(crate) fn start_double(bin: &Path) -> (Proc, String) {
    let port = free_port();
    let child = Command::new(bin)
        .args(["--host", "127.0.0.1", "--port", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    wait_http(&format!("{url}/system_stats"), Duration::from_secs(20));
    (Proc(child), url)
}

/// The API binary on a free port in front of `comfy`, with `env` added
/// to its environment, once `/ready` answers 200: its URL and how long
/// that took.
pub(crate) fn start_api(bin: &Path, comfy: &str, env: &[(&str, &str)]) -> (Proc, String, Duration) {
    let port = free_port();
    let t = Instant::now();
    let mut cmd = Command::new(bin);
    cmd.args([
        "--host",
        "127.0.0.1",
        "--port",
        &port.to_string(),
        "--comfyui-url",
        comfy,
    ])
    .env("LOG_LEVEL", "error")
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let child = cmd.spawn().unwrap();
    let url = format!("http://127.0.0.1:{port}");
    wait_http(&format!("{url}/ready"), Duration::from_secs(20));
    (Proc(child), url, t.elapsed())
}

/// Polls `url` until it answers 200.
pub(crate) fn wait_http(url: &str, limit: Duration) {
    let t = Instant::now();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_millis(500)))
        .build()
        .into();
    loop {
        if agent.get(url).call().is_ok_and(|r| r.status() == 200) {
            return;
        }
        assert!(t.elapsed() < limit, "{url} never answered 200");
        std::thread::sleep(Duration::from_millis(1));
    }
}
