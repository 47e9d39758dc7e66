//! Benchmark of the ComfyUI test double: startup time of the binary (spawn
//! until `/system_stats` answers) and prompts per second for a 3-node
//! model-free workflow (EmptyImage 64×64 → ImageInvert → SaveImage)
//! submitted over HTTP and awaited over the websocket, at a few
//! concurrency levels. Prints medians.
//!
//! `cargo bench -p comfy-double --bench throughput`

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn startup_ms() -> f64 {
    let bin = env!("CARGO_BIN_EXE_comfy-double");
    let t = Instant::now();
    let mut child = Command::new(bin)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn comfy-double");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .last()
        .unwrap()
        .trim_start_matches("http://")
        .to_string();
    loop {
        if let Ok(mut s) = std::net::TcpStream::connect(&url) {
            use std::io::{Read, Write};
            s.write_all(
                format!("GET /system_stats HTTP/1.1\r\nHost: {url}\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            )
            .unwrap();
            let mut buf = Vec::new();
            let _ = s.read_to_end(&mut buf);
            if buf.starts_with(b"HTTP/1.1 200") {
                break;
            }
        }
        assert!(t.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(1));
    }
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let _ = child.kill();
    let _ = child.wait();
    ms
}

/// A keep-alive HTTP/1.1 POST; returns the body.
async fn post(conn: &mut TcpStream, host: &str, path: &str, body: &str) -> Vec<u8> {
    let req = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    conn.write_all(req.as_bytes()).await.unwrap();
    let mut buf = Vec::with_capacity(512);
    let mut chunk = [0u8; 1024];
    loop {
        let n = conn.read(&mut chunk).await.unwrap();
        assert!(n > 0, "connection closed");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map(|v| v.trim().parse().unwrap())
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = conn.read(&mut chunk).await.unwrap();
                buf.extend_from_slice(&chunk[..n]);
            }
            return buf[end + 4..end + 4 + len].to_vec();
        }
    }
}

async fn client(addr: String, id: usize, deadline: Instant) -> usize {
    let client_id = format!("bench{id}");
    let (mut ws, _) =
        tokio_tungstenite::connect_async(format!("ws://{addr}/ws?clientId={client_id}"))
            .await
            .unwrap();
    let mut conn = TcpStream::connect(&addr).await.unwrap();
    conn.set_nodelay(true).unwrap();
    let mut done = 0usize;
    let mut n = 0u64;
    while Instant::now() < deadline {
        n += 1;
        // A distinct color per prompt, so that nothing is served from the cache.
        let color = (id as u64 * 1_000_003 + n) % 0xFF_FFFF;
        let body = format!(
            r#"{{"prompt": {{"1": {{"class_type": "EmptyImage", "inputs": {{"width": 64, "height": 64, "batch_size": 1, "color": {color}}}}}, "2": {{"class_type": "ImageInvert", "inputs": {{"image": ["1", 0]}}}}, "3": {{"class_type": "SaveImage", "inputs": {{"images": ["2", 0], "filename_prefix": "bench/c{id}"}}}}}}, "client_id": "{client_id}"}}"#
        );
        let resp = post(&mut conn, &addr, "/prompt", &body).await;
        let text = String::from_utf8_lossy(&resp);
        let pid = text
            .split("\"prompt_id\": \"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        let done_marker =
            format!(r#"{{"type": "executing", "data": {{"node": null, "prompt_id": "{pid}"}}}}"#);
        loop {
            let msg = ws.next().await.unwrap().unwrap();
            if msg.is_text() && msg.to_text().unwrap() == done_marker {
                break;
            }
        }
        done += 1;
    }
    done
}

fn throughput(concurrency: usize, seconds: f64) -> f64 {
    let double = comfy_double::Double::builder().spawn().unwrap();
    let addr = double.addr().to_string();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let total: usize = rt.block_on(async {
        // Warm-up.
        client(
            addr.clone(),
            999,
            Instant::now() + Duration::from_millis(200),
        )
        .await;
        let start = Instant::now();
        let deadline = start + Duration::from_secs_f64(seconds);
        let tasks: Vec<_> = (0..concurrency)
            .map(|i| tokio::spawn(client(addr.clone(), i, deadline)))
            .collect();
        let mut total = 0;
        for t in tasks {
            total += t.await.unwrap();
        }
        total
    });
    total as f64 / seconds
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        println!("throughput: bench");
        return;
    }
    let startups: Vec<f64> = (0..7).map(|_| startup_ms()).collect();
    println!(
        "startup (spawn binary until /system_stats answers), median of 7: {:.1} ms",
        median(startups)
    );
    for c in [1usize, 4, 16] {
        let runs: Vec<f64> = (0..3).map(|_| throughput(c, 2.0)).collect();
        println!(
            "3-node 64x64 workflow, HTTP submit + websocket wait, {c:>2} concurrent clients, median of 3 x 2 s: {:.0} prompts/s",
            median(runs)
        );
    }
}
