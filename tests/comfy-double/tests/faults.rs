//! Faults on purpose: node failures, hangs, crashes, slow nodes with an
//! interrupt, dropped websockets, slow and failing HTTP answers.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use comfy_double::json::Json;
use comfy_double::{Double, FaultConfig};
use common::*;

const BASIC: &str = r#"{"prompt": {"1": {"class_type": "EmptyImage", "inputs": {"width": 8, "height": 8, "batch_size": 1, "color": 255}},
    "2": {"class_type": "ImageInvert", "inputs": {"image": ["1", 0]}},
    "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "f"}}}}"#;

fn submit(addr: SocketAddr, body: &str) -> String {
    let r = http(
        addr,
        "POST",
        "/prompt",
        &[("Content-Type", "application/json")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    r.json()
        .get("prompt_id")
        .and_then(Json::as_str)
        .unwrap()
        .to_string()
}

fn wait_history(addr: SocketAddr, pid: &str) -> Json {
    let t = Instant::now();
    loop {
        if let Some(e) = get_json(addr, &format!("/history/{pid}")).get(pid) {
            return e.clone();
        }
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "no history for {pid}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn last_message(entry: &Json) -> Json {
    entry
        .get("status")
        .and_then(|s| s.get("messages"))
        .and_then(Json::as_arr)
        .unwrap()
        .last()
        .unwrap()
        .clone()
}

#[test]
fn a_named_node_fails_with_an_execution_error() {
    let d = Double::builder().spawn().unwrap();
    let r = http(
        d.addr(),
        "POST",
        "/__double/faults",
        &[],
        br#"{"fail_node": "ImageInvert", "fail_message": "boom"}"#,
    );
    assert_eq!(r.status, 200);
    let entry = wait_history(d.addr(), &submit(d.addr(), BASIC));
    let m = last_message(&entry);
    let data = &m.as_arr().unwrap()[1];
    assert_eq!(m.as_arr().unwrap()[0], Json::from("execution_error"));
    assert_eq!(data.get("node_id"), Some(&Json::from("2")));
    assert_eq!(data.get("exception_message"), Some(&Json::from("boom\n")));
    assert_eq!(
        data.get("exception_type"),
        Some(&Json::from("RuntimeError"))
    );
    assert_eq!(
        entry.get("status").unwrap().get("status_str"),
        Some(&Json::from("error"))
    );
    // Cleared faults: the same prompt runs.
    assert_eq!(
        http(d.addr(), "DELETE", "/__double/faults", &[], b"").status,
        200
    );
    let entry = wait_history(d.addr(), &submit(d.addr(), BASIC));
    assert_eq!(
        last_message(&entry).as_arr().unwrap()[0],
        Json::from("execution_success")
    );
}

#[test]
fn http_answers_can_be_slow_or_fail() {
    let d = Double::builder().spawn().unwrap();
    d.set_faults(FaultConfig {
        http_500: Some("/queue".into()),
        http_500_count: Some(1),
        ..Default::default()
    });
    let r = http(d.addr(), "GET", "/queue", &[], b"");
    assert_eq!(r.status, 500);
    assert_eq!(
        r.body,
        b"500 Internal Server Error\n\nServer got itself in trouble"
    );
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    assert_eq!(
        http(d.addr(), "GET", "/queue", &[], b"").status,
        200,
        "the fault clears after its count"
    );
    d.set_faults(FaultConfig {
        http_delay_ms: 300,
        ..Default::default()
    });
    let t = Instant::now();
    assert_eq!(http(d.addr(), "GET", "/prompt", &[], b"").status, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    assert_eq!(
        http(d.addr(), "POST", "/__double/faults", &[], b"{\"nope\": 1}").status,
        400
    );
}

#[test]
fn exit_mid_run_stops_the_double() {
    let d = Double::builder()
        .faults(FaultConfig {
            exit_on_node: Some("2".into()),
            ..Default::default()
        })
        .spawn()
        .unwrap();
    let addr = d.addr();
    submit(addr, BASIC);
    let t = Instant::now();
    while !d.crashed() {
        assert!(t.elapsed() < Duration::from_secs(10), "no crash");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "the port is closed after the crash"
    );
}

#[test]
fn a_hung_node_keeps_the_prompt_running_even_when_interrupted() {
    let d = Double::builder()
        .faults(FaultConfig {
            hang_node: Some("SaveImage".into()),
            ..Default::default()
        })
        .spawn()
        .unwrap();
    let pid = submit(d.addr(), BASIC);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(http(d.addr(), "POST", "/interrupt", &[], b"").status, 200);
    std::thread::sleep(Duration::from_millis(300));
    let q = get_json(d.addr(), "/queue");
    let running = q.get("queue_running").and_then(Json::as_arr).unwrap();
    assert_eq!(running.len(), 1);
    assert_eq!(running[0].as_arr().unwrap()[1], Json::from(pid.as_str()));
    let t = Instant::now();
    d.shutdown();
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "shutdown releases the hung node"
    );
}

#[test]
fn interrupt_waits_for_the_running_node() {
    let d = Double::builder()
        .faults(FaultConfig {
            slow_node: Some("2".into()),
            slow_node_ms: 500,
            ..Default::default()
        })
        .spawn()
        .unwrap();
    let pid = submit(d.addr(), BASIC);
    std::thread::sleep(Duration::from_millis(150));
    let t = Instant::now();
    http(
        d.addr(),
        "POST",
        "/interrupt",
        &[("Content-Type", "application/json")],
        format!(r#"{{"prompt_id": "{pid}"}}"#).as_bytes(),
    );
    let entry = wait_history(d.addr(), &pid);
    assert!(
        t.elapsed() >= Duration::from_millis(250),
        "the slow node finished first"
    );
    let m = last_message(&entry);
    let m = m.as_arr().unwrap();
    assert_eq!(m[0], Json::from("execution_interrupted"));
    assert_eq!(m[1].get("node_id"), Some(&Json::from("3")));
    assert_eq!(m[1].get("executed").unwrap().dumps(), r#"["2", "1"]"#);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn websockets_can_be_dropped() {
    use futures_util::StreamExt;
    let d = Double::builder().spawn().unwrap();
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("{}?clientId=abc", d.ws_url()))
        .await
        .unwrap();
    let first = ws.next().await.unwrap().unwrap();
    assert!(first.to_text().unwrap().contains(r#""sid": "abc""#));
    let addr = d.addr();
    let r = tokio::task::spawn_blocking(move || {
        http(addr, "POST", "/__double/drop_websockets", &[], b"")
    })
    .await
    .unwrap();
    assert_eq!(r.json().dumps(), r#"{"dropped": 1}"#);
    let end = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match ws.next().await {
                None | Some(Err(_)) => return true,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert_eq!(end, Ok(true));
}
