//! The in-memory job store (`--store memory`): the same behaviour as the
//! SQLite store, held in maps behind one lock. Every job is lost when the
//! process ends.

use super::{
    Change, Created, Cursor, JobRecord, JobStore, ListQuery, NewJob, Page, StoreError,
    apply_change, millis, new_record, queued_event, replay_or,
};
use async_trait::async_trait;
use jiff::Timestamp;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use wfc_contract::wire::{JobEvent, JobStatus};

/// Jobs in memory.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    jobs: HashMap<String, Entry>,
    /// Position in the listing order → job id.
    order: BTreeMap<Cursor, String>,
    /// (owner or "", key) → (job id, expiry in ms).
    keys: HashMap<(String, String), (String, i64)>,
    next_seq: i64,
}

#[derive(Debug)]
struct Entry {
    job: JobRecord,
    position: Cursor,
    events: Vec<JobEvent>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    fn lock(&self) -> Result<MutexGuard<'_, State>, StoreError> {
        self.state
            .lock()
            .map_err(|_| StoreError::Database("the memory store's lock is poisoned".into()))
    }
}

/// Whether `job` passes the filters of `query`.
fn wanted(query: &ListQuery, job: &JobRecord) -> bool {
    query.status.is_none_or(|s| s == job.status)
        && query.endpoint.as_ref().is_none_or(|e| *e == job.endpoint)
        && query
            .owner
            .as_ref()
            .is_none_or(|o| Some(o) == job.owner.as_ref())
}

impl State {
    fn entry(&mut self, id: &str) -> Result<&mut Entry, StoreError> {
        self.jobs
            .get_mut(id)
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    fn push_event(entry: &mut Entry, mut event: JobEvent) -> JobEvent {
        event.seq = entry.events.len() as u64 + 1;
        entry.events.push(event.clone());
        event
    }
}

#[async_trait]
impl JobStore for MemoryStore {
    async fn create(&self, new: NewJob) -> Result<Created, StoreError> {
        let mut state = self.lock()?;
        let owner = new.owner.clone().unwrap_or_default();
        let now = millis(new.at);
        if let Some(idem) = &new.idempotency {
            let slot = (owner.clone(), idem.key.clone());
            match state.keys.get(&slot).cloned() {
                Some((job_id, expires)) if expires > now => {
                    let existing = state.entry(&job_id)?.job.clone();
                    let conflict = StoreError::KeyReused {
                        key: idem.key.clone(),
                    };
                    return replay_or(existing, &new.body_hash, conflict);
                }
                Some(_) => {
                    state.keys.remove(&slot);
                }
                None => {}
            }
        }
        if let Some(entry) = state.jobs.get(&new.id) {
            let conflict = StoreError::IdTaken { id: new.id.clone() };
            return replay_or(entry.job.clone(), &new.body_hash, conflict);
        }
        let job = new_record(&new);
        state.next_seq += 1;
        let position = Cursor {
            created_ms: millis(job.created_at),
            seq: state.next_seq,
        };
        if let Some(idem) = &new.idempotency {
            let expires = millis(idem.expires_at);
            state
                .keys
                .insert((owner, idem.key.clone()), (job.id.clone(), expires));
        }
        state.order.insert(position, job.id.clone());
        let events = vec![queued_event(&job)];
        let entry = Entry {
            job: job.clone(),
            position,
            events,
        };
        state.jobs.insert(job.id.clone(), entry);
        Ok(Created {
            job,
            replayed: false,
        })
    }

    async fn get(&self, id: &str) -> Result<JobRecord, StoreError> {
        Ok(self.lock()?.entry(id)?.job.clone())
    }

    async fn list(&self, query: &ListQuery) -> Result<Page, StoreError> {
        let after = match &query.cursor {
            Some(token) => Some(Cursor::decode(token).ok_or(StoreError::BadCursor)?),
            None => None,
        };
        let state = self.lock()?;
        let limit = query.limit.max(1);
        let older = match after {
            Some(c) => state.order.range(..c),
            None => state.order.range(..),
        };
        let mut found: Vec<(Cursor, JobRecord)> = older
            .rev()
            .filter_map(|(position, id)| Some((*position, &state.jobs.get(id)?.job)))
            .filter(|(_, job)| wanted(query, job))
            .take(limit + 1)
            .map(|(position, job)| (position, job.clone()))
            .collect();
        let more = found.len() > limit;
        found.truncate(limit);
        let next = more
            .then(|| found.last().map(|(position, _)| position.encode()))
            .flatten();
        let jobs = found.into_iter().map(|(_, job)| job).collect();
        Ok(Page { jobs, next })
    }

    async fn count(&self, status: JobStatus) -> Result<u64, StoreError> {
        let state = self.lock()?;
        Ok(state
            .jobs
            .values()
            .filter(|e| e.job.status == status)
            .count() as u64)
    }

    async fn record(
        &self,
        id: &str,
        changes: Vec<Change>,
        at: Timestamp,
    ) -> Result<(JobRecord, Vec<JobEvent>), StoreError> {
        let mut state = self.lock()?;
        let entry = state.entry(id)?;
        let mut job = entry.job.clone();
        let events = changes
            .into_iter()
            .map(|change| apply_change(&mut job, change, at))
            .collect::<Result<Vec<_>, _>>()?;
        entry.job = job.clone();
        let events = events
            .into_iter()
            .map(|event| State::push_event(entry, event))
            .collect();
        Ok((job, events))
    }

    async fn set_prompt_id(&self, id: &str, prompt_id: &str) -> Result<(), StoreError> {
        let mut state = self.lock()?;
        let job = &mut state.entry(id)?.job;
        if job.status.is_final() {
            return Err(StoreError::Finished {
                id: id.to_string(),
                status: job.status,
            });
        }
        job.prompt_id = Some(prompt_id.to_string());
        job.submissions = job.submissions.saturating_add(1);
        Ok(())
    }

    async fn events_after(&self, id: &str, after: u64) -> Result<Vec<JobEvent>, StoreError> {
        let mut state = self.lock()?;
        let events = &state.entry(id)?.events;
        let skip = usize::try_from(after)
            .unwrap_or(usize::MAX)
            .min(events.len());
        Ok(events[skip..].to_vec())
    }

    async fn unfinished(&self) -> Result<Vec<JobRecord>, StoreError> {
        let state = self.lock()?;
        Ok(state
            .order
            .values()
            .filter_map(|id| state.jobs.get(id))
            .filter(|e| !e.job.status.is_final())
            .map(|e| e.job.clone())
            .collect())
    }

    async fn finished_oldest_first(&self) -> Result<Vec<(String, Timestamp)>, StoreError> {
        let state = self.lock()?;
        let mut finished: Vec<(Timestamp, Cursor, String)> = state
            .jobs
            .values()
            .filter_map(|e| Some((e.job.finished_at?, e.position, e.job.id.clone())))
            .collect();
        finished.sort();
        Ok(finished.into_iter().map(|(at, _, id)| (id, at)).collect())
    }

    async fn delete_finished_before(&self, before: Timestamp) -> Result<Vec<String>, StoreError> {
        let mut state = self.lock()?;
        let before = millis(before);
        let mut gone: Vec<(Cursor, String)> = state
            .jobs
            .values()
            .filter(|e| e.job.finished_at.is_some_and(|t| millis(t) < before))
            .map(|e| (e.position, e.job.id.clone()))
            .collect();
        gone.sort();
        for (position, id) in &gone {
            state.order.remove(position);
            state.jobs.remove(id);
        }
        let ids: Vec<String> = gone.into_iter().map(|(_, id)| id).collect();
        state.keys.retain(|_, (job_id, _)| !ids.contains(job_id));
        Ok(ids)
    }

    async fn expire_keys(&self, now: Timestamp) -> Result<u64, StoreError> {
        let mut state = self.lock()?;
        let now = millis(now);
        let before = state.keys.len();
        state.keys.retain(|_, (_, expires)| *expires > now);
        Ok((before - state.keys.len()) as u64)
    }
}
