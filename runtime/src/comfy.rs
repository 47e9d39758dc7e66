//! The ComfyUI client: HTTP calls with timeouts, one websocket whose events
//! are routed to the request waiting for each prompt id, and `/history`
//! polling whenever the socket is down, so that no request waits forever.
//!
//! A run is: upload the request's images, submit the graph with a prompt
//! id chosen here (registered before the POST so no event is missed), wait
//! for `execution_success`, `execution_error` or `execution_interrupted`
//! (or the entry in `/history`) until the request's deadline, then read the
//! outputs from `/history` and download them with `/view`.

use futures_util::StreamExt;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

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

/// What can go wrong talking to ComfyUI.
#[derive(Debug)]
pub enum ComfyError {
    /// ComfyUI cannot be reached (connection refused, timeout): 503.
    Unreachable(String),
    /// ComfyUI rejected the prompt (HTTP 400, or 200 with `node_errors`):
    /// its body, with `error` and `node_errors`.
    Invalid(Value),
    /// A node raised during execution: the `execution_error` data.
    Execution(Value),
    /// The prompt was interrupted by someone else.
    Interrupted(Value),
    /// The request's deadline passed; the prompt was removed or interrupted.
    Deadline,
    /// ComfyUI answered something unexpected.
    Protocol(String),
}

impl std::fmt::Display for ComfyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ComfyError::Unreachable(e) => write!(f, "ComfyUI is unreachable: {e}"),
            ComfyError::Invalid(v) => {
                write!(f, "ComfyUI rejected the prompt: {}", v["error"]["message"])
            }
            ComfyError::Execution(v) => write!(
                f,
                "node {} ({}) failed: {}: {}",
                v["node_id"].as_str().unwrap_or("?"),
                v["node_type"].as_str().unwrap_or("?"),
                v["exception_type"].as_str().unwrap_or("?"),
                v["exception_message"].as_str().unwrap_or("").trim()
            ),
            ComfyError::Interrupted(_) => write!(f, "the prompt was interrupted"),
            ComfyError::Deadline => write!(f, "the request's deadline passed"),
            ComfyError::Protocol(e) => write!(f, "unexpected answer from ComfyUI: {e}"),
        }
    }
}

fn unreachable(e: reqwest::Error) -> ComfyError {
    ComfyError::Unreachable(e.to_string())
}

/// How a prompt ended, as the websocket or `/history` said.
#[derive(Debug)]
enum End {
    Success,
    Error(Value),
    Interrupted(Value),
}

/// One file a prompt produced.
#[derive(Clone, Debug)]
pub struct OutputFile {
    /// The output node.
    pub node: String,
    /// File name.
    pub filename: String,
    /// Subfolder of ComfyUI's output or temp folder.
    pub subfolder: String,
    /// `output` or `temp`.
    pub kind: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// What a finished prompt produced.
#[derive(Debug, Default)]
pub struct Outputs {
    /// Files, in output-node order.
    pub files: Vec<OutputFile>,
    /// Other values output nodes reported (`text`, ...), by node id.
    pub values: HashMap<String, Value>,
}

/// Timings of one run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Uploading the request's images.
    pub upload: Duration,
    /// From submitting to the end of the run (queue and execution).
    pub run: Duration,
    /// Reading `/history` and downloading the outputs.
    pub download: Duration,
}

/// A connection to one ComfyUI server.
pub struct Comfy {
    base: String,
    http: reqwest::Client,
    timeouts: Timeouts,
    client_id: String,
    waiters: Mutex<HashMap<String, mpsc::UnboundedSender<End>>>,
    connected: AtomicBool,
}

impl Comfy {
    /// A client for ComfyUI at `base` (`http://127.0.0.1:8188`). Call
    /// [`Comfy::spawn_events`] to start listening to its websocket.
    pub fn new(base: &str, timeouts: Timeouts) -> Arc<Comfy> {
        // reqwest's rustls needs a process-wide crypto provider; installing
        // it twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.call)
            .build()
            .expect("an HTTP client without TLS configuration builds");
        Arc::new(Comfy {
            base: base.trim_end_matches('/').to_string(),
            http,
            timeouts,
            client_id: crate::http::request_id(),
            waiters: Mutex::new(HashMap::new()),
            connected: AtomicBool::new(false),
        })
    }

    /// ComfyUI's base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Whether the websocket is connected now.
    pub fn connected(&self) -> bool {
        self.connected.load(Ordering::Relaxed)
    }

    /// Keeps a websocket to ComfyUI open for as long as the process runs,
    /// reconnecting with backoff (100 ms doubling to 5 s) when it drops.
    pub fn spawn_events(self: &Arc<Self>) {
        let me = Arc::clone(self);
        tokio::spawn(async move {
            let url = format!(
                "{}/ws?clientId={}",
                me.base.replacen("http", "ws", 1),
                me.client_id
            );
            let mut backoff = Duration::from_millis(100);
            loop {
                match tokio::time::timeout(
                    me.timeouts.connect,
                    tokio_tungstenite::connect_async(url.as_str()),
                )
                .await
                {
                    Ok(Ok((mut socket, _))) => {
                        me.connected.store(true, Ordering::Relaxed);
                        backoff = Duration::from_millis(100);
                        tracing::debug!(%url, "connected to ComfyUI's websocket");
                        while let Some(Ok(msg)) = socket.next().await {
                            if let tokio_tungstenite::tungstenite::Message::Text(text) = msg {
                                me.route(text.as_str());
                            }
                        }
                        me.connected.store(false, Ordering::Relaxed);
                        tracing::warn!(
                            "ComfyUI's websocket closed; reconnecting and polling /history meanwhile"
                        );
                    }
                    Ok(Err(e)) => {
                        tracing::debug!(error = %e, "cannot connect to ComfyUI's websocket")
                    }
                    Err(_) => tracing::debug!("connecting to ComfyUI's websocket timed out"),
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        });
    }

    fn route(&self, text: &str) {
        let Ok(msg) = serde_json::from_str::<Value>(text) else {
            return;
        };
        let data = &msg["data"];
        let Some(prompt_id) = data["prompt_id"].as_str() else {
            return;
        };
        let end = match msg["type"].as_str() {
            Some("execution_success") => End::Success,
            Some("execution_error") => End::Error(data.clone()),
            Some("execution_interrupted") => End::Interrupted(data.clone()),
            _ => return,
        };
        if let Some(tx) = self.waiters.lock().expect("waiters lock").get(prompt_id) {
            let _ = tx.send(end);
        }
    }

    /// Sends a GET and fails on a non-2xx answer, naming `what`.
    async fn get(
        &self,
        request: reqwest::RequestBuilder,
        what: &str,
    ) -> Result<reqwest::Response, ComfyError> {
        let response = request.send().await.map_err(unreachable)?;
        let status = response.status();
        if !status.is_success() {
            return Err(ComfyError::Protocol(format!(
                "GET {what} answered {status}"
            )));
        }
        Ok(response)
    }

    async fn get_json(&self, path: &str) -> Result<Value, ComfyError> {
        let response = self
            .get(self.http.get(format!("{}{path}", self.base)), path)
            .await?;
        response
            .json()
            .await
            .map_err(|e| ComfyError::Protocol(format!("GET {path}: {e}")))
    }

    /// `GET /system_stats`: whether ComfyUI answers at all.
    pub async fn system_stats(&self) -> Result<Value, ComfyError> {
        self.get_json("/system_stats").await
    }

    /// Prompts running plus pending (`GET /prompt`).
    pub async fn queue_remaining(&self) -> Result<u64, ComfyError> {
        let v = self.get_json("/prompt").await?;
        v["exec_info"]["queue_remaining"]
            .as_u64()
            .ok_or_else(|| ComfyError::Protocol("GET /prompt has no queue_remaining".into()))
    }

    /// Model files by folder (`GET /models` then `/models/{folder}`).
    pub async fn models(&self) -> Result<serde_json::Map<String, Value>, ComfyError> {
        let folders = self.get_json("/models").await?;
        let mut out = serde_json::Map::new();
        for folder in folders
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            out.insert(
                folder.to_string(),
                self.get_json(&format!("/models/{folder}")).await?,
            );
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
    ) -> Result<String, ComfyError> {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_string())
            .mime_str(content_type)
            .map_err(|e| ComfyError::Protocol(e.to_string()))?;
        let form = reqwest::multipart::Form::new()
            .part("image", part)
            .text("type", "input")
            .text("overwrite", "true");
        let response = self
            .http
            .post(format!("{}/upload/image", self.base))
            .multipart(form)
            .send()
            .await
            .map_err(unreachable)?;
        let status = response.status();
        let body: Value = response
            .json()
            .await
            .map_err(|e| ComfyError::Protocol(format!("/upload/image answered {status}: {e}")))?;
        let uploaded = body["name"]
            .as_str()
            .ok_or_else(|| ComfyError::Protocol(format!("/upload/image: {body}")))?;
        Ok(match body["subfolder"].as_str() {
            Some(sub) if !sub.is_empty() => format!("{sub}/{uploaded}"),
            _ => uploaded.to_string(),
        })
    }

    /// Removes a pending prompt and interrupts it if it is running.
    pub async fn cancel(&self, prompt_id: &str) {
        let delete = self
            .http
            .post(format!("{}/queue", self.base))
            .json(&json!({"delete": [prompt_id]}))
            .send();
        let interrupt = self
            .http
            .post(format!("{}/interrupt", self.base))
            .json(&json!({"prompt_id": prompt_id}))
            .send();
        let (d, i) = tokio::join!(delete, interrupt);
        if let Err(e) = d.and(i) {
            tracing::warn!(prompt_id, error = %e, "could not cancel the prompt in ComfyUI");
        }
    }

    /// Submits `prompt` as `prompt_id` and waits for it to end, at most
    /// until `deadline`. Returns how long the run took.
    pub async fn run(
        &self,
        prompt_id: &str,
        prompt: &Value,
        deadline: Instant,
    ) -> Result<Duration, ComfyError> {
        let (tx, mut rx) = mpsc::unbounded_channel();
        self.waiters
            .lock()
            .expect("waiters lock")
            .insert(prompt_id.to_string(), tx);
        let _unregister = Unregister(self, prompt_id.to_string());
        let started = Instant::now();
        let body = json!({"prompt": prompt, "client_id": self.client_id, "prompt_id": prompt_id});
        let response = self
            .http
            .post(format!("{}/prompt", self.base))
            .json(&body)
            .send()
            .await
            .map_err(unreachable)?;
        let status = response.status();
        let text = response.text().await.map_err(unreachable)?;
        let answer: Value = serde_json::from_str(&text).map_err(|_| {
            ComfyError::Protocol(format!("POST /prompt answered {status}: {}", text.trim()))
        })?;
        let node_errors_empty = answer["node_errors"]
            .as_object()
            .is_none_or(|o| o.is_empty());
        if !status.is_success() {
            return Err(ComfyError::Invalid(answer));
        }
        if !node_errors_empty {
            // Part of the graph is invalid: ComfyUI runs the rest, which is
            // not what the request asked for.
            self.cancel(prompt_id).await;
            return Err(ComfyError::Invalid(answer));
        }
        let end = self.wait(prompt_id, &mut rx, deadline).await?;
        match end {
            End::Success => Ok(started.elapsed()),
            End::Error(data) => Err(ComfyError::Execution(data)),
            End::Interrupted(data) => Err(ComfyError::Interrupted(data)),
        }
    }

    async fn wait(
        &self,
        prompt_id: &str,
        rx: &mut mpsc::UnboundedReceiver<End>,
        deadline: Instant,
    ) -> Result<End, ComfyError> {
        let mut last_poll = Instant::now();
        loop {
            // Poll /history often while the socket is down, and now and then
            // even when it is up, in case an event was lost.
            let every = if self.connected() {
                Duration::from_secs(5)
            } else {
                Duration::from_millis(250)
            };
            let next_poll = last_poll + every;
            tokio::select! {
                end = rx.recv() => {
                    if let Some(end) = end {
                        return Ok(end);
                    }
                }
                _ = tokio::time::sleep_until(deadline.into()) => {
                    self.cancel(prompt_id).await;
                    return Err(ComfyError::Deadline);
                }
                _ = tokio::time::sleep_until(next_poll.into()) => {
                    last_poll = Instant::now();
                    if let Some(end) = self.ended(prompt_id).await {
                        return Ok(end);
                    }
                }
            }
        }
    }

    /// How the prompt ended, per `/history` (`None` while it has not).
    async fn ended(&self, prompt_id: &str) -> Option<End> {
        let entry = self.get_json(&format!("/history/{prompt_id}")).await.ok()?;
        let status = &entry.get(prompt_id)?["status"];
        let messages = status["messages"].as_array().cloned().unwrap_or_default();
        let message = |kind: &str| {
            messages
                .iter()
                .find(|m| m[0] == kind)
                .map(|m| m[1].clone())
                .unwrap_or(Value::Null)
        };
        match status["status_str"].as_str() {
            Some("success") => Some(End::Success),
            Some("error") if messages.iter().any(|m| m[0] == "execution_interrupted") => {
                Some(End::Interrupted(message("execution_interrupted")))
            }
            Some("error") => Some(End::Error(message("execution_error"))),
            _ => None,
        }
    }

    /// The files and values output nodes produced (`nodes`, or all of
    /// them), from `/history`, downloaded with `/view`.
    pub async fn outputs(
        &self,
        prompt_id: &str,
        nodes: Option<&[&str]>,
    ) -> Result<Outputs, ComfyError> {
        // ComfyUI announces `execution_success` before it files the prompt
        // in its history: wait for the entry a little.
        let mut tries = 0;
        let history = loop {
            let h = self.get_json(&format!("/history/{prompt_id}")).await?;
            if h.get(prompt_id).is_some() || tries == 200 {
                break h;
            }
            tries += 1;
            tokio::time::sleep(Duration::from_millis(10)).await;
        };
        let entry = history.get(prompt_id).ok_or_else(|| {
            ComfyError::Protocol(format!(
                "/history has no entry for {prompt_id} 2 s after it ran"
            ))
        })?;
        let all: Vec<&str> = entry["outputs"]
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let nodes = nodes.unwrap_or(&all);
        let mut out = Outputs::default();
        for node in nodes {
            let Some(output) = entry["outputs"].get(*node).and_then(Value::as_object) else {
                continue;
            };
            for (key, items) in output {
                let files: Vec<&Value> = items
                    .as_array()
                    .map(|a| a.iter().filter(|i| i.get("filename").is_some()).collect())
                    .unwrap_or_default();
                if files.is_empty() {
                    if key != "animated" {
                        out.values.insert(format!("{node}.{key}"), items.clone());
                    }
                    continue;
                }
                for item in files {
                    let filename = item["filename"].as_str().unwrap_or_default().to_string();
                    let subfolder = item["subfolder"].as_str().unwrap_or_default().to_string();
                    let kind = item["type"].as_str().unwrap_or("output").to_string();
                    let bytes = self.view(&filename, &subfolder, &kind).await?;
                    out.files.push(OutputFile {
                        node: node.to_string(),
                        filename,
                        subfolder,
                        kind,
                        bytes,
                    });
                }
            }
        }
        Ok(out)
    }

    async fn view(
        &self,
        filename: &str,
        subfolder: &str,
        kind: &str,
    ) -> Result<Vec<u8>, ComfyError> {
        let request = self
            .http
            .get(format!("{}/view", self.base))
            .query(&[
                ("filename", filename),
                ("subfolder", subfolder),
                ("type", kind),
            ])
            .timeout(self.timeouts.download);
        let response = self.get(request, &format!("/view of {filename}")).await?;
        Ok(response.bytes().await.map_err(unreachable)?.to_vec())
    }
}

/// Removes a prompt's waiter when the run ends, however it ends.
struct Unregister<'a>(&'a Comfy, String);

impl Drop for Unregister<'_> {
    fn drop(&mut self) {
        if let Ok(mut w) = self.0.waiters.lock() {
            w.remove(&self.1);
        }
    }
}
