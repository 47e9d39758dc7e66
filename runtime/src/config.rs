//! The binary's configuration: [`Config`], a plain value the app and its
//! router take, and [`Args`], the flags and environment variables `main`
//! parses once into it. Every option is documented in
//! `docs/configuration.md`.

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
    /// Record metrics and serve them at `GET /metrics`.
    pub metrics: bool,
}

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
            metrics: true,
        }
    }
}

impl Config {
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
        ] {
            if !(value.is_finite() && value > 0.0) {
                return Err(format!(
                    "{name}: `{value}` is not a positive number of seconds"
                ));
            }
        }
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
            metrics: self.metrics,
        })
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
