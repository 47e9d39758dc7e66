//! A ComfyUI 0.8.0 test double: an HTTP + websocket server that answers like
//! the recordings in `../shared/comfyui` (routes, status codes, bodies,
//! message sequences, validation errors), runs model-free image nodes for
//! real, simulates model nodes deterministically, and misbehaves on purpose
//! when asked (see [`FaultConfig`]).
//!
//! ```no_run
//! let double = comfy_double::Double::builder().step_delay_ms(5).spawn().unwrap();
//! println!("ComfyUI double at {}", double.url());
//! ```

pub mod catalog;
mod executor;
mod faults;
pub mod files;
mod http;
pub mod imaging;
pub mod json;
mod nodes;
mod queue;
mod server;
mod validate;
mod ws;

use std::path::PathBuf;
use std::time::Duration;

pub use catalog::{Catalog, ModelList};
pub use faults::FaultConfig;
pub use server::{CRASH_EXIT_CODE, Config, RunningDouble, default_catalog_path};

/// Entry point for in-process use: `Double::builder()...spawn()`.
pub struct Double;

impl Double {
    /// A builder with the defaults (127.0.0.1, a free port, the recorded
    /// catalog and placeholder models, a temporary data folder).
    pub fn builder() -> DoubleBuilder {
        DoubleBuilder {
            config: Config::default(),
        }
    }
}

/// Settings of a double to start.
#[derive(Debug, Clone)]
pub struct DoubleBuilder {
    config: Config,
}

impl DoubleBuilder {
    /// Starts from a full configuration.
    pub fn with_config(config: Config) -> Self {
        DoubleBuilder { config }
    }
    /// Listen address.
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.config.host = host.into();
        self
    }
    /// Port (0 = a free one).
    pub fn port(mut self, port: u16) -> Self {
        self.config.port = port;
        self
    }
    /// The `/object_info` document to serve.
    pub fn catalog(mut self, path: impl Into<PathBuf>) -> Self {
        self.config.catalog = path.into();
        self
    }
    /// The model files to pretend to have.
    pub fn models(mut self, models: ModelList) -> Self {
        self.config.models = models;
        self
    }
    /// Where `input/`, `output/` and `temp/` live.
    pub fn base_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.config.base_dir = Some(dir.into());
        self
    }
    /// Sleep per KSampler step.
    pub fn step_delay_ms(mut self, ms: u64) -> Self {
        self.config.step_delay = Duration::from_millis(ms);
        self
    }
    /// Share of ComfyUI's CPU time heavy model-free nodes take at least.
    pub fn cpu_scale(mut self, scale: f64) -> Self {
        self.config.cpu_scale = scale;
        self
    }
    /// Faults in force from the start.
    pub fn faults(mut self, faults: FaultConfig) -> Self {
        self.config.faults = faults;
        self
    }
    /// Whether an injected crash exits the whole process.
    pub fn exit_process_on_crash(mut self, exit: bool) -> Self {
        self.config.exit_process_on_crash = exit;
        self
    }
    /// Binds and starts serving; returns once the port is open.
    pub fn spawn(self) -> Result<RunningDouble, String> {
        server::spawn(self.config)
    }
}
