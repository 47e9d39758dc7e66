//! The API binary: mount workflows, build the router from a [`Config`],
//! warm up, serve, shut down gracefully. Only [`App::main`] reads the
//! command line and the environment ([`crate::config::Args`]).

use crate::api::{self, AppState, Mounted};
use crate::auth::KeyHash;
use crate::auth::live::{Auth, Settings as AuthSettings};
use crate::backend::{Comfy, Timeouts};
use crate::config::{Args, Config};
use crate::engine::warmup::{Readiness, warm_up};
use crate::engine::{Engine, RunLimits};
use crate::graph::Graph;
use crate::jobs::Jobs;
use crate::jobs::files::Files;
use crate::store::{JobStore, StoreConfig};
use crate::telemetry::metrics::Metrics;
use crate::workflow::Workflow;
use clap::Parser;
use serde_json::Value;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use wfc_contract::{Endpoint, Violation};

/// An API server made of compiled workflows.
pub struct App {
    title: &'static str,
    version: &'static str,
    endpoints: Vec<Mounted>,
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
        fn run<W: Workflow>(input: &Value) -> Result<Graph, Vec<Violation>> {
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
    pub fn graph_for(&self, path: &str, input: &Value) -> Option<Result<Graph, Vec<Violation>>> {
        self.endpoints
            .iter()
            .find(|m| m.endpoint.path == path)
            .map(|m| (m.run)(input))
    }

    /// The mounted endpoints' descriptions, in mount order.
    pub fn endpoints(&self) -> impl Iterator<Item = &'static Endpoint> + '_ {
        self.endpoints.iter().map(|m| m.endpoint)
    }

    /// The OpenAPI 3.1 document of the mounted workflows.
    pub fn openapi(&self) -> Value {
        let endpoints: Vec<&Endpoint> = self.endpoints().collect();
        wfc_contract::openapi::document(self.title, self.version, &endpoints)
    }

    /// The router with the default configuration and no ComfyUI behind it:
    /// validation, dry runs, the document and the docs work; running
    /// answers 503. It does not read the environment.
    pub fn router(self) -> axum::Router {
        self.router_with(&Config::default())
            .expect("the default configuration reads no file")
    }

    /// The router with `config`'s limits and keys and no ComfyUI behind
    /// it. A key file that cannot be read or parsed is an error.
    pub fn router_with(self, config: &Config) -> Result<axum::Router, String> {
        let auth = Arc::new(Auth::new(auth_settings(config))?);
        let store: Arc<dyn JobStore> = Arc::new(crate::store::memory::MemoryStore::new());
        let jobs = (store, Files::in_memory());
        let state = self.state(None, config, Arc::new(Readiness::new(true)), auth, jobs);
        Ok(api::router(self.endpoints, state))
    }

    fn state(
        &self,
        comfy: Option<Arc<Comfy>>,
        config: &Config,
        readiness: Arc<Readiness>,
        auth: Arc<Auth>,
        (store, files): (Arc<dyn JobStore>, Files),
    ) -> Arc<AppState> {
        let limits = RunLimits {
            max_image: config.max_image_size_mb.saturating_mul(1024 * 1024),
            request_timeout: Duration::from_secs(config.request_timeout_s),
            fetch_timeout: config.fetch_timeout(),
        };
        let metrics = config
            .metrics
            .then(|| Arc::new(Metrics::new(comfy.as_deref().map(Comfy::gauges))));
        let outbound =
            crate::outbound::Outbound::new(config.outbound()).with_metrics(metrics.clone());
        let engine = Arc::new(Engine::new(comfy, limits, outbound).with_metrics(metrics.clone()));
        let jobs = Arc::new(Jobs::new(
            store,
            files,
            engine.clone(),
            config.jobs(),
            self.endpoints(),
        ));
        Arc::new(AppState {
            engine,
            jobs,
            sse_heartbeat: config.sse_heartbeat(),
            metrics,
            readiness,
            max_body: config.max_body_size_mb.saturating_mul(1024 * 1024),
            bodies: api::BodyLimits::new(
                config.max_body_memory_mb,
                config.max_json_depth,
                config.body_read_timeout(),
            ),
            max_queue_depth: config.max_queue_depth,
            openapi: self.openapi(),
            auth,
            public_routes: config.public_routes.clone(),
            endpoint_paths: self.endpoints().map(|e| e.path.clone()).collect(),
            raw_prompt: config.raw_prompt,
            cors: config.cors.clone(),
        })
    }

    /// Parses the command line and environment and runs: prints the
    /// document, or serves until SIGTERM or Ctrl-C.
    pub fn main(self) -> ExitCode {
        let args = Args::parse();
        if args.hash_key {
            return print_key_hash();
        }
        if args.print_openapi {
            let text = serde_json::to_string_pretty(&self.openapi()).expect("document serializes");
            println!("{text}");
            return ExitCode::SUCCESS;
        }
        let config = match args.into_config() {
            Ok(config) => config,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        crate::telemetry::init(&config.log_level, config.log_json, config.log_color);
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
        let auth = match Auth::new(auth_settings(&config)) {
            Ok(a) => Arc::new(a),
            Err(e) => {
                tracing::error!("{e}");
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        let store = match crate::store::open(&config.store).await {
            Ok(s) => s,
            Err(e) => {
                let hint = match e {
                    crate::store::OpenError::Io { .. } => {
                        "; set DATA_DIR (--data-dir) to a directory this process can create and write, or STORE=memory to keep no jobs on disk"
                    }
                    crate::store::OpenError::TooNew { .. } => {
                        "; run the newer binary on it, or point DATA_DIR (--data-dir) at another directory"
                    }
                    _ => {
                        "; point DATA_DIR (--data-dir) at another directory to start with a new store"
                    }
                };
                tracing::error!("{e}{hint}");
                eprintln!("error: {e}{hint}");
                return ExitCode::FAILURE;
            }
        };
        let files = match &config.store {
            StoreConfig::Sqlite { data_dir } => Files::in_dir(data_dir),
            StoreConfig::Memory => Files::in_memory(),
        };
        let open_files = crate::serve::raise_open_file_limit();
        let connections = crate::serve::Limits {
            header_read_timeout: config.header_read_timeout(),
            idle_timeout: config.idle_timeout(),
            max_connections: crate::serve::max_connections(config.max_connections, open_files),
        };
        let listener = match crate::serve::bind(&addr).await {
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
        let comfy = Comfy::new(&config.comfyui_url, timeouts);
        comfy.spawn_events();
        let readiness = Arc::new(Readiness::new(false));
        let state = self.state(
            Some(comfy.clone()),
            &config,
            readiness.clone(),
            auth.clone(),
            (store, files),
        );
        log_store(&config);
        let jobs = state.jobs.clone();
        tokio::spawn(async move {
            if let Err(e) = jobs.recover().await {
                tracing::error!(error = %e, "cannot resume the jobs of a previous run");
            }
            jobs.spawn_sweeper();
        });
        let warmup_file = config.warmup_prompt_file.clone();
        let timeout = Duration::from_secs(config.request_timeout_s);
        tokio::spawn(
            async move { warm_up(&readiness, &comfy, warmup_file.as_deref(), timeout).await },
        );
        // Before the listening line, which tells tests and operators that
        // the start is over.
        log_access(&config, &auth);
        log_connection_limits(&connections, open_files);
        let local = listener.local_addr().map(|a| a.to_string()).unwrap_or(addr);
        let paths: Vec<&str> = self.endpoints().map(|e| e.path.as_str()).collect();
        tracing::info!(
            "listening on http://{local}, ComfyUI at {} ({} endpoint(s): {})",
            config.comfyui_url,
            paths.len(),
            paths.join(", ")
        );
        if !config.allowed_fetch_hosts.is_empty() || !config.allowed_fetch_cidrs.is_empty() {
            let cidrs: Vec<String> = config
                .allowed_fetch_cidrs
                .iter()
                .map(ToString::to_string)
                .collect();
            tracing::info!(
                "URLs in requests may also reach hosts [{}] and ranges [{}] besides public addresses",
                config.allowed_fetch_hosts.join(", "),
                cidrs.join(", ")
            );
        }
        auth.watch();
        let router = api::router(self.endpoints, state);
        serve_until_signal(
            listener,
            router,
            connections,
            Duration::from_secs(config.shutdown_grace_s),
        )
        .await
    }
}

/// Where the keys come from, for [`Auth::new`].
fn auth_settings(config: &Config) -> AuthSettings {
    AuthSettings {
        file: config.api_keys_file.clone(),
        env: config.api_keys.clone(),
        default_rate: config.rate_limit,
        poll: Duration::from_secs(1),
    }
}

/// The start-up lines on who may call: open or keyed, public routes, the
/// raw route, CORS. Key names only, never keys.
fn log_access(config: &Config, auth: &Auth) {
    if auth.is_open() {
        tracing::warn!(
            "no API keys are configured (API_KEYS_FILE, API_KEYS): every route is open to anyone who can reach this address"
        );
    } else {
        let public: Vec<&str> = config
            .public_routes
            .iter()
            .map(glob::Pattern::as_str)
            .collect();
        tracing::info!(
            "API keys required: {} key(s) [{}]; public routes: [{}]",
            auth.names().len(),
            auth.names().join(", "),
            public.join(", ")
        );
    }
    if !config.raw_prompt {
        tracing::info!("raw POST /prompt is switched off (RAW_PROMPT=false)");
    }
    match &config.cors {
        crate::config::Cors::Off => {}
        crate::config::Cors::Any => tracing::info!("CORS: any origin may call"),
        crate::config::Cors::Origins(o) => {
            tracing::info!("CORS: origins [{}] may call", o.join(", "))
        }
    }
}

/// The start-up line saying where jobs are kept.
fn log_store(config: &Config) {
    match &config.store {
        StoreConfig::Sqlite { data_dir } => tracing::info!(
            "jobs are kept in {} (STORE=sqlite, DATA_DIR) for {} h after they finish",
            data_dir.join(crate::store::sqlite::FILE_NAME).display(),
            config.job_retention_hours
        ),
        StoreConfig::Memory => tracing::warn!(
            "jobs are kept in memory (STORE=memory): they are lost when the process ends"
        ),
    }
}

/// Logs the open-file limit and the connection limits in effect.
fn log_connection_limits(limits: &crate::serve::Limits, open_files: Option<u64>) {
    let files = open_files.map_or("unknown".to_string(), |n| n.to_string());
    tracing::info!(
        "open-file limit {files}; at most {} connections (MAX_CONNECTIONS), request heads within {:?} (HEADER_READ_TIMEOUT_S), idle connections closed after {:?} (IDLE_TIMEOUT_S)",
        limits.max_connections,
        limits.header_read_timeout,
        limits.idle_timeout
    );
    if let Some(files) = open_files {
        let needed = limits.max_connections as u64 + crate::serve::RESERVED_DESCRIPTORS;
        if needed > files {
            tracing::warn!(
                "MAX_CONNECTIONS ({}) leaves fewer than {} of the {files} open files for ComfyUI, fetches and files; new connections may wait when descriptors run out",
                limits.max_connections,
                crate::serve::RESERVED_DESCRIPTORS
            );
        }
    }
}

/// `--hash-key`: the `sha256` line of the key on standard input.
fn print_key_hash() -> ExitCode {
    let mut key = String::new();
    if let Err(e) = std::io::stdin().read_line(&mut key) {
        eprintln!("error: cannot read the key from standard input: {e}");
        return ExitCode::FAILURE;
    }
    let key = key.trim_end_matches(['\r', '\n']);
    if key.len() < crate::auth::file::MIN_KEY_LEN {
        eprintln!(
            "error: the key is shorter than {} characters",
            crate::auth::file::MIN_KEY_LEN
        );
        return ExitCode::FAILURE;
    }
    println!("sha256 = \"{}\"", KeyHash::of(key));
    ExitCode::SUCCESS
}

/// Serves until SIGTERM or Ctrl-C, then lets requests in flight finish for
/// at most `grace`.
async fn serve_until_signal(
    listener: tokio::net::TcpListener,
    router: axum::Router,
    connections: crate::serve::Limits,
    grace: Duration,
) -> ExitCode {
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let signal = async move {
        shutdown_signal().await;
        tracing::info!("shutting down: finishing requests in flight");
        let _ = stop_tx.send(true);
    };
    let serve = crate::serve::serve(listener, router, connections, signal);
    let deadline = async move {
        let mut rx = stop_rx;
        let _ = rx.wait_for(|stopped| *stopped).await;
        tokio::time::sleep(grace).await;
    };
    tokio::select! {
        () = serve => ExitCode::SUCCESS,
        _ = deadline => {
            tracing::warn!("requests still in flight after the {}s grace period; exiting", grace.as_secs());
            ExitCode::SUCCESS
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

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    /// Status of a 2 MB body posted to the raw route.
    async fn big_body_status(router: axum::Router) -> u16 {
        let body = format!(
            "{{\"prompt\": {{\"1\": {{\"class_type\": \"X\", \"inputs\": {{\"text\": \"{}\"}}}}}}}}",
            "a".repeat(2 << 20)
        );
        let response = router
            .oneshot(
                Request::post("/prompt")
                    .header("content-type", "application/json")
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await
            .unwrap();
        response.status().as_u16()
    }

    #[tokio::test]
    async fn a_router_built_in_a_test_ignores_the_environment() {
        // SAFETY-free: edition 2024 marks set_var unsafe, and the crate
        // forbids unsafe code, so the variable is set for a child process
        // instead: this test re-runs itself with MAX_BODY_SIZE_MB=1.
        if std::env::var_os("WFC_ENV_CHILD").is_none() {
            let exe = std::env::current_exe().unwrap();
            let out = std::process::Command::new(exe)
                .args([
                    "--exact",
                    "app::tests::a_router_built_in_a_test_ignores_the_environment",
                    "--nocapture",
                ])
                .env("WFC_ENV_CHILD", "1")
                .env("MAX_BODY_SIZE_MB", "1")
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(stdout.contains("1 passed"), "{stdout}");
            return;
        }
        assert_eq!(std::env::var("MAX_BODY_SIZE_MB").as_deref(), Ok("1"));
        // 100 MB by default: the 2 MB body is read (and fails later: no
        // ComfyUI), not refused with 413.
        assert_eq!(big_body_status(App::new("t", "1").router()).await, 503);
        let config = Config {
            max_body_size_mb: 1,
            ..Config::default()
        };
        assert_eq!(
            big_body_status(App::new("t", "1").router_with(&config).unwrap()).await,
            413
        );
    }
}
