//! Readiness: wait for ComfyUI, run the warmup workflow if there is one,
//! and say why the app is not ready yet (for `/ready`).

use super::run_prompt;
use crate::backend::Comfy;
use serde_json::Value;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Whether the warmup is done, and if not, why.
pub(crate) struct Readiness {
    warm: AtomicBool,
    status: Mutex<String>,
}

impl Readiness {
    pub(crate) fn new(warm: bool) -> Readiness {
        Readiness {
            warm: AtomicBool::new(warm),
            status: Mutex::new("warming up".into()),
        }
    }

    /// `Ok` once warm, else why not.
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.warm.load(Ordering::Acquire) {
            Ok(())
        } else {
            Err(self.status.lock().expect("readiness lock").clone())
        }
    }

    fn set(&self, why: String) {
        *self.status.lock().expect("readiness lock") = why;
    }

    fn done(&self) {
        self.warm.store(true, Ordering::Release);
    }
}

/// Waits for ComfyUI, runs the warmup workflow if there is one, and marks
/// the app warm. A failed warmup is retried every 10 s.
pub(crate) async fn warm_up(
    readiness: &Readiness,
    comfy: &Comfy,
    prompt_file: Option<&Path>,
    timeout: Duration,
) {
    let prompt = match prompt_file {
        None => None,
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<Value>(&t).map_err(|e| e.to_string()))
        {
            Ok(v) => Some(v.get("prompt").cloned().unwrap_or(v)),
            Err(e) => {
                let why = format!("cannot read WARMUP_PROMPT_FILE {}: {e}", path.display());
                tracing::error!("{why}");
                readiness.set(why);
                return;
            }
        },
    };
    let mut backoff = Duration::from_millis(200);
    while let Err(e) = comfy.system_stats().await {
        readiness.set(format!("waiting for ComfyUI: {e}"));
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(5));
    }
    let Some(prompt) = prompt else {
        readiness.done();
        return;
    };
    loop {
        readiness.set("running the warmup workflow".into());
        let started = Instant::now();
        let prompt_id = crate::ids::random_id();
        match run_prompt(comfy, &prompt_id, &prompt, started + timeout).await {
            Ok(_) => {
                tracing::info!(
                    ms = started.elapsed().as_millis() as u64,
                    "warmup workflow done"
                );
                readiness.done();
                return;
            }
            Err(e) => {
                tracing::error!(error = %e, "warmup workflow failed; retrying in 10 s");
                readiness.set(format!("the warmup workflow failed: {e}"));
                tokio::time::sleep(Duration::from_secs(10)).await;
            }
        }
    }
}
