//! One job's run: record the prompt id before submitting (so a restart
//! can re-attach), run it through the engine, turn ComfyUI's progress
//! into `started` and throttled `progress` events, keep the output files
//! and log an `output` event for each, and end the job `succeeded`,
//! `failed` (with the problem the synchronous answer gives) or `canceled`.

use super::{Finished, JobRequest, Jobs, now, store_failed};
use crate::backend::PromptEvent;
use crate::engine::problem::{Target, from_run};
use crate::engine::{RunError, RunOutput, RunRequest};
use crate::graph::Graph;
use crate::store::{JobRecord, Transition, Update};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{Notify, mpsc};
use wfc_contract::wire::{JobFile, JobLinks, JobStatus, Problem, ProblemKind, Progress};

/// How a runner starts.
pub(crate) enum Mode {
    /// Stage and submit the prompt under a new prompt id.
    Fresh,
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
    let result = loop {
        tokio::select! {
            result = &mut run => break result,
            Some(note) = notes.recv() => tracker.note(jobs, &id, note).await,
            () = cancel.notified() => {
                // `Jobs::cancel` recorded it; make sure ComfyUI drops it
                // even if it was being submitted.
                jobs.engine.cancel_prompt(&prompt_id).await;
                return Err(canceled(&id));
            }
        }
    };
    match result {
        Ok(output) => {
            tracker.start(jobs, &id).await;
            match keep_outputs(jobs, &job, &output).await {
                Ok(()) => {
                    end(jobs, &job, Transition::Succeed).await;
                    Ok(output)
                }
                Err(problem) => {
                    end(jobs, &job, Transition::Fail(Box::new(problem.clone()))).await;
                    Err(problem)
                }
            }
        }
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
    // Only a running job may succeed; one ComfyUI never announced starts
    // now.
    if matches!(change, Transition::Succeed)
        && let Ok(current) = jobs.store.get(&job.id).await
        && current.status == JobStatus::Queued
    {
        let _ = jobs.transition(&job.id, Transition::Start).await;
    }
    match jobs.transition(&job.id, change).await {
        Ok((done, _)) => {
            tracing::info!(job = job.id.as_str(), status = %done.status, "job finished")
        }
        Err(crate::store::StoreError::IllegalTransition { .. }) => {}
        Err(e) => {
            tracing::error!(job = job.id.as_str(), error = %e, "cannot record the end of a job")
        }
    }
}

/// Keeps every output file and logs its `output` event; files a previous
/// process already recorded (before a restart) are not recorded twice.
async fn keep_outputs(jobs: &Jobs, job: &JobRecord, output: &RunOutput) -> Result<(), Problem> {
    let recorded = jobs.store.get(&job.id).await.map_err(store_failed)?.outputs;
    for (name, indexes) in &output.named {
        let have = recorded.get(name).map_or(0, Vec::len);
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
            let update = Update::Output {
                output: name.clone(),
                file: JobFile {
                    filename: file.filename.clone(),
                    content_type: file.content_type.to_string(),
                    url: JobLinks::output(&job.id, name, index),
                },
            };
            let event = jobs
                .store
                .append(&job.id, update, now())
                .await
                .map_err(store_failed)?;
            jobs.hub.publish(&job.id, &event);
        }
    }
    Ok(())
}

/// What a job's progress is made of: the nodes done, the node running,
/// its steps; `progress` events at most every `progress_every`.
struct Tracker {
    total: usize,
    done: HashSet<String>,
    node: Option<String>,
    value: u64,
    max: u64,
    started: bool,
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
            started,
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

    /// Logs `started` once.
    async fn start(&mut self, jobs: &Jobs, id: &str) {
        if self.started {
            return;
        }
        self.started = true;
        if let Err(e) = jobs.transition(id, Transition::Start).await {
            tracing::debug!(job = id, error = %e, "job not started");
        }
    }

    async fn note(&mut self, jobs: &Jobs, id: &str, note: PromptEvent) {
        self.start(jobs, id).await;
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
                return;
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
            _ => return,
        }
        let due = self
            .last
            .is_none_or(|t| t.elapsed() >= jobs.settings.progress_every);
        if !due {
            return;
        }
        self.last = Some(Instant::now());
        let progress = Progress {
            node: self.node.clone(),
            value: self.value,
            max: self.max,
            fraction: self.fraction(),
        };
        match jobs
            .store
            .append(id, Update::Progress(progress), now())
            .await
        {
            Ok(event) => jobs.hub.publish(id, &event),
            Err(e) => tracing::debug!(job = id, error = %e, "progress not recorded"),
        }
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
}
