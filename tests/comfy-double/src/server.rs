//! The running double: shared state, the prompt worker thread (one prompt
//! at a time, like ComfyUI's), and the HTTP server on its own runtime so that
//! an injected crash can drop every connection at once.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::catalog::{Catalog, ModelList};
use crate::executor::Executor;
use crate::faults::{FaultConfig, Faults};
use crate::files::Files;
use crate::json::{Json, Obj};
use crate::obj;
use crate::queue::{QueueItem, QueueState};
use crate::ws::Hub;

/// The recorded catalog next to the repository (`../shared/comfyui`).
pub fn default_catalog_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/comfyui/object_info.json")
}

/// How a double is set up.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub host: String,
    /// Port (0 picks a free one).
    pub port: u16,
    /// The `/object_info` document to serve.
    pub catalog: PathBuf,
    /// The model files to pretend to have.
    pub models: ModelList,
    /// Where `input/`, `output/` and `temp/` live (a fresh temporary
    /// directory, removed at shutdown, when unset).
    pub base_dir: Option<PathBuf>,
    /// Sleep per KSampler step.
    pub step_delay: Duration,
    /// Share of ComfyUI's CPU time that heavy model-free nodes (ImageBlur)
    /// take at least (0 = as fast as the double computes).
    pub cpu_scale: f64,
    /// Faults in force from the start.
    pub faults: FaultConfig,
    /// An injected crash exits the process (the binary) instead of only
    /// stopping the double (in-process use).
    pub exit_process_on_crash: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 0,
            catalog: default_catalog_path(),
            models: ModelList::recorded(),
            base_dir: None,
            step_delay: Duration::ZERO,
            cpu_scale: 0.15,
            faults: FaultConfig::default(),
            exit_process_on_crash: false,
        }
    }
}

/// Exit status of the binary after an injected crash.
pub const CRASH_EXIT_CODE: i32 = 70;

pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) catalog: Catalog,
    pub(crate) files: Files,
    pub(crate) hub: Arc<Hub>,
    pub(crate) queue: Mutex<QueueState>,
    queue_cv: Condvar,
    pub(crate) interrupt: AtomicBool,
    pub(crate) stopped: AtomicBool,
    pub(crate) crashed: AtomicBool,
    pub(crate) faults: Faults,
    pub(crate) stop_tx: tokio::sync::watch::Sender<bool>,
    pub(crate) port: Mutex<u16>,
}

impl Shared {
    pub(crate) fn lock_queue(&self) -> MutexGuard<'_, QueueState> {
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `queue_updated()`: broadcasts the queue size while the queue is
    /// locked, so that status messages keep the order of the queue changes.
    pub(crate) fn status_locked(&self, q: &QueueState) {
        let remaining = q.remaining();
        self.hub.send(
            "status",
            obj! {"status" => obj!{"exec_info" => obj!{"queue_remaining" => remaining}}},
            None,
        );
    }

    /// Queues a validated prompt.
    pub(crate) fn put(&self, item: QueueItem) {
        let mut q = self.lock_queue();
        q.heap.push(Arc::new(item));
        self.status_locked(&q);
        drop(q);
        self.queue_cv.notify_all();
    }

    /// Stops the double: ends the worker, the sockets and the server.
    pub(crate) fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.queue_cv.notify_all();
        let _ = self.stop_tx.send(true);
    }

    /// An injected crash.
    pub(crate) fn crash(&self) {
        if self.config.exit_process_on_crash {
            std::process::exit(CRASH_EXIT_CODE);
        }
        self.crashed.store(true, Ordering::SeqCst);
        self.stop();
    }
}

fn worker(shared: Arc<Shared>) {
    let mut executor = Executor::default();
    loop {
        let item = {
            let mut q = shared.lock_queue();
            loop {
                if shared.stopped.load(Ordering::SeqCst) {
                    return;
                }
                if let Some(item) = q.heap.pop() {
                    q.running = Some(item.clone());
                    shared.status_locked(&q);
                    break item;
                }
                q = shared
                    .queue_cv
                    .wait_timeout(q, Duration::from_millis(200))
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
        };
        let result = executor.execute(&shared, &item);
        if result.crashed || shared.stopped.load(Ordering::SeqCst) {
            if result.crashed && !shared.stopped.load(Ordering::SeqCst) {
                shared.crash();
            }
            return;
        }
        let status = obj! {
            "status_str" => if result.success { "success" } else { "error" },
            "completed" => result.success,
            "messages" => Json::Arr(result.messages),
        };
        let mut entry = Obj::new();
        entry.insert("prompt", item.tuple());
        entry.insert("outputs", Json::Obj(result.outputs));
        entry.insert("status", status);
        entry.insert("meta", Json::Obj(result.meta));
        {
            let mut q = shared.lock_queue();
            q.running = None;
            q.history.insert(item.prompt_id.clone(), Json::Obj(entry));
            shared.status_locked(&q);
        }
        if let Some(client) = item.extra_data.get("client_id") {
            let client = crate::json::py_str(client);
            shared.hub.send(
                "executing",
                obj! {"node" => Json::Null, "prompt_id" => item.prompt_id.as_str()},
                Some(&client),
            );
        }
    }
}

/// A double that is listening.
pub struct RunningDouble {
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: Option<JoinHandle<()>>,
    worker: Option<JoinHandle<()>>,
    _dir: Option<tempfile::TempDir>,
}

impl RunningDouble {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
    /// `http://HOST:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
    /// `ws://HOST:PORT/ws`.
    pub fn ws_url(&self) -> String {
        format!("ws://{}/ws", self.addr)
    }
    /// The folder holding `input/`, `output/` and `temp/`.
    pub fn base_dir(&self) -> PathBuf {
        self.shared
            .files
            .input
            .parent()
            .map(PathBuf::from)
            .unwrap_or_default()
    }
    /// Replaces the faults in force.
    pub fn set_faults(&self, faults: FaultConfig) {
        self.shared.faults.set(faults);
    }
    /// Whether an injected crash stopped it.
    pub fn crashed(&self) -> bool {
        self.shared.crashed.load(Ordering::SeqCst)
    }
    /// Blocks until the double stops (after a crash or [`shutdown`](Self::shutdown) elsewhere).
    pub fn wait(&self) {
        while !self.shared.stopped.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    /// Stops it and waits for its threads.
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }
    fn stop_and_join(&mut self) {
        self.shared.stop();
        if let Some(h) = self.server.take() {
            let _ = h.join();
        }
        if let Some(h) = self.worker.take() {
            let _ = h.join();
        }
    }
}

impl Drop for RunningDouble {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}

/// Starts a double with this configuration.
pub(crate) fn spawn(config: Config) -> Result<RunningDouble, String> {
    let mut catalog = Catalog::load(&config.catalog)?;
    catalog.apply_models(&config.models);
    let (dir, base) = match &config.base_dir {
        Some(b) => (None, b.clone()),
        None => {
            let d = tempfile::Builder::new()
                .prefix("comfy-double-")
                .tempdir()
                .map_err(|e| e.to_string())?;
            let p = d.path().to_path_buf();
            (Some(d), p)
        }
    };
    let files = Files::new(&base).map_err(|e| format!("{}: {e}", base.display()))?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let shared = Arc::new(Shared {
        faults: Faults::new(config.faults.clone()),
        config,
        catalog,
        files,
        hub: Arc::new(Hub::default()),
        queue: Mutex::new(QueueState::default()),
        queue_cv: Condvar::new(),
        interrupt: AtomicBool::new(false),
        stopped: AtomicBool::new(false),
        crashed: AtomicBool::new(false),
        stop_tx,
        port: Mutex::new(0),
    });
    let (addr_tx, addr_rx) = std::sync::mpsc::channel();
    let s = shared.clone();
    let server = std::thread::Builder::new()
        .name("comfy-double-http".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = addr_tx.send(Err(e.to_string()));
                    return;
                }
            };
            rt.block_on(async move {
                let bind = format!("{}:{}", s.config.host, s.config.port);
                let listener = match tokio::net::TcpListener::bind(&bind).await {
                    Ok(l) => l,
                    Err(e) => {
                        let _ = addr_tx.send(Err(format!("cannot listen on {bind}: {e}")));
                        return;
                    }
                };
                let addr = listener.local_addr().map_err(|e| e.to_string());
                if let Ok(a) = &addr {
                    *s.port.lock().unwrap_or_else(|e| e.into_inner()) = a.port();
                }
                let _ = addr_tx.send(addr);
                let app = crate::http::router(s.clone(), stop_rx.clone());
                let mut stop = stop_rx;
                tokio::select! {
                    _ = axum::serve(listener, app) => {}
                    _ = stop.wait_for(|v| *v) => {}
                }
            });
            rt.shutdown_background();
        })
        .map_err(|e| e.to_string())?;
    let addr = match addr_rx.recv() {
        Ok(Ok(a)) => a,
        Ok(Err(e)) => {
            let _ = server.join();
            return Err(e);
        }
        Err(_) => return Err("the server thread died".into()),
    };
    let w = shared.clone();
    let worker = std::thread::Builder::new()
        .name("comfy-double-worker".into())
        .spawn(move || worker(w))
        .map_err(|e| e.to_string())?;
    Ok(RunningDouble {
        addr,
        shared,
        server: Some(server),
        worker: Some(worker),
        _dir: dir,
    })
}
