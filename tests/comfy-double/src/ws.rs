//! The websocket side (`/ws?clientId=`): one socket per client id (a
//! reconnect takes the id over, and closing either socket forgets the id, as
//! in ComfyUI), the `status` greeting with `sid`, the `feature_flags`
//! handshake, and routing of text and binary frames to one client or all.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::extract::ws::{Message, WebSocket};
use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::json::Json;
use crate::obj;

/// A frame waiting to go out on one socket.
pub(crate) enum Frame {
    Text(String),
    Binary(Vec<u8>),
    /// Drop the connection without a close handshake.
    Drop,
}

struct Client {
    conn: u64,
    tx: UnboundedSender<Frame>,
    flags: Json,
}

/// The server's feature flags (`GET /features` and the handshake answer).
pub(crate) fn server_features() -> Json {
    obj! {
        "supports_preview_metadata" => true,
        "max_upload_size" => 104_857_600u64,
        "extension" => obj!{"manager" => obj!{"supports_v4" => true}},
    }
}

/// All connected sockets, by client id.
#[derive(Default)]
pub(crate) struct Hub {
    clients: Mutex<HashMap<String, Client>>,
    next_conn: AtomicU64,
    /// `(client_id, last_node_id)` of the running prompt.
    current: Mutex<(Option<String>, Option<String>)>,
}

fn text_frame(event: &str, data: &Json) -> String {
    let mut s = String::with_capacity(128);
    s.push_str("{\"type\": ");
    Json::from(event).write(&mut s);
    s.push_str(", \"data\": ");
    data.write(&mut s);
    s.push('}');
    s
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Client>> {
        self.clients.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `send_sync(event, data, sid)`: to one client, or to all when `sid` is `None`.
    pub(crate) fn send(&self, event: &str, data: Json, sid: Option<&str>) {
        let text = text_frame(event, &data);
        let clients = self.lock();
        match sid {
            Some(sid) => {
                if let Some(c) = clients.get(sid) {
                    let _ = c.tx.send(Frame::Text(text));
                }
            }
            None => {
                for c in clients.values() {
                    let _ = c.tx.send(Frame::Text(text.clone()));
                }
            }
        }
    }

    /// A binary frame to one client, or to all.
    pub(crate) fn send_binary(&self, bytes: Vec<u8>, sid: Option<&str>) {
        let clients = self.lock();
        match sid {
            Some(sid) => {
                if let Some(c) = clients.get(sid) {
                    let _ = c.tx.send(Frame::Binary(bytes));
                }
            }
            None => {
                for c in clients.values() {
                    let _ = c.tx.send(Frame::Binary(bytes.clone()));
                }
            }
        }
    }

    /// Whether that client negotiated `supports_preview_metadata`.
    pub(crate) fn supports_preview_metadata(&self, sid: Option<&str>) -> bool {
        let Some(sid) = sid else { return false };
        self.lock()
            .get(sid)
            .and_then(|c| c.flags.get("supports_preview_metadata"))
            .is_some_and(Json::truthy)
    }

    pub(crate) fn set_current(&self, client: Option<String>, node: Option<String>) {
        *self.current.lock().unwrap_or_else(|e| e.into_inner()) = (client, node);
    }

    /// Drops every connection.
    pub(crate) fn drop_all(&self) {
        let mut clients = self.lock();
        for c in clients.values() {
            let _ = c.tx.send(Frame::Drop);
        }
        clients.clear();
    }

    /// Number of connected client ids.
    pub(crate) fn len(&self) -> usize {
        self.lock().len()
    }

    fn register(&self, sid: &str, queue_remaining: usize) -> (u64, UnboundedReceiver<Frame>) {
        let (tx, rx) = unbounded_channel();
        let conn = self.next_conn.fetch_add(1, Ordering::Relaxed);
        let mut clients = self.lock();
        let status = obj! {"status" => obj!{"exec_info" => obj!{"queue_remaining" => queue_remaining}}, "sid" => sid};
        let _ = tx.send(Frame::Text(text_frame("status", &status)));
        let current = self
            .current
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if let (Some(client), Some(node)) = current
            && client == sid
        {
            let _ = tx.send(Frame::Text(text_frame("executing", &obj! {"node" => node})));
        }
        clients.insert(
            sid.to_string(),
            Client {
                conn,
                tx,
                flags: Json::Obj(Default::default()),
            },
        );
        (conn, rx)
    }

    fn set_flags(&self, sid: &str, conn: u64, flags: Json) -> bool {
        let mut clients = self.lock();
        match clients.get_mut(sid) {
            Some(c) if c.conn == conn => {
                c.flags = flags;
                let _ =
                    c.tx.send(Frame::Text(text_frame("feature_flags", &server_features())));
                true
            }
            _ => false,
        }
    }

    fn forget(&self, sid: &str) {
        self.lock().remove(sid);
    }
}

/// Serves one websocket until it closes or the double stops.
pub(crate) async fn serve(
    socket: WebSocket,
    hub: std::sync::Arc<Hub>,
    sid: String,
    queue_remaining: usize,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let (conn, mut rx) = hub.register(&sid, queue_remaining);
    let (mut sink, mut stream) = socket.split();
    let mut first = true;
    // Once another socket takes the client id over, this one stays open but
    // gets nothing more (as in ComfyUI).
    let mut replaced = false;
    loop {
        tokio::select! {
            frame = rx.recv(), if !replaced => {
                let Some(frame) = frame else { replaced = true; continue };
                let mut batch = vec![frame];
                while let Ok(f) = rx.try_recv() {
                    batch.push(f);
                }
                let mut dropped = false;
                for f in batch {
                    let msg = match f {
                        Frame::Text(t) => Message::Text(t.into()),
                        Frame::Binary(b) => Message::Binary(b.into()),
                        Frame::Drop => { dropped = true; break; }
                    };
                    if sink.feed(msg).await.is_err() {
                        dropped = true;
                        break;
                    }
                }
                if dropped || sink.flush().await.is_err() {
                    return;
                }
            }
            msg = stream.next() => {
                match msg {
                    Some(Ok(Message::Text(t))) => {
                        if let Ok(v) = Json::parse(t.as_bytes()) {
                            if first && v.get("type").and_then(Json::as_str) == Some("feature_flags") {
                                let flags = v.get("data").cloned().unwrap_or(Json::Obj(Default::default()));
                                hub.set_flags(&sid, conn, flags);
                            }
                            first = false;
                        }
                    }
                    Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                    Some(Ok(_)) => {}
                }
            }
            _ = stop.changed() => return,
        }
    }
    hub.forget(&sid);
}
