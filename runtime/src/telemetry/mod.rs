//! Logging set-up: tracing to standard error, as text or JSON lines.
//! Text is coloured only when asked ([`crate::Config::log_color`], on when
//! standard error is a terminal and `NO_COLOR` is not set). Prometheus
//! metrics are [`metrics`].

pub(crate) mod metrics;

/// Installs the process's subscriber (once; later calls do nothing).
pub(crate) fn init(level: &str, json: bool, color: bool) {
    let level = match level.to_ascii_lowercase().as_str() {
        "error" => tracing::Level::ERROR,
        "warn" | "warning" => tracing::Level::WARN,
        "debug" => tracing::Level::DEBUG,
        "trace" => tracing::Level::TRACE,
        _ => tracing::Level::INFO,
    };
    let builder = tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().with_ansi(false).try_init()
    } else {
        builder.with_ansi(color).try_init()
    };
}
