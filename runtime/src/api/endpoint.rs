//! A compiled endpoint's route: read the envelope, validate `input` and
//! build the graph, answer a dry run, or run and answer. Every log line of
//! a request carries the id the client sees.

use super::{AppState, body, guard, problem, submit};
use crate::auth::Caller;
use crate::jobs::Submission;
use axum::body::Body;
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::time::Instant;
use tracing::Instrument;
use wfc_contract::Endpoint;
use wfc_contract::Violation;
use wfc_contract::wire::{self, DryRun, Problem, StagedImage};

/// The query string's `dry_run` (`true` or `false`, at most once; other
/// parameters are ignored), or the violations at pointer `?dry_run` for
/// the 422.
pub(crate) fn dry_run(uri: &Uri) -> Result<bool, Vec<Violation>> {
    let mut found: Option<bool> = None;
    let mut errors = Vec::new();
    for pair in uri.query().unwrap_or("").split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key != "dry_run" {
            continue;
        }
        let parsed = match value {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        match (parsed, found) {
            (Some(v), None) => found = Some(v),
            (Some(_), Some(_)) => errors.push(Violation {
                pointer: "?dry_run".into(),
                keyword: wfc_contract::Keyword::Type,
                message: "the query parameter `dry_run` is given more than once".into(),
            }),
            (None, _) => errors.push(Violation {
                pointer: "?dry_run".into(),
                keyword: wfc_contract::Keyword::Type,
                message: format!(
                    "the query parameter `dry_run` is `true` or `false`, not `{}`",
                    value.chars().take(100).collect::<String>()
                ),
            }),
        }
    }
    if errors.is_empty() {
        Ok(found.unwrap_or(false))
    } else {
        Err(errors)
    }
}

/// Answers one request to the endpoint `endpoint`.
pub(crate) async fn handle(
    state: Arc<AppState>,
    endpoint: &'static Endpoint,
    run: super::RunFn,
    caller: Caller,
    uri: Uri,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let arrived = Instant::now();
    let dry_run = match dry_run(&uri) {
        Ok(d) => d,
        Err(v) => return problem::response(Problem::invalid(v, &endpoint.path)),
    };
    let asked = match submit::asked(&headers) {
        Ok(a) => a,
        Err(p) => return problem::response(*p),
    };
    let object = match body::read_object(&headers, body, state.max_body, &state.bodies).await {
        Ok(e) => e,
        Err(p) => return problem::response(p),
    };
    let (env, mut errors) = wire::parse_envelope(&object, "input");
    let body_hash = submit::request_hash(&endpoint.path, &object);
    drop(object);
    let id = env
        .id
        .clone()
        .unwrap_or_else(|| guard::request_id(&headers));
    let span = tracing::info_span!("request", id = %id, path = endpoint.path.as_str());
    async move {
        let graph = match &env.body {
            Some(input) => match run(input) {
                Ok(g) => Some(g),
                Err(v) => {
                    errors.extend(v);
                    None
                }
            },
            None => {
                errors.push(Violation {
                    pointer: "/input".into(),
                    keyword: wfc_contract::Keyword::Required,
                    message: "`input` is required".into(),
                });
                None
            }
        };
        let Some(graph) = graph.filter(|_| errors.is_empty()) else {
            return problem::response(Problem::invalid(errors, &endpoint.path));
        };
        if dry_run {
            let images = graph
                .images
                .iter()
                .map(|s| StagedImage {
                    field: s.field.clone(),
                    node: s.node.clone(),
                    input: s.input.clone(),
                    source: s.source.clone(),
                })
                .collect();
            return axum::Json(DryRun {
                id,
                prompt: graph.prompt,
                images,
            })
            .into_response();
        }
        let respond_async = env.wants_webhook() || asked.respond_async;
        let submission = Submission {
            id,
            endpoint: Some(endpoint),
            owner: caller.owner().map(str::to_string),
            graph,
            convert: env.convert_output,
            webhook: env.webhook,
            webhook_v2: env.webhook_v2,
            body_hash,
            idempotency_key: asked.key,
            arrived,
        };
        submit::answer(
            &state,
            &headers,
            submission,
            respond_async,
            asked.respond_async,
        )
        .await
    }
    .instrument(span)
    .await
}
