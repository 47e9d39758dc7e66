//! Short blocking work (a store transaction, writing a file) from async
//! code.

use tokio::runtime::{Handle, RuntimeFlavor};
use tokio::task::JoinError;

/// Runs `f`, which blocks briefly, without stalling the other tasks.
///
/// On the multi-threaded runtime the calling thread runs it at once and
/// hands its other tasks to another worker meanwhile
/// ([`tokio::task::block_in_place`]); that spares the two thread
/// wake-ups of a trip through the blocking pool, which cost more than a
/// store transaction (see "Jobs" in docs/performance.md). The
/// current-thread runtime has no other worker, so there `f` goes to the
/// blocking pool (and fails if the runtime shuts down first).
pub(crate) async fn run<T, F>(f: F) -> Result<T, JoinError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    if Handle::current().runtime_flavor() == RuntimeFlavor::MultiThread {
        Ok(tokio::task::block_in_place(f))
    } else {
        tokio::task::spawn_blocking(f).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_the_multi_threaded_runtime_it_runs_on_the_calling_thread() {
        let caller = std::thread::current().id();
        let ran = run(move || std::thread::current().id()).await.unwrap();
        assert_eq!(ran, caller);
    }

    #[tokio::test]
    async fn on_the_current_thread_runtime_it_runs_in_the_blocking_pool() {
        let caller = std::thread::current().id();
        let ran = run(move || std::thread::current().id()).await.unwrap();
        assert_ne!(ran, caller);
    }
}
