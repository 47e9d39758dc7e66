//! Connection-level limits of the real API binary, with plain sockets on
//! 127.0.0.1: slow request heads closed at HEADER_READ_TIMEOUT_S, idle
//! keep-alive connections closed at IDLE_TIMEOUT_S, 20,000 connections
//! capped at MAX_CONNECTIONS with the oldest closed first, JSON nested
//! past MAX_JSON_DEPTH refused, large bodies past MAX_BODY_MEMORY_MB
//! answered 503 `busy`; through each, a normal request is answered within
//! a second and the binary's memory stays bounded.

use comfy_double::{Double, RunningDouble};
use serde_json::Value;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};
use wfc_e2e::{Api, wait_until};

/// These tests open thousands of connections and time answers: one at a
/// time, so that none slows another.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A normal request must be answered within this, whatever the flood.
const AT_ONCE: Duration = Duration::from_secs(1);

fn start(env: &[(&str, &str)]) -> (RunningDouble, Api, SocketAddr) {
    let d = Double::builder()
        .step_delay_ms(1)
        .spawn()
        .expect("the double starts");
    let api = Api::start(&d.url(), env);
    let addr = api
        .url
        .trim_start_matches("http://")
        .parse()
        .expect("the binary listens on an address");
    (d, api, addr)
}

/// Raises this process's open-file limit to `need` (the binary, started
/// after, inherits it); fails, naming the limit, when it cannot.
fn raise_open_files(need: u64) {
    use rlimit::Resource;
    let (soft, hard) = Resource::NOFILE.get().expect("the open-file limit reads");
    if soft >= need {
        return;
    }
    if let Err(e) = Resource::NOFILE.set(need, hard.max(need)) {
        panic!(
            "this test needs {need} open files; the limit is {soft} (hard {hard}) and raising it failed ({e}): raise the hard limit (`ulimit -Hn {need}`) or run as root"
        );
    }
}

/// One answer read off a socket.
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// Reads one answer: its head, then `Content-Length` bytes of body.
fn read_answer(stream: &mut TcpStream) -> io::Result<Answer> {
    let mut bytes = Vec::new();
    let mut buf = [0u8; 8192];
    let end = loop {
        if let Some(i) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut buf)? {
            0 => return Err(io::Error::new(ErrorKind::UnexpectedEof, "no answer")),
            n => bytes.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&bytes[..end]).to_string();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut answer = Answer {
        status,
        head,
        body: bytes[end..].to_vec(),
    };
    let length: usize = answer
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while answer.body.len() < length {
        match stream.read(&mut buf)? {
            0 => break,
            n => answer.body.extend_from_slice(&buf[..n]),
        }
    }
    Ok(answer)
}

/// Sends `request` on a new connection and reads the answer; with how
/// long it took from connecting.
fn exchange(addr: SocketAddr, request: &[u8]) -> (Answer, Duration) {
    let t = Instant::now();
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request).expect("the request is sent");
    let answer = read_answer(&mut s).expect("an answer");
    (answer, t.elapsed())
}

/// `GET /health` on a new connection: 200, and how long it took.
fn health(addr: SocketAddr) -> Duration {
    let (answer, took) = exchange(
        addr,
        b"GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(answer.status, 200, "{}", answer.head);
    took
}

/// Whether the server closed its end (end of stream or reset), without
/// blocking.
fn closed(stream: &mut TcpStream) -> bool {
    stream.set_nonblocking(true).unwrap();
    let mut b = [0u8; 256];
    match stream.read(&mut b) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != ErrorKind::WouldBlock,
    }
}

/// A line of /proc/PID/status in KB (`VmRSS`, `VmHWM`: the peak).
fn memory_kb(api: &Api, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", api.pid()))
        .expect("the binary's /proc status reads");
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {key} in\n{status}"))
}

fn assert_at_once(latencies: &[Duration], what: &str) {
    assert!(!latencies.is_empty(), "no normal request was made {what}");
    let worst = latencies.iter().max().unwrap();
    assert!(
        *worst < AT_ONCE,
        "a normal request took {worst:?} {what} (all: {latencies:?})"
    );
}

/// A connection the test watches for the server closing it.
struct Watched {
    stream: TcpStream,
    since: Instant,
    closed: Option<Instant>,
}

impl Watched {
    /// Notes when the server has closed it.
    fn poll(&mut self) {
        if self.closed.is_none() && closed(&mut self.stream) {
            self.closed = Some(Instant::now());
        }
    }

    fn lived(&self) -> Duration {
        self.closed.expect("closed") - self.since
    }
}

#[test]
fn slow_request_heads_are_closed_at_the_head_timeout_and_others_are_answered() {
    let _one = one_at_a_time();
    const N: usize = 500;
    raise_open_files(N as u64 + 500);
    let (_d, api, addr) = start(&[("HEADER_READ_TIMEOUT_S", "2")]);
    let head = b"GET /health HTTP/1.1\r\nHost: slow\r\nUser-Agent: one-byte-a-second\r\n\r\n";
    let mut slow: Vec<Watched> = (0..N)
        .map(|_| {
            let mut stream = TcpStream::connect(addr).expect("connects");
            stream.write_all(&head[..1]).unwrap();
            stream.set_nonblocking(true).unwrap();
            Watched {
                stream,
                since: Instant::now(),
                closed: None,
            }
        })
        .collect();
    let started = Instant::now();
    let (mut sent, mut next_byte) = (1, started + Duration::from_secs(1));
    let mut next_probe = started + Duration::from_millis(200);
    let mut latencies = Vec::new();
    while slow.iter().any(|c| c.closed.is_none()) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "slow connections still open after 10 s:\n{}",
            api.logs()
        );
        let now = Instant::now();
        if now >= next_byte {
            for c in slow.iter_mut().filter(|c| c.closed.is_none()) {
                // A write to a closed connection fails or draws a reset;
                // `poll` notices either.
                let _ = c.stream.write(&head[sent..=sent]);
            }
            sent += 1;
            next_byte += Duration::from_secs(1);
        }
        if now >= next_probe {
            latencies.push(health(addr));
            next_probe += Duration::from_millis(300);
        }
        slow.iter_mut().for_each(Watched::poll);
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(sent < head.len(), "the heads were never complete");
    assert_at_once(&latencies, "beside 500 slow heads");
    assert!(latencies.len() >= 3, "{latencies:?}");
    let lived: Vec<Duration> = slow.iter().map(Watched::lived).collect();
    let (first, last) = (lived.iter().min().unwrap(), lived.iter().max().unwrap());
    eprintln!("500 slow heads closed after {first:?} to {last:?}; normal requests {latencies:?}");
    assert!(
        *first >= Duration::from_millis(1900) && *last <= Duration::from_millis(3500),
        "slow connections were closed after {first:?} to {last:?}, not at about 2 s"
    );
    assert!(health(addr) < AT_ONCE);
}

#[test]
fn idle_keep_alive_connections_are_closed_at_the_idle_timeout_and_others_are_answered() {
    let _one = one_at_a_time();
    const N: usize = 2_000;
    raise_open_files(N as u64 + 500);
    // A head timeout shorter than the idle one: idle connections outlive it.
    let (_d, api, addr) = start(&[("HEADER_READ_TIMEOUT_S", "1"), ("IDLE_TIMEOUT_S", "5")]);
    let mut idle: Vec<Watched> = Vec::with_capacity(N);
    let opening = Instant::now();
    for i in 0..N {
        let mut stream = TcpStream::connect(addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
            .write_all(b"GET /health HTTP/1.1\r\nHost: idle\r\n\r\n")
            .unwrap();
        let answer = read_answer(&mut stream).expect("an answer");
        assert_eq!(answer.status, 200, "{}", answer.head);
        assert_ne!(answer.header("connection"), Some("close"));
        idle.push(Watched {
            stream,
            since: Instant::now(),
            closed: None,
        });
        if i % 100 == 99 {
            idle.iter_mut().for_each(Watched::poll);
        }
    }
    let opened_in = opening.elapsed();
    let latencies: Vec<Duration> = (0..5).map(|_| health(addr)).collect();
    assert_at_once(&latencies, "beside 2,000 idle connections");
    wait_until(
        "every idle connection closing",
        Duration::from_secs(20),
        || {
            idle.iter_mut().for_each(Watched::poll);
            idle.iter().all(|c| c.closed.is_some())
        },
    );
    let lived: Vec<Duration> = idle.iter().map(Watched::lived).collect();
    let (first, last) = (lived.iter().min().unwrap(), lived.iter().max().unwrap());
    eprintln!(
        "2,000 idle connections opened in {opened_in:?}, closed {first:?} to {last:?} after their answer; normal requests {latencies:?}"
    );
    assert!(
        *first >= Duration::from_millis(4800) && *last <= Duration::from_millis(6500),
        "idle connections were closed {first:?} to {last:?} after their answer, not at about 5 s (opened in {opened_in:?})"
    );
    drop(api);
}

/// A `flood` process holding connections open (one process may not
/// open all 20,000 under the machine's hard open-file limit).
struct Flood {
    child: std::process::Child,
    lines: std::io::Lines<std::io::BufReader<std::process::ChildStdout>>,
}

impl Flood {
    /// Opens `count` connections to `addr` and waits until they are open.
    fn open(addr: SocketAddr, count: usize) -> Flood {
        use std::io::BufRead;
        use std::process::{Command, Stdio};
        let mut child = Command::new(env!("CARGO_BIN_EXE_flood"))
            .args([addr.to_string(), count.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the flood helper starts");
        let stdout = child.stdout.take().expect("piped");
        let mut flood = Flood {
            child,
            lines: std::io::BufReader::new(stdout).lines(),
        };
        let line = flood.line();
        assert_eq!(line, format!("opened {count}"), "the flood helper failed");
        flood
    }

    fn line(&mut self) -> String {
        self.lines
            .next()
            .and_then(Result::ok)
            .unwrap_or_else(|| "the flood helper ended".into())
    }

    /// Waits until the server has closed `expect` of them (at most 10 s):
    /// how many it closed, and the index of the newest closed.
    fn closed(&mut self, expect: usize) -> (usize, i64) {
        let stdin = self.child.stdin.as_mut().expect("piped");
        writeln!(stdin, "report {expect}").expect("the helper reads");
        let line = self.line();
        let mut words = line.split(' ').skip(1).map(|w| w.parse::<i64>());
        match (words.next(), words.next()) {
            (Some(Ok(k)), Some(Ok(newest))) => (k as usize, newest),
            _ => panic!("the flood helper said `{line}`"),
        }
    }
}

impl Drop for Flood {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.wait();
    }
}

#[test]
fn twenty_thousand_connections_leave_room_for_normal_requests_in_bounded_memory() {
    let _one = one_at_a_time();
    const HALF: usize = 10_000;
    const CAP: usize = 10_000;
    // The binary needs CAP descriptors and those it keeps for itself.
    raise_open_files(CAP as u64 + 512);
    // A long head timeout: only the cap closes connections here.
    let (_d, api, addr) = start(&[("HEADER_READ_TIMEOUT_S", "120")]);
    assert!(
        api.logs()
            .contains(&format!("at most {CAP} connections (MAX_CONNECTIONS)")),
        "the cap is derived from the open-file limit:\n{}",
        api.logs()
    );
    let stop = Arc::new(AtomicBool::new(false));
    let prober = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut latencies = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                latencies.push(health(addr));
                std::thread::sleep(Duration::from_millis(200));
            }
            latencies
        })
    };
    let opening = Instant::now();
    let mut oldest = Flood::open(addr, HALF);
    let mut newest = Flood::open(addr, HALF);
    let opened_in = opening.elapsed();
    let after: Vec<Duration> = (0..10).map(|_| health(addr)).collect();
    stop.store(true, Ordering::SeqCst);
    let during = prober.join().expect("the prober ends");
    assert_at_once(&during, "while 20,000 connections opened");
    assert_at_once(&after, "beside 20,000 connections");
    // At most CAP stay open: the oldest were closed to make room.
    let (old_closed, _) = oldest.closed(HALF);
    assert_eq!(old_closed, HALF, "the oldest connections stay open");
    let (new_closed, newest_closed) = newest.closed(0);
    assert!(
        new_closed <= 50 && newest_closed < 50,
        "{new_closed} of the newest connections were closed, the newest of them #{newest_closed}"
    );
    let (rss, peak) = (memory_kb(&api, "VmRSS"), memory_kb(&api, "VmHWM"));
    eprintln!(
        "20,000 connections opened in {opened_in:?}; RSS {} MB, peak {} MB; worst answer {:?}",
        rss / 1024,
        peak / 1024,
        during.iter().chain(&after).max()
    );
    assert!(
        peak < 80 * 1024,
        "the binary's peak RSS reached {} MB",
        peak / 1024
    );
}

#[test]
fn json_nested_past_the_depth_limit_is_refused_with_where() {
    let _one = one_at_a_time();
    let (_d, _api, addr) = start(&[]);
    let post = |depth: usize| {
        // The envelope and `input` are two levels; the arrays the rest.
        let prefix = r#"{"input": {"prompt": "a cat", "deep": "#;
        let arrays = depth - 2;
        let body = format!("{prefix}{}{}}}}}", "[".repeat(arrays), "]".repeat(arrays));
        let request = format!(
            "POST /workflows/sd15/txt2img?dry_run=true HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        (exchange(addr, request.as_bytes()).0, prefix.len())
    };
    let (answer, prefix) = post(65);
    assert_eq!(answer.status, 400, "{}", answer.head);
    let problem = answer.json();
    assert_eq!(problem["type"], "urn:wfc:problem:invalid-json");
    assert_eq!(
        problem["detail"],
        format!(
            "arrays and objects nest deeper than 64 levels (MAX_JSON_DEPTH) at byte {}",
            prefix + 62
        )
    );
    // 64 levels parse; the unknown member is what the request gets wrong.
    let (answer, _) = post(64);
    let problem = answer.json();
    assert_eq!(answer.status, 422, "{problem}");
    assert_eq!(problem["errors"][0]["pointer"], "/input/deep", "{problem}");
}

#[test]
fn a_body_that_stops_arriving_gets_408_and_its_connection_closes() {
    let _one = one_at_a_time();
    let (_d, _api, addr) = start(&[("BODY_READ_TIMEOUT_S", "1")]);
    let t = Instant::now();
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // 100 bytes announced, 10 sent, then silence.
    s.write_all(
        b"POST /workflows/sd15/txt2img HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"input\": ",
    )
    .unwrap();
    let answer = read_answer(&mut s).expect("an answer");
    let took = t.elapsed();
    assert_eq!(answer.status, 408, "{}", answer.head);
    assert_eq!(answer.json()["type"], "urn:wfc:problem:request-timeout");
    assert_eq!(answer.header("connection"), Some("close"));
    assert!(
        took >= Duration::from_secs(1) && took < Duration::from_secs(4),
        "{took:?}"
    );
    wait_until(
        "the server closes the connection",
        Duration::from_secs(5),
        || closed(&mut s),
    );
    // Others are still served at once.
    assert!(health(addr) < Duration::from_secs(1));
}

/// A request head and a body of `size` bytes to a compiled endpoint:
/// `{"input": {"prompt": "aaa…"}}`.
fn large_request(size: usize) -> (Vec<u8>, Vec<u8>) {
    let (open, close) = (br#"{"input": {"prompt": ""#, br#""}}"#);
    let mut body = Vec::with_capacity(size);
    body.extend_from_slice(open);
    body.resize(size - close.len(), b'a');
    body.extend_from_slice(close);
    let head = format!(
        "POST /workflows/sd15/txt2img?dry_run=true HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
    );
    (head.into_bytes(), body)
}

/// Sends `head` and `body` from one thread, reads the answer on this one.
fn send_large(addr: SocketAddr, head: Vec<u8>, body: Arc<Vec<u8>>) -> io::Result<Answer> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut writer = stream.try_clone()?;
    std::thread::spawn(move || {
        // The server may stop reading a refused body: errors end this.
        let _ = writer
            .write_all(&head)
            .and_then(|()| writer.write_all(&body));
    });
    read_answer(&mut stream)
}

#[test]
fn large_bodies_past_the_memory_budget_are_busy_and_memory_stays_bounded() {
    let _one = one_at_a_time();
    const SIZE: usize = 95 << 20;
    let (_d, api, addr) = start(&[("MAX_BODY_MEMORY_MB", "200")]);
    let (head, body) = large_request(SIZE);
    let body = Arc::new(body);
    // One body takes 190 of the 200 MB (its bytes and its parsed value):
    // its client sends 60 MB, which the server reads only once it holds
    // that share, and pauses.
    let mut holder = TcpStream::connect(addr).expect("connects");
    holder
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    holder.write_all(&head).unwrap();
    holder.write_all(&body[..60 << 20]).unwrap();
    // Seven more at once: none can have its share.
    let others: Vec<_> = (0..7)
        .map(|_| {
            let (head, body) = (head.clone(), body.clone());
            std::thread::spawn(move || {
                let t = Instant::now();
                (send_large(addr, head, body), t.elapsed())
            })
        })
        .collect();
    for other in others {
        let (answer, took) = other.join().expect("the client ends");
        let answer = answer.expect("a busy body is answered, not cut off");
        assert_eq!(answer.status, 503, "{}", answer.head);
        assert_eq!(answer.header("retry-after"), Some("2"));
        assert_eq!(answer.json()["type"], "urn:wfc:problem:busy");
        assert!(took < Duration::from_secs(5), "answered after {took:?}");
    }
    holder.write_all(&body[60 << 20..]).unwrap();
    let answer = read_answer(&mut holder).expect("the first body is answered");
    assert_eq!(
        answer.status, 422,
        "the prompt is too long: {}",
        answer.head
    );
    drop(holder);
    // With the budget free again, the next large body is read.
    let answer = send_large(addr, head, body).expect("answered");
    assert_eq!(answer.status, 422, "{}", answer.head);
    assert!(health(addr) < AT_ONCE);
    let peak = memory_kb(&api, "VmHWM");
    eprintln!("8 + 1 bodies of 95 MB: peak RSS {} MB", peak / 1024);
    assert!(
        peak < 400 * 1024,
        "the binary's peak RSS reached {} MB",
        peak / 1024
    );
}

/// Clock ticks of CPU the binary has used (user and system).
fn cpu_ticks(api: &Api) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", api.pid())).expect("stat reads");
    // The fields after the command's closing parenthesis; utime and stime
    // are the 12th and 13th of them.
    let after = stat.rsplit_once(')').expect("a command in stat").1;
    let fields: Vec<u64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .map(|f| f.parse().expect("a number"))
        .collect();
    fields.iter().sum()
}

fn open_descriptors(api: &Api) -> usize {
    std::fs::read_dir(format!("/proc/{}/fd", api.pid()))
        .expect("the binary's descriptors list")
        .count()
}

#[test]
fn out_of_descriptors_the_server_pauses_instead_of_spinning_and_recovers() {
    let _one = one_at_a_time();
    const LIMIT: u64 = 200;
    // A cap above what the descriptors allow, so accepting meets EMFILE.
    let (_d, api, addr) = start(&[("MAX_CONNECTIONS", "5000")]);
    rlimit::prlimit(
        i32::try_from(api.pid()).expect("a pid"),
        rlimit::Resource::NOFILE,
        Some((LIMIT, LIMIT)),
        None,
    )
    .expect("the binary's open-file limit is lowered");
    // Requests in flight, their bodies stalled after one byte, take every
    // descriptor: none is idle, so none can be closed to make room.
    let busy: Vec<TcpStream> = (0..LIMIT)
        .map(|_| {
            let mut s = TcpStream::connect(addr).expect("connects");
            s.write_all(
                b"POST /prompt HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
            )
            .unwrap();
            s
        })
        .collect();
    wait_until(
        "the binary running out of descriptors",
        Duration::from_secs(10),
        || open_descriptors(&api) as u64 >= LIMIT,
    );
    wait_until("an accept error logged", Duration::from_secs(5), || {
        api.logs().contains("accept error(s)")
    });
    let before = cpu_ticks(&api);
    let window = Instant::now();
    wait_until("two seconds passing", Duration::from_secs(3), || {
        window.elapsed() >= Duration::from_secs(2)
    });
    let used = cpu_ticks(&api) - before;
    eprintln!("out of descriptors for 2 s: {used} clock ticks of CPU");
    // Pauses of 5 ms and up take none; retrying every millisecond took 14
    // ticks, and retrying at once starves the server before this point.
    assert!(
        used < 10,
        "the binary used {used} ticks in 2 s out of descriptors"
    );
    assert!(api.logs().contains("Too many open files"), "{}", api.logs());
    drop(busy);
    let took = health(addr);
    assert!(took < Duration::from_secs(2), "recovered after {took:?}");
    assert!(health(addr) < AT_ONCE);
}
