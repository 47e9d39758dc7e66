//! Live events of jobs: a broadcast channel per job that someone watches.
//! The store is the log; the hub only wakes subscribers. A runner writes
//! an event to the store first and publishes it after, and a subscriber
//! subscribes first and reads the store after, so no event falls between
//! the two (duplicates are dropped by `seq`).

use std::collections::HashMap;
use std::sync::Mutex;
use tokio::sync::broadcast;
use wfc_contract::wire::JobEvent;

/// Events buffered per job for slow subscribers; one that falls further
/// behind re-reads the store.
const BUFFER: usize = 256;

/// The channels of the jobs someone watches.
#[derive(Default)]
pub(crate) struct Hub {
    channels: Mutex<HashMap<String, broadcast::Sender<JobEvent>>>,
}

impl Hub {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, broadcast::Sender<JobEvent>>> {
        self.channels.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The live events of job `id` from now on.
    pub(crate) fn subscribe(&self, id: &str) -> broadcast::Receiver<JobEvent> {
        self.lock()
            .entry(id.to_string())
            .or_insert_with(|| broadcast::channel(BUFFER).0)
            .subscribe()
    }

    /// Tells the subscribers of job `id` about `event` (already stored).
    /// After a final event the channel closes: subscribers drain it, then
    /// see it closed.
    pub(crate) fn publish(&self, id: &str, event: &JobEvent) {
        let mut channels = self.lock();
        if let Some(tx) = channels.get(id) {
            let _ = tx.send(event.clone());
        }
        if event.kind.is_final() {
            channels.remove(id);
        }
    }

    /// Drops job `id`'s channel when nobody listens any more.
    pub(crate) fn release(&self, id: &str) {
        let mut channels = self.lock();
        if channels.get(id).is_some_and(|tx| tx.receiver_count() == 0) {
            channels.remove(id);
        }
    }

    /// How many jobs have a channel (for tests).
    #[cfg(test)]
    pub(crate) fn channels(&self) -> usize {
        self.lock().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wfc_contract::wire::JobEventKind;

    fn event(seq: u64, kind: JobEventKind) -> JobEvent {
        JobEvent {
            seq,
            kind,
            at: jiff::Timestamp::UNIX_EPOCH,
            data: serde_json::json!({}),
        }
    }

    #[tokio::test]
    async fn subscribers_hear_events_until_the_final_one_closes_the_channel() {
        let hub = Hub::default();
        let mut a = hub.subscribe("j");
        let mut b = hub.subscribe("j");
        hub.publish("j", &event(2, JobEventKind::Started));
        hub.publish("other", &event(2, JobEventKind::Started));
        hub.publish("j", &event(3, JobEventKind::Succeeded));
        for rx in [&mut a, &mut b] {
            assert_eq!(rx.recv().await.unwrap().seq, 2);
            assert_eq!(rx.recv().await.unwrap().seq, 3);
            assert!(matches!(
                rx.recv().await,
                Err(broadcast::error::RecvError::Closed)
            ));
        }
        assert_eq!(hub.channels(), 0);
    }

    #[test]
    fn a_channel_nobody_listens_to_is_released() {
        let hub = Hub::default();
        let rx = hub.subscribe("j");
        hub.release("j");
        assert_eq!(hub.channels(), 1, "still listened to");
        drop(rx);
        hub.release("j");
        assert_eq!(hub.channels(), 0);
    }
}
