//! Prometheus metrics: [`Metrics`], one registry per app (made from the
//! configuration and held in the shared state, never process-global, so a
//! test builds its own), the families it records, the layer that counts
//! and times every HTTP request ([`layer`]) and `GET /metrics` in
//! Prometheus's text format 0.0.4 ([`route`]). Every label value comes
//! from a bounded set: routes are the matched route templates (or
//! `unmatched`), methods the standard ones (or `other`), outcomes fixed
//! slugs. The families are listed in docs/configuration.md (Metrics).

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::prometheus_text;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Upper bounds of the buckets of every duration histogram, in seconds:
/// 1 ms to 10 min (`REQUEST_TIMEOUT_S`'s default).
const BUCKETS: [f64; 18] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
    120.0, 300.0, 600.0,
];

/// The route label of a request no route matched.
pub(crate) const UNMATCHED: &str = "unmatched";

fn histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

/// `wfc_http_requests_total`'s labels.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: &'static str,
    status: u16,
}

/// `wfc_http_request_duration_seconds`'s labels.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
    method: &'static str,
}

/// `wfc_runs_total`'s labels.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RunLabels {
    endpoint: &'static str,
    outcome: &'static str,
}

/// `wfc_outbound_fetches_total`'s labels.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct FetchLabels {
    outcome: &'static str,
}

/// How a fetch of a URL a request gave ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FetchOutcome {
    /// The body was read.
    Ok,
    /// The address (or a redirect hop's) is not allowed.
    Refused,
    /// A timeout ran out.
    Timeout,
    /// The body is over the size limit.
    TooLarge,
    /// Anything else: no connection, a status other than 2xx, a bad
    /// redirect, a body cut short.
    Failed,
}

impl FetchOutcome {
    fn label(self) -> &'static str {
        match self {
            FetchOutcome::Ok => "ok",
            FetchOutcome::Refused => "refused",
            FetchOutcome::Timeout => "timeout",
            FetchOutcome::TooLarge => "too_large",
            FetchOutcome::Failed => "failed",
        }
    }
}

/// The ComfyUI client's state as two gauges, kept by the client whether
/// or not metrics are served (two atomic stores per call), and registered
/// by [`Metrics::new`].
#[derive(Clone, Debug, Default)]
pub(crate) struct BackendGauges {
    up: Gauge,
    queue_remaining: Gauge,
}

impl BackendGauges {
    /// ComfyUI answered (`true`) or could not be reached (`false`): the
    /// last HTTP call, or the websocket connecting or dropping.
    pub(crate) fn reached(&self, up: bool) {
        self.up.set(i64::from(up));
    }

    /// ComfyUI said this many prompts are running or pending.
    pub(crate) fn queue_remaining(&self, n: u64) {
        self.queue_remaining
            .set(i64::try_from(n).unwrap_or(i64::MAX));
    }
}

/// Every family the runtime records, in one registry.
pub(crate) struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    request_duration: Family<RouteLabels, Histogram, fn() -> Histogram>,
    runs_in_flight: Gauge,
    runs: Family<RunLabels, Counter>,
    queue_wait: Histogram,
    run_duration: Histogram,
    fetches: Family<FetchLabels, Counter>,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Metrics {
    /// A registry of the runtime's families, with the backend's gauges
    /// when there is a ComfyUI client.
    pub(crate) fn new(backend: Option<&BackendGauges>) -> Metrics {
        let mut registry = Registry::default();
        let m = Metrics {
            registry: Registry::default(),
            requests: Family::default(),
            request_duration: Family::new_with_constructor(histogram),
            runs_in_flight: Gauge::default(),
            runs: Family::default(),
            queue_wait: histogram(),
            run_duration: histogram(),
            fetches: Family::default(),
        };
        registry.register(
            "wfc_http_requests",
            "HTTP requests answered, by route template, method and status",
            m.requests.clone(),
        );
        registry.register(
            "wfc_http_request_duration_seconds",
            "Time from a request's arrival to its answer's head, by route template and method",
            m.request_duration.clone(),
        );
        registry.register(
            "wfc_runs_in_flight",
            "Runs (stage, submit to ComfyUI, wait, collect) in progress",
            m.runs_in_flight.clone(),
        );
        registry.register(
            "wfc_runs",
            "Runs finished, by endpoint path and outcome (ok, or the problem's slug)",
            m.runs.clone(),
        );
        registry.register(
            "wfc_run_queue_wait_seconds",
            "Time from submitting a prompt to ComfyUI starting it, of the prompts ComfyUI ran to an end",
            m.queue_wait.clone(),
        );
        registry.register(
            "wfc_run_duration_seconds",
            "Time from ComfyUI starting a prompt to its end, of the prompts ComfyUI ran to an end",
            m.run_duration.clone(),
        );
        registry.register(
            "wfc_outbound_fetches",
            "Fetches of URLs requests gave, by outcome (ok, refused, timeout, too_large, failed)",
            m.fetches.clone(),
        );
        if let Some(b) = backend {
            registry.register(
                "wfc_backend_up",
                "1 when ComfyUI answered the last call or the websocket (re)connected; 0 after a failed call or connection attempt, or a dropped websocket",
                b.up.clone(),
            );
            registry.register(
                "wfc_backend_queue_remaining",
                "Prompts running or pending in ComfyUI, as its last status message said",
                b.queue_remaining.clone(),
            );
        }
        Metrics { registry, ..m }
    }

    /// Every family in Prometheus's text format 0.0.4.
    pub(crate) fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut text = String::new();
        prometheus_text::encode(&mut text, &self.registry)?;
        Ok(text)
    }

    /// Records one answered HTTP request.
    pub(crate) fn request(&self, route: &str, method: &str, status: u16, took: Duration) {
        let method = method_label(method);
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_string(),
                method,
                status,
            })
            .inc();
        self.request_duration
            .get_or_create(&RouteLabels {
                route: route.to_string(),
                method,
            })
            .observe(took.as_secs_f64());
    }

    /// Counts a run as in flight until the returned guard is dropped.
    pub(crate) fn run_started(self: &Arc<Self>) -> InFlight {
        self.runs_in_flight.inc();
        InFlight(self.clone())
    }

    /// Counts a finished run of `endpoint` (its path, or `/prompt`) with
    /// its outcome: `ok` or the slug of the problem it answers with.
    pub(crate) fn run_ended(&self, endpoint: &'static str, outcome: &'static str) {
        self.runs
            .get_or_create(&RunLabels { endpoint, outcome })
            .inc();
    }

    /// Records a prompt ComfyUI ran to an end: how long it was queued,
    /// and how long it ran.
    pub(crate) fn prompt_ran(&self, queued: Duration, executed: Duration) {
        self.queue_wait.observe(queued.as_secs_f64());
        self.run_duration.observe(executed.as_secs_f64());
    }

    /// Counts one fetch of a URL a request gave.
    pub(crate) fn fetched(&self, outcome: FetchOutcome) {
        self.fetches
            .get_or_create(&FetchLabels {
                outcome: outcome.label(),
            })
            .inc();
    }
}

/// A run in flight; dropping it (the run ended, or its request was
/// abandoned) takes it off `wfc_runs_in_flight`.
pub(crate) struct InFlight(Arc<Metrics>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.runs_in_flight.dec();
    }
}

/// A method as a label: the standard methods by name, anything else
/// `other`, so that clients cannot grow the label set.
fn method_label(method: &str) -> &'static str {
    const KNOWN: [&str; 9] = [
        "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE",
    ];
    KNOWN.into_iter().find(|k| *k == method).unwrap_or("other")
}

/// `GET /metrics` on `router`, serving `metrics`; when metrics are off
/// (`None`) the route is not added.
pub(crate) fn route<S: Clone + Send + Sync + 'static>(
    router: Router<S>,
    metrics: Option<&Arc<Metrics>>,
) -> Router<S> {
    let Some(metrics) = metrics.cloned() else {
        return router;
    };
    router.route(
        wfc_contract::routes::METRICS.path,
        axum::routing::get(move || {
            let metrics = metrics.clone();
            async move { exposition(&metrics) }
        }),
    )
}

/// The answer of `GET /metrics`.
fn exposition(metrics: &Metrics) -> Response {
    match metrics.encode() {
        Ok(text) => (
            [(header::CONTENT_TYPE, prometheus_text::CONTENT_TYPE)],
            text,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "cannot encode the metrics");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `router` with every request counted and timed (`wfc_http_*`); when
/// metrics are off (`None`) the router is returned as it is, with no
/// layer.
pub(crate) fn layer(router: Router, metrics: Option<Arc<Metrics>>) -> Router {
    match metrics {
        Some(m) => router.layer(axum::middleware::from_fn_with_state(m, record)),
        None => router,
    }
}

/// The middleware: the route template axum matched (or `unmatched`), the
/// method, the status and the time to the answer's head.
async fn record(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_string();
    let method = method_label(request.method().as_str());
    let response = next.run(request).await;
    metrics.request(
        &route,
        method,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::{get, post};
    use tower::ServiceExt;

    /// The sample lines of `text` (comments left out).
    fn samples(text: &str) -> Vec<&str> {
        text.lines().filter(|l| !l.starts_with('#')).collect()
    }

    /// The value of the one sample line that starts with `series` and a
    /// space.
    fn value(text: &str, series: &str) -> Option<f64> {
        let lines: Vec<&str> = samples(text)
            .into_iter()
            .filter(|l| l.strip_prefix(series).is_some_and(|r| r.starts_with(' ')))
            .collect();
        assert!(lines.len() <= 1, "{series} is twice in:\n{text}");
        lines
            .first()
            .map(|l| l[series.len()..].trim().parse().unwrap())
    }

    #[test]
    fn families_are_encoded_in_the_text_format_with_their_types() {
        let backend = BackendGauges::default();
        let m = Metrics::new(Some(&backend));
        // A family with labels shows once it has a series.
        m.request("/", "GET", 200, Duration::ZERO);
        m.run_ended("/prompt", "ok");
        m.fetched(FetchOutcome::Ok);
        let text = m.encode().unwrap();
        for (name, kind) in [
            ("wfc_http_requests_total", "counter"),
            ("wfc_http_request_duration_seconds", "histogram"),
            ("wfc_runs_in_flight", "gauge"),
            ("wfc_runs_total", "counter"),
            ("wfc_run_queue_wait_seconds", "histogram"),
            ("wfc_run_duration_seconds", "histogram"),
            ("wfc_backend_up", "gauge"),
            ("wfc_backend_queue_remaining", "gauge"),
            ("wfc_outbound_fetches_total", "counter"),
        ] {
            assert!(
                text.contains(&format!("\n# TYPE {name} {kind}\n"))
                    || text.starts_with(&format!("# TYPE {name} {kind}\n")),
                "{name} {kind}:\n{text}"
            );
        }
        // No OpenMetrics end marker: this is the 0.0.4 text format.
        assert!(!text.contains("# EOF"), "{text}");
        assert_eq!(value(&text, "wfc_backend_up"), Some(0.0));
        backend.reached(true);
        backend.queue_remaining(7);
        let text = m.encode().unwrap();
        assert_eq!(value(&text, "wfc_backend_up"), Some(1.0));
        assert_eq!(value(&text, "wfc_backend_queue_remaining"), Some(7.0));
        // Without a ComfyUI client there are no backend families.
        let text = Metrics::new(None).encode().unwrap();
        assert!(!text.contains("wfc_backend"), "{text}");
    }

    #[test]
    fn requests_are_counted_by_labels_and_timed_in_buckets() {
        let m = Metrics::new(None);
        m.request("/a/{id}", "GET", 200, Duration::from_millis(3));
        m.request("/a/{id}", "GET", 200, Duration::from_millis(40));
        m.request("/a/{id}", "GET", 404, Duration::from_secs(2));
        m.request(UNMATCHED, "BREW", 404, Duration::ZERO);
        let text = m.encode().unwrap();
        let requests = |labels: &str| value(&text, &format!("wfc_http_requests_total{{{labels}}}"));
        assert_eq!(
            requests(r#"route="/a/{id}",method="GET",status="200""#),
            Some(2.0)
        );
        assert_eq!(
            requests(r#"route="/a/{id}",method="GET",status="404""#),
            Some(1.0)
        );
        // An unknown method is `other`, never the client's word.
        assert_eq!(
            requests(r#"route="unmatched",method="other",status="404""#),
            Some(1.0)
        );
        assert!(!text.contains("BREW"), "{text}");
        let bucket = |le: &str| {
            value(
                &text,
                &format!(
                    r#"wfc_http_request_duration_seconds_bucket{{route="/a/{{id}}",method="GET",le="{le}"}}"#
                ),
            )
        };
        assert_eq!(bucket("0.0025"), Some(0.0));
        assert_eq!(bucket("0.005"), Some(1.0));
        assert_eq!(bucket("0.05"), Some(2.0));
        assert_eq!(bucket("1"), Some(2.0));
        assert_eq!(bucket("2.5"), Some(3.0));
        assert_eq!(bucket("+Inf"), Some(3.0));
        let count = r#"wfc_http_request_duration_seconds_count{route="/a/{id}",method="GET"}"#;
        assert_eq!(value(&text, count), Some(3.0));
        let sum = r#"wfc_http_request_duration_seconds_sum{route="/a/{id}",method="GET"}"#;
        assert!((value(&text, sum).unwrap() - 2.043).abs() < 1e-9, "{text}");
    }

    #[test]
    fn runs_fetches_and_the_in_flight_gauge() {
        let m = Arc::new(Metrics::new(None));
        let a = m.run_started();
        let b = m.run_started();
        assert_eq!(value(&m.encode().unwrap(), "wfc_runs_in_flight"), Some(2.0));
        drop(a);
        m.run_ended("/w/x", "ok");
        m.run_ended("/w/x", "ok");
        m.run_ended("/prompt", "invalid-request");
        m.prompt_ran(Duration::from_millis(20), Duration::from_millis(300));
        for outcome in [
            FetchOutcome::Refused,
            FetchOutcome::Refused,
            FetchOutcome::TooLarge,
        ] {
            m.fetched(outcome);
        }
        let text = m.encode().unwrap();
        assert_eq!(value(&text, "wfc_runs_in_flight"), Some(1.0));
        drop(b);
        let runs = |labels: &str| value(&text, &format!("wfc_runs_total{{{labels}}}"));
        assert_eq!(runs(r#"endpoint="/w/x",outcome="ok""#), Some(2.0));
        assert_eq!(
            runs(r#"endpoint="/prompt",outcome="invalid-request""#),
            Some(1.0)
        );
        assert_eq!(value(&text, "wfc_run_queue_wait_seconds_count"), Some(1.0));
        assert_eq!(value(&text, "wfc_run_duration_seconds_count"), Some(1.0));
        assert_eq!(
            value(&text, r#"wfc_run_duration_seconds_bucket{le="0.25"}"#),
            Some(0.0)
        );
        assert_eq!(
            value(&text, r#"wfc_run_duration_seconds_bucket{le="0.5"}"#),
            Some(1.0)
        );
        let fetches = |o: &str| {
            value(
                &text,
                &format!("wfc_outbound_fetches_total{{outcome=\"{o}\"}}"),
            )
        };
        assert_eq!(fetches("refused"), Some(2.0));
        assert_eq!(fetches("too_large"), Some(1.0));
        assert_eq!(fetches("ok"), None);
        assert_eq!(value(&m.encode().unwrap(), "wfc_runs_in_flight"), Some(0.0));
    }

    async fn call(router: &Router, method: &str, uri: &str) -> (u16, String, String) {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .unwrap();
        let response = router.clone().oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        (
            status,
            content_type,
            String::from_utf8(body.to_vec()).unwrap(),
        )
    }

    fn app(metrics: Option<Arc<Metrics>>) -> Router {
        let router = Router::new()
            .route("/items/{id}", get(|| async { "item" }))
            .route(
                "/items",
                post(|| async { StatusCode::UNPROCESSABLE_ENTITY }),
            );
        let router = route(router, metrics.as_ref());
        layer(router, metrics)
    }

    #[tokio::test]
    async fn the_layer_labels_requests_with_the_matched_template_or_unmatched() {
        let m = Arc::new(Metrics::new(None));
        let router = app(Some(m.clone()));
        for uri in ["/items/1", "/items/2", "/items/%22x%22"] {
            assert_eq!(call(&router, "GET", uri).await.0, 200);
        }
        assert_eq!(call(&router, "POST", "/items").await.0, 422);
        assert_eq!(call(&router, "GET", "/nothing/here").await.0, 404);
        assert_eq!(call(&router, "DELETE", "/items/1").await.0, 405);
        let (status, content_type, text) = call(&router, "GET", "/metrics").await;
        assert_eq!(status, 200);
        assert_eq!(content_type, "text/plain; version=0.0.4; charset=utf-8");
        let requests = |labels: &str| value(&text, &format!("wfc_http_requests_total{{{labels}}}"));
        assert_eq!(
            requests(r#"route="/items/{id}",method="GET",status="200""#),
            Some(3.0)
        );
        assert_eq!(
            requests(r#"route="/items",method="POST",status="422""#),
            Some(1.0)
        );
        assert_eq!(
            requests(r#"route="unmatched",method="GET",status="404""#),
            Some(1.0)
        );
        assert_eq!(
            requests(r#"route="/items/{id}",method="DELETE",status="405""#),
            Some(1.0)
        );
        // Paths never become labels.
        assert!(
            !text.contains("/items/1") && !text.contains("nothing"),
            "{text}"
        );
        let count = r#"wfc_http_request_duration_seconds_count{route="/items/{id}",method="GET"}"#;
        assert_eq!(value(&text, count), Some(3.0));
        // The scrape itself is counted once it has answered.
        let (_, _, text) = call(&router, "GET", "/metrics").await;
        assert_eq!(
            requests_in(&text, r#"route="/metrics",method="GET",status="200""#),
            Some(1.0)
        );
    }

    fn requests_in(text: &str, labels: &str) -> Option<f64> {
        value(text, &format!("wfc_http_requests_total{{{labels}}}"))
    }

    #[tokio::test]
    async fn metrics_off_means_no_route_and_no_layer() {
        let router = app(None);
        assert_eq!(call(&router, "GET", "/metrics").await.0, 404);
        assert_eq!(call(&router, "GET", "/items/1").await.0, 200);
    }
}
