//! Swagger UI at `/docs` in a real browser: the generated API's router is
//! served on a loopback port and headless Chromium (Debian's `chromium`
//! package, which CI installs) loads the page with every host name but
//! 127.0.0.1 unresolvable, so the page renders only if the binary serves
//! everything it needs. The rendered DOM must list every endpoint and the
//! API's title, and a screenshot of the page must not be blank.
//!
//! The test fails, rather than skips, when Chromium is not installed.
//! `WFC_DOCS_SCREENSHOT=FILE` keeps a copy of the screenshot.

use axum::extract::Request;
use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The `<title>` of the page (the runtime's `docs` module sets it).
const PAGE_TITLE: &str = "API documentation";

/// How long one Chromium run may take before it is killed.
const TIMEOUT: Duration = Duration::from_secs(90);

/// The Chromium executable on `PATH`.
fn chromium() -> PathBuf {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("chromium"))
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!(
                "Swagger UI's browser test needs Chromium, and `chromium` is not on PATH: \
                 install Debian's `chromium` package (`apt-get install -y chromium`)"
            )
        })
}

/// A directory under the system's temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(what: &str) -> TempDir {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!(
            "wfc-e2e-docs-{what}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Serves the generated API's router on a free loopback port; returns its
/// address and the log of the paths requested from it.
async fn serve() -> (SocketAddr, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = log.clone();
    let router =
        wfc_api::app()
            .router()
            .layer(axum::middleware::map_request(move |request: Request| {
                let seen = seen.clone();
                async move {
                    seen.lock().unwrap().push(request.uri().path().to_string());
                    request
                }
            }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (addr, log)
}

/// Runs headless Chromium on `url` with `extra` flags on top of those that
/// keep it off the network (only 127.0.0.1 resolves) and let it exit on its
/// own once the page has settled; returns its standard output. Chromium and
/// its helper processes are killed after it exits or after [`TIMEOUT`].
fn run_chromium(extra: &[String], url: &str) -> String {
    let profile = TempDir::new("profile");
    let mut command = Command::new(chromium());
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.0.display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Its own process group, so that its helpers can be killed with it.
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().expect("chromium starts");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));

    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() >= deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    // The whole group: a helper left behind would hold the pipes open.
    let killed = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stderr(Stdio::null())
        .status();
    if status.is_none() {
        if !matches!(killed, Ok(s) if s.success()) {
            let _ = child.kill();
        }
        let _ = child.wait();
    }
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    match status {
        None => panic!("chromium did not exit within {TIMEOUT:?} on {url}; stderr:\n{stderr}"),
        Some(status) if !status.success() => {
            panic!("chromium failed ({status}) on {url}; stderr:\n{stderr}")
        }
        Some(_) => stdout,
    }
}

/// [`run_chromium`] off the async runtime, so that the server keeps serving.
async fn chromium_on(extra: Vec<String>, url: String) -> String {
    tokio::task::spawn_blocking(move || run_chromium(&extra, &url))
        .await
        .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
}

/// The operation paths Swagger UI rendered: for each
/// `.opblock-summary-path` element, its `data-path` and its text (Swagger
/// UI breaks the text with `<wbr>` after each segment).
fn rendered_paths(dom: &str) -> Vec<(String, String)> {
    dom.match_indices("class=\"opblock-summary-path\"")
        .map(|(at, _)| {
            let element = &dom[at..];
            let tag = &element[..element.find('>').unwrap()];
            let data_path = tag
                .split_once("data-path=\"")
                .and_then(|(_, rest)| rest.split_once('"'))
                .map(|(value, _)| value.to_string())
                .unwrap_or_default();
            let inner = &element[tag.len() + 1..];
            let inner = &inner[..inner.find("</a>").unwrap_or(inner.len())];
            (data_path, text(inner))
        })
        .collect()
}

/// The text of an HTML fragment: tags removed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn swagger_ui_lists_every_endpoint_in_a_browser() {
    let (addr, requests) = serve().await;
    let dom = chromium_on(vec!["--dump-dom".into()], format!("http://{addr}/docs")).await;
    let excerpt: String = dom.chars().take(4000).collect();

    assert!(
        dom.contains("id=\"swagger-ui\""),
        "/docs is not Swagger UI's page (the runtime's router merges \
         `crate::docs::routes()`):\n{excerpt}"
    );
    assert!(
        !dom.contains("Failed to load API definition")
            && !dom.contains("errors__title")
            && !dom.contains("loading-container"),
        "Swagger UI did not render the document:\n{excerpt}"
    );
    assert!(
        dom.contains(&format!("<title>{PAGE_TITLE}</title>")),
        "{excerpt}"
    );
    let doc = wfc_api::app().openapi();
    let api_title = doc["info"]["title"].as_str().unwrap();
    assert!(
        dom.contains(&format!("class=\"title\">{}<", escape_html(api_title))),
        "the API's title {api_title:?} is not shown:\n{excerpt}"
    );

    let rendered = rendered_paths(&dom);
    let mut endpoints = 0;
    for meta in wfc_api::app().endpoints() {
        endpoints += 1;
        assert!(
            rendered
                .iter()
                .any(|(data_path, text)| *data_path == meta.path && *text == meta.path),
            "{} is not rendered; rendered: {rendered:?}",
            meta.path
        );
        if let Some(summary) = &meta.summary {
            assert!(
                dom.contains(&escape_html(summary)),
                "summary of {}",
                meta.path
            );
        }
    }
    assert!(endpoints > 0, "the generated API has no endpoints");

    // Everything the page needed came from the binary.
    let requests = requests.lock().unwrap().clone();
    for path in [
        "/docs",
        "/docs/swagger-ui.css",
        "/docs/swagger-ui-bundle.js",
        "/openapi.json",
    ] {
        assert!(
            requests.iter().any(|r| r == path),
            "{path} not requested: {requests:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn swagger_ui_renders_a_non_blank_screenshot() {
    let (addr, requests) = serve().await;
    let out = TempDir::new("screenshot");
    let png = out.0.join("docs.png");
    chromium_on(
        vec![
            format!("--screenshot={}", png.display()),
            "--window-size=1280,2000".into(),
        ],
        format!("http://{addr}/docs/"),
    )
    .await;
    let bytes = std::fs::read(&png).unwrap_or_else(|e| panic!("{}: {e}", png.display()));
    // To look at it: WFC_DOCS_SCREENSHOT=/tmp/docs.png cargo test -p wfc-e2e --test docs
    if let Some(keep) = std::env::var_os("WFC_DOCS_SCREENSHOT") {
        std::fs::write(&keep, &bytes).unwrap();
    }
    assert_png(&png, &bytes);
    let requests = requests.lock().unwrap().clone();
    assert!(
        requests.iter().any(|r| r == "/openapi.json"),
        "the page did not load the document: {requests:?}"
    );
}

/// A 1280×2000 PNG of more than 100 KB. The rendered page makes about
/// 230 KB; a blank page compresses to a few kilobytes, and the 404 problem
/// Chromium shows when nothing is served at `/docs` (one line of JSON) to
/// 21 KB.
fn assert_png(path: &Path, bytes: &[u8]) {
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 24 && &bytes[12..16] == b"IHDR",
        "{} is not a PNG",
        path.display()
    );
    let dimension = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((dimension(16), dimension(20)), (1280, 2000));
    assert!(
        bytes.len() > 100_000,
        "{}: {} bytes, the page looks blank",
        path.display(),
        bytes.len()
    );
}
