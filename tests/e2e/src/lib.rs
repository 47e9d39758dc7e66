//! End-to-end tests of the API crate `wfc build specs/` generates; the
//! tests are in `tests/`. This library starts the real API binary for them.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Builds the generated API binary once (cargo reuses the workspace's
/// build) and returns its path.
pub fn api_binary() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let out = Command::new(cargo)
            .args([
                "build",
                "-q",
                "-p",
                "wfc-api",
                "--bin",
                "wfc-api",
                "--message-format=json",
            ])
            .stderr(Stdio::inherit())
            .output()
            .expect("cargo runs");
        assert!(out.status.success(), "cargo build -p wfc-api failed");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "wfc-api")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo names the wfc-api executable")
    })
    .clone()
}

/// Polls `check` every 20 ms until it holds; fails the test naming `what`
/// past `limit`. For conditions observed from outside (a queue, a log
/// line, a file reloaded), where no event can be awaited.
pub fn wait_until(what: &str, limit: Duration, mut check: impl FnMut() -> bool) {
    let t = std::time::Instant::now();
    while !check() {
        assert!(
            t.elapsed() < limit,
            "{what} did not happen within {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The API binary running on a free loopback port; killed when dropped.
pub struct Api {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    logs: Arc<Mutex<String>>,
    /// The data directory this `Api` made (removed when it is dropped);
    /// `None` when the caller gave `DATA_DIR`.
    data_dir: Option<PathBuf>,
}

/// A fresh, empty directory under the system's temporary directory.
pub fn fresh_dir(what: &str) -> PathBuf {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("wfc-{what}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

impl Api {
    /// Starts the binary against ComfyUI at `comfyui` with extra
    /// environment variables, and waits until it listens.
    pub fn start(comfyui: &str, env: &[(&str, &str)]) -> Api {
        let mut cmd = Command::new(api_binary());
        cmd.args([
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--comfyui-url",
            comfyui,
        ])
        .env("LOG_LEVEL", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        // Each binary keeps its jobs in a data directory of its own.
        let data_dir = (!env.iter().any(|(k, _)| *k == "DATA_DIR")).then(|| fresh_dir("data"));
        if let Some(dir) = &data_dir {
            cmd.env("DATA_DIR", dir);
        }
        let mut child = cmd.spawn().expect("the API binary starts");
        let stderr = child.stderr.take().expect("stderr is piped");
        let logs = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = logs.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("listening on http://").nth(1) {
                    let addr: String = rest
                        .chars()
                        .take_while(|c| !c.is_whitespace() && *c != ',')
                        .collect();
                    let _ = tx.send(addr);
                }
                sink.lock().unwrap().push_str(&line);
                sink.lock().unwrap().push('\n');
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("the API binary did not start:\n{}", logs.lock().unwrap()));
        Api {
            child,
            url: format!("http://{addr}"),
            logs,
            data_dir,
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends `signal` (`HUP`, `TERM`) to the process.
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{signal} failed");
    }

    /// What the binary logged so far.
    pub fn logs(&self) -> String {
        self.logs.lock().unwrap().clone()
    }

    /// Sends SIGTERM and waits for the process to exit, returning its
    /// status.
    pub fn terminate(mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        for _ in 0..100 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        self.child.wait().expect("the child exits")
    }
}

impl Drop for Api {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some(dir) = &self.data_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// What a [`Loopback`] server does with a request, by its path.
pub enum Reply {
    /// These bytes (a whole HTTP answer), then close.
    Bytes(Vec<u8>),
    /// `200` and a body that never ends, until the client hangs up.
    Endless,
    /// Nothing: the connection stays open and silent.
    Silent,
    /// `200` with a `Content-Length` of 1 MB, then one byte every 100 ms.
    Trickle,
}

impl Reply {
    /// `200 OK` with `body` and its `Content-Type`.
    pub fn ok(content_type: &str, body: &[u8]) -> Reply {
        let mut out = format!(
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        out.extend_from_slice(body);
        Reply::Bytes(out)
    }

    /// `302 Found` to `location`.
    pub fn redirect(location: &str) -> Reply {
        Reply::Bytes(
            format!(
                "HTTP/1.1 302 Found\r\nConnection: close\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n"
            )
            .into_bytes(),
        )
    }
}

/// An HTTP server on a free port of 127.0.0.1, answering each request by
/// its path, for URLs the API binary fetches. It counts the connections
/// it accepted and serves until the test process ends.
pub struct Loopback {
    /// Its port.
    pub port: u16,
    accepted: Arc<std::sync::atomic::AtomicUsize>,
}

impl Loopback {
    /// Starts a server answering with `reply(path)`.
    pub fn start(reply: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Loopback {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().expect("a local address").port();
        let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = accepted.clone();
        let reply = Arc::new(reply);
        // Silent connections are kept open here.
        let held = Arc::new(Mutex::new(Vec::new()));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let reply = reply.clone();
                let held = held.clone();
                std::thread::spawn(move || {
                    let mut head = Vec::new();
                    let mut buf = [0; 1024];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut buf) {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&head);
                    let path = head.split(' ').nth(1).unwrap_or("/").to_string();
                    match reply(&path) {
                        Reply::Bytes(bytes) => {
                            let _ = stream.write_all(&bytes);
                        }
                        Reply::Endless => {
                            let _ =
                                stream.write_all(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
                            let chunk = [7u8; 64 * 1024];
                            while stream.write_all(&chunk).is_ok() {}
                        }
                        Reply::Silent => held.lock().unwrap().push(stream),
                        Reply::Trickle => {
                            let _ = stream.write_all(
                                b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: image/png\r\nContent-Length: 1048576\r\n\r\n",
                            );
                            while stream.write_all(b"\x89").is_ok() {
                                std::thread::sleep(Duration::from_millis(100));
                            }
                        }
                    }
                });
            }
        });
        Loopback { port, accepted }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// How many connections it accepted so far.
    pub fn accepted(&self) -> usize {
        self.accepted.load(std::sync::atomic::Ordering::SeqCst)
    }
}
