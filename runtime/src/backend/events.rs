//! ComfyUI's websocket: one connection per client, kept open with
//! backoff, its messages read into typed events and routed to the run
//! waiting for each prompt id: when ComfyUI starts the prompt, and how it
//! ended. Every run also hears when the socket drops or comes back, so it
//! can ask ComfyUI at once whether its prompt survived (a restarted
//! ComfyUI has forgotten it). `status` messages give the length of
//! ComfyUI's queue.

use super::types::{Message, PromptRef, StatusData};
use super::{Comfy, End};
use futures_util::StreamExt;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tokio::sync::mpsc;

/// What a run waiting for its prompt hears.
#[derive(Debug, Clone)]
pub enum PromptEvent {
    /// ComfyUI started the prompt (`execution_start`).
    Started,
    /// ComfyUI is running this node (`executing`).
    Executing(String),
    /// ComfyUI reused these nodes' earlier results (`execution_cached`).
    Cached(Vec<String>),
    /// A node reported its steps (`progress`).
    Progress {
        /// The node, when ComfyUI names it.
        node: Option<String>,
        /// Steps done.
        value: u64,
        /// Steps in all.
        max: u64,
    },
    /// The prompt ended.
    Ended(End),
    /// Someone asked to cancel the request (`POST /interrupt`); ComfyUI
    /// has been told.
    Cancelled,
    /// The websocket dropped; events may be lost until it is back.
    Disconnected,
    /// The websocket (re)connected, perhaps to a restarted ComfyUI.
    Reconnected,
}

/// A run's subscription to its prompt's events; unsubscribes when dropped.
pub struct Subscription<'a> {
    comfy: &'a Comfy,
    prompt_id: String,
    rx: mpsc::UnboundedReceiver<PromptEvent>,
}

impl Subscription<'_> {
    /// The next event.
    pub async fn recv(&mut self) -> Option<PromptEvent> {
        self.rx.recv().await
    }
}

impl Drop for Subscription<'_> {
    fn drop(&mut self) {
        if let Ok(mut w) = self.comfy.waiters.lock() {
            w.remove(&self.prompt_id);
        }
    }
}

impl Comfy {
    /// Whether the websocket is connected now.
    pub fn connected(&self) -> bool {
        self.connected.load(Ordering::Relaxed)
    }

    /// Subscribes to the events of `prompt_id`; do it before submitting,
    /// so that no event is missed.
    pub fn subscribe(&self, prompt_id: &str) -> Subscription<'_> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.waiters
            .lock()
            .expect("waiters lock")
            .insert(prompt_id.to_string(), tx);
        Subscription {
            comfy: self,
            prompt_id: prompt_id.to_string(),
            rx,
        }
    }

    /// Tells the run waiting for `prompt_id` (if any) about `event`.
    pub fn notify(&self, prompt_id: &str, event: PromptEvent) {
        if let Some(tx) = self.waiters.lock().expect("waiters lock").get(prompt_id) {
            let _ = tx.send(event);
        }
    }

    fn notify_all(&self, event: PromptEvent) {
        for tx in self.waiters.lock().expect("waiters lock").values() {
            let _ = tx.send(event.clone());
        }
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
                        me.gauges.reached(true);
                        me.notify_all(PromptEvent::Reconnected);
                        backoff = Duration::from_millis(100);
                        tracing::debug!(%url, "connected to ComfyUI's websocket");
                        while let Some(Ok(msg)) = socket.next().await {
                            if let tokio_tungstenite::tungstenite::Message::Text(text) = msg {
                                me.route(text.as_str());
                            }
                        }
                        me.connected.store(false, Ordering::Relaxed);
                        me.gauges.reached(false);
                        me.notify_all(PromptEvent::Disconnected);
                        tracing::warn!(
                            "ComfyUI's websocket closed; reconnecting and polling ComfyUI meanwhile"
                        );
                    }
                    Ok(Err(e)) => {
                        me.gauges.reached(false);
                        tracing::debug!(error = %e, "cannot connect to ComfyUI's websocket")
                    }
                    Err(_) => {
                        me.gauges.reached(false);
                        tracing::debug!("connecting to ComfyUI's websocket timed out")
                    }
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        });
    }

    fn route(&self, text: &str) {
        let Ok(msg) = serde_json::from_str::<Message>(text) else {
            return;
        };
        let event = match msg.kind.as_str() {
            "status" => {
                if let Ok(data) = serde_json::from_value::<StatusData>(msg.data) {
                    self.gauges
                        .queue_remaining(data.status.exec_info.queue_remaining);
                }
                return;
            }
            "execution_start" => PromptEvent::Started,
            // ComfyUI announces every node it runs with `executing` (or
            // lists it in `execution_cached`) before its `progress` and
            // `executed`, so one of these is a prompt's first message.
            "executing" => match msg.data.get("node").and_then(|n| n.as_str()) {
                Some(node) => PromptEvent::Executing(node.to_string()),
                None => PromptEvent::Started,
            },
            "execution_cached" => PromptEvent::Cached(
                msg.data
                    .get("nodes")
                    .and_then(|n| n.as_array())
                    .map(|nodes| {
                        nodes
                            .iter()
                            .filter_map(|n| n.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
            "progress" => {
                let number = |key: &str| msg.data.get(key).and_then(|v| v.as_u64()).unwrap_or(0);
                PromptEvent::Progress {
                    node: msg
                        .data
                        .get("node")
                        .and_then(|n| n.as_str())
                        .map(str::to_string),
                    value: number("value"),
                    max: number("max"),
                }
            }
            _ => match end(&msg) {
                Some(end) => PromptEvent::Ended(end),
                None => return,
            },
        };
        if let Ok(PromptRef { prompt_id }) = serde_json::from_value(msg.data) {
            self.notify(&prompt_id, event);
        }
    }
}

/// How the prompt of an end message (`execution_success`, `_error`,
/// `_interrupted`) ended; `None` for other messages.
fn end(msg: &Message) -> Option<End> {
    let end = match msg.kind.as_str() {
        "execution_success" => End::Success,
        "execution_error" => {
            End::Error(serde_json::from_value(msg.data.clone()).unwrap_or_default())
        }
        "execution_interrupted" => {
            End::Interrupted(serde_json::from_value(msg.data.clone()).unwrap_or_default())
        }
        _ => return None,
    };
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Timeouts;

    fn next(sub: &mut Subscription<'_>) -> Option<PromptEvent> {
        sub.rx.try_recv().ok()
    }

    #[test]
    fn messages_are_routed_to_the_prompt_they_name() {
        let comfy = Comfy::new("http://127.0.0.1:9", Timeouts::default());
        let mut sub = comfy.subscribe("p1");
        let mut other = comfy.subscribe("p2");
        comfy.route(r#"{"type": "execution_start", "data": {"prompt_id": "p1", "timestamp": 1}}"#);
        comfy.route(r#"{"type": "executing", "data": {"node": "3", "display_node": "3", "prompt_id": "p1"}}"#);
        comfy.route(r#"{"type": "progress", "data": {"value": 1, "max": 20, "prompt_id": "p1", "node": "3"}}"#);
        comfy.route(r#"{"type": "execution_cached", "data": {"nodes": ["4", "5"], "prompt_id": "p1", "timestamp": 1}}"#);
        comfy
            .route(r#"{"type": "execution_success", "data": {"prompt_id": "p1", "timestamp": 2}}"#);
        assert!(matches!(next(&mut sub), Some(PromptEvent::Started)));
        assert!(matches!(next(&mut sub), Some(PromptEvent::Executing(n)) if n == "3"));
        assert!(matches!(
            next(&mut sub),
            Some(PromptEvent::Progress { node: Some(n), value: 1, max: 20 }) if n == "3"
        ));
        assert!(matches!(next(&mut sub), Some(PromptEvent::Cached(n)) if n == ["4", "5"]));
        assert!(matches!(
            next(&mut sub),
            Some(PromptEvent::Ended(End::Success))
        ));
        assert!(next(&mut sub).is_none());
        assert!(next(&mut other).is_none());
    }

    #[test]
    fn status_messages_set_the_queue_gauge() {
        let comfy = Comfy::new("http://127.0.0.1:9", Timeouts::default());
        let metrics = crate::telemetry::metrics::Metrics::new(Some(comfy.gauges()));
        comfy.route(r#"{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 4}}, "sid": "x"}}"#);
        let text = metrics.encode().unwrap();
        assert!(text.contains("\nwfc_backend_queue_remaining 4\n"), "{text}");
        // A status message without the count changes nothing.
        comfy.route(r#"{"type": "status", "data": {"sid": "x"}}"#);
        let text = metrics.encode().unwrap();
        assert!(text.contains("\nwfc_backend_queue_remaining 4\n"), "{text}");
    }
}
