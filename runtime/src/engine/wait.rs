//! Submit one prompt and wait for its end: the websocket's events, and
//! checks of `/queue` and `/history` whenever the socket drops or comes
//! back, when the request is cancelled, and now and then in case an event
//! was lost. A prompt ComfyUI no longer knows, or a ComfyUI that stopped
//! answering, ends the wait with [`RunError::BackendLost`] within seconds
//! rather than at the deadline. The first event of the prompt splits its
//! time into queued and executed ([`PromptTimes`]).

use super::RunError;
use crate::backend::{Comfy, End, Interruption, PromptEvent, PromptState};
use serde_json::Value;
use std::time::{Duration, Instant};

/// How long ComfyUI may stay unreachable during a run before the prompt
/// counts as lost.
const UNREACHABLE_FOR: Duration = Duration::from_secs(3);
/// Checks while events flow.
const CHECK_EVERY: Duration = Duration::from_secs(5);
/// Checks while the socket is down or the prompt's fate is unclear.
const CHECK_OFTEN: Duration = Duration::from_millis(250);
/// How old a read of the queue another run made may be to serve a check.
const SHARE_READS_FOR: Duration = Duration::from_millis(200);
/// Longest wait for one check's answer.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// How long a prompt ComfyUI ran to an end waited and ran.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PromptTimes {
    /// From its submission to ComfyUI's first event about it (its
    /// `execution_start`); when no event was heard before its end (the
    /// websocket was down), until the end was seen.
    pub queued: Duration,
    /// From that first event to its end.
    pub executed: Duration,
}

impl PromptTimes {
    /// Submission to end.
    pub fn total(&self) -> Duration {
        self.queued + self.executed
    }
}

/// A prompt ComfyUI ran to an end (success, a node's error, an
/// interruption).
#[derive(Debug)]
pub(crate) struct Ran {
    pub(crate) end: End,
    pub(crate) times: PromptTimes,
}

impl Ran {
    /// Its times when it succeeded, else the run's error.
    pub(crate) fn into_result(self) -> Result<PromptTimes, RunError> {
        match self.end {
            End::Success => Ok(self.times),
            End::Error(failure) => Err(RunError::Execution(failure)),
            End::Interrupted(i) => Err(RunError::Interrupted(i)),
        }
    }
}

/// Submits `prompt` as `prompt_id` and waits for it to end, at most until
/// `deadline` (then it is removed or interrupted). Returns how long it
/// was queued and ran.
pub async fn run_prompt(
    comfy: &Comfy,
    prompt_id: &str,
    prompt: &Value,
    deadline: Instant,
) -> Result<PromptTimes, RunError> {
    submit_and_wait(comfy, prompt_id, Some(prompt), deadline, None)
        .await?
        .into_result()
}

/// Who hears a prompt's progress while it runs: `Started`, `Executing`,
/// `Cached` and `Progress` events are copied to it.
pub(crate) type Notes = tokio::sync::mpsc::UnboundedSender<PromptEvent>;

/// Submits `prompt` as `prompt_id` (`None`: it was submitted before, by
/// a process that restarted, and is only waited for) and waits for it to
/// end, at most until `deadline`, copying its progress to `notes`: how it
/// ended and when, or why the wait failed (not submitted, the deadline,
/// ComfyUI lost it).
pub(crate) async fn submit_and_wait(
    comfy: &Comfy,
    prompt_id: &str,
    prompt: Option<&Value>,
    deadline: Instant,
    notes: Option<&Notes>,
) -> Result<Ran, RunError> {
    let mut events = comfy.subscribe(prompt_id);
    let started = Instant::now();
    // When the first event of the prompt was heard: ComfyUI started it.
    let mut began: Option<Instant> = None;
    let mut next_check = Instant::now() + CHECK_EVERY;
    match prompt {
        Some(prompt) => comfy.submit(prompt_id, prompt).await?,
        // Its end may have passed unheard: ask at once.
        None => next_check = Instant::now(),
    }
    let mut watch = Watch::default();
    // Each check needs a read of the queue newer than the last one it
    // saw (the first: newer than the submission), and recent.
    let mut last_read = Instant::now();
    let end = loop {
        tokio::select! {
            event = events.recv() => match event {
                Some(PromptEvent::Ended(end)) => break end,
                Some(
                    note @ (PromptEvent::Started
                    | PromptEvent::Executing(_)
                    | PromptEvent::Cached(_)
                    | PromptEvent::Progress { .. }),
                ) => {
                    began.get_or_insert_with(Instant::now);
                    if let Some(notes) = notes {
                        let _ = notes.send(note);
                    }
                }
                Some(event) => {
                    // Check at once, with a read of the queue made after
                    // the event.
                    watch.cancelled |= matches!(event, PromptEvent::Cancelled);
                    last_read = Instant::now();
                    next_check = last_read;
                }
                None => {}
            },
            _ = tokio::time::sleep_until(deadline.into()) => {
                comfy.cancel(prompt_id).await;
                return Err(RunError::Deadline);
            }
            _ = tokio::time::sleep_until(next_check.into()) => {
                let not_before = (last_read + Duration::from_nanos(1))
                    .max(Instant::now().checked_sub(SHARE_READS_FOR).unwrap_or(last_read));
                let check = comfy.prompt_state(prompt_id, not_before);
                let state = tokio::time::timeout(CHECK_TIMEOUT, check).await;
                let state = match state {
                    Ok(Ok((s, read_at))) => {
                        last_read = read_at;
                        Ok(s)
                    }
                    Ok(Err(e)) => Err(e.to_string()),
                    Err(_) => Err(format!("no answer within {} s", CHECK_TIMEOUT.as_secs())),
                };
                if let Some(end) = watch.observe(comfy, prompt_id, state)? {
                    break end;
                }
                next_check = Instant::now()
                    + if watch.unsure() || !comfy.connected() { CHECK_OFTEN } else { CHECK_EVERY };
            }
        }
    };
    let ended = Instant::now();
    let began = began.unwrap_or(ended);
    Ok(Ran {
        end,
        times: PromptTimes {
            queued: began.saturating_duration_since(started),
            executed: ended.saturating_duration_since(began),
        },
    })
}

/// What the checks have seen so far.
#[derive(Default)]
struct Watch {
    /// The request was cancelled: a prompt gone from the queue was removed.
    cancelled: bool,
    /// Checks in a row that found the prompt nowhere.
    missing: u32,
    /// Since when ComfyUI has not answered the checks.
    unreachable_since: Option<Instant>,
}

impl Watch {
    fn unsure(&self) -> bool {
        self.cancelled || self.missing > 0 || self.unreachable_since.is_some()
    }

    /// Takes one check's result: the prompt's end, `None` to keep
    /// waiting, or the error that ends the wait.
    fn observe(
        &mut self,
        comfy: &Comfy,
        prompt_id: &str,
        state: Result<PromptState, String>,
    ) -> Result<Option<End>, RunError> {
        match state {
            Ok(PromptState::Ended(end)) => Ok(Some(end)),
            Ok(PromptState::Pending | PromptState::Running) => {
                self.missing = 0;
                self.unreachable_since = None;
                Ok(None)
            }
            Ok(PromptState::Unknown) if self.cancelled => {
                Ok(Some(End::Interrupted(Interruption::default())))
            }
            Ok(PromptState::Unknown) => {
                self.unreachable_since = None;
                self.missing += 1;
                // Twice in a row, so that a prompt moving from the queue to
                // the history between two reads is not taken for lost.
                if self.missing < 2 {
                    return Ok(None);
                }
                Err(RunError::BackendLost(format!(
                    "ComfyUI at {} no longer knows prompt {prompt_id}: it is not queued, not running and not in the history (ComfyUI restarted or dropped it)",
                    comfy.base()
                )))
            }
            Err(why) => {
                let since = *self.unreachable_since.get_or_insert_with(Instant::now);
                if since.elapsed() < UNREACHABLE_FOR {
                    return Ok(None);
                }
                Err(RunError::BackendLost(format!(
                    "ComfyUI at {} stopped answering while prompt {prompt_id} was queued or running ({why})",
                    comfy.base()
                )))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Timeouts;

    fn comfy() -> std::sync::Arc<Comfy> {
        Comfy::new("http://127.0.0.1:9", Timeouts::default())
    }

    #[test]
    fn a_prompt_found_nowhere_twice_in_a_row_is_lost() {
        let (c, mut w) = (comfy(), Watch::default());
        assert!(matches!(
            w.observe(&c, "p", Ok(PromptState::Unknown)),
            Ok(None)
        ));
        assert!(w.unsure());
        let lost = w.observe(&c, "p", Ok(PromptState::Unknown));
        assert!(matches!(lost, Err(RunError::BackendLost(_))), "{lost:?}");
    }

    #[test]
    fn a_prompt_seen_in_the_queue_between_resets_the_count() {
        let (c, mut w) = (comfy(), Watch::default());
        assert!(matches!(
            w.observe(&c, "p", Ok(PromptState::Unknown)),
            Ok(None)
        ));
        assert!(matches!(
            w.observe(&c, "p", Ok(PromptState::Running)),
            Ok(None)
        ));
        assert!(!w.unsure());
        assert!(matches!(
            w.observe(&c, "p", Ok(PromptState::Unknown)),
            Ok(None)
        ));
    }

    #[test]
    fn a_cancelled_prompt_gone_from_the_queue_was_interrupted() {
        let (c, mut w) = (comfy(), Watch::default());
        w.cancelled = true;
        let end = w.observe(&c, "p", Ok(PromptState::Unknown));
        assert!(matches!(end, Ok(Some(End::Interrupted(_)))), "{end:?}");
    }

    #[test]
    fn comfyui_silent_for_a_moment_is_not_lost_yet() {
        let (c, mut w) = (comfy(), Watch::default());
        assert!(matches!(
            w.observe(&c, "p", Err("refused".into())),
            Ok(None)
        ));
        w.unreachable_since = Some(Instant::now() - UNREACHABLE_FOR);
        let lost = w.observe(&c, "p", Err("refused".into()));
        assert!(
            matches!(&lost, Err(RunError::BackendLost(d)) if d.contains("stopped answering")),
            "{lost:?}"
        );
    }
}
