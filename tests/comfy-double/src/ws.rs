//! The websocket side (`/ws?clientId=`): one socket per client id (a
//! reconnect takes the id over, and closing either socket forgets the id, as
//! in ComfyUI), the `status` greeting with `sid`, the `feature_flags`
//! handshake, and routing of text and binary frames to one client or all.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::ws::{Message, WebSocket};
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{FutureExt, SinkExt, StreamExt};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::sync::oneshot;

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
    /// Asks the socket's reader to take in what the client has sent so far.
    settle: UnboundedSender<oneshot::Sender<()>>,
    flags: Json,
    /// Whether the client's first text frame has been handled (only that
    /// one can negotiate feature flags).
    negotiated: bool,
}

/// One socket's ends of its channels, from [`Hub::register`] to [`serve`].
pub(crate) struct Registration {
    conn: u64,
    rx: UnboundedReceiver<Frame>,
    settle: UnboundedReceiver<oneshot::Sender<()>>,
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

    /// Takes the client id for a new socket and queues its `status` greeting.
    /// Called before the handshake's answer goes out, so a client that has
    /// its 101 is already known to `POST /prompt` (ComfyUI registers the
    /// socket right after `prepare()`, before anything else can run).
    pub(crate) fn register(&self, sid: &str, queue_remaining: usize) -> Registration {
        let (tx, rx) = unbounded_channel();
        let (settle_tx, settle) = unbounded_channel();
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
                settle: settle_tx,
                flags: Json::Obj(Default::default()),
                negotiated: false,
            },
        );
        Registration { conn, rx, settle }
    }

    /// Undoes [`Hub::register`] when the handshake fails.
    pub(crate) fn unregister(&self, sid: &str, reg: &Registration) {
        let mut clients = self.lock();
        if clients.get(sid).is_some_and(|c| c.conn == reg.conn) {
            clients.remove(sid);
        }
    }

    /// Waits until `sid`'s socket has handled the frames that reached the
    /// double before this call, so a `feature_flags` frame sent before a
    /// `POST /prompt` applies to that prompt, as in ComfyUI (whose single
    /// event loop handles the frame as soon as it arrives). Returns at once
    /// when there is no such socket or its first frame was already handled.
    pub(crate) async fn settle(&self, sid: &str) {
        let done = {
            let clients = self.lock();
            let Some(c) = clients.get(sid).filter(|c| !c.negotiated) else {
                return;
            };
            let (tx, rx) = oneshot::channel();
            if c.settle.send(tx).is_err() {
                return;
            }
            rx
        };
        let _ = done.await;
    }

    /// The client's first text frame: `feature_flags` stores its flags and
    /// is answered with the server's; any other frame ends the negotiation.
    fn first_frame(&self, sid: &str, conn: u64, flags: Option<Json>) {
        let mut clients = self.lock();
        if let Some(c) = clients.get_mut(sid).filter(|c| c.conn == conn) {
            c.negotiated = true;
            if let Some(flags) = flags {
                c.flags = flags;
                let _ =
                    c.tx.send(Frame::Text(text_frame("feature_flags", &server_features())));
            }
        }
    }

    fn forget(&self, sid: &str) {
        self.lock().remove(sid);
    }
}

/// Serves one websocket until it closes or the double stops. Reading and
/// writing run side by side: a frame from the client is handled as soon as
/// it arrives, whatever is queued to go out.
pub(crate) async fn serve(
    socket: WebSocket,
    hub: Arc<Hub>,
    sid: String,
    reg: Registration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let (sink, stream) = socket.split();
    let reader = Reader {
        hub: &hub,
        sid: &sid,
        conn: reg.conn,
        first: true,
    };
    tokio::select! {
        () = write(sink, reg.rx) => {}
        () = reader.run(stream, reg.settle) => hub.forget(&sid),
        _ = stop.changed() => {}
    }
}

/// Sends the queued frames until the connection is to be dropped. Once
/// another socket takes the client id over, this one stays open but gets
/// nothing more (as in ComfyUI).
async fn write(mut sink: SplitSink<WebSocket, Message>, mut rx: UnboundedReceiver<Frame>) {
    while let Some(frame) = rx.recv().await {
        let mut batch = vec![frame];
        while let Ok(f) = rx.try_recv() {
            batch.push(f);
        }
        for f in batch {
            let msg = match f {
                Frame::Text(t) => Message::Text(t.into()),
                Frame::Binary(b) => Message::Binary(b.into()),
                Frame::Drop => return,
            };
            if sink.feed(msg).await.is_err() {
                return;
            }
        }
        if sink.flush().await.is_err() {
            return;
        }
    }
    std::future::pending().await
}

/// The incoming side of one socket.
struct Reader<'a> {
    hub: &'a Hub,
    sid: &'a str,
    conn: u64,
    first: bool,
}

impl Reader<'_> {
    /// Handles the client's frames until the socket closes.
    async fn run(
        mut self,
        mut stream: SplitStream<WebSocket>,
        mut settle: UnboundedReceiver<oneshot::Sender<()>>,
    ) {
        loop {
            tokio::select! {
                biased;
                msg = stream.next() => {
                    if self.handle(msg).is_break() {
                        return;
                    }
                }
                Some(done) = settle.recv() => {
                    // Everything the client sent before the request that asks
                    // is readable now: take it in without waiting for more.
                    while let Some(msg) = stream.next().now_or_never() {
                        if self.handle(msg).is_break() {
                            let _ = done.send(());
                            return;
                        }
                    }
                    let _ = done.send(());
                }
            }
        }
    }

    fn handle(&mut self, msg: Option<Result<Message, axum::Error>>) -> ControlFlow<()> {
        match msg {
            Some(Ok(Message::Text(t))) => {
                if let Ok(v) = Json::parse(t.as_bytes()) {
                    if self.first {
                        let flags = (v.get("type").and_then(Json::as_str) == Some("feature_flags"))
                            .then(|| {
                                v.get("data")
                                    .cloned()
                                    .unwrap_or(Json::Obj(Default::default()))
                            });
                        self.hub.first_frame(self.sid, self.conn, flags);
                    }
                    self.first = false;
                }
                ControlFlow::Continue(())
            }
            Some(Ok(Message::Close(_))) | None | Some(Err(_)) => ControlFlow::Break(()),
            Some(Ok(_)) => ControlFlow::Continue(()),
        }
    }
}
