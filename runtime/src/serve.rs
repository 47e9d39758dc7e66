//! Serving the router over TCP with HTTP/1.1 (hyper): the accept loop and
//! its back-off on accept errors (EMFILE), the cap on open connections
//! (`MAX_CONNECTIONS`: at the cap the oldest connection with no request in
//! flight is closed to make room), each connection's deadlines for its
//! request head (`HEADER_READ_TIMEOUT_S`) and for idling between requests
//! (`IDLE_TIMEOUT_S`), the open-file limit, and graceful shutdown.
//!
//! The deadlines are kept here rather than by hyper's own
//! `header_read_timeout`: in hyper 1.12 (hyperium/hyper#3828) that timer
//! also starts as soon as a keep-alive connection's answer is written, so
//! it would close every idle connection after the (short) head timeout
//! and leave no room for a longer idle timeout. Here, as in Go's `net/http`:
//!
//! - a new connection must send a whole request head within
//!   `HEADER_READ_TIMEOUT_S` of being accepted;
//! - after an answer, a keep-alive connection may send nothing for
//!   `IDLE_TIMEOUT_S`; from the first byte of its next request, the head
//!   must be complete within `HEADER_READ_TIMEOUT_S`;
//! - while a request is in flight (from its head to the last byte of its
//!   answer) no deadline applies; the request's own timeouts do.
//!
//! A connection that has sent nothing yet holds only its socket: hyper's
//! buffers are made when its first byte arrives.

use axum::Router;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, mpsc, watch};
use tokio::time::Instant;

/// How connections are served.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Limits {
    /// How long a request head may take (`HEADER_READ_TIMEOUT_S`).
    pub(crate) header_read_timeout: Duration,
    /// How long a keep-alive connection may idle (`IDLE_TIMEOUT_S`).
    pub(crate) idle_timeout: Duration,
    /// The most connections open at once (`MAX_CONNECTIONS`).
    pub(crate) max_connections: usize,
}

/// The connection cap when `MAX_CONNECTIONS` is not set and the open-file
/// limit leaves room for it.
pub(crate) const DEFAULT_MAX_CONNECTIONS: usize = 10_000;

/// Descriptors kept for everything but client connections (ComfyUI, its
/// websocket, fetched URLs, files) when the cap is derived from the
/// open-file limit.
pub(crate) const RESERVED_DESCRIPTORS: u64 = 256;

/// Raises the soft open-file limit (`RLIMIT_NOFILE`) to the hard one, and
/// returns the limit in effect (`None` when it cannot be read).
pub(crate) fn raise_open_file_limit() -> Option<u64> {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => Some(limit),
        Err(e) => {
            tracing::warn!("cannot raise the open-file limit: {e}");
            rlimit::getrlimit(rlimit::Resource::NOFILE)
                .ok()
                .map(|(soft, _)| soft)
        }
    }
}

/// The connection cap `MAX_CONNECTIONS` gives, or without it 10,000, or
/// fewer when the open-file limit leaves less room (at least 16).
pub(crate) fn max_connections(configured: Option<usize>, open_files: Option<u64>) -> usize {
    if let Some(n) = configured {
        return n;
    }
    let room = open_files.map_or(u64::MAX, |l| l.saturating_sub(RESERVED_DESCRIPTORS));
    usize::try_from(room)
        .unwrap_or(usize::MAX)
        .clamp(16, DEFAULT_MAX_CONNECTIONS)
}

/// The listen backlog asked for: room for a burst of new connections
/// while the accept loop catches up (the kernel may cap it, at
/// `net.core.somaxconn`).
const BACKLOG: u32 = 4096;

/// Listens on `addr` (`host:port`, the host a name or an address), on
/// the first of its addresses that works.
pub(crate) async fn bind(addr: &str) -> io::Result<TcpListener> {
    let mut last = None;
    for candidate in tokio::net::lookup_host(addr).await? {
        let socket = match candidate {
            std::net::SocketAddr::V4(_) => tokio::net::TcpSocket::new_v4()?,
            std::net::SocketAddr::V6(_) => tokio::net::TcpSocket::new_v6()?,
        };
        socket.set_reuseaddr(true)?;
        match socket.bind(candidate).and_then(|()| socket.listen(BACKLOG)) {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("the host resolves to no address")))
}

/// Shortest and longest pause after an accept error such as EMFILE.
const BACKOFF: (Duration, Duration) = (Duration::from_millis(5), Duration::from_millis(500));

/// Serves `router` on `listener` until `stop` completes; then stops
/// accepting, closes idle connections, and returns once the requests in
/// flight have been answered.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    stop: impl Future<Output = ()>,
) {
    let registry = Arc::new(Registry::new(limits.max_connections));
    let (stopping_tx, stopping) = watch::channel(false);
    let (alive, mut all_closed) = mpsc::channel::<()>(1);
    let mut full = Throttled::new();
    let mut failing = Throttled::new();
    let mut backoff = Duration::ZERO;
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, _)) => {
                backoff = Duration::ZERO;
                let Some(conn) = registry.admit() else {
                    full.warn(|n| {
                        format!(
                            "{n} connection(s) closed at once: {} are open (MAX_CONNECTIONS) and every one has a request in flight",
                            limits.max_connections
                        )
                    });
                    continue;
                };
                tokio::spawn(connection(
                    stream,
                    conn,
                    router.clone(),
                    limits,
                    stopping.clone(),
                    alive.clone(),
                ));
            }
            Err(e) if per_connection(&e) => {}
            Err(e) => {
                // Out of descriptors or memory: free a descriptor by closing
                // an idle connection, and pause instead of spinning.
                registry.evict_oldest_idle();
                backoff = (backoff * 2).clamp(BACKOFF.0, BACKOFF.1);
                failing.warn(|n| format!("{n} accept error(s), the last: {e}; pausing"));
                tokio::select! {
                    () = &mut stop => break,
                    () = tokio::time::sleep(backoff) => {}
                }
            }
        }
    }
    drop(listener);
    let _ = stopping_tx.send(true);
    drop(alive);
    let _ = all_closed.recv().await;
}

/// Errors about one connection that went away before it was accepted.
fn per_connection(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
            | io::ErrorKind::Interrupted
            | io::ErrorKind::WouldBlock
    )
}

/// A warning logged at most every 10 s, counting what it stood for.
struct Throttled {
    last: Option<Instant>,
    count: u64,
}

impl Throttled {
    fn new() -> Throttled {
        Throttled {
            last: None,
            count: 0,
        }
    }

    fn warn(&mut self, message: impl FnOnce(u64) -> String) {
        self.count += 1;
        let now = Instant::now();
        if self
            .last
            .is_none_or(|t| now.duration_since(t) >= Duration::from_secs(10))
        {
            tracing::warn!("{}", message(self.count));
            self.last = Some(now);
            self.count = 0;
        }
    }
}

/// One connection's life: wait for its first byte, then serve HTTP/1.1
/// on it, closing it at its deadline, when evicted, or on shutdown once
/// idle.
async fn connection(
    stream: TcpStream,
    registered: Registered,
    router: Router,
    limits: Limits,
    mut stopping: watch::Receiver<bool>,
    _alive: mpsc::Sender<()>,
) {
    let conn = registered.conn.clone();
    // Peeked rather than awaited as `readable`, which a new socket passes
    // at once.
    let mut first = [0u8; 1];
    loop {
        let deadline = conn.deadline(limits).unwrap_or_else(Instant::now);
        tokio::select! {
            peeked = stream.peek(&mut first) => {
                if !matches!(peeked, Ok(n) if n > 0) {
                    return;
                }
                break;
            }
            () = tokio::time::sleep_until(deadline) => return,
            () = conn.wake.notified() => {
                if conn.closing() {
                    return;
                }
            }
            _ = stopping.wait_for(|s| *s) => return,
        }
    }
    // Boxed: a connection that never speaks keeps only the small future
    // above, not hyper's.
    Box::pin(http(stream, conn, router, limits, stopping)).await;
}

/// Serves HTTP/1.1 on `stream` until the peer closes, a deadline passes,
/// the connection is evicted, or shutdown finds it idle.
async fn http(
    stream: TcpStream,
    conn: Arc<Conn>,
    router: Router,
    limits: Limits,
    mut stopping: watch::Receiver<bool>,
) {
    let io = TokioIo::new(Watched {
        stream,
        conn: conn.clone(),
    });
    let service = Tracked {
        router,
        conn: conn.clone(),
    };
    let http = hyper::server::conn::http1::Builder::new()
        .header_read_timeout(None)
        .serve_connection(io, service);
    tokio::pin!(http);
    let mut draining = false;
    loop {
        let deadline = conn.deadline(limits);
        tokio::select! {
            _ = http.as_mut() => return,
            () = sleep_until(deadline) => {
                if conn.deadline(limits).is_some_and(|d| d <= Instant::now()) {
                    return;
                }
            }
            () = conn.wake.notified() => {}
            _ = stopping.wait_for(|s| *s), if !draining => {
                http.as_mut().graceful_shutdown();
                draining = true;
            }
        }
    }
}

/// Sleeps until `deadline`, or forever without one.
async fn sleep_until(deadline: Option<Instant>) {
    match deadline {
        Some(d) => tokio::time::sleep_until(d).await,
        None => std::future::pending().await,
    }
}

/// The open connections, oldest first.
struct Registry {
    open: Mutex<Open>,
    max: usize,
}

struct Open {
    by_age: BTreeMap<u64, Arc<Conn>>,
    next: u64,
}

impl Registry {
    fn new(max: usize) -> Registry {
        Registry {
            open: Mutex::new(Open {
                by_age: BTreeMap::new(),
                next: 0,
            }),
            max: max.max(1),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Registers a new connection; at the cap, closes the oldest idle one
    /// first. `None` when at the cap every connection is busy.
    fn admit(self: &Arc<Self>) -> Option<Registered> {
        let mut open = self.lock();
        if open.by_age.len() >= self.max && !evict(&mut open) {
            return None;
        }
        let id = open.next;
        open.next += 1;
        let conn = Arc::new(Conn::new(id));
        open.by_age.insert(id, conn.clone());
        Some(Registered {
            registry: self.clone(),
            conn,
        })
    }

    /// Closes the oldest connection with no request in flight.
    fn evict_oldest_idle(&self) -> bool {
        evict(&mut self.lock())
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().by_age.len()
    }
}

/// Closes the oldest idle connection of `open` and forgets it.
fn evict(open: &mut Open) -> bool {
    let Some(id) = open
        .by_age
        .iter()
        .find(|(_, c)| c.close_if_idle())
        .map(|(id, _)| *id)
    else {
        return false;
    };
    open.by_age.remove(&id);
    true
}

/// A connection's place in the registry, given up when its task ends.
struct Registered {
    registry: Arc<Registry>,
    conn: Arc<Conn>,
}

impl Drop for Registered {
    fn drop(&mut self) {
        self.registry.lock().by_age.remove(&self.conn.id);
    }
}

/// What the deadlines of one connection depend on.
struct Conn {
    id: u64,
    state: Mutex<State>,
    /// Wakes the connection's task when its deadline changes.
    wake: Notify,
}

struct State {
    /// When the connection was accepted, or its last answer was sent.
    idle_since: Instant,
    /// The first byte of the next request head, after an answer.
    first_byte: Option<Instant>,
    in_flight: usize,
    answered: bool,
    closing: bool,
}

impl Conn {
    fn new(id: u64) -> Conn {
        Conn {
            id,
            state: Mutex::new(State {
                idle_since: Instant::now(),
                first_byte: None,
                in_flight: 0,
                answered: false,
                closing: false,
            }),
            wake: Notify::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// When the connection is to be closed: `None` while a request is in
    /// flight.
    fn deadline(&self, limits: Limits) -> Option<Instant> {
        let s = self.lock();
        if s.in_flight > 0 {
            None
        } else if s.closing {
            Some(s.idle_since)
        } else if !s.answered {
            Some(s.idle_since + limits.header_read_timeout)
        } else if let Some(first) = s.first_byte {
            Some(first + limits.header_read_timeout)
        } else {
            Some(s.idle_since + limits.idle_timeout)
        }
    }

    fn closing(&self) -> bool {
        self.lock().closing
    }

    /// Marks the connection for closing unless a request is in flight.
    fn close_if_idle(&self) -> bool {
        let mut s = self.lock();
        if s.in_flight > 0 || s.closing {
            return false;
        }
        s.closing = true;
        drop(s);
        self.wake.notify_one();
        true
    }

    /// Bytes were read: the first of a request head after an idle spell
    /// starts its head deadline.
    fn saw_bytes(&self) {
        let mut s = self.lock();
        if s.in_flight == 0 && s.answered && s.first_byte.is_none() {
            s.first_byte = Some(Instant::now());
            drop(s);
            self.wake.notify_one();
        }
    }

    /// A request's head arrived; it is in flight until the guard drops.
    fn begin(self: &Arc<Self>) -> InFlight {
        self.lock().in_flight += 1;
        InFlight { conn: self.clone() }
    }
}

/// A request in flight on a connection, from its head until its answer's
/// body is sent or dropped.
struct InFlight {
    conn: Arc<Conn>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut s = self.conn.lock();
        s.in_flight = s.in_flight.saturating_sub(1);
        if s.in_flight == 0 {
            s.idle_since = Instant::now();
            s.first_byte = None;
            s.answered = true;
        }
        drop(s);
        self.conn.wake.notify_one();
    }
}

/// The router as hyper's service, marking each request in flight on its
/// connection until its answer is sent.
struct Tracked {
    router: Router,
    conn: Arc<Conn>,
}

impl hyper::service::Service<hyper::Request<Incoming>> for Tracked {
    type Response = axum::response::Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn call(&self, request: hyper::Request<Incoming>) -> Self::Future {
        use tower::ServiceExt;
        let in_flight = self.conn.begin();
        let router = self.router.clone();
        Box::pin(async move {
            let response = router.oneshot(request.map(axum::body::Body::new)).await?;
            Ok(response.map(|body| {
                axum::body::Body::new(body.map_frame(move |frame| {
                    let _in_flight = &in_flight;
                    frame
                }))
            }))
        })
    }
}

/// The socket, telling its connection when bytes arrive.
struct Watched {
    stream: TcpStream,
    conn: Arc<Conn>,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = Pin::new(&mut this.stream).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.conn.saw_bytes();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits {
        header_read_timeout: Duration::from_secs(10),
        idle_timeout: Duration::from_secs(60),
        max_connections: 3,
    };

    #[test]
    fn the_cap_follows_the_open_file_limit() {
        assert_eq!(max_connections(Some(7), Some(100)), 7);
        assert_eq!(max_connections(None, None), DEFAULT_MAX_CONNECTIONS);
        assert_eq!(max_connections(None, Some(1_048_576)), 10_000);
        assert_eq!(max_connections(None, Some(1024)), 768);
        assert_eq!(max_connections(None, Some(100)), 16);
    }

    #[tokio::test(start_paused = true)]
    async fn deadlines_follow_the_head_then_idle_then_head() {
        let conn = Arc::new(Conn::new(0));
        let start = Instant::now();
        assert_eq!(
            conn.deadline(LIMITS),
            Some(start + LIMITS.header_read_timeout)
        );
        // Bytes of the first head do not move its deadline.
        conn.saw_bytes();
        assert_eq!(
            conn.deadline(LIMITS),
            Some(start + LIMITS.header_read_timeout)
        );
        let request = conn.begin();
        assert_eq!(conn.deadline(LIMITS), None, "no deadline in flight");
        tokio::time::advance(Duration::from_secs(100)).await;
        drop(request);
        let answered = Instant::now();
        assert_eq!(conn.deadline(LIMITS), Some(answered + LIMITS.idle_timeout));
        tokio::time::advance(Duration::from_secs(5)).await;
        conn.saw_bytes();
        assert_eq!(
            conn.deadline(LIMITS),
            Some(answered + Duration::from_secs(5) + LIMITS.header_read_timeout)
        );
    }

    #[test]
    fn at_the_cap_the_oldest_idle_connection_makes_room() {
        let registry = Arc::new(Registry::new(3));
        let a = registry.admit().unwrap();
        let b = registry.admit().unwrap();
        let c = registry.admit().unwrap();
        let busy = a.conn.begin();
        let d = registry.admit().expect("b is idle and makes room");
        assert!(!a.conn.closing());
        assert!(b.conn.closing(), "the oldest idle one is closed");
        assert_eq!(registry.len(), 3);
        let _busy = (b.conn.begin(), c.conn.begin(), d.conn.begin(), busy);
        // b was already closed; everyone left is busy.
        drop(b);
        assert!(registry.admit().is_none(), "every connection is busy");
        assert_eq!(registry.len(), 3);
        drop((c, d));
        assert_eq!(registry.len(), 1);
    }
}
