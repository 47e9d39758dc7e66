//! One run of a workflow, from a validated graph to its outputs: stage the
//! request's images in ComfyUI's input folder (named from a fresh server
//! id, never from client input), submit, wait ([`wait`]), collect and
//! convert the outputs, cancel on `POST /interrupt` or at the deadline.
//! Results and errors are typed ([`RunOutput`], [`RunError`]), never HTTP
//! answers: the synchronous handler is "run and answer", and the job
//! runner of the asynchronous API (with its `jobs`/`store` module beside
//! this one, and webhooks in `delivery`) calls the same [`Engine::run`].
//! Each run is recorded in the metrics when they are on: in flight, its
//! outcome, and how long ComfyUI queued and ran its prompt.

mod error;
pub(crate) mod problem;
mod registry;
mod wait;
pub(crate) mod warmup;

pub use error::RunError;
pub(crate) use wait::Notes;
pub use wait::{PromptTimes, run_prompt};

use crate::auth::Caller;
use crate::backend::{Comfy, PromptEvent};
use crate::graph::Graph;
use crate::media;
use crate::telemetry::metrics::Metrics;
use registry::Registry;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wfc_contract::Endpoint;
use wfc_contract::wire::ConvertOutput;

/// Limits of a run.
#[derive(Clone, Debug)]
pub(crate) struct RunLimits {
    /// Largest image a request may reference.
    pub(crate) max_image: usize,
    /// How long one request may take, from arrival to answer.
    pub(crate) request_timeout: Duration,
    /// How long fetching one image URL may take in all.
    pub(crate) fetch_timeout: Duration,
}

/// Runs workflows on one ComfyUI.
pub(crate) struct Engine {
    comfy: Option<Arc<Comfy>>,
    /// Client for images given by URL: the outbound policy's.
    fetch: crate::outbound::Outbound,
    limits: RunLimits,
    running: Registry,
    /// `None` when metrics are off.
    metrics: Option<Arc<Metrics>>,
}

/// What a run should do.
pub(crate) struct RunRequest<'a> {
    /// The request id the client sees.
    pub(crate) id: &'a str,
    /// The compiled endpoint it runs; `None`: a raw graph (`/prompt`).
    pub(crate) endpoint: Option<&'static Endpoint>,
    /// The API key's name that sent it (`None` without keys).
    pub(crate) owner: Option<&'a str>,
    /// The graph, with image slots still to stage.
    pub(crate) graph: Graph,
    /// The output nodes to collect, by output name; `None`: every output
    /// node, as `images`.
    pub(crate) outputs: Option<Vec<(&'static str, Vec<&'static str>)>>,
    /// Convert image outputs.
    pub(crate) convert: Option<ConvertOutput>,
    /// When the request arrived (the deadline runs from here).
    pub(crate) arrived: Instant,
    /// ComfyUI's id of the prompt (chosen, and recorded, by the caller).
    pub(crate) prompt_id: &'a str,
    /// `false`: the prompt was submitted before (by a process that
    /// restarted); wait for it and collect it, without staging or
    /// submitting.
    pub(crate) submit: bool,
    /// Who hears the prompt's progress.
    pub(crate) notes: Option<Notes>,
}

/// A file of the run's outputs, converted if asked.
#[derive(Debug)]
pub(crate) struct FinishedFile {
    pub(crate) filename: String,
    pub(crate) content_type: &'static str,
    pub(crate) bytes: Vec<u8>,
}

/// Timings of one run.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Timings {
    pub(crate) upload: Duration,
    pub(crate) run: Duration,
    pub(crate) download: Duration,
    pub(crate) convert: Duration,
}

/// What a run produced.
#[derive(Debug)]
pub(crate) struct RunOutput {
    /// Every file, in output-node order.
    pub(crate) files: Vec<FinishedFile>,
    /// Output name to the indexes of its files in `files`.
    pub(crate) named: Vec<(String, Vec<usize>)>,
    /// Other values output nodes reported, by `node.key`.
    pub(crate) values: BTreeMap<String, Value>,
    pub(crate) timings: Timings,
}

impl Engine {
    pub(crate) fn new(
        comfy: Option<Arc<Comfy>>,
        limits: RunLimits,
        fetch: crate::outbound::Outbound,
    ) -> Engine {
        Engine {
            comfy,
            fetch,
            limits,
            running: Registry::default(),
            metrics: None,
        }
    }

    /// The engine recording its runs in `metrics` (`None`: metrics off).
    pub(crate) fn with_metrics(mut self, metrics: Option<Arc<Metrics>>) -> Engine {
        self.metrics = metrics;
        self
    }

    /// The ComfyUI client, if one is configured.
    pub(crate) fn comfy(&self) -> Option<&Arc<Comfy>> {
        self.comfy.as_ref()
    }

    /// Runs `request` to its outputs, recording the run in the metrics.
    pub(crate) async fn run(&self, request: RunRequest<'_>) -> Result<RunOutput, RunError> {
        let Some(metrics) = &self.metrics else {
            return self.run_unrecorded(request).await;
        };
        let endpoint = request.endpoint;
        let in_flight = metrics.run_started();
        let result = self.run_unrecorded(request).await;
        drop(in_flight);
        let outcome = match &result {
            Ok(_) => "ok",
            Err(e) => e.kind(endpoint).slug(),
        };
        metrics.run_ended(
            endpoint.map_or(wfc_contract::routes::PROMPT.path, |e| e.path.as_str()),
            outcome,
        );
        result
    }

    async fn run_unrecorded(&self, request: RunRequest<'_>) -> Result<RunOutput, RunError> {
        let Some(comfy) = &self.comfy else {
            return Err(RunError::Unavailable(
                "no ComfyUI address is configured".into(),
            ));
        };
        let deadline = request.arrived + self.limits.request_timeout;
        let started = Instant::now();
        let mut graph = request.graph;
        if request.submit {
            self.stage(comfy, &mut graph, deadline).await?;
        }
        let upload = started.elapsed();
        let prompt_id = request.prompt_id;
        let ran = {
            let _entry = self.running.enter(request.id, request.owner, prompt_id);
            let prompt = request.submit.then_some(&graph.prompt);
            wait::submit_and_wait(comfy, prompt_id, prompt, deadline, request.notes.as_ref())
                .await?
        };
        if let Some(m) = &self.metrics {
            m.prompt_ran(ran.times.queued, ran.times.executed);
        }
        let run = ran.into_result()?.total();
        let started = Instant::now();
        let nodes: Option<Vec<&str>> = request
            .outputs
            .as_ref()
            .map(|o| o.iter().flat_map(|(_, n)| n.iter().copied()).collect());
        // The deadline covers the whole answer, downloads and conversion too.
        let within = |d: Instant| tokio::time::Instant::from_std(d);
        let outputs =
            tokio::time::timeout_at(within(deadline), comfy.outputs(prompt_id, nodes.as_deref()))
                .await
                .map_err(|_| RunError::Deadline)??;
        let download = started.elapsed();
        let named = match &request.outputs {
            Some(outputs_by_name) => outputs_by_name
                .iter()
                .map(|(name, nodes)| {
                    let files = (0..outputs.files.len())
                        .filter(|&i| nodes.contains(&outputs.files[i].node.as_str()))
                        .collect();
                    (name.to_string(), files)
                })
                .collect(),
            None => vec![("images".to_string(), (0..outputs.files.len()).collect())],
        };
        let started = Instant::now();
        let files = tokio::time::timeout_at(
            within(deadline),
            convert_all(outputs.files, request.convert),
        )
        .await
        .map_err(|_| RunError::Deadline)??;
        Ok(RunOutput {
            files,
            named,
            values: outputs.values,
            timings: Timings {
                upload,
                run,
                download,
                convert: started.elapsed(),
            },
        })
    }

    /// Fetches or decodes each image of the graph, uploads it under a
    /// name made from a fresh id, and puts the uploaded name in its input.
    async fn stage(
        &self,
        comfy: &Comfy,
        graph: &mut Graph,
        deadline: Instant,
    ) -> Result<(), RunError> {
        let staging_id = crate::ids::random_id();
        for slot in std::mem::take(&mut graph.images) {
            let limits = media::Limits {
                max_bytes: self.limits.max_image,
                timeout: deadline
                    .saturating_duration_since(Instant::now())
                    .min(self.limits.fetch_timeout),
            };
            let image = media::load_image(&self.fetch, &slot.source, &limits)
                .await
                .map_err(|error| RunError::Image {
                    field: slot.field.clone(),
                    error,
                })?;
            let name = format!("wfc-{staging_id}-{}.{}", slot.field, image.extension);
            let uploaded = comfy.upload(&name, image.bytes, image.content_type).await?;
            graph.set(&slot.node, &slot.input, uploaded);
        }
        Ok(())
    }

    /// Whether ComfyUI knows `prompt_id` (queued, running or in its
    /// history); `None` when it cannot say now. Asked twice before saying
    /// no, so a prompt moving from the queue to the history is not missed.
    pub(crate) async fn knows(&self, prompt_id: &str) -> Option<bool> {
        let comfy = self.comfy.as_ref()?;
        for _ in 0..2 {
            let state = comfy.prompt_state(prompt_id, Instant::now());
            match tokio::time::timeout(Duration::from_secs(5), state).await {
                Ok(Ok((crate::backend::PromptState::Unknown, _))) => {
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Ok(Ok(_)) => return Some(true),
                _ => return None,
            }
        }
        Some(false)
    }

    /// Removes `prompt_id` from ComfyUI's queue or interrupts it, and
    /// tells the run waiting for it.
    pub(crate) async fn cancel_prompt(&self, prompt_id: &str) {
        if let Some(comfy) = &self.comfy {
            comfy.cancel(prompt_id).await;
            comfy.notify(prompt_id, PromptEvent::Cancelled);
        }
    }

    /// Removes or interrupts the prompts of request `id`; `false` when no
    /// such request is running.
    pub(crate) async fn interrupt(&self, id: &str, caller: &Caller) -> bool {
        let prompts = self.running.prompts(id, caller);
        let Some(comfy) = &self.comfy else {
            return false;
        };
        if prompts.is_empty() {
            return false;
        }
        for prompt_id in prompts {
            comfy.cancel(&prompt_id).await;
            // A prompt removed from the queue sends no event: tell its run.
            comfy.notify(&prompt_id, PromptEvent::Cancelled);
        }
        true
    }
}

/// Converts the image files (not GIFs) when a conversion was asked for,
/// off the async threads.
async fn convert_all(
    files: Vec<crate::backend::OutputFile>,
    convert: Option<ConvertOutput>,
) -> Result<Vec<FinishedFile>, RunError> {
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let content_type = media::content_type_for(&f.filename);
        let Some(c) = convert.filter(|_| media::can_convert(content_type)) else {
            out.push(FinishedFile {
                filename: f.filename,
                content_type,
                bytes: f.bytes,
            });
            continue;
        };
        let format = c.format;
        let bytes = f.bytes;
        let converted =
            tokio::task::spawn_blocking(move || media::convert(&bytes, format, c.quality))
                .await
                .map_err(|e| RunError::Conversion(e.to_string()))?
                .map_err(|e| RunError::Conversion(format!("{}: {e}", f.filename)))?;
        let stem = f
            .filename
            .rsplit_once('.')
            .map_or(f.filename.as_str(), |(s, _)| s);
        out.push(FinishedFile {
            filename: format!("{stem}.{}", converted.extension),
            content_type: converted.content_type,
            bytes: converted.bytes,
        });
    }
    Ok(out)
}
