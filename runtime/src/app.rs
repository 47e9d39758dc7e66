//! The API binary: mount workflows, read the configuration (flags, or
//! comfyui-api's environment variables), warm up, serve, shut down
//! gracefully. Every option is documented in `docs/configuration.md`.

use crate::comfy::{Comfy, Timeouts};
use crate::http::{self, AppState, Limits, Mounted};
use crate::workflow::Workflow;
use clap::Parser;
use serde_json::Value;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wfc_contract::{Endpoint, Violation};

/// An API server made of compiled workflows.
pub struct App {
    title: &'static str,
    version: &'static str,
    endpoints: Vec<Mounted>,
}

/// The binary's options; see docs/configuration.md.
#[derive(Parser, Debug, Clone)]
#[command(about = "Serves compiled ComfyUI workflows as typed HTTP endpoints (built by wfc)")]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "HOST", default_value = "0.0.0.0")]
    pub host: String,
    /// Port to listen on.
    #[arg(long, env = "PORT", default_value_t = 3000)]
    pub port: u16,
    /// ComfyUI's base URL; overrides DIRECT_ADDRESS and COMFYUI_PORT_HOST.
    #[arg(long, env = "COMFYUI_URL")]
    pub comfyui_url: Option<String>,
    /// ComfyUI's host, as comfyui-api names it.
    #[arg(long, env = "DIRECT_ADDRESS", default_value = "127.0.0.1")]
    pub direct_address: String,
    /// ComfyUI's port, as comfyui-api names it.
    #[arg(long, env = "COMFYUI_PORT_HOST", default_value_t = 8188)]
    pub comfyui_port: u16,
    /// Largest request body, in MB.
    #[arg(long, env = "MAX_BODY_SIZE_MB", default_value_t = 100)]
    pub max_body_size_mb: usize,
    /// Largest image a request may reference (URL, base64), in MB.
    #[arg(long, env = "MAX_IMAGE_SIZE_MB", default_value_t = 50)]
    pub max_image_size_mb: usize,
    /// `/ready` fails while ComfyUI's queue holds this many prompts (0: never).
    #[arg(long, env = "MAX_QUEUE_DEPTH", default_value_t = 0)]
    pub max_queue_depth: u64,
    /// A workflow (API format, or `{"prompt": ...}`) to run once at start;
    /// `/ready` answers 200 only after it succeeded.
    #[arg(long, env = "WARMUP_PROMPT_FILE")]
    pub warmup_prompt_file: Option<PathBuf>,
    /// How long one request may take, in seconds, before it gets 504 and its
    /// prompt is removed from ComfyUI's queue or interrupted.
    #[arg(long, env = "REQUEST_TIMEOUT_S", default_value_t = 600)]
    pub request_timeout_s: u64,
    /// Timeout of one call to ComfyUI (submit, history, upload), in seconds.
    #[arg(long, env = "COMFYUI_TIMEOUT_S", default_value_t = 30)]
    pub comfyui_timeout_s: u64,
    /// How long requests in flight may finish after SIGTERM, in seconds.
    #[arg(long, env = "SHUTDOWN_GRACE_S", default_value_t = 30)]
    pub shutdown_grace_s: u64,
    /// Log level: error, warn, info, debug or trace.
    #[arg(long, env = "LOG_LEVEL", default_value = "info")]
    pub log_level: String,
    /// Log as JSON lines instead of text.
    #[arg(long, env = "LOG_JSON")]
    pub log_json: bool,
    /// Print the OpenAPI 3.1 document to standard output and exit.
    #[arg(long)]
    pub print_openapi: bool,
}

impl Config {
    /// ComfyUI's base URL.
    pub fn comfyui_base(&self) -> String {
        self.comfyui_url
            .clone()
            .unwrap_or_else(|| format!("http://{}:{}", self.direct_address, self.comfyui_port))
    }
}

impl App {
    /// An app called `title` (the OpenAPI title) at `version`.
    pub fn new(title: &'static str, version: &'static str) -> App {
        App {
            title,
            version,
            endpoints: Vec::new(),
        }
    }

    /// Mounts workflow `W` at its path.
    ///
    /// # Panics
    /// When another mounted workflow has the same path (`wfc check`
    /// rejects such specs, so this is a programming error).
    pub fn workflow<W: Workflow>(mut self) -> App {
        let endpoint = W::endpoint();
        if let Some(other) = self
            .endpoints
            .iter()
            .find(|m| m.endpoint.path == endpoint.path)
        {
            panic!(
                "{} and {} are both mounted at {}",
                other.endpoint.name, endpoint.name, endpoint.path
            );
        }
        fn run<W: Workflow>(input: &Value) -> Result<crate::graph::Graph, Vec<Violation>> {
            W::parse(input).map(|typed| W::graph(&typed))
        }
        self.endpoints.push(Mounted {
            endpoint,
            run: run::<W>,
        });
        self
    }

    /// Validates `input` for the endpoint at `path` and builds its graph,
    /// as a request would, without serving: `None` when no endpoint has
    /// that path.
    pub fn graph_for(
        &self,
        path: &str,
        input: &Value,
    ) -> Option<Result<crate::graph::Graph, Vec<Violation>>> {
        self.endpoints
            .iter()
            .find(|m| m.endpoint.path == path)
            .map(|m| (m.run)(input))
    }

    /// The mounted endpoints' metadata, in mount order.
    pub fn endpoints(&self) -> impl Iterator<Item = &'static Endpoint> + '_ {
        self.endpoints.iter().map(|m| m.endpoint)
    }

    /// The OpenAPI 3.1 document of the mounted workflows.
    pub fn openapi(&self) -> Value {
        let endpoints: Vec<&Endpoint> = self.endpoints().collect();
        wfc_contract::openapi::document(self.title, self.version, &endpoints)
    }

    /// The router with no ComfyUI behind it: validation, dry runs, the
    /// document and the docs work; running answers 503.
    pub fn router(self) -> axum::Router {
        let state = self.state(None, &Config::parse_from(["api"]));
        state.warm.store(true, Ordering::Release);
        http::router(self.endpoints, state)
    }

    fn state(&self, comfy: Option<Arc<Comfy>>, config: &Config) -> Arc<AppState> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        Arc::new(AppState {
            comfy,
            limits: Limits {
                max_body: config.max_body_size_mb.saturating_mul(1024 * 1024),
                max_image: config.max_image_size_mb.saturating_mul(1024 * 1024),
                request_timeout: Duration::from_secs(config.request_timeout_s),
                max_queue_depth: config.max_queue_depth,
            },
            warm: AtomicBool::new(false),
            warmup_status: Mutex::new("warming up".into()),
            jobs: Mutex::new(Default::default()),
            fetch: reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(10))
                .build()
                .expect("an HTTP client builds"),
            openapi: self.openapi(),
        })
    }

    /// Parses the command line and environment and runs: prints the
    /// document, or serves until SIGTERM or Ctrl-C.
    pub fn main(self) -> ExitCode {
        let config = Config::parse();
        if config.print_openapi {
            let text = serde_json::to_string_pretty(&self.openapi()).expect("document serializes");
            println!("{text}");
            return ExitCode::SUCCESS;
        }
        init_logging(&config);
        let runtime = match tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
        {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: cannot start the async runtime: {e}");
                return ExitCode::FAILURE;
            }
        };
        runtime.block_on(self.serve(config))
    }

    /// Serves with `config` until SIGTERM or Ctrl-C.
    pub async fn serve(self, config: Config) -> ExitCode {
        let addr = format!("{}:{}", config.host, config.port);
        let listener = match tokio::net::TcpListener::bind(&addr).await {
            Ok(l) => l,
            Err(e) => {
                tracing::error!("cannot listen on {addr}: {e}");
                eprintln!("error: cannot listen on {addr}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let timeouts = Timeouts {
            call: Duration::from_secs(config.comfyui_timeout_s),
            ..Timeouts::default()
        };
        let comfy = Comfy::new(&config.comfyui_base(), timeouts);
        comfy.spawn_events();
        let state = self.state(Some(comfy.clone()), &config);
        tokio::spawn(warm_up(state.clone(), comfy, config.clone()));
        let local = listener.local_addr().map(|a| a.to_string()).unwrap_or(addr);
        let paths: Vec<&str> = self.endpoints().map(|e| e.path.as_str()).collect();
        tracing::info!(
            "listening on http://{local}, ComfyUI at {} ({} endpoint(s): {})",
            config.comfyui_base(),
            paths.len(),
            paths.join(", ")
        );
        let router = http::router(self.endpoints, state);
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        let signal = async move {
            shutdown_signal().await;
            tracing::info!("shutting down: finishing requests in flight");
            let _ = stop_tx.send(true);
        };
        let serve = axum::serve(listener, router).with_graceful_shutdown(signal);
        let grace = Duration::from_secs(config.shutdown_grace_s);
        let deadline = async move {
            let mut rx = stop_rx;
            let _ = rx.wait_for(|stopped| *stopped).await;
            tokio::time::sleep(grace).await;
        };
        tokio::select! {
            result = serve => match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    tracing::error!("server failed: {e}");
                    ExitCode::FAILURE
                }
            },
            _ = deadline => {
                tracing::warn!("requests still in flight after the {}s grace period; exiting", grace.as_secs());
                ExitCode::SUCCESS
            }
        }
    }
}

fn init_logging(config: &Config) {
    let level = match config.log_level.to_ascii_lowercase().as_str() {
        "error" => tracing::Level::ERROR,
        "warn" | "warning" => tracing::Level::WARN,
        "debug" => tracing::Level::DEBUG,
        "trace" => tracing::Level::TRACE,
        _ => tracing::Level::INFO,
    };
    let builder = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr);
    let _ = if config.log_json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Waits for ComfyUI, runs the warmup workflow if there is one, and marks
/// the app warm. A failed warmup is retried every 10 s.
async fn warm_up(state: Arc<AppState>, comfy: Arc<Comfy>, config: Config) {
    let set = |s: String| *state.warmup_status.lock().expect("warmup lock") = s;
    let prompt = match &config.warmup_prompt_file {
        None => None,
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<Value>(&t).map_err(|e| e.to_string()))
        {
            Ok(v) => Some(v.get("prompt").cloned().unwrap_or(v)),
            Err(e) => {
                let why = format!("cannot read WARMUP_PROMPT_FILE {}: {e}", path.display());
                tracing::error!("{why}");
                set(why);
                return;
            }
        },
    };
    let mut backoff = Duration::from_millis(200);
    loop {
        match comfy.system_stats().await {
            Ok(_) => break,
            Err(e) => {
                set(format!("waiting for ComfyUI: {e}"));
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        }
    }
    let Some(prompt) = prompt else {
        state.warm.store(true, Ordering::Release);
        return;
    };
    loop {
        set("running the warmup workflow".into());
        let started = Instant::now();
        let deadline = started + Duration::from_secs(config.request_timeout_s);
        match comfy.run(&http::request_id(), &prompt, deadline).await {
            Ok(_) => {
                tracing::info!(
                    ms = started.elapsed().as_millis() as u64,
                    "warmup workflow done"
                );
                state.warm.store(true, Ordering::Release);
                return;
            }
            Err(e) => {
                tracing::error!(error = %e, "warmup workflow failed; retrying in 10 s");
                set(format!("the warmup workflow failed: {e}"));
                tokio::time::sleep(Duration::from_secs(10)).await;
            }
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
