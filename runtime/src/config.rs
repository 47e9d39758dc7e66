//! The binary's configuration: [`Config`], a plain value the app and its
//! router take, and [`Args`], the flags and environment variables `main`
//! parses once into it. Every option is documented in
//! `docs/configuration.md`.

use crate::auth::{Keys, Rate, parse_glob};
use crate::outbound::{Policy, Settings, parse_cidrs, parse_hosts};
use clap::Parser;
use ipnet::IpNet;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

/// The app's settings. [`Config::default`] is what the binary runs with
/// when no flag or variable is given, except that logs are not coloured.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Address to listen on.
    pub host: String,
    /// Port to listen on (0: any free port).
    pub port: u16,
    /// ComfyUI's base URL.
    pub comfyui_url: String,
    /// Largest request body, in MB.
    pub max_body_size_mb: usize,
    /// Largest image a request may reference (URL, base64), in MB.
    pub max_image_size_mb: usize,
    /// `/ready` fails while ComfyUI's queue holds this many prompts (0: never).
    pub max_queue_depth: u64,
    /// A workflow to run once at start before `/ready` answers 200.
    pub warmup_prompt_file: Option<PathBuf>,
    /// How long one request may take, in seconds.
    pub request_timeout_s: u64,
    /// Timeout of one call to ComfyUI, in seconds.
    pub comfyui_timeout_s: u64,
    /// How long requests in flight may finish after SIGTERM, in seconds.
    pub shutdown_grace_s: u64,
    /// Log level: error, warn, info, debug or trace.
    pub log_level: String,
    /// Log JSON lines instead of text.
    pub log_json: bool,
    /// Colour the text logs (ANSI escapes).
    pub log_color: bool,
    /// Host names fetched whatever they resolve to (exact, any case).
    pub allowed_fetch_hosts: Vec<String>,
    /// Address ranges fetched besides public addresses.
    pub allowed_fetch_cidrs: Vec<IpNet>,
    /// How long connecting to a URL a request gives may take, in seconds.
    pub fetch_connect_timeout_s: f64,
    /// How long such a URL's answer head may take, in seconds.
    pub fetch_first_byte_timeout_s: f64,
    /// How long fetching such a URL may take in all, body included, in
    /// seconds.
    pub fetch_timeout_s: f64,
    /// The most redirects followed when fetching such a URL.
    pub fetch_max_redirects: usize,
    /// The key file (`API_KEYS_FILE`), reloaded on SIGHUP and on change.
    pub api_keys_file: Option<PathBuf>,
    /// The environment's keys (`API_KEYS`), hashed.
    pub api_keys: Keys,
    /// Paths reachable without a key when keys are configured.
    pub public_routes: Vec<glob::Pattern>,
    /// Whether the raw `POST /prompt` route runs graphs at all.
    pub raw_prompt: bool,
    /// The rate of keys that don't give their own.
    pub rate_limit: Option<Rate>,
    /// Which browser origins may call the API.
    pub cors: Cors,
    // Connections and limits (docs/configuration.md).
    /// How long a connection may take to send a whole request head, from
    /// its opening or from the first byte of its next request, in seconds.
    pub header_read_timeout_s: f64,
    /// How long a keep-alive connection may send nothing after an answer,
    /// in seconds.
    pub idle_timeout_s: f64,
    /// The longest a request body may pause between two of its chunks, in
    /// seconds.
    pub body_read_timeout_s: f64,
    /// The most client connections open at once; `None`: 10,000, or fewer
    /// when the open-file limit leaves less room.
    pub max_connections: Option<usize>,
    /// The deepest nesting of arrays and objects a JSON body may have.
    pub max_json_depth: usize,
    /// How much memory the bodies of requests may hold at once, in MB.
    pub max_body_memory_mb: usize,
    /// Record metrics and serve them at `GET /metrics`.
    pub metrics: bool,
    // Jobs (docs/jobs.md).
    /// Where jobs are kept.
    pub store: crate::store::StoreConfig,
    /// How long finished jobs (with their events and files) are kept, in
    /// hours.
    pub job_retention_hours: f64,
    /// How often retention runs, in seconds.
    pub retention_sweep_s: f64,
    /// The most the output files of all jobs may take, in MB (0: no cap).
    pub job_storage_max_mb: f64,
    /// How long an `Idempotency-Key` replays its job, in hours.
    pub idempotency_key_ttl_hours: f64,
    /// Submits beyond this many queued jobs get 429 (0: no limit).
    pub max_queued_jobs: u64,
    /// Submit a job once more when ComfyUI forgot its prompt across a
    /// restart of this server.
    pub resubmit_lost_jobs: bool,
    /// The heartbeat of event streams, in seconds.
    pub sse_heartbeat_s: f64,
}

/// `DATA_DIR` by default: a folder in the working directory.
pub const DEFAULT_DATA_DIR: &str = "wfc-data";

/// `STORE`: which job store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StoreKind {
    /// SQLite in `DATA_DIR`.
    Sqlite,
    /// In memory: jobs are lost on restart.
    Memory,
}

/// `PUBLIC_ROUTES` by default: the probes and the documentation.
pub const DEFAULT_PUBLIC_ROUTES: &str = "/health,/ready,/openapi.json,/docs,/docs/**";

impl Default for Config {
    fn default() -> Config {
        Config {
            host: "0.0.0.0".into(),
            port: 3000,
            comfyui_url: "http://127.0.0.1:8188".into(),
            max_body_size_mb: 100,
            max_image_size_mb: 50,
            max_queue_depth: 0,
            warmup_prompt_file: None,
            request_timeout_s: 600,
            comfyui_timeout_s: 30,
            shutdown_grace_s: 30,
            log_level: "info".into(),
            log_json: false,
            log_color: false,
            allowed_fetch_hosts: Vec::new(),
            allowed_fetch_cidrs: Vec::new(),
            fetch_connect_timeout_s: 10.0,
            fetch_first_byte_timeout_s: 30.0,
            fetch_timeout_s: 60.0,
            fetch_max_redirects: 5,
            api_keys_file: None,
            api_keys: Keys::default(),
            public_routes: parse_globs(DEFAULT_PUBLIC_ROUTES).expect("valid defaults"),
            raw_prompt: true,
            rate_limit: None,
            cors: Cors::Off,
            header_read_timeout_s: 10.0,
            idle_timeout_s: 60.0,
            body_read_timeout_s: 30.0,
            max_connections: None,
            max_json_depth: 64,
            max_body_memory_mb: 1024,
            metrics: true,
            store: crate::store::StoreConfig::Sqlite {
                data_dir: PathBuf::from(DEFAULT_DATA_DIR),
            },
            job_retention_hours: 24.0,
            retention_sweep_s: 60.0,
            job_storage_max_mb: 0.0,
            idempotency_key_ttl_hours: 24.0,
            max_queued_jobs: 0,
            resubmit_lost_jobs: true,
            sse_heartbeat_s: 15.0,
        }
    }
}

/// Which browser origins may call the API (`CORS_ALLOWED_ORIGINS`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Cors {
    /// No CORS headers: browsers keep other origins out.
    #[default]
    Off,
    /// `*`: any origin (credentials are headers, not cookies, so this
    /// lets any page call the API with a key it has).
    Any,
    /// These origins exactly (`https://app.example.com`).
    Origins(Vec<String>),
}

impl Cors {
    /// Parses `*` or comma-separated origins; anything else than
    /// `scheme://host[:port]` (a path, a query, user info, a trailing
    /// slash) is an error naming it.
    pub fn parse(text: &str) -> Result<Cors, String> {
        let items: Vec<&str> = text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if items.is_empty() {
            return Ok(Cors::Off);
        }
        if items == ["*"] {
            return Ok(Cors::Any);
        }
        let mut origins = Vec::new();
        for item in items {
            let bad = |why: &str| {
                format!(
                    "`{item}` is not an origin: {why}; write scheme://host[:port], e.g. https://app.example.com"
                )
            };
            if item == "*" {
                return Err(bad("`*` stands alone"));
            }
            let url = reqwest::Url::parse(item).map_err(|e| bad(&e.to_string()))?;
            if !matches!(url.scheme(), "http" | "https") {
                return Err(bad("the scheme is http or https"));
            }
            let origin = url.origin().ascii_serialization();
            if origin != item.to_ascii_lowercase() {
                return Err(bad("it has more than scheme, host and port"));
            }
            origins.push(origin);
        }
        Ok(Cors::Origins(origins))
    }
}

/// Comma-separated path globs.
fn parse_globs(text: &str) -> Result<Vec<glob::Pattern>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(parse_glob)
        .collect()
}

impl Config {
    /// How jobs are kept and admitted.
    pub(crate) fn jobs(&self) -> crate::jobs::Settings {
        let hours = |h: f64| duration(h * 3600.0);
        crate::jobs::Settings {
            retention: hours(self.job_retention_hours),
            sweep_every: duration(self.retention_sweep_s),
            storage_cap: (self.job_storage_max_mb > 0.0)
                .then_some((self.job_storage_max_mb * (1u64 << 20) as f64) as u64),
            key_ttl: hours(self.idempotency_key_ttl_hours),
            max_queued: self.max_queued_jobs,
            resubmit_lost: self.resubmit_lost_jobs,
            ..crate::jobs::Settings::default()
        }
    }

    /// The heartbeat of event streams.
    pub(crate) fn sse_heartbeat(&self) -> Duration {
        duration(self.sse_heartbeat_s)
    }

    /// The outbound client's settings.
    pub fn outbound(&self) -> Settings {
        Settings {
            policy: Policy::new(&self.allowed_fetch_hosts, &self.allowed_fetch_cidrs),
            connect_timeout: duration(self.fetch_connect_timeout_s),
            first_byte_timeout: duration(self.fetch_first_byte_timeout_s),
            max_redirects: self.fetch_max_redirects,
        }
    }

    /// How long fetching one URL may take in all.
    pub fn fetch_timeout(&self) -> Duration {
        duration(self.fetch_timeout_s)
    }

    /// How long a request head may take.
    pub fn header_read_timeout(&self) -> Duration {
        duration(self.header_read_timeout_s)
    }

    /// How long a keep-alive connection may idle.
    pub fn idle_timeout(&self) -> Duration {
        duration(self.idle_timeout_s)
    }

    /// The longest pause within a request body.
    pub fn body_read_timeout(&self) -> Duration {
        duration(self.body_read_timeout_s)
    }
}

/// Seconds as a duration; negative, NaN or huge values are clamped.
fn duration(seconds: f64) -> Duration {
    Duration::try_from_secs_f64(seconds.max(0.0)).unwrap_or(Duration::MAX)
}

/// The binary's flags, each with its environment variable; see
/// docs/configuration.md.
#[derive(Parser, Debug, Clone)]
#[command(about = "Serves compiled ComfyUI workflows as typed HTTP endpoints (built by wfc)")]
pub struct Args {
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
    /// Host names whose URLs are fetched whatever they resolve to
    /// (comma-separated, exact, any case), e.g. `localhost,minio`.
    #[arg(long, env = "ALLOWED_FETCH_HOSTS", default_value = "")]
    pub allowed_fetch_hosts: String,
    /// Address ranges fetched besides public addresses (comma-separated
    /// CIDRs), e.g. `10.0.0.0/8,fd00::/8`.
    #[arg(long, env = "ALLOWED_FETCH_CIDRS", default_value = "")]
    pub allowed_fetch_cidrs: String,
    /// How long connecting to a URL a request gives may take, in seconds.
    #[arg(long, env = "FETCH_CONNECT_TIMEOUT_S", default_value_t = 10.0)]
    pub fetch_connect_timeout_s: f64,
    /// How long such a URL's answer head may take, in seconds.
    #[arg(long, env = "FETCH_FIRST_BYTE_TIMEOUT_S", default_value_t = 30.0)]
    pub fetch_first_byte_timeout_s: f64,
    /// How long fetching such a URL may take in all, in seconds.
    #[arg(long, env = "FETCH_TIMEOUT_S", default_value_t = 60.0)]
    pub fetch_timeout_s: f64,
    /// The most redirects followed when fetching such a URL.
    #[arg(long, env = "FETCH_MAX_REDIRECTS", default_value_t = 5)]
    pub fetch_max_redirects: usize,
    /// A TOML file of API keys with their scopes (see docs/configuration.md),
    /// reloaded on SIGHUP and when it changes.
    #[arg(long, env = "API_KEYS_FILE")]
    pub api_keys_file: Option<PathBuf>,
    /// API keys as comma-separated `name:key` pairs, each allowed
    /// everything but other keys' requests.
    #[arg(long, env = "API_KEYS", default_value = "", hide_env_values = true)]
    pub api_keys: String,
    /// Paths reachable without a key when keys are configured
    /// (comma-separated globs; empty: none).
    #[arg(long, env = "PUBLIC_ROUTES", default_value = DEFAULT_PUBLIC_ROUTES)]
    pub public_routes: String,
    /// Whether the raw `POST /prompt` route (any graph) is served.
    #[arg(long, env = "RAW_PROMPT", default_value_t = true, action = clap::ArgAction::Set)]
    pub raw_prompt: bool,
    /// The rate limit of each key without its own: `N/s`, `N/min` or
    /// `N/h` (empty: none).
    #[arg(long, env = "RATE_LIMIT", default_value = "")]
    pub rate_limit: String,
    /// The burst of `RATE_LIMIT` (default: its N).
    #[arg(long, env = "RATE_LIMIT_BURST")]
    pub rate_limit_burst: Option<u32>,
    /// Browser origins allowed to call the API (comma-separated
    /// `scheme://host[:port]`, or `*`; empty: no CORS headers).
    #[arg(long, env = "CORS_ALLOWED_ORIGINS", default_value = "")]
    pub cors_allowed_origins: String,
    /// Print the `sha256` of the API key read from standard input, for
    /// the key file, and exit.
    #[arg(long)]
    pub hash_key: bool,
    // Connections and limits.
    /// How long a connection may take to send a whole request head, in
    /// seconds (from its opening, or from the first byte of a next request).
    #[arg(long, env = "HEADER_READ_TIMEOUT_S", default_value_t = 10.0)]
    pub header_read_timeout_s: f64,
    /// How long a keep-alive connection may send nothing after an answer,
    /// in seconds.
    #[arg(long, env = "IDLE_TIMEOUT_S", default_value_t = 60.0)]
    pub idle_timeout_s: f64,
    /// The longest a request body may pause between two of its chunks, in
    /// seconds; then the request gets 408 and the connection is closed.
    #[arg(long, env = "BODY_READ_TIMEOUT_S", default_value_t = 30.0)]
    pub body_read_timeout_s: f64,
    /// The most client connections open at once [default: 10000, or fewer
    /// when the open-file limit leaves less room]. At the cap, the oldest
    /// connection with no request in flight is closed to make room.
    #[arg(long, env = "MAX_CONNECTIONS")]
    pub max_connections: Option<usize>,
    /// The deepest nesting of arrays and objects a JSON body may have.
    #[arg(long, env = "MAX_JSON_DEPTH", default_value_t = 64)]
    pub max_json_depth: usize,
    /// How much memory request bodies (their bytes and parsed values) may
    /// hold at once, in MB, at least twice MAX_BODY_SIZE_MB; a request that
    /// cannot get its share within a second is answered 503 `busy`.
    #[arg(long, env = "MAX_BODY_MEMORY_MB", default_value_t = 1024)]
    pub max_body_memory_mb: usize,
    /// Record metrics and serve them at `GET /metrics` (`true` or `false`);
    /// `false` removes the route and all recording.
    #[arg(
        long,
        env = "METRICS",
        default_value_t = true,
        num_args = 0..=1,
        default_missing_value = "true",
        action = clap::ArgAction::Set,
        value_parser = clap::builder::BoolishValueParser::new(),
    )]
    pub metrics: bool,
    /// Where jobs are kept: `sqlite` (a file in DATA_DIR, survives
    /// restarts) or `memory` (lost on restart).
    #[arg(long, env = "STORE", value_enum, default_value_t = StoreKind::Sqlite)]
    pub store: StoreKind,
    /// The data directory: the SQLite job store and the jobs' output files.
    #[arg(long, env = "DATA_DIR", default_value = DEFAULT_DATA_DIR)]
    pub data_dir: PathBuf,
    /// How long finished jobs, their events and files are kept, in hours.
    #[arg(long, env = "JOB_RETENTION_HOURS", default_value_t = 24.0)]
    pub job_retention_hours: f64,
    /// How often finished jobs past their retention are removed, in seconds.
    #[arg(long, env = "RETENTION_SWEEP_S", default_value_t = 60.0)]
    pub retention_sweep_s: f64,
    /// The most the output files of all jobs may take, in MB: past it,
    /// each retention sweep removes the longest finished jobs first (0: no
    /// cap).
    #[arg(long, env = "JOB_STORAGE_MAX_MB", default_value_t = 0.0)]
    pub job_storage_max_mb: f64,
    /// How long an Idempotency-Key replays its job, in hours.
    #[arg(long, env = "IDEMPOTENCY_KEY_TTL_HOURS", default_value_t = 24.0)]
    pub idempotency_key_ttl_hours: f64,
    /// Submits beyond this many queued jobs get 429 `queue-full` (0: no
    /// limit).
    #[arg(long, env = "MAX_QUEUED_JOBS", default_value_t = 0)]
    pub max_queued_jobs: u64,
    /// After a restart, submit a job once more when ComfyUI no longer knows
    /// its prompt (`false`: fail it).
    #[arg(long, env = "RESUBMIT_LOST_JOBS", default_value_t = true, action = clap::ArgAction::Set)]
    pub resubmit_lost_jobs: bool,
    /// Seconds between heartbeat comments on event streams.
    #[arg(long, env = "SSE_HEARTBEAT_S", default_value_t = 15.0)]
    pub sse_heartbeat_s: f64,
    /// Print the OpenAPI 3.1 document to standard output and exit.
    #[arg(long)]
    pub print_openapi: bool,
}

impl Args {
    /// The configuration these arguments give. Text logs are coloured only
    /// when standard error is a terminal and `NO_COLOR` is unset or empty.
    /// A value that does not parse (a CIDR, a negative timeout) is an error
    /// naming the setting and the value.
    pub fn into_config(self) -> Result<Config, String> {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        self.check_limits()?;
        let comfyui_url = self
            .comfyui_url
            .unwrap_or_else(|| format!("http://{}:{}", self.direct_address, self.comfyui_port));
        let allowed_fetch_cidrs = parse_cidrs(&self.allowed_fetch_cidrs)
            .map_err(|e| format!("ALLOWED_FETCH_CIDRS (--allowed-fetch-cidrs): {e}"))?;
        for (name, value) in [
            ("FETCH_CONNECT_TIMEOUT_S", self.fetch_connect_timeout_s),
            (
                "FETCH_FIRST_BYTE_TIMEOUT_S",
                self.fetch_first_byte_timeout_s,
            ),
            ("FETCH_TIMEOUT_S", self.fetch_timeout_s),
            ("HEADER_READ_TIMEOUT_S", self.header_read_timeout_s),
            ("IDLE_TIMEOUT_S", self.idle_timeout_s),
            ("BODY_READ_TIMEOUT_S", self.body_read_timeout_s),
            ("JOB_RETENTION_HOURS", self.job_retention_hours),
            ("RETENTION_SWEEP_S", self.retention_sweep_s),
            ("IDEMPOTENCY_KEY_TTL_HOURS", self.idempotency_key_ttl_hours),
            ("SSE_HEARTBEAT_S", self.sse_heartbeat_s),
        ] {
            if !(value.is_finite() && value > 0.0) {
                return Err(format!(
                    "{name}: `{value}` is not a positive number of seconds"
                ));
            }
        }
        if !(self.job_storage_max_mb.is_finite() && self.job_storage_max_mb >= 0.0) {
            return Err(format!(
                "JOB_STORAGE_MAX_MB: `{}` is not a size in MB (0 for no cap)",
                self.job_storage_max_mb
            ));
        }
        let mut api_keys = Keys::default();
        api_keys
            .add_env(&self.api_keys)
            .map_err(|e| format!("API_KEYS (--api-keys): {e}"))?;
        let public_routes = parse_globs(&self.public_routes)
            .map_err(|e| format!("PUBLIC_ROUTES (--public-routes): {e}"))?;
        let rate_limit = match self.rate_limit.trim() {
            "" => None,
            text => Some(
                Rate::parse(text, self.rate_limit_burst)
                    .map_err(|e| format!("RATE_LIMIT (--rate-limit): {e}"))?,
            ),
        };
        let cors = Cors::parse(&self.cors_allowed_origins)
            .map_err(|e| format!("CORS_ALLOWED_ORIGINS (--cors-allowed-origins): {e}"))?;
        Ok(Config {
            host: self.host,
            port: self.port,
            comfyui_url: comfyui_url.trim_end_matches('/').to_string(),
            max_body_size_mb: self.max_body_size_mb,
            max_image_size_mb: self.max_image_size_mb,
            max_queue_depth: self.max_queue_depth,
            warmup_prompt_file: self.warmup_prompt_file,
            request_timeout_s: self.request_timeout_s,
            comfyui_timeout_s: self.comfyui_timeout_s,
            shutdown_grace_s: self.shutdown_grace_s,
            log_level: self.log_level,
            log_json: self.log_json,
            log_color: std::io::stderr().is_terminal() && !no_color,
            allowed_fetch_hosts: parse_hosts(&self.allowed_fetch_hosts),
            allowed_fetch_cidrs,
            fetch_connect_timeout_s: self.fetch_connect_timeout_s,
            fetch_first_byte_timeout_s: self.fetch_first_byte_timeout_s,
            fetch_timeout_s: self.fetch_timeout_s,
            fetch_max_redirects: self.fetch_max_redirects,
            api_keys_file: self.api_keys_file,
            api_keys,
            public_routes,
            raw_prompt: self.raw_prompt,
            rate_limit,
            cors,
            header_read_timeout_s: self.header_read_timeout_s,
            idle_timeout_s: self.idle_timeout_s,
            body_read_timeout_s: self.body_read_timeout_s,
            max_connections: self.max_connections,
            max_json_depth: self.max_json_depth,
            max_body_memory_mb: self.max_body_memory_mb,
            metrics: self.metrics,
            store: match self.store {
                StoreKind::Sqlite => crate::store::StoreConfig::Sqlite {
                    data_dir: self.data_dir,
                },
                StoreKind::Memory => crate::store::StoreConfig::Memory,
            },
            job_retention_hours: self.job_retention_hours,
            retention_sweep_s: self.retention_sweep_s,
            job_storage_max_mb: self.job_storage_max_mb,
            idempotency_key_ttl_hours: self.idempotency_key_ttl_hours,
            max_queued_jobs: self.max_queued_jobs,
            resubmit_lost_jobs: self.resubmit_lost_jobs,
            sse_heartbeat_s: self.sse_heartbeat_s,
        })
    }

    /// The connection and body limits make sense together: each at least
    /// 1, and room in the body memory for one body of the largest size
    /// with its parsed value.
    fn check_limits(&self) -> Result<(), String> {
        for (name, value) in [
            ("MAX_CONNECTIONS", self.max_connections.unwrap_or(1)),
            ("MAX_JSON_DEPTH", self.max_json_depth),
            ("MAX_BODY_MEMORY_MB", self.max_body_memory_mb),
        ] {
            if value == 0 {
                return Err(format!("{name}: `0` is not allowed; the least is 1"));
            }
        }
        if self.max_body_memory_mb < self.max_body_size_mb.saturating_mul(2) {
            return Err(format!(
                "MAX_BODY_MEMORY_MB ({}) is below twice MAX_BODY_SIZE_MB ({}): a body of the largest size, with the value it parses into, could never be held",
                self.max_body_memory_mb, self.max_body_size_mb
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_the_environment() {
        let config = Args::try_parse_from(["api", "--host", "127.0.0.9", "--port", "3999"])
            .unwrap()
            .into_config()
            .unwrap();
        // Whatever HOST and PORT the test process has, the flags decide.
        assert_eq!((config.host.as_str(), config.port), ("127.0.0.9", 3999));
    }

    #[test]
    fn the_comfyui_url_wins_over_address_and_port() {
        let config = Args::try_parse_from([
            "api",
            "--comfyui-url",
            "http://h:1/",
            "--direct-address",
            "x",
        ])
        .unwrap()
        .into_config()
        .unwrap();
        assert_eq!(config.comfyui_url, "http://h:1");
    }

    #[test]
    fn fetch_exceptions_parse_and_a_bad_cidr_is_named() {
        let config = Args::try_parse_from([
            "api",
            "--allowed-fetch-hosts",
            "LocalHost, minio",
            "--allowed-fetch-cidrs",
            "127.0.0.0/8,fd00::/8",
            "--fetch-timeout-s",
            "0.5",
        ])
        .unwrap()
        .into_config()
        .unwrap();
        assert_eq!(config.allowed_fetch_hosts, ["localhost", "minio"]);
        assert_eq!(config.allowed_fetch_cidrs.len(), 2);
        assert_eq!(config.fetch_timeout(), Duration::from_millis(500));
        let err = Args::try_parse_from(["api", "--allowed-fetch-cidrs", "10.0.0.0/8,10.0.0.0/40"])
            .unwrap()
            .into_config()
            .unwrap_err();
        assert!(
            err.contains("ALLOWED_FETCH_CIDRS") && err.contains("`10.0.0.0/40`"),
            "{err}"
        );
        let err = Args::try_parse_from(["api", "--fetch-timeout-s", "0"])
            .unwrap()
            .into_config()
            .unwrap_err();
        assert!(err.contains("FETCH_TIMEOUT_S"), "{err}");
    }

    #[test]
    fn origins_parse_and_what_is_not_an_origin_is_named() {
        assert_eq!(Cors::parse("").unwrap(), Cors::Off);
        assert_eq!(Cors::parse(" * ").unwrap(), Cors::Any);
        assert_eq!(
            Cors::parse("https://app.example.com, http://127.0.0.1:5173").unwrap(),
            Cors::Origins(vec![
                "https://app.example.com".into(),
                "http://127.0.0.1:5173".into()
            ])
        );
        for bad in [
            "app.example.com",
            "https://app.example.com/",
            "https://app.example.com/path",
            "https://user@app.example.com",
            "ftp://files.example.com",
            "*, https://a.example",
        ] {
            let e = Cors::parse(bad).unwrap_err();
            assert!(
                e.contains("is not an origin") && e.contains("scheme://host"),
                "{bad}: {e}"
            );
        }
        let e = Args::try_parse_from(["api", "--cors-allowed-origins", "example.com"])
            .unwrap()
            .into_config()
            .unwrap_err();
        assert!(e.starts_with("CORS_ALLOWED_ORIGINS"), "{e}");
    }

    #[test]
    fn access_settings_parse_and_bad_ones_are_named() {
        let config = Args::try_parse_from([
            "api",
            "--api-keys",
            "ci:0123456789abcdef",
            "--public-routes",
            "/health",
            "--raw-prompt",
            "false",
            "--rate-limit",
            "5/s",
        ])
        .unwrap()
        .into_config()
        .unwrap();
        assert_eq!(config.api_keys.names(), ["ci"]);
        assert_eq!(config.public_routes.len(), 1);
        assert!(!config.raw_prompt);
        assert_eq!(config.rate_limit.unwrap().count.get(), 5);
        for (flag, value, named) in [
            ("--api-keys", "nocolon", "API_KEYS"),
            ("--public-routes", "health", "PUBLIC_ROUTES"),
            ("--rate-limit", "fast", "RATE_LIMIT"),
        ] {
            let e = Args::try_parse_from(["api", flag, value])
                .unwrap()
                .into_config()
                .unwrap_err();
            assert!(e.starts_with(named), "{flag} {value}: {e}");
        }
    }

    #[test]
    fn connection_limits_parse_and_bad_ones_are_named() {
        let config = Args::try_parse_from(["api", "--header-read-timeout-s", "2.5"])
            .unwrap()
            .into_config()
            .unwrap();
        assert_eq!(config.header_read_timeout(), Duration::from_millis(2500));
        let err = |args: &[&str]| {
            Args::try_parse_from([&["api"], args].concat())
                .unwrap()
                .into_config()
                .unwrap_err()
        };
        assert!(err(&["--idle-timeout-s", "0"]).contains("IDLE_TIMEOUT_S"));
        assert!(err(&["--max-connections", "0"]).contains("MAX_CONNECTIONS"));
        assert!(err(&["--max-json-depth", "0"]).contains("MAX_JSON_DEPTH"));
        let e = err(&["--max-body-memory-mb", "150", "--max-body-size-mb", "100"]);
        assert!(
            e.contains("MAX_BODY_MEMORY_MB (150)") && e.contains("MAX_BODY_SIZE_MB (100)"),
            "{e}"
        );
    }

    #[test]
    fn the_storage_cap_is_megabytes_or_none() {
        let cap = |args: &[&str]| {
            Args::try_parse_from([&["api"], args].concat())
                .unwrap()
                .into_config()
                .map(|c| c.jobs().storage_cap)
        };
        assert_eq!(cap(&[]).unwrap(), None);
        assert_eq!(cap(&["--job-storage-max-mb", "0"]).unwrap(), None);
        assert_eq!(
            cap(&["--job-storage-max-mb", "0.5"]).unwrap(),
            Some(512 * 1024)
        );
        let e = cap(&["--job-storage-max-mb=-1"]).unwrap_err();
        assert!(e.contains("JOB_STORAGE_MAX_MB"), "{e}");
    }

    #[test]
    fn metrics_are_on_unless_turned_off() {
        let metrics = |args: &[&str]| {
            let args = [&["api"], args].concat();
            Args::try_parse_from(args).map(|a| a.into_config().unwrap().metrics)
        };
        assert!(Config::default().metrics);
        // Whatever METRICS the test process has, the flag decides.
        assert!(!metrics(&["--metrics=false"]).unwrap());
        assert!(!metrics(&["--metrics", "0"]).unwrap());
        assert!(metrics(&["--metrics"]).unwrap());
        assert!(metrics(&["--metrics=true"]).unwrap());
        let err = metrics(&["--metrics=maybe"]).unwrap_err().to_string();
        assert!(err.contains("maybe") && err.contains("METRICS"), "{err}");
    }
}
