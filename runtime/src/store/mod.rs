//! The job store: every job, its numbered event log, and the idempotency
//! keys that point at jobs. [`JobStore`] is the one interface callers use
//! (`Arc<dyn JobStore>`, from [`open`]); the implementations are SQLite
//! ([`sqlite`], the default, a file in the data directory) and memory
//! ([`memory`], lost on restart). A PostgreSQL implementation is one more
//! module and one more arm in [`open`]; callers do not change.
//!
//! The store persists, it does not decide: times are passed in by the
//! caller, and the only rules it enforces are the ones that must hold
//! under concurrency and across restarts: a key or id names one job,
//! statuses move only as [`JobStatus::can_become`] allows, each status
//! change logs its event in the same transaction, and nothing is appended
//! after a job's final event.

mod cursor;
pub mod memory;
pub mod sqlite;

pub use cursor::Cursor;

use async_trait::async_trait;
use jiff::Timestamp;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::Arc;
use wfc_contract::wire::{
    Job, JobEvent, JobEventKind, JobFile, JobLinks, JobOutputs, JobStatus, Problem, Progress,
};

/// Where the jobs are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreConfig {
    /// An SQLite file ([`sqlite::FILE_NAME`]) in this directory, created
    /// when missing.
    Sqlite {
        /// The data directory.
        data_dir: PathBuf,
    },
    /// In memory: every job is lost when the process ends.
    Memory,
}

/// Opens the store `config` names: for SQLite, checks that the file is
/// ours and intact and applies the schema's migrations.
pub async fn open(config: &StoreConfig) -> Result<Arc<dyn JobStore>, OpenError> {
    Ok(match config {
        StoreConfig::Sqlite { data_dir } => Arc::new(sqlite::SqliteStore::open(data_dir).await?),
        StoreConfig::Memory => Arc::new(memory::MemoryStore::new()),
    })
}

/// A new job, as a submit hands it to [`JobStore::create`].
#[derive(Clone, Debug, PartialEq)]
pub struct NewJob {
    /// The job's id (the envelope's `id`, or a server-made one).
    pub id: String,
    /// The endpoint's path.
    pub endpoint: String,
    /// The API key's name that submitted it, if keys are in force.
    pub owner: Option<String>,
    /// What the job runner needs to run it (after a restart too).
    pub request: Value,
    /// A hash of the request body: the same id or idempotency key with
    /// another hash is a conflict.
    pub body_hash: String,
    /// The `Idempotency-Key`, scoped to `owner`.
    pub idempotency: Option<IdempotencyKey>,
    /// The prompt id it is to be submitted under, recorded with it (its
    /// first submission, as [`JobStore::set_prompt_id`] would count it),
    /// so its runner need not write the store before submitting.
    pub prompt_id: Option<String>,
    /// When it was accepted.
    pub at: Timestamp,
}

/// An `Idempotency-Key` and when it stops replaying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey {
    /// The header's value.
    pub key: String,
    /// From this time on the key is free again.
    pub expires_at: Timestamp,
}

/// A stored job: the wire [`Job`] plus what only the server sees.
#[derive(Clone, Debug, PartialEq)]
pub struct JobRecord {
    /// The job's id.
    pub id: String,
    /// The endpoint's path.
    pub endpoint: String,
    /// The API key's name that submitted it.
    pub owner: Option<String>,
    /// Where it is.
    pub status: JobStatus,
    /// When it was accepted.
    pub created_at: Timestamp,
    /// When it started running.
    pub started_at: Option<Timestamp>,
    /// When it reached its final state.
    pub finished_at: Option<Timestamp>,
    /// Its latest progress.
    pub progress: Option<Progress>,
    /// Its files as they are known.
    pub outputs: JobOutputs,
    /// Why it failed.
    pub error: Option<Problem>,
    /// ComfyUI's prompt id, once submitted (to re-attach after a restart).
    pub prompt_id: Option<String>,
    /// What the runner needs to run it.
    pub request: Value,
    /// The hash of the request body.
    pub body_hash: String,
    /// How many times it was handed to ComfyUI ([`JobStore::set_prompt_id`]
    /// counts them).
    pub submissions: u32,
}

impl JobRecord {
    /// The job as `GET /jobs/{id}` shows it.
    pub fn to_wire(&self) -> Job {
        Job {
            id: self.id.clone(),
            endpoint: self.endpoint.clone(),
            status: self.status,
            created_at: self.created_at,
            started_at: self.started_at,
            finished_at: self.finished_at,
            progress: self.progress.clone(),
            outputs: self.outputs.clone(),
            error: self.error.clone(),
            links: JobLinks::for_job(&self.id),
        }
    }
}

/// What [`JobStore::create`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct Created {
    /// The job: the new one, or the existing one a replay names.
    pub job: JobRecord,
    /// `true` when the key (or id) already named this job with the same
    /// body: nothing was created (`Idempotency-Replayed: true`).
    pub replayed: bool,
}

/// A status change, with what the new status carries.
#[derive(Clone, Debug, PartialEq)]
pub enum Transition {
    /// `running`: ComfyUI started it.
    Start,
    /// `succeeded`, with the outputs recorded so far.
    Succeed,
    /// `failed`, with the problem (boxed: it is large).
    Fail(Box<Problem>),
    /// `canceled`.
    Cancel,
}

impl Transition {
    /// The status it moves to.
    pub fn status(&self) -> JobStatus {
        match self {
            Transition::Start => JobStatus::Running,
            Transition::Succeed => JobStatus::Succeeded,
            Transition::Fail(_) => JobStatus::Failed,
            Transition::Cancel => JobStatus::Canceled,
        }
    }
}

/// A non-lifecycle event: what [`JobStore::append`] logs.
#[derive(Clone, Debug, PartialEq)]
pub enum Update {
    /// Progress; also becomes the job's `progress`.
    Progress(Progress),
    /// A file of the output `output`; also added to the job's `outputs`.
    Output {
        /// The output's name.
        output: String,
        /// The file.
        file: JobFile,
    },
}

/// One step of a job's life that logs an event: what
/// [`JobStore::record`] applies.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A status change.
    Transition(Transition),
    /// Progress or an output file.
    Update(Update),
}

impl From<Transition> for Change {
    fn from(t: Transition) -> Change {
        Change::Transition(t)
    }
}

impl From<Update> for Change {
    fn from(u: Update) -> Change {
        Change::Update(u)
    }
}

/// Applies `change` at `at` to `job` (see [`apply_transition`] and
/// [`apply_update`]).
pub(crate) fn apply_change(
    job: &mut JobRecord,
    change: Change,
    at: Timestamp,
) -> Result<JobEvent, StoreError> {
    match change {
        Change::Transition(t) => apply_transition(job, &t, at),
        Change::Update(u) => apply_update(job, u, at),
    }
}

/// Which jobs [`JobStore::list`] returns, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Only jobs in this status.
    pub status: Option<JobStatus>,
    /// Only jobs of this endpoint.
    pub endpoint: Option<String>,
    /// Only jobs of this owner (a key that sees its own jobs only).
    pub owner: Option<String>,
    /// At most this many (at least 1).
    pub limit: usize,
    /// The `next` of the previous page.
    pub cursor: Option<String>,
}

/// One page of [`JobStore::list`].
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The jobs, newest first.
    pub jobs: Vec<JobRecord>,
    /// The cursor of the next page; `None` on the last one.
    pub next: Option<String>,
}

/// Why an operation of the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No job has this id.
    #[error("no job {0:?}")]
    NotFound(String),
    /// The idempotency key already names a job with another body (422).
    #[error("the idempotency key {key:?} was used with another request body")]
    KeyReused {
        /// The key.
        key: String,
    },
    /// The id already names a job with another body (409).
    #[error("the id {id:?} already names a job with another request body")]
    IdTaken {
        /// The id.
        id: String,
    },
    /// The job's status may not move to `to`.
    #[error("job {id:?} cannot go from {from} to {to}")]
    IllegalTransition {
        /// The job.
        id: String,
        /// Its status.
        from: JobStatus,
        /// The status asked for.
        to: JobStatus,
    },
    /// The job is final: nothing more is recorded.
    #[error("job {id:?} is {status}: nothing more is recorded")]
    Finished {
        /// The job.
        id: String,
        /// Its final status.
        status: JobStatus,
    },
    /// A cursor this store did not make.
    #[error("the cursor is not one this server made")]
    BadCursor,
    /// The database failed.
    #[error("the job store failed: {0}")]
    Database(String),
}

/// Why [`open`] failed; every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The directory or file cannot be created, read or written.
    #[error("job store {path}: {reason}")]
    Io {
        /// The path.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
    /// The file is not a wfc job store; it was left as it was.
    #[error("job store {path} is not a wfc job store ({reason}); it was left untouched")]
    Foreign {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        reason: String,
    },
    /// The file is a wfc job store but damaged; it was left as it was.
    #[error("job store {path} is corrupt ({reason}); it was left untouched")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What SQLite found.
        reason: String,
    },
    /// A newer binary wrote the file.
    #[error(
        "job store {path} has schema version {found}, newer than this binary's {supported}; it was left untouched"
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: i64,
        /// Ours.
        supported: i64,
    },
}

/// The job store. Every method is one atomic step; the store is shared
/// (`Arc<dyn JobStore>`) by the handlers and the job runner.
#[async_trait]
pub trait JobStore: Send + Sync + 'static {
    /// Creates a job in `queued` and logs its `queued` event (seq 1),
    /// unless its idempotency key (scoped to its owner, not expired at
    /// `job.at`) or its id already names a job: with the same body hash
    /// that job is returned as `replayed`; with another,
    /// [`StoreError::KeyReused`] or [`StoreError::IdTaken`].
    async fn create(&self, job: NewJob) -> Result<Created, StoreError>;

    /// The job `id`.
    async fn get(&self, id: &str) -> Result<JobRecord, StoreError>;

    /// A page of jobs, newest first (by `created_at`, then creation
    /// order). A cursor this store did not make is [`StoreError::BadCursor`].
    async fn list(&self, query: &ListQuery) -> Result<Page, StoreError>;

    /// How many jobs are in `status` (admission: `MAX_QUEUED_JOBS`).
    async fn count(&self, status: JobStatus) -> Result<u64, StoreError>;

    /// Applies `changes` to the job in order at `at`, each logging its
    /// event with the job's next seq, all at once: a move
    /// [`JobStatus::can_become`] forbids is [`StoreError::IllegalTransition`],
    /// an update of a final job is [`StoreError::Finished`], and then
    /// nothing changes. Returns the job and the events.
    async fn record(
        &self,
        id: &str,
        changes: Vec<Change>,
        at: Timestamp,
    ) -> Result<(JobRecord, Vec<JobEvent>), StoreError>;

    /// [`JobStore::record`] of one status change: the job and its event.
    async fn transition(
        &self,
        id: &str,
        change: Transition,
        at: Timestamp,
    ) -> Result<(JobRecord, JobEvent), StoreError> {
        let (job, mut events) = self.record(id, vec![change.into()], at).await?;
        let event = events.pop().expect("one change logs one event");
        Ok((job, event))
    }

    /// Records ComfyUI's prompt id of the job (replacing an earlier one,
    /// for a re-submit) and counts the submission. A final job is
    /// [`StoreError::Finished`].
    async fn set_prompt_id(&self, id: &str, prompt_id: &str) -> Result<(), StoreError>;

    /// [`JobStore::record`] of one progress or output event.
    async fn append(
        &self,
        id: &str,
        update: Update,
        at: Timestamp,
    ) -> Result<JobEvent, StoreError> {
        let (_, mut events) = self.record(id, vec![update.into()], at).await?;
        Ok(events.pop().expect("one change logs one event"))
    }

    /// The job's events with a seq above `after`, in order (`after = 0`:
    /// all of them).
    async fn events_after(&self, id: &str, after: u64) -> Result<Vec<JobEvent>, StoreError>;

    /// Every job that is `queued` or `running`, oldest first: what a
    /// restart resumes.
    async fn unfinished(&self) -> Result<Vec<JobRecord>, StoreError>;

    /// Every finished job as (id, when it finished), the longest finished
    /// first: what the storage cap (`JOB_STORAGE_MAX_MB`) removes first.
    async fn finished_oldest_first(&self) -> Result<Vec<(String, Timestamp)>, StoreError>;

    /// Deletes every job that finished before `before`, with its events
    /// and keys; returns their ids (so their files can be removed).
    async fn delete_finished_before(&self, before: Timestamp) -> Result<Vec<String>, StoreError>;

    /// Forgets every idempotency key expired at `now`; returns how many.
    async fn expire_keys(&self, now: Timestamp) -> Result<u64, StoreError>;
}

/// `at` to the millisecond, the precision every store keeps.
pub(crate) fn millis(at: Timestamp) -> i64 {
    at.as_millisecond()
}

/// The time `ms` milliseconds after the epoch.
pub(crate) fn from_millis(ms: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_millisecond(ms).map_err(|e| StoreError::Database(format!("a stored time: {e}")))
}

/// `at` cut to the millisecond.
pub(crate) fn truncate(at: Timestamp) -> Timestamp {
    Timestamp::from_millisecond(at.as_millisecond()).unwrap_or(at)
}

/// The data of the event a job logs entering `change`'s status.
pub(crate) fn transition_data(change: &Transition, outputs: &JobOutputs) -> Value {
    match change {
        Transition::Start | Transition::Cancel => json!({}),
        Transition::Succeed => json!({ "outputs": outputs }),
        Transition::Fail(problem) => json!({ "error": problem }),
    }
}

/// Applies `change` at `at` to `job`, or says why it may not.
pub(crate) fn apply_transition(
    job: &mut JobRecord,
    change: &Transition,
    at: Timestamp,
) -> Result<JobEvent, StoreError> {
    let to = change.status();
    if !job.status.can_become(to) {
        return Err(StoreError::IllegalTransition {
            id: job.id.clone(),
            from: job.status,
            to,
        });
    }
    let at = truncate(at);
    job.status = to;
    match change {
        Transition::Start => job.started_at = Some(at),
        Transition::Fail(problem) => job.error = Some(Problem::clone(problem)),
        Transition::Succeed | Transition::Cancel => {}
    }
    if to.is_final() {
        job.finished_at = Some(at);
        job.progress = None;
    }
    Ok(JobEvent {
        seq: 0,
        kind: JobEventKind::entering(to),
        at,
        data: transition_data(change, &job.outputs),
    })
}

/// Applies `update` to `job`, or says it is final; returns the event
/// (its seq still to be set).
pub(crate) fn apply_update(
    job: &mut JobRecord,
    update: Update,
    at: Timestamp,
) -> Result<JobEvent, StoreError> {
    if job.status.is_final() {
        return Err(StoreError::Finished {
            id: job.id.clone(),
            status: job.status,
        });
    }
    let (kind, data) = match update {
        Update::Progress(progress) => {
            let data = json!(progress);
            job.progress = Some(progress);
            (JobEventKind::Progress, data)
        }
        Update::Output { output, file } => {
            let files = job.outputs.entry(output.clone()).or_default();
            let data = json!({ "output": output, "index": files.len(), "file": file });
            files.push(file);
            (JobEventKind::Output, data)
        }
    };
    Ok(JobEvent {
        seq: 0,
        kind,
        at: truncate(at),
        data,
    })
}

/// A new job's record, in `queued`.
pub(crate) fn new_record(job: &NewJob) -> JobRecord {
    JobRecord {
        id: job.id.clone(),
        endpoint: job.endpoint.clone(),
        owner: job.owner.clone(),
        status: JobStatus::Queued,
        created_at: truncate(job.at),
        started_at: None,
        finished_at: None,
        progress: None,
        outputs: JobOutputs::new(),
        error: None,
        prompt_id: job.prompt_id.clone(),
        request: job.request.clone(),
        body_hash: job.body_hash.clone(),
        submissions: u32::from(job.prompt_id.is_some()),
    }
}

/// The `queued` event every job starts its log with.
pub(crate) fn queued_event(job: &JobRecord) -> JobEvent {
    JobEvent {
        seq: 1,
        kind: JobEventKind::Queued,
        at: job.created_at,
        data: json!({}),
    }
}

/// What an existing job means for a create with `hash`: a replay, or the
/// conflict `conflict` when the body differs.
pub(crate) fn replay_or(
    existing: JobRecord,
    hash: &str,
    conflict: StoreError,
) -> Result<Created, StoreError> {
    if existing.body_hash == hash {
        Ok(Created {
            job: existing,
            replayed: true,
        })
    } else {
        Err(conflict)
    }
}
