//! ComfyUI's websocket: one connection per client, kept open with
//! backoff, its messages read into typed events and routed to the run
//! waiting for each prompt id. Every run also hears when the socket drops
//! or comes back, so it can ask ComfyUI at once whether its prompt
//! survived (a restarted ComfyUI has forgotten it).

use super::types::{Message, PromptRef};
use super::{Comfy, End};
use futures_util::StreamExt;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tokio::sync::mpsc;

/// What a run waiting for its prompt hears.
#[derive(Debug, Clone)]
pub enum PromptEvent {
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
                        me.notify_all(PromptEvent::Reconnected);
                        backoff = Duration::from_millis(100);
                        tracing::debug!(%url, "connected to ComfyUI's websocket");
                        while let Some(Ok(msg)) = socket.next().await {
                            if let tokio_tungstenite::tungstenite::Message::Text(text) = msg {
                                me.route(text.as_str());
                            }
                        }
                        me.connected.store(false, Ordering::Relaxed);
                        me.notify_all(PromptEvent::Disconnected);
                        tracing::warn!(
                            "ComfyUI's websocket closed; reconnecting and polling ComfyUI meanwhile"
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
        let Ok(msg) = serde_json::from_str::<Message>(text) else {
            return;
        };
        let end = match msg.kind.as_str() {
            "execution_success" => End::Success,
            "execution_error" => {
                End::Error(serde_json::from_value(msg.data.clone()).unwrap_or_default())
            }
            "execution_interrupted" => {
                End::Interrupted(serde_json::from_value(msg.data.clone()).unwrap_or_default())
            }
            _ => return,
        };
        if let Ok(PromptRef { prompt_id }) = serde_json::from_value(msg.data) {
            self.notify(&prompt_id, PromptEvent::Ended(end));
        }
    }
}
