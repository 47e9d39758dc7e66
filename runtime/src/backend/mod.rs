//! The ComfyUI client: HTTP calls with timeouts, typed bodies
//! ([`types`]), one websocket whose events are routed to the run waiting
//! for each prompt id ([`events`]), `/queue` and `/history` to tell
//! whether ComfyUI still knows a prompt, uploads and downloads. Errors are
//! typed ([`BackendError`]); nothing here knows about HTTP answers of our
//! own. A pool of several ComfyUI servers, routing and child-process
//! supervision go beside this client.

mod error;
mod events;
pub mod types;

pub use error::BackendError;
pub use events::PromptEvent;
pub use types::{ExecutionFailure, Interruption, Rejection};

use crate::telemetry::metrics::BackendGauges;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use types::{Accepted, FileRef, HistoryEntry, PromptInfo, Queue, Uploaded};

/// Timeouts for calls to ComfyUI.
#[derive(Clone, Debug)]
pub struct Timeouts {
    /// Connecting.
    pub connect: Duration,
    /// One HTTP call (submit, history, upload).
    pub call: Duration,
    /// Downloading one output file.
    pub download: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(5),
            call: Duration::from_secs(30),
            download: Duration::from_secs(120),
        }
    }
}

/// How a prompt ended.
#[derive(Debug, Clone)]
pub enum End {
    /// `execution_success`.
    Success,
    /// `execution_error`.
    Error(ExecutionFailure),
    /// `execution_interrupted` (or removed from the queue by us).
    Interrupted(Interruption),
}

/// Where a prompt is, per `/queue` and `/history`.
#[derive(Debug, Clone)]
pub enum PromptState {
    /// Waiting in the queue.
    Pending,
    /// Running.
    Running,
    /// In the history.
    Ended(End),
    /// ComfyUI does not know it: not queued, not running, not in history.
    Unknown,
}

/// One file a prompt produced.
#[derive(Clone, Debug)]
pub struct OutputFile {
    /// The output node.
    pub node: String,
    /// File name.
    pub filename: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What a finished prompt produced.
#[derive(Debug, Default)]
pub struct Outputs {
    /// Files, in output-node order.
    pub files: Vec<OutputFile>,
    /// Other values output nodes reported (`text`, ...), by `node.key`.
    pub values: BTreeMap<String, Value>,
}

/// A connection to one ComfyUI server.
pub struct Comfy {
    base: String,
    http: reqwest::Client,
    timeouts: Timeouts,
    client_id: String,
    waiters: Mutex<HashMap<String, mpsc::UnboundedSender<PromptEvent>>>,
    connected: AtomicBool,
    /// The last `/queue` read, shared by the runs that check their
    /// prompts (one read serves every run waiting at that moment).
    queue: tokio::sync::Mutex<Option<Arc<QueueSnapshot>>>,
    /// Whether ComfyUI answered last, and its queue's length, for
    /// `wfc_backend_up` and `wfc_backend_queue_remaining`.
    gauges: BackendGauges,
}

/// The prompt ids in ComfyUI's queue at one moment.
#[derive(Debug)]
struct QueueSnapshot {
    /// When the read started.
    started: Instant,
    running: HashSet<String>,
    pending: HashSet<String>,
}

impl Comfy {
    /// A client for ComfyUI at `base` (`http://127.0.0.1:8188`). Call
    /// [`Comfy::spawn_events`] to start listening to its websocket.
    pub fn new(base: &str, timeouts: Timeouts) -> Arc<Comfy> {
        let http = crate::tls::client_builder()
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.call)
            .build()
            .expect("an HTTP client builds");
        Arc::new(Comfy {
            base: base.trim_end_matches('/').to_string(),
            http,
            timeouts,
            client_id: crate::ids::random_id(),
            waiters: Mutex::new(HashMap::new()),
            connected: AtomicBool::new(false),
            queue: tokio::sync::Mutex::new(None),
            gauges: BackendGauges::default(),
        })
    }

    /// Whether ComfyUI answered last, and its queue's length.
    pub(crate) fn gauges(&self) -> &BackendGauges {
        &self.gauges
    }

    /// Sends `request`, noting whether ComfyUI answered.
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, reqwest::Error> {
        let sent = request.send().await;
        self.gauges.reached(sent.is_ok());
        sent
    }

    /// ComfyUI's base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Sends a request and reads a 2xx answer's JSON body, naming `what`.
    async fn call<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
        what: &str,
    ) -> Result<T, BackendError> {
        let response = self.send(request).await?;
        let status = response.status();
        if !status.is_success() {
            return Err(BackendError::Protocol(format!("{what} answered {status}")));
        }
        response
            .json()
            .await
            .map_err(|e| BackendError::Protocol(format!("{what}: {e}")))
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, BackendError> {
        let request = self.http.get(format!("{}{path}", self.base));
        self.call(request, &format!("GET {path}")).await
    }

    /// `GET /system_stats`: whether ComfyUI answers at all.
    pub async fn system_stats(&self) -> Result<Value, BackendError> {
        self.get("/system_stats").await
    }

    /// Prompts running plus pending (`GET /prompt`).
    pub async fn queue_remaining(&self) -> Result<u64, BackendError> {
        let info: PromptInfo = self.get("/prompt").await?;
        self.gauges.queue_remaining(info.exec_info.queue_remaining);
        Ok(info.exec_info.queue_remaining)
    }

    /// Model files by folder (`GET /models` then `/models/{folder}`).
    pub async fn models(&self) -> Result<BTreeMap<String, Vec<String>>, BackendError> {
        let folders: Vec<String> = self.get("/models").await?;
        let mut out = BTreeMap::new();
        for folder in folders {
            let files = self.get(&format!("/models/{folder}")).await?;
            out.insert(folder, files);
        }
        Ok(out)
    }

    /// Uploads an image to ComfyUI's input folder and returns the name to
    /// put in a LoadImage-style input.
    pub async fn upload(
        &self,
        name: &str,
        bytes: Vec<u8>,
        content_type: &str,
    ) -> Result<String, BackendError> {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_string())
            .mime_str(content_type)
            .map_err(|e| BackendError::Protocol(e.to_string()))?;
        let form = reqwest::multipart::Form::new()
            .part("image", part)
            .text("type", "input")
            .text("overwrite", "true");
        let request = self
            .http
            .post(format!("{}/upload/image", self.base))
            .multipart(form);
        let uploaded: Uploaded = self.call(request, "POST /upload/image").await?;
        Ok(if uploaded.subfolder.is_empty() {
            uploaded.name
        } else {
            format!("{}/{}", uploaded.subfolder, uploaded.name)
        })
    }

    /// Removes a pending prompt and interrupts it if it is running.
    pub async fn cancel(&self, prompt_id: &str) {
        let delete = self.send(
            self.http
                .post(format!("{}/queue", self.base))
                .json(&json!({"delete": [prompt_id]})),
        );
        let interrupt = self.send(
            self.http
                .post(format!("{}/interrupt", self.base))
                .json(&json!({"prompt_id": prompt_id})),
        );
        let (d, i) = tokio::join!(delete, interrupt);
        if let Err(e) = d.and(i) {
            tracing::warn!(prompt_id, error = %e, "could not cancel the prompt in ComfyUI");
        }
    }

    /// Submits `prompt` as `prompt_id` with this client's websocket id.
    /// A prompt that is partly invalid is cancelled (ComfyUI would run the
    /// rest, which is not what was asked for) and reported as rejected.
    pub async fn submit(&self, prompt_id: &str, prompt: &Value) -> Result<(), BackendError> {
        let body = json!({"prompt": prompt, "client_id": self.client_id, "prompt_id": prompt_id});
        let response = self
            .send(self.http.post(format!("{}/prompt", self.base)).json(&body))
            .await?;
        let status = response.status();
        let text = response.text().await?;
        let protocol =
            || BackendError::Protocol(format!("POST /prompt answered {status}: {}", text.trim()));
        let answer: Value = serde_json::from_str(&text).map_err(|_| protocol())?;
        let rejected = |answer: Value| match Rejection::from_value(answer) {
            Ok(r) => BackendError::Rejected(Box::new(r)),
            Err(_) => protocol(),
        };
        if !status.is_success() {
            return Err(rejected(answer));
        }
        let accepted = Accepted::deserialize(&answer).map_err(|_| protocol())?;
        if !accepted.node_errors.is_empty() {
            self.cancel(prompt_id).await;
            return Err(rejected(answer));
        }
        Ok(())
    }

    /// `/queue` as read at `not_before` or later: the last read if it
    /// started then, else a new one.
    async fn queue_snapshot(
        &self,
        not_before: Instant,
    ) -> Result<Arc<QueueSnapshot>, BackendError> {
        let mut cache = self.queue.lock().await;
        if let Some(snapshot) = cache.as_ref().filter(|s| s.started >= not_before) {
            return Ok(snapshot.clone());
        }
        let started = Instant::now();
        let queue: Queue = self.get("/queue").await?;
        let ids = |items: Vec<types::QueueItem>| items.into_iter().map(|i| i.prompt_id).collect();
        let snapshot = Arc::new(QueueSnapshot {
            started,
            running: ids(queue.queue_running),
            pending: ids(queue.queue_pending),
        });
        *cache = Some(snapshot.clone());
        Ok(snapshot)
    }

    /// Where the prompt is: queued, running, ended (per `/history`), or
    /// unknown to ComfyUI, per a read of the queue that started at
    /// `not_before` or later (one read serves every run checking at that
    /// moment), and when that read started. The queue is read before the
    /// history, so a prompt that ends in between is found in the history.
    pub async fn prompt_state(
        &self,
        prompt_id: &str,
        not_before: Instant,
    ) -> Result<(PromptState, Instant), BackendError> {
        let queue = self.queue_snapshot(not_before).await?;
        let state = if queue.running.contains(prompt_id) {
            PromptState::Running
        } else if queue.pending.contains(prompt_id) {
            PromptState::Pending
        } else {
            match self.history(prompt_id).await? {
                Some(entry) => match ended(&entry) {
                    Some(end) => PromptState::Ended(end),
                    None => PromptState::Running,
                },
                None => PromptState::Unknown,
            }
        };
        Ok((state, queue.started))
    }

    async fn history(&self, prompt_id: &str) -> Result<Option<HistoryEntry>, BackendError> {
        let mut all: BTreeMap<String, HistoryEntry> =
            self.get(&format!("/history/{prompt_id}")).await?;
        Ok(all.remove(prompt_id))
    }

    /// The files and values output nodes produced (`nodes`, or all of
    /// them), from `/history`, downloaded with `/view`.
    pub async fn outputs(
        &self,
        prompt_id: &str,
        nodes: Option<&[&str]>,
    ) -> Result<Outputs, BackendError> {
        // ComfyUI announces `execution_success` before it files the prompt
        // in its history: wait for the entry a little.
        let mut tries = 0;
        let entry = loop {
            if let Some(entry) = self.history(prompt_id).await? {
                break entry;
            }
            if tries == 200 {
                return Err(BackendError::Protocol(format!(
                    "/history has no entry for {prompt_id} 2 s after it ran"
                )));
            }
            tries += 1;
            tokio::time::sleep(Duration::from_millis(10)).await;
        };
        let all: Vec<&str> = entry.outputs.keys().map(String::as_str).collect();
        let nodes = nodes.unwrap_or(&all);
        let mut out = Outputs::default();
        for node in nodes {
            let Some(output) = entry.outputs.get(*node) else {
                continue;
            };
            for (key, items) in output {
                let files: Vec<FileRef> = items
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|i| FileRef::deserialize(i).ok())
                    .collect();
                if files.is_empty() {
                    if key != "animated" {
                        out.values.insert(format!("{node}.{key}"), items.clone());
                    }
                    continue;
                }
                for file in files {
                    let bytes = self.view(&file).await?;
                    out.files.push(OutputFile {
                        node: node.to_string(),
                        filename: file.filename,
                        bytes,
                    });
                }
            }
        }
        Ok(out)
    }

    async fn view(&self, file: &FileRef) -> Result<Vec<u8>, BackendError> {
        let request = self
            .http
            .get(format!("{}/view", self.base))
            .query(&[
                ("filename", file.filename.as_str()),
                ("subfolder", file.subfolder.as_str()),
                ("type", file.kind.as_str()),
            ])
            .timeout(self.timeouts.download);
        let response = self.send(request).await?;
        let status = response.status();
        if !status.is_success() {
            return Err(BackendError::Protocol(format!(
                "GET /view of {} answered {status}",
                file.filename
            )));
        }
        Ok(response.bytes().await?.to_vec())
    }
}

/// How the prompt of a history entry ended (`None` while it has not).
fn ended(entry: &HistoryEntry) -> Option<End> {
    let status = entry.status.as_ref()?;
    let data = |kind: &str| status.message(kind).cloned().unwrap_or(Value::Null);
    match status.status_str.as_deref() {
        Some("success") => Some(End::Success),
        Some("error") if status.message("execution_interrupted").is_some() => {
            Some(End::Interrupted(
                serde_json::from_value(data("execution_interrupted")).unwrap_or_default(),
            ))
        }
        Some("error") => Some(End::Error(
            serde_json::from_value(data("execution_error")).unwrap_or_default(),
        )),
        _ => None,
    }
}
