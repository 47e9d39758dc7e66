//! One job's run: record the prompt id before submitting (so a restart
//! can re-attach), run it through the engine, turn ComfyUI's progress
//! into `started` and throttled `progress` events, keep the output files
//! and log an `output` event for each, and end the job `succeeded`,
//! `failed` (with the problem the synchronous answer gives) or `canceled`.

use super::{Finished, JobRequest, Jobs, store_failed};
use crate::backend::PromptEvent;
use crate::engine::problem::{Target, from_run};
use crate::engine::{RunError, RunOutput, RunRequest};
use crate::graph::Graph;
use crate::store::{Change, JobRecord, Transition, Update};
use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{Notify, mpsc};
use wfc_contract::wire::{JobFile, JobLinks, JobStatus, Problem, ProblemKind, Progress};

/// How a runner starts.
pub(crate) enum Mode {
    /// Stage and submit the prompt under a new prompt id, recorded first.
    Fresh,
    /// Stage and submit the prompt under this prompt id, recorded when
    /// the job was created.
    Submit(String),
    /// The prompt was submitted by a process that restarted: wait for it.
    Attach(String),
}

/// Runs `job` to its final state; returns what the synchronous answer
/// gives.
pub(super) async fn run(
    jobs: &Arc<Jobs>,
    job: JobRecord,
    mode: Mode,
    arrived: Instant,
    cancel: &Notify,
) -> Finished {
    let id = job.id.clone();
    let endpoint = jobs.endpoint(&job.endpoint);
    let target = match endpoint {
        Some(e) => Target::Endpoint(e),
        None => Target::Graph,
    };
    let request: JobRequest = match serde_json::from_value(job.request.clone()) {
        Ok(r) => r,
        Err(e) => {
            let problem = Problem::new(
                ProblemKind::StoreFailed,
                format!("the stored request of job {id} cannot be read: {e}"),
            );
            end(jobs, &job, Transition::Fail(Box::new(problem.clone()))).await;
            return Err(problem);
        }
    };
    let (submit, prompt_id) = match mode {
        Mode::Attach(prompt_id) => (false, prompt_id),
        Mode::Submit(prompt_id) => (true, prompt_id),
        Mode::Fresh => {
            let prompt_id = crate::ids::random_id();
            if let Err(e) = jobs.store.set_prompt_id(&id, &prompt_id).await {
                // Canceled meanwhile, or the store failed: not submitted.
                return Err(end_unsubmitted(jobs, &job, e).await);
            }
            (true, prompt_id)
        }
    };
    let mut tracker = Tracker::new(&request.prompt, job.status == JobStatus::Running);
    let (notes_tx, mut notes) = mpsc::unbounded_channel();
    let outputs = endpoint.map(|e| {
        e.outputs
            .iter()
            .map(|o| {
                (
                    o.name.as_str(),
                    o.nodes.iter().map(|n| n.id.as_str()).collect(),
                )
            })
            .collect()
    });
    let graph = Graph {
        prompt: request.prompt,
        images: request.images,
    };
    let run = jobs.engine.run(RunRequest {
        id: &id,
        endpoint,
        owner: job.owner.as_deref(),
        graph,
        outputs,
        convert: request.convert,
        arrived,
        prompt_id: &prompt_id,
        submit,
        notes: Some(notes_tx),
    });
    tokio::pin!(run);
    // The start and progress are written while the run goes on, one write
    // at a time: notes that arrive meanwhile are folded into the next.
    let mut writing: Option<Pin<Box<Write<'_>>>> = None;
    let result = loop {
        tokio::select! {
            result = &mut run => break result,
            Some(note) = notes.recv() => tracker.absorb(note),
            written = async { writing.as_mut().expect("guarded").await }, if writing.is_some() => {
                writing = None;
                tracker.written(written);
            }
            () = cancel.notified() => {
                // `Jobs::cancel` recorded it; make sure ComfyUI drops it
                // even if it was being submitted.
                jobs.engine.cancel_prompt(&prompt_id).await;
                return Err(canceled(&id));
            }
        }
        if writing.is_none() {
            writing = tracker.pending(jobs.settings.progress_every).map(|batch| {
                let id = id.as_str();
                Box::pin(async move {
                    match jobs.record(id, batch.changes).await {
                        Ok(_) => false,
                        Err(e) => {
                            tracing::debug!(job = id, error = %e, "progress not recorded");
                            batch.start
                        }
                    }
                }) as Pin<Box<Write<'_>>>
            });
        }
    };
    // The end is logged after the last start or progress event.
    if let Some(write) = writing {
        tracker.written(write.await);
    }
    match result {
        Ok(output) => match succeed(jobs, &job, &output, tracker.opening()).await {
            Ok(()) => Ok(output),
            Err(problem) => {
                end(jobs, &job, Transition::Fail(Box::new(problem.clone()))).await;
                Err(problem)
            }
        },
        Err(RunError::Interrupted(i)) => {
            let problem = from_run(RunError::Interrupted(i), target, &id);
            end(jobs, &job, Transition::Cancel).await;
            Err(problem)
        }
        Err(e) => {
            let problem = from_run(e, target, &id);
            end(jobs, &job, Transition::Fail(Box::new(problem.clone()))).await;
            Err(problem)
        }
    }
}

/// The answer of a job canceled through `POST /jobs/{id}/cancel`.
fn canceled(id: &str) -> Problem {
    Problem::new(
        ProblemKind::Interrupted,
        format!("job {id} was canceled (POST /jobs/{id}/cancel)"),
    )
}

/// A job that could not record its prompt id: canceled meanwhile, or a
/// store that failed (then the job is failed if the store lets it).
async fn end_unsubmitted(jobs: &Jobs, job: &JobRecord, e: crate::store::StoreError) -> Problem {
    if let crate::store::StoreError::Finished { .. } = e {
        return canceled(&job.id);
    }
    let problem = store_failed(e);
    end(jobs, job, Transition::Fail(Box::new(problem.clone()))).await;
    problem
}

/// Moves the job to its final state; a job already final (canceled
/// meanwhile) stays as it is.
async fn end(jobs: &Jobs, job: &JobRecord, change: Transition) {
    match jobs.transition(&job.id, change).await {
        Ok(done) => {
            tracing::info!(job = job.id.as_str(), status = %done.status, "job finished")
        }
        Err(crate::store::StoreError::IllegalTransition { .. }) => {}
        Err(e) => {
            tracing::error!(job = job.id.as_str(), error = %e, "cannot record the end of a job")
        }
    }
}

/// Keeps every output file, then records, at once, `opening` (the start
/// of a job ComfyUI never announced), an `output` event for each file
/// and the job's success. Files a previous process already recorded
/// (before a restart) are not recorded twice. A job canceled meanwhile
/// stays canceled, and so does the answer.
async fn succeed(
    jobs: &Jobs,
    job: &JobRecord,
    output: &RunOutput,
    opening: Option<Change>,
) -> Result<(), Problem> {
    let mut changes: Vec<Change> = opening.into_iter().collect();
    for (name, indexes) in &output.named {
        let have = job.outputs.get(name).map_or(0, Vec::len);
        for (index, &i) in indexes.iter().enumerate().skip(have) {
            let file = &output.files[i];
            jobs.files
                .put(&job.id, name, index, &file.bytes)
                .await
                .map_err(|e| {
                    Problem::new(
                        ProblemKind::StoreFailed,
                        format!("cannot keep output file {}: {e}", file.filename),
                    )
                })?;
            changes.push(Change::Update(Update::Output {
                output: name.clone(),
                file: JobFile {
                    filename: file.filename.clone(),
                    content_type: file.content_type.to_string(),
                    url: JobLinks::output(&job.id, name, index),
                },
            }));
        }
    }
    changes.push(Change::Transition(Transition::Succeed));
    match jobs.record(&job.id, changes).await {
        Ok((done, _)) => {
            tracing::info!(job = job.id.as_str(), status = %done.status, "job finished");
            Ok(())
        }
        Err(
            crate::store::StoreError::IllegalTransition { .. }
            | crate::store::StoreError::Finished { .. },
        ) => Err(canceled(&job.id)),
        Err(e) => Err(store_failed(e)),
    }
}

/// A write of the start or progress of a job: whether a start it carried
/// was lost (so it is written again).
type Write<'a> = dyn Future<Output = bool> + Send + 'a;

/// The changes of one write of a [`Tracker`].
struct Batch {
    changes: Vec<Change>,
    /// Whether it holds the job's start.
    start: bool,
}

/// What a job's progress is made of: the nodes done, the node running,
/// its steps; whether its start is recorded; `progress` events at most
/// every `progress_every`.
struct Tracker {
    total: usize,
    done: HashSet<String>,
    node: Option<String>,
    value: u64,
    max: u64,
    /// ComfyUI said something of the run: it started.
    noted: bool,
    /// The start is recorded, or being written.
    started: bool,
    /// Progress worth an event arrived since the last one.
    moved: bool,
    last: Option<Instant>,
}

impl Tracker {
    fn new(prompt: &serde_json::Value, started: bool) -> Tracker {
        Tracker {
            total: prompt.as_object().map_or(0, |o| o.len()).max(1),
            done: HashSet::new(),
            node: None,
            value: 0,
            max: 0,
            noted: false,
            started,
            moved: false,
            last: None,
        }
    }

    /// The share of the graph done: whole nodes, plus the running node's
    /// steps.
    fn fraction(&self) -> f64 {
        let steps = if self.max > 0 {
            self.value.min(self.max) as f64 / self.max as f64
        } else {
            0.0
        };
        ((self.done.len() as f64 + steps) / self.total as f64).clamp(0.0, 1.0)
    }

    /// The `started` change, if it is neither recorded nor being written.
    fn opening(&mut self) -> Option<Change> {
        (!std::mem::replace(&mut self.started, true))
            .then_some(Change::Transition(Transition::Start))
    }

    /// What to write now: the job's start once ComfyUI said something of
    /// the run, and its progress when it moved and an event is due.
    fn pending(&mut self, every: std::time::Duration) -> Option<Batch> {
        let mut changes: Vec<Change> = Vec::new();
        if self.noted {
            changes.extend(self.opening());
        }
        let start = !changes.is_empty();
        if self.moved && self.due(every) {
            self.moved = false;
            changes.push(Change::Update(Update::Progress(Progress {
                node: self.node.clone(),
                value: self.value,
                max: self.max,
                fraction: self.fraction(),
            })));
        }
        (!changes.is_empty()).then_some(Batch { changes, start })
    }

    /// A write of [`Tracker::pending`] ended; a start it lost is written
    /// again.
    fn written(&mut self, lost_start: bool) {
        if lost_start {
            self.started = false;
        }
    }

    /// Takes in `note`.
    fn absorb(&mut self, note: PromptEvent) {
        // A lost websocket or a cancel request says nothing of the run.
        self.noted |= !matches!(note, PromptEvent::Disconnected | PromptEvent::Cancelled);
        self.moved |= self.moves(note);
    }

    /// Takes in `note`; whether it is worth a progress event.
    fn moves(&mut self, note: PromptEvent) -> bool {
        match note {
            PromptEvent::Executing(node) => {
                if let Some(previous) = self.node.replace(node) {
                    self.done.insert(previous);
                }
                (self.value, self.max) = (0, 0);
            }
            PromptEvent::Cached(nodes) => {
                self.done.extend(nodes);
                // Cached nodes alone are not worth an event.
                return false;
            }
            PromptEvent::Progress { node, value, max } => {
                if node.is_some()
                    && node != self.node
                    && let Some(previous) = std::mem::replace(&mut self.node, node)
                {
                    self.done.insert(previous);
                }
                (self.value, self.max) = (value, max);
            }
            _ => return false,
        }
        true
    }

    /// Whether a progress event is due (at most one every `every`); if so
    /// the clock restarts.
    fn due(&mut self, every: std::time::Duration) -> bool {
        if self.last.is_some_and(|t| t.elapsed() < every) {
            return false;
        }
        self.last = Some(Instant::now());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_fraction_counts_whole_nodes_and_the_running_nodes_steps() {
        let prompt = json!({"1": {}, "2": {}, "3": {}, "4": {}});
        let mut t = Tracker::new(&prompt, true);
        assert_eq!(t.fraction(), 0.0);
        t.done.extend(["1".to_string(), "2".to_string()]);
        t.node = Some("3".into());
        (t.value, t.max) = (5, 10);
        assert_eq!(t.fraction(), 0.625);
        (t.value, t.max) = (99, 10);
        assert_eq!(t.fraction(), 0.75, "steps past max count as max");
        let empty = Tracker::new(&json!({}), false);
        assert_eq!(empty.fraction(), 0.0);
    }

    fn kinds(batch: Option<Batch>) -> Vec<&'static str> {
        batch.map_or(vec![], |b| {
            assert_eq!(
                b.start,
                b.changes.contains(&Change::Transition(Transition::Start))
            );
            b.changes
                .iter()
                .map(|c| match c {
                    Change::Transition(Transition::Start) => "start",
                    Change::Update(Update::Progress(_)) => "progress",
                    _ => "other",
                })
                .collect()
        })
    }

    #[test]
    fn writes_hold_the_start_once_then_progress_at_most_every_interval() {
        let every = std::time::Duration::from_secs(3600);
        let mut t = Tracker::new(&json!({"1": {}, "2": {}}), false);
        assert!(kinds(t.pending(every)).is_empty(), "nothing said yet");
        t.absorb(PromptEvent::Disconnected);
        assert!(
            kinds(t.pending(every)).is_empty(),
            "a lost socket is no start"
        );
        t.absorb(PromptEvent::Started);
        assert_eq!(kinds(t.pending(every)), ["start"]);
        t.absorb(PromptEvent::Executing("1".into()));
        t.absorb(PromptEvent::Progress {
            node: Some("1".into()),
            value: 1,
            max: 4,
        });
        assert_eq!(kinds(t.pending(every)), ["progress"], "folded into one");
        t.absorb(PromptEvent::Progress {
            node: Some("1".into()),
            value: 2,
            max: 4,
        });
        assert!(kinds(t.pending(every)).is_empty(), "not due yet");
        assert_eq!(kinds(t.pending(std::time::Duration::ZERO)), ["progress"]);
        assert!(
            kinds(t.pending(std::time::Duration::ZERO)).is_empty(),
            "no new progress"
        );
        assert_eq!(t.opening(), None, "the start is recorded");
    }

    #[test]
    fn a_start_that_was_not_recorded_is_written_again() {
        let mut t = Tracker::new(&json!({"1": {}}), false);
        t.absorb(PromptEvent::Started);
        assert_eq!(kinds(t.pending(std::time::Duration::ZERO)), ["start"]);
        t.written(true);
        assert_eq!(kinds(t.pending(std::time::Duration::ZERO)), ["start"]);
        t.written(false);
        assert_eq!(t.opening(), None);
        let mut attached = Tracker::new(&json!({"1": {}}), true);
        attached.absorb(PromptEvent::Started);
        assert!(kinds(attached.pending(std::time::Duration::ZERO)).is_empty());
    }
}
