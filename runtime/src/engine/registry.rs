//! The runs in flight, by the request id the client gave, so that
//! `POST /interrupt {id}` finds their prompts. Several requests may share
//! an id; interrupting the id interrupts them all.

use std::collections::HashMap;
use std::sync::Mutex;

/// Request id to the prompt ids of its runs.
#[derive(Default)]
pub(crate) struct Registry {
    runs: Mutex<HashMap<String, Vec<String>>>,
}

impl Registry {
    /// Records that request `id` runs `prompt_id` until the guard drops.
    pub(crate) fn enter(&self, id: &str, prompt_id: &str) -> Entry<'_> {
        self.runs
            .lock()
            .expect("registry lock")
            .entry(id.to_string())
            .or_default()
            .push(prompt_id.to_string());
        Entry {
            registry: self,
            id: id.to_string(),
            prompt_id: prompt_id.to_string(),
        }
    }

    /// The prompts request `id` runs now.
    pub(crate) fn prompts(&self, id: &str) -> Vec<String> {
        self.runs
            .lock()
            .expect("registry lock")
            .get(id)
            .cloned()
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
            && let Some(prompts) = runs.get_mut(&self.id)
        {
            prompts.retain(|p| *p != self.prompt_id);
            if prompts.is_empty() {
                runs.remove(&self.id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_sharing_an_id_are_tracked_apart() {
        let r = Registry::default();
        let a = r.enter("x", "p1");
        let b = r.enter("x", "p2");
        assert_eq!(r.prompts("x"), ["p1", "p2"]);
        drop(a);
        assert_eq!(r.prompts("x"), ["p2"]);
        drop(b);
        assert!(r.prompts("x").is_empty());
    }
}
