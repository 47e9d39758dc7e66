//! The runs in flight, by the request id the client gave, so that
//! `POST /interrupt {id}` finds their prompts. Several requests may share
//! an id; interrupting the id interrupts all of them that the caller
//! reaches (its own, or every one with the `jobs = "all"` scope).

use crate::auth::Caller;
use std::collections::HashMap;
use std::sync::Mutex;

/// One run: its prompt and the key that started it.
struct Run {
    prompt_id: String,
    owner: Option<String>,
}

/// Request id to its runs.
#[derive(Default)]
pub(crate) struct Registry {
    runs: Mutex<HashMap<String, Vec<Run>>>,
}

impl Registry {
    /// Records that request `id`, sent by `owner`, runs `prompt_id` until
    /// the guard drops.
    pub(crate) fn enter(&self, id: &str, owner: Option<&str>, prompt_id: &str) -> Entry<'_> {
        self.runs
            .lock()
            .expect("registry lock")
            .entry(id.to_string())
            .or_default()
            .push(Run {
                prompt_id: prompt_id.to_string(),
                owner: owner.map(str::to_string),
            });
        Entry {
            registry: self,
            id: id.to_string(),
            prompt_id: prompt_id.to_string(),
        }
    }

    /// The prompts request `id` runs now that `caller` reaches.
    pub(crate) fn prompts(&self, id: &str, caller: &Caller) -> Vec<String> {
        self.runs
            .lock()
            .expect("registry lock")
            .get(id)
            .map(|runs| {
                runs.iter()
                    .filter(|r| caller.reaches(r.owner.as_deref()))
                    .map(|r| r.prompt_id.clone())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A run's record; removed when dropped.
pub(crate) struct Entry<'a> {
    registry: &'a Registry,
    id: String,
    prompt_id: String,
}

impl Drop for Entry<'_> {
    fn drop(&mut self) {
        if let Ok(mut runs) = self.registry.runs.lock()
            && let Some(list) = runs.get_mut(&self.id)
        {
            list.retain(|r| r.prompt_id != self.prompt_id);
            if list.is_empty() {
                runs.remove(&self.id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::JobAccess;

    fn key(name: &str, jobs: JobAccess) -> Caller {
        Caller::Key {
            name: name.into(),
            jobs,
        }
    }

    #[test]
    fn runs_sharing_an_id_are_tracked_apart() {
        let r = Registry::default();
        let a = r.enter("x", None, "p1");
        let b = r.enter("x", None, "p2");
        assert_eq!(r.prompts("x", &Caller::Open), ["p1", "p2"]);
        drop(a);
        assert_eq!(r.prompts("x", &Caller::Open), ["p2"]);
        drop(b);
        assert!(r.prompts("x", &Caller::Open).is_empty());
    }

    #[test]
    fn a_key_reaches_its_own_runs_unless_it_sees_all() {
        let r = Registry::default();
        let _a = r.enter("x", Some("alice"), "p1");
        let _b = r.enter("x", Some("bob"), "p2");
        assert_eq!(r.prompts("x", &key("alice", JobAccess::Own)), ["p1"]);
        assert_eq!(r.prompts("x", &key("bob", JobAccess::Own)), ["p2"]);
        assert!(r.prompts("x", &key("carol", JobAccess::Own)).is_empty());
        assert_eq!(r.prompts("x", &key("ops", JobAccess::All)), ["p1", "p2"]);
        assert!(r.prompts("x", &Caller::Anonymous).is_empty());
    }
}
