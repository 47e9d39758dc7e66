//! Jobs: every request to a compiled endpoint or to raw `/prompt` is a
//! job in the [`crate::store`]. [`Jobs::submit`] records it (idempotency
//! keys, admission) and spawns its runner ([`runner`]), which drives the
//! [`crate::engine`] and records the job's life as events; the synchronous
//! answer awaits the runner's result, the asynchronous one answers 202 at
//! once. The runner is its own task, so a client that hangs up does not
//! orphan a job. Live events reach subscribers through the [`hub`];
//! output files are kept by [`files`]. At start, [`Jobs::recover`] brings
//! every unfinished job of a previous process to a final state, and
//! [`Jobs::sweep`] applies retention.

pub(crate) mod files;
pub(crate) mod hub;
mod runner;

use crate::engine::{Engine, RunOutput};
use crate::graph::{Graph, ImageSlot};
use crate::store::{Change, IdempotencyKey, JobRecord, JobStore, NewJob, StoreError, Transition};
use files::Files;
use hub::Hub;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, oneshot};
use tracing::Instrument;
use wfc_contract::Endpoint;
use wfc_contract::wire::{ConvertOutput, JobEvent, JobStatus, Problem, ProblemKind};

/// How jobs are kept and admitted.
#[derive(Clone, Debug)]
pub(crate) struct Settings {
    /// Finished jobs, their events and files are removed this long after
    /// they finished (`JOB_RETENTION_HOURS`).
    pub(crate) retention: Duration,
    /// How often retention runs (`RETENTION_SWEEP_S`).
    pub(crate) sweep_every: Duration,
    /// Past this many bytes of output files, retention removes the longest
    /// finished jobs first (`JOB_STORAGE_MAX_MB`; `None`: no cap).
    pub(crate) storage_cap: Option<u64>,
    /// How long an `Idempotency-Key` replays (`IDEMPOTENCY_KEY_TTL_HOURS`).
    pub(crate) key_ttl: Duration,
    /// Submits beyond this many queued jobs get 429 (`MAX_QUEUED_JOBS`;
    /// 0: no limit).
    pub(crate) max_queued: u64,
    /// A job ComfyUI forgot across a restart is submitted once more
    /// (`RESUBMIT_LOST_JOBS`).
    pub(crate) resubmit_lost: bool,
    /// At most one progress event per job this often.
    pub(crate) progress_every: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            retention: Duration::from_secs(24 * 3600),
            sweep_every: Duration::from_secs(60),
            storage_cap: None,
            key_ttl: Duration::from_secs(24 * 3600),
            max_queued: 0,
            resubmit_lost: true,
            progress_every: Duration::from_millis(250),
        }
    }
}

/// What a job's runner needs besides its record: stored with the job, so
/// that a restarted process can run it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct JobRequest {
    /// The graph to submit.
    pub(crate) prompt: Value,
    /// Its images still to stage.
    #[serde(default)]
    pub(crate) images: Vec<ImageSlot>,
    /// Conversion of image outputs.
    #[serde(default)]
    pub(crate) convert: Option<ConvertOutput>,
    /// comfyui-api's legacy webhook (delivered by the webhooks feature).
    #[serde(default)]
    pub(crate) webhook: Option<String>,
    /// comfyui-api's `webhook_v2`.
    #[serde(default)]
    pub(crate) webhook_v2: Option<String>,
}

/// A request to record as a job and run.
pub(crate) struct Submission {
    /// The job id (the envelope's `id`, or a server-made one).
    pub(crate) id: String,
    /// The compiled endpoint; `None`: raw `/prompt`.
    pub(crate) endpoint: Option<&'static Endpoint>,
    /// The API key's name.
    pub(crate) owner: Option<String>,
    /// The graph with its images.
    pub(crate) graph: Graph,
    /// The envelope's `convert_output`.
    pub(crate) convert: Option<ConvertOutput>,
    /// The envelope's webhooks.
    pub(crate) webhook: Option<String>,
    /// The envelope's `webhook_v2`.
    pub(crate) webhook_v2: Option<String>,
    /// A hash of the request (endpoint and body).
    pub(crate) body_hash: String,
    /// The `Idempotency-Key` header, checked.
    pub(crate) idempotency_key: Option<String>,
    /// When the request arrived (its deadline runs from here).
    pub(crate) arrived: Instant,
}

/// How a job's run ended, for the synchronous answer.
pub(crate) type Finished = Result<RunOutput, Problem>;

/// What [`Jobs::submit`] did.
pub(crate) enum Submitted {
    /// A new job, running; `done` gets its result.
    New {
        job: JobRecord,
        done: oneshot::Receiver<Finished>,
    },
    /// The id or key already named this job with the same request.
    Replayed(JobRecord),
}

/// Why a submit was refused; each is a problem.
pub(crate) fn refusal(e: StoreError) -> Problem {
    match e {
        StoreError::KeyReused { key } => Problem::new(
            ProblemKind::IdempotencyKeyReused,
            format!(
                "the Idempotency-Key {key:?} was used with another request body; use a new key for a new request"
            ),
        ),
        StoreError::IdTaken { id } => Problem::new(
            ProblemKind::JobConflict,
            format!(
                "the id {id:?} already names a job with another request body; send another `id`, or none"
            ),
        ),
        StoreError::NotFound(id) => Problem::new(
            ProblemKind::JobNotFound,
            format!("no job has the id {id:?}; it never existed, or retention removed it"),
        ),
        other => store_failed(other),
    }
}

/// The problem of a store that failed.
pub(crate) fn store_failed(e: StoreError) -> Problem {
    tracing::error!(error = %e, "the job store failed");
    Problem::new(ProblemKind::StoreFailed, e.to_string())
}

/// A running job's handle: how to stop it.
struct Live {
    cancel: Arc<Notify>,
}

/// The jobs of one server.
pub(crate) struct Jobs {
    store: Arc<dyn JobStore>,
    files: Files,
    hub: Hub,
    engine: Arc<Engine>,
    settings: Settings,
    endpoints: HashMap<String, &'static Endpoint>,
    live: Mutex<HashMap<String, Live>>,
}

fn now() -> Timestamp {
    Timestamp::now()
}

fn later(at: Timestamp, by: Duration) -> Timestamp {
    jiff::SignedDuration::try_from(by)
        .ok()
        .and_then(|d| at.checked_add(d).ok())
        .unwrap_or(Timestamp::MAX)
}

impl Jobs {
    pub(crate) fn new(
        store: Arc<dyn JobStore>,
        files: Files,
        engine: Arc<Engine>,
        settings: Settings,
        endpoints: impl IntoIterator<Item = &'static Endpoint>,
    ) -> Jobs {
        Jobs {
            store,
            files,
            hub: Hub::default(),
            engine,
            settings,
            endpoints: endpoints.into_iter().map(|e| (e.path.clone(), e)).collect(),
            live: Mutex::default(),
        }
    }

    /// The store.
    pub(crate) fn store(&self) -> &dyn JobStore {
        &*self.store
    }

    /// The output files.
    pub(crate) fn files(&self) -> &Files {
        &self.files
    }

    /// The live events.
    pub(crate) fn hub(&self) -> &Hub {
        &self.hub
    }

    fn live(&self) -> std::sync::MutexGuard<'_, HashMap<String, Live>> {
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records `submission` as a job and starts it, or returns the job
    /// its id or key already names.
    pub(crate) async fn submit(
        self: &Arc<Self>,
        submission: Submission,
    ) -> Result<Submitted, Problem> {
        let at = now();
        if self.settings.max_queued > 0 {
            let waiting = self
                .store
                .count(JobStatus::Queued)
                .await
                .map_err(store_failed)?;
            if waiting >= self.settings.max_queued {
                return Err(Problem::new(
                    ProblemKind::QueueFull,
                    format!(
                        "{waiting} jobs are waiting, the most this server accepts (MAX_QUEUED_JOBS); retry later"
                    ),
                ));
            }
        }
        let request = JobRequest {
            prompt: submission.graph.prompt,
            images: submission.graph.images,
            convert: submission.convert,
            webhook: submission.webhook,
            webhook_v2: submission.webhook_v2,
        };
        let prompt_id = crate::ids::random_id();
        let created = self
            .store
            .create(NewJob {
                id: submission.id,
                endpoint: submission
                    .endpoint
                    .map_or(wfc_contract::routes::PROMPT.path, |e| e.path.as_str())
                    .to_string(),
                owner: submission.owner,
                request: serde_json::to_value(&request).expect("a job request serializes"),
                body_hash: submission.body_hash,
                idempotency: submission.idempotency_key.map(|key| IdempotencyKey {
                    key,
                    expires_at: later(at, self.settings.key_ttl),
                }),
                prompt_id: Some(prompt_id.clone()),
                at,
            })
            .await
            .map_err(refusal)?;
        if created.replayed {
            return Ok(Submitted::Replayed(created.job));
        }
        let (tx, done) = oneshot::channel();
        let job = created.job;
        self.spawn(
            job.clone(),
            runner::Mode::Submit(prompt_id),
            submission.arrived,
            Some(tx),
        );
        Ok(Submitted::New { job, done })
    }

    /// Starts the runner of `job`.
    fn spawn(
        self: &Arc<Self>,
        job: JobRecord,
        mode: runner::Mode,
        arrived: Instant,
        done: Option<oneshot::Sender<Finished>>,
    ) {
        let cancel = Arc::new(Notify::new());
        self.live().insert(
            job.id.clone(),
            Live {
                cancel: cancel.clone(),
            },
        );
        let me = self.clone();
        // The runner logs inside the submitting request's span, so its
        // lines carry the request's id; a job recovered at start gets a
        // span of its own.
        let span = match tracing::Span::current() {
            s if s.is_none() => {
                tracing::info_span!("job", id = %job.id, path = job.endpoint.as_str())
            }
            s => s,
        };
        tokio::spawn(
            async move {
                let id = job.id.clone();
                let finished = runner::run(&me, job, mode, arrived, &cancel).await;
                me.live().remove(&id);
                if let Some(done) = done {
                    let _ = done.send(finished);
                }
            }
            .instrument(span),
        );
    }

    /// The endpoint at `path`; `None` for raw `/prompt` (or an endpoint no
    /// longer mounted).
    fn endpoint(&self, path: &str) -> Option<&'static Endpoint> {
        self.endpoints.get(path).copied()
    }

    /// Records `changes` of job `id` at once and publishes their events.
    async fn record(
        &self,
        id: &str,
        changes: Vec<Change>,
    ) -> Result<(JobRecord, Vec<JobEvent>), StoreError> {
        let (job, events) = self.store.record(id, changes, now()).await?;
        for event in &events {
            self.hub.publish(id, event);
        }
        Ok((job, events))
    }

    /// Records `change` of job `id` and publishes its event.
    async fn transition(&self, id: &str, change: Transition) -> Result<JobRecord, StoreError> {
        Ok(self.record(id, vec![change.into()]).await?.0)
    }

    /// Cancels job `id`: a queued or running job ends `canceled` at once
    /// and its prompt is removed from ComfyUI's queue or interrupted; a
    /// finished job is returned as it is.
    pub(crate) async fn cancel(&self, id: &str) -> Result<JobRecord, StoreError> {
        let job = self.store.get(id).await?;
        if job.status.is_final() {
            return Ok(job);
        }
        let job = match self.transition(id, Transition::Cancel).await {
            Ok(job) => job,
            // It finished meanwhile.
            Err(StoreError::IllegalTransition { .. }) => return self.store.get(id).await,
            Err(e) => return Err(e),
        };
        if let Some(live) = self.live().get(id) {
            live.cancel.notify_one();
        }
        if let Some(prompt_id) = &job.prompt_id {
            self.engine.cancel_prompt(prompt_id).await;
        }
        tracing::info!(job = id, "job canceled");
        Ok(job)
    }

    /// Brings every job a previous process left unfinished to a final
    /// state: queued jobs run; jobs with a prompt are re-attached when
    /// ComfyUI knows the prompt, submitted once more when it forgot it
    /// (if [`Settings::resubmit_lost`] and it was submitted only once),
    /// else failed with a problem that says why.
    pub(crate) async fn recover(self: &Arc<Self>) -> Result<usize, StoreError> {
        let jobs = self.store.unfinished().await?;
        let count = jobs.len();
        for job in jobs {
            let mode = match &job.prompt_id {
                None => runner::Mode::Fresh,
                Some(prompt_id) => match self.engine.knows(prompt_id).await {
                    Some(false) if self.settings.resubmit_lost && job.submissions < 2 => {
                        tracing::warn!(
                            job = job.id.as_str(),
                            prompt_id = prompt_id.as_str(),
                            "ComfyUI no longer knows the job's prompt; submitting it once more (RESUBMIT_LOST_JOBS)"
                        );
                        runner::Mode::Fresh
                    }
                    Some(false) => {
                        let why = format!(
                            "ComfyUI no longer knows prompt {prompt_id} of this job after the server restarted, and it was not submitted again ({})",
                            if self.settings.resubmit_lost {
                                "it had been submitted twice already"
                            } else {
                                "RESUBMIT_LOST_JOBS=false"
                            }
                        );
                        let problem = Problem::new(ProblemKind::BackendLost, why);
                        if let Err(e) = self
                            .transition(&job.id, Transition::Fail(Box::new(problem)))
                            .await
                        {
                            tracing::error!(job = job.id.as_str(), error = %e, "cannot fail a lost job");
                        }
                        continue;
                    }
                    // Known, or ComfyUI cannot say now: wait for it (the
                    // wait fails the job if ComfyUI stays away).
                    _ => runner::Mode::Attach(prompt_id.clone()),
                },
            };
            self.spawn(job, mode, Instant::now(), None);
        }
        if count > 0 {
            tracing::info!("resumed {count} unfinished job(s) of a previous run");
        }
        Ok(count)
    }

    /// Removes the jobs that finished longer ago than the retention, then,
    /// while the files of all jobs take more than the storage cap, the
    /// longest finished ones, each with its events and files; forgets
    /// expired idempotency keys. Returns how many jobs went.
    pub(crate) async fn sweep(&self) -> Result<usize, StoreError> {
        let at = now();
        let before = jiff::SignedDuration::try_from(self.settings.retention)
            .ok()
            .and_then(|d| at.checked_sub(d).ok())
            .unwrap_or(Timestamp::MIN);
        let expired = self.remove_finished_before(before).await?;
        if expired > 0 {
            tracing::info!("retention removed {expired} finished job(s) (JOB_RETENTION_HOURS)");
        }
        let over_cap = match self.settings.storage_cap {
            Some(cap) => self.enforce_cap(cap).await?,
            None => 0,
        };
        self.store.expire_keys(at).await?;
        Ok(expired + over_cap)
    }

    /// Removes the longest finished jobs until the files of all jobs take
    /// at most `cap` bytes (the files of unfinished jobs count, but stay).
    async fn enforce_cap(&self, cap: u64) -> Result<usize, StoreError> {
        let mut total = match self.files.total().await {
            Ok(total) => total,
            Err(e) => {
                tracing::warn!(error = %e, "cannot measure the jobs' files; JOB_STORAGE_MAX_MB is not applied this time");
                return Ok(0);
            }
        };
        if total <= cap {
            return Ok(0);
        }
        // Jobs finished up to `last` go: the oldest ones, until enough
        // bytes are freed.
        let mut last = None;
        for (id, finished) in self.store.finished_oldest_first().await? {
            if total <= cap {
                break;
            }
            total = total.saturating_sub(self.files.size(&id).await.unwrap_or(0));
            last = Some(finished);
        }
        let Some(last) = last else {
            tracing::warn!("the files of unfinished jobs alone exceed JOB_STORAGE_MAX_MB");
            return Ok(0);
        };
        let removed = self
            .remove_finished_before(last + jiff::SignedDuration::from_millis(1))
            .await?;
        tracing::info!(
            "removed {removed} finished job(s) to keep the jobs' files under JOB_STORAGE_MAX_MB"
        );
        if total > cap {
            tracing::warn!("the files of unfinished jobs alone exceed JOB_STORAGE_MAX_MB");
        }
        Ok(removed)
    }

    /// Deletes the jobs that finished before `before` and their files.
    async fn remove_finished_before(&self, before: Timestamp) -> Result<usize, StoreError> {
        let removed = self.store.delete_finished_before(before).await?;
        for id in &removed {
            if let Err(e) = self.files.remove(id).await {
                tracing::warn!(job = id.as_str(), error = %e, "cannot remove a job's files");
            }
        }
        Ok(removed.len())
    }

    /// Runs [`Jobs::sweep`] every [`Settings::sweep_every`], for as long
    /// as the process runs.
    pub(crate) fn spawn_sweeper(self: &Arc<Self>) {
        let me = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(me.settings.sweep_every);
            loop {
                tick.tick().await;
                if let Err(e) = me.sweep().await {
                    tracing::error!(error = %e, "retention failed");
                }
            }
        });
    }
}
