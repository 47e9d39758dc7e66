//! The job store's behaviour, written once against `JobStore` and run
//! against both implementations (`suite!` below), plus what only the
//! SQLite file has: durability across a reopen, WAL, and refusing foreign,
//! corrupt and newer files without touching them.

use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use tempfile::TempDir;
use wfc_runtime::contract::wire::{
    JobEventKind, JobFile, JobStatus, Problem, ProblemKind, Progress,
};
use wfc_runtime::store::{
    self, Change, Created, IdempotencyKey, JobStore, ListQuery, NewJob, OpenError, StoreConfig,
    StoreError, Transition, Update,
};

/// A store and the directory it lives in (kept alive with it).
struct Fixture {
    store: Arc<dyn JobStore>,
    _dir: Option<TempDir>,
}

async fn sqlite() -> Fixture {
    let dir = TempDir::new().unwrap();
    let config = StoreConfig::Sqlite {
        data_dir: dir.path().join("data"),
    };
    Fixture {
        store: store::open(&config).await.unwrap(),
        _dir: Some(dir),
    }
}

async fn memory() -> Fixture {
    Fixture {
        store: store::open(&StoreConfig::Memory).await.unwrap(),
        _dir: None,
    }
}

/// `ms` milliseconds after a fixed instant.
fn t(ms: i64) -> Timestamp {
    let base: Timestamp = "2026-01-01T00:00:00Z".parse().unwrap();
    base + SignedDuration::from_millis(ms)
}

fn new_job(id: &str, at: i64) -> NewJob {
    NewJob {
        id: id.to_string(),
        endpoint: "/workflows/txt2img".into(),
        owner: None,
        request: json!({"input": {"prompt": id}}),
        body_hash: format!("hash-of-{id}"),
        idempotency: None,
        prompt_id: None,
        at: t(at),
    }
}

fn keyed(id: &str, at: i64, key: &str, hash: &str) -> NewJob {
    NewJob {
        body_hash: hash.into(),
        idempotency: Some(IdempotencyKey {
            key: key.into(),
            expires_at: t(at + 1000),
        }),
        ..new_job(id, at)
    }
}

fn file(name: &str) -> JobFile {
    JobFile {
        filename: name.into(),
        content_type: "image/png".into(),
        url: format!("/jobs/x/outputs/images/{name}"),
    }
}

async fn create(store: &dyn JobStore, job: NewJob) -> Created {
    store.create(job).await.unwrap()
}

async fn a_job_is_created_queued_with_its_first_event(store: &dyn JobStore) {
    let created = create(store, new_job("j1", 5)).await;
    assert!(!created.replayed);
    let job = store.get("j1").await.unwrap();
    assert_eq!(job, created.job);
    assert_eq!(job.status, JobStatus::Queued);
    assert_eq!(job.created_at, t(5));
    assert_eq!(job.request, json!({"input": {"prompt": "j1"}}));
    assert_eq!(
        (job.started_at, job.finished_at, &job.prompt_id),
        (None, None, &None)
    );
    let wire = job.to_wire();
    assert_eq!(wire.links.events, "/jobs/j1/events");
    let events = store.events_after("j1", 0).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].seq, events[0].kind, events[0].at),
        (1, JobEventKind::Queued, t(5))
    );
    assert_eq!(store.count(JobStatus::Queued).await.unwrap(), 1);
}

async fn a_job_created_with_its_prompt_id_counts_one_submission(store: &dyn JobStore) {
    let job = NewJob {
        prompt_id: Some("p-0".into()),
        ..new_job("pre", 0)
    };
    let created = create(store, job).await;
    let stored = store.get("pre").await.unwrap();
    assert_eq!(stored, created.job);
    assert_eq!(
        (stored.prompt_id.as_deref(), stored.submissions),
        (Some("p-0"), 1)
    );
    store.set_prompt_id("pre", "p-1").await.unwrap();
    let again = store.get("pre").await.unwrap();
    assert_eq!(
        (again.prompt_id.as_deref(), again.submissions),
        (Some("p-1"), 2)
    );
}

async fn a_run_logs_numbered_events_and_records_its_results(store: &dyn JobStore) {
    create(store, new_job("run", 0)).await;
    store.set_prompt_id("run", "p-1").await.unwrap();
    store.set_prompt_id("run", "p-2").await.unwrap();
    let (job, started) = store
        .transition("run", Transition::Start, t(10))
        .await
        .unwrap();
    assert_eq!(
        (job.status, job.started_at),
        (JobStatus::Running, Some(t(10)))
    );
    assert_eq!((started.seq, started.kind), (2, JobEventKind::Started));
    let progress = Progress {
        node: Some("3".into()),
        value: 4,
        max: 20,
        fraction: 0.2,
    };
    let e = store
        .append("run", Update::Progress(progress.clone()), t(11))
        .await
        .unwrap();
    assert_eq!(
        (e.seq, e.kind, &e.data),
        (3, JobEventKind::Progress, &json!(progress))
    );
    assert_eq!(store.get("run").await.unwrap().progress, Some(progress));
    for (i, name) in ["a.png", "b.png"].into_iter().enumerate() {
        let update = Update::Output {
            output: "images".into(),
            file: file(name),
        };
        let e = store.append("run", update, t(12)).await.unwrap();
        assert_eq!(e.seq, 4 + i as u64);
        assert_eq!(e.data["index"], json!(i));
        assert_eq!(e.data["file"]["filename"], json!(name));
    }
    let (job, done) = store
        .transition("run", Transition::Succeed, t(20))
        .await
        .unwrap();
    assert_eq!(
        (job.status, job.finished_at, &job.progress),
        (JobStatus::Succeeded, Some(t(20)), &None)
    );
    assert_eq!(job.outputs["images"], vec![file("a.png"), file("b.png")]);
    assert_eq!(job.prompt_id.as_deref(), Some("p-2"));
    assert_eq!(job.submissions, 2, "each prompt id set counts a submission");
    assert_eq!((done.seq, done.kind), (6, JobEventKind::Succeeded));
    assert_eq!(
        done.data["outputs"]["images"][1]["filename"],
        json!("b.png")
    );
    assert_eq!(store.get("run").await.unwrap(), job);

    let all = store.events_after("run", 0).await.unwrap();
    let seqs: Vec<u64> = all.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5, 6]);
    let kinds: Vec<JobEventKind> = all.iter().map(|e| e.kind).collect();
    let (q, s, p, o) = (
        JobEventKind::Queued,
        JobEventKind::Started,
        JobEventKind::Progress,
        JobEventKind::Output,
    );
    assert_eq!(kinds, [q, s, p, o, o, JobEventKind::Succeeded]);
    assert_eq!(
        store.events_after("run", 3).await.unwrap(),
        all[3..].to_vec()
    );
    assert!(store.events_after("run", 6).await.unwrap().is_empty());
    assert!(
        store
            .events_after("run", u64::MAX)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn a_batch_of_changes_is_all_or_nothing(store: &dyn JobStore) {
    create(store, new_job("b", 0)).await;
    let progress = Progress {
        node: Some("3".into()),
        value: 1,
        max: 2,
        fraction: 0.5,
    };
    let output = Update::Output {
        output: "images".into(),
        file: file("a.png"),
    };
    // A batch that ends in a move the job can't make changes nothing.
    let bad: Vec<Change> = vec![
        Transition::Start.into(),
        Update::Progress(progress.clone()).into(),
        Transition::Start.into(),
    ];
    let err = store.record("b", bad, t(5)).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::IllegalTransition {
                from: JobStatus::Running,
                to: JobStatus::Running,
                ..
            }
        ),
        "{err:?}"
    );
    let job = store.get("b").await.unwrap();
    assert_eq!(
        (job.status, job.started_at, &job.progress),
        (JobStatus::Queued, None, &None)
    );
    assert_eq!(store.events_after("b", 0).await.unwrap().len(), 1);

    // A good batch logs each change with the next seq, in order.
    let good: Vec<Change> = vec![
        Transition::Start.into(),
        Update::Progress(progress).into(),
        output.clone().into(),
        Transition::Succeed.into(),
    ];
    let (job, events) = store.record("b", good, t(6)).await.unwrap();
    let logged: Vec<(u64, JobEventKind)> = events.iter().map(|e| (e.seq, e.kind)).collect();
    assert_eq!(
        logged,
        [
            (2, JobEventKind::Started),
            (3, JobEventKind::Progress),
            (4, JobEventKind::Output),
            (5, JobEventKind::Succeeded)
        ]
    );
    assert_eq!(
        (job.status, job.started_at, job.finished_at),
        (JobStatus::Succeeded, Some(t(6)), Some(t(6)))
    );
    assert_eq!(job.outputs["images"], vec![file("a.png")]);
    assert_eq!(store.get("b").await.unwrap(), job);
    assert_eq!(store.events_after("b", 1).await.unwrap(), events);

    // Nothing more lands on a final job.
    let late: Vec<Change> = vec![output.into()];
    let err = store.record("b", late, t(7)).await.unwrap_err();
    assert!(matches!(err, StoreError::Finished { .. }), "{err:?}");
    assert_eq!(store.events_after("b", 0).await.unwrap().len(), 5);
    assert!(matches!(
        store
            .record("nope", vec![Transition::Start.into()], t(8))
            .await,
        Err(StoreError::NotFound(_))
    ));
}

async fn only_legal_transitions_happen_and_final_is_final(store: &dyn JobStore) {
    create(store, new_job("q", 0)).await;
    let err = store
        .transition("q", Transition::Succeed, t(1))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            StoreError::IllegalTransition {
                from: JobStatus::Queued,
                to: JobStatus::Succeeded,
                ..
            }
        ),
        "{err}"
    );
    let problem = Problem::new(ProblemKind::ComfyuiRejected, "no");
    let (job, e) = store
        .transition("q", Transition::Fail(Box::new(problem.clone())), t(2))
        .await
        .unwrap();
    assert_eq!(
        (job.status, &job.error, job.finished_at),
        (JobStatus::Failed, &Some(problem.clone()), Some(t(2)))
    );
    assert_eq!(
        (e.kind, &e.data),
        (JobEventKind::Failed, &json!({"error": problem}))
    );
    for change in [
        Transition::Start,
        Transition::Succeed,
        Transition::Cancel,
        Transition::Fail(Box::new(problem)),
    ] {
        let err = store.transition("q", change, t(3)).await.unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::IllegalTransition {
                    from: JobStatus::Failed,
                    ..
                }
            ),
            "{err}"
        );
    }
    let update = Update::Output {
        output: "images".into(),
        file: file("late.png"),
    };
    let err = store.append("q", update, t(4)).await.unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Finished {
                status: JobStatus::Failed,
                ..
            }
        ),
        "{err}"
    );
    let err = store.set_prompt_id("q", "p").await.unwrap_err();
    assert!(matches!(err, StoreError::Finished { .. }), "{err}");
    assert_eq!(
        store.events_after("q", 0).await.unwrap().len(),
        2,
        "nothing logged after the final event"
    );
    assert!(store.get("q").await.unwrap().outputs.is_empty());

    create(store, new_job("c", 0)).await;
    let (job, e) = store
        .transition("c", Transition::Cancel, t(5))
        .await
        .unwrap();
    assert_eq!(
        (job.status, e.kind, e.seq),
        (JobStatus::Canceled, JobEventKind::Canceled, 2)
    );
    create(store, new_job("r", 0)).await;
    store
        .transition("r", Transition::Start, t(1))
        .await
        .unwrap();
    let err = store
        .transition("r", Transition::Start, t(2))
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::IllegalTransition {
            from: JobStatus::Running,
            to: JobStatus::Running,
            ..
        }
    ));
}

async fn an_unknown_job_is_not_found_everywhere(store: &dyn JobStore) {
    let nf = |r: Result<(), StoreError>| {
        assert!(
            matches!(r, Err(StoreError::NotFound(ref id)) if id == "nope"),
            "{r:?}"
        )
    };
    nf(store.get("nope").await.map(drop));
    nf(store
        .transition("nope", Transition::Start, t(0))
        .await
        .map(drop));
    nf(store.set_prompt_id("nope", "p").await);
    nf(store
        .append(
            "nope",
            Update::Progress(Progress {
                node: None,
                value: 0,
                max: 1,
                fraction: 0.0,
            }),
            t(0),
        )
        .await
        .map(drop));
    nf(store.events_after("nope", 0).await.map(drop));
}

async fn an_idempotency_key_replays_or_conflicts(store: &dyn JobStore) {
    let first = create(store, keyed("k1", 0, "key", "h")).await;
    assert!(!first.replayed);
    let again = create(store, keyed("k2", 10, "key", "h")).await;
    assert!(again.replayed);
    assert_eq!(again.job, first.job);
    assert!(
        matches!(store.get("k2").await, Err(StoreError::NotFound(_))),
        "no second job"
    );
    let err = store
        .create(keyed("k3", 20, "key", "other"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::KeyReused { key } if key == "key"),
        "{err}"
    );
    let alice = NewJob {
        owner: Some("alice".into()),
        ..keyed("k4", 20, "key", "other")
    };
    assert!(
        !create(store, alice).await.replayed,
        "keys are scoped to their owner"
    );
    // The key expires at 1000: from then on it names a new job.
    let after = create(store, keyed("k5", 1000, "key", "other")).await;
    assert!(!after.replayed);
    assert_eq!(after.job.id, "k5");
    assert!(
        create(store, keyed("k6", 1500, "key", "other"))
            .await
            .replayed
    );
    // Expiring: k4's key (1020) and k5's (2000) at 2000; nothing before.
    assert_eq!(store.expire_keys(t(999)).await.unwrap(), 0);
    assert_eq!(store.expire_keys(t(2000)).await.unwrap(), 2);
    assert_eq!(store.expire_keys(t(2000)).await.unwrap(), 0);
}

async fn an_id_names_one_job(store: &dyn JobStore) {
    create(store, new_job("same", 0)).await;
    let again = create(store, new_job("same", 5)).await;
    assert!(again.replayed);
    assert_eq!(again.job.created_at, t(0));
    let other = NewJob {
        body_hash: "different".into(),
        ..new_job("same", 6)
    };
    let err = store.create(other).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::IdTaken { id } if id == "same"),
        "{err}"
    );
}

/// Pages through `query` and returns every id, checking the last page.
async fn every_page(store: &dyn JobStore, mut query: ListQuery) -> Vec<String> {
    let mut ids = Vec::new();
    for _ in 0..100 {
        let page = store.list(&query).await.unwrap();
        assert!(page.jobs.len() <= query.limit.max(1));
        ids.extend(page.jobs.into_iter().map(|j| j.id));
        match page.next {
            Some(next) => query.cursor = Some(next),
            None => return ids,
        }
    }
    panic!("more than 100 pages");
}

async fn listing_pages_newest_first_without_gaps_or_repeats(store: &dyn JobStore) {
    // 25 jobs, three to a millisecond, so ties are broken by creation order.
    let mut expected = Vec::new();
    for i in 0..25 {
        let mut job = new_job(&format!("l{i:02}"), i / 3);
        if i % 2 == 1 {
            job.endpoint = "/prompt".into();
        }
        job.owner = (i % 5 == 0).then(|| "bob".to_string());
        create(store, job).await;
        if i % 4 == 0 {
            store
                .transition(&format!("l{i:02}"), Transition::Start, t(50))
                .await
                .unwrap();
        }
        expected.push(format!("l{i:02}"));
    }
    expected.reverse();
    let all = |limit| ListQuery {
        limit,
        ..ListQuery::default()
    };
    for limit in [1, 7, 25, 100] {
        let ids = every_page(store, all(limit)).await;
        assert_eq!(ids, expected, "limit {limit}");
    }
    let first = store.list(&all(25)).await.unwrap();
    assert_eq!(first.next, None, "one full page has no next");
    let running = every_page(
        store,
        ListQuery {
            status: Some(JobStatus::Running),
            ..all(2)
        },
    )
    .await;
    let want: Vec<String> = expected
        .iter()
        .filter(|id| id[1..].parse::<i32>().unwrap() % 4 == 0)
        .cloned()
        .collect();
    assert_eq!(running, want);
    let prompt = every_page(
        store,
        ListQuery {
            endpoint: Some("/prompt".into()),
            ..all(4)
        },
    )
    .await;
    let want: Vec<String> = expected
        .iter()
        .filter(|id| id[1..].parse::<i32>().unwrap() % 2 == 1)
        .cloned()
        .collect();
    assert_eq!(prompt, want);
    let bob = every_page(
        store,
        ListQuery {
            owner: Some("bob".into()),
            ..all(2)
        },
    )
    .await;
    assert_eq!(bob, ["l20", "l15", "l10", "l05", "l00"]);
    let both = every_page(
        store,
        ListQuery {
            status: Some(JobStatus::Running),
            endpoint: Some("/prompt".into()),
            ..all(3)
        },
    )
    .await;
    assert!(both.is_empty(), "running jobs are the even ones: {both:?}");
    assert_eq!(store.count(JobStatus::Running).await.unwrap(), 7);
    assert_eq!(store.count(JobStatus::Queued).await.unwrap(), 18);

    for bad in ["", "garbage", "bDEuMi4z", "%%%"] {
        let q = ListQuery {
            cursor: Some(bad.to_string()),
            ..all(5)
        };
        assert!(
            matches!(store.list(&q).await, Err(StoreError::BadCursor)),
            "{bad:?}"
        );
    }
}

async fn unfinished_jobs_come_oldest_first(store: &dyn JobStore) {
    for (i, id) in ["u0", "u1", "u2", "u3"].into_iter().enumerate() {
        create(store, new_job(id, 10 - i as i64)).await;
    }
    store
        .transition("u1", Transition::Start, t(20))
        .await
        .unwrap();
    store
        .transition("u2", Transition::Cancel, t(20))
        .await
        .unwrap();
    let ids: Vec<String> = store
        .unfinished()
        .await
        .unwrap()
        .into_iter()
        .map(|j| j.id)
        .collect();
    assert_eq!(ids, ["u3", "u1", "u0"]);
}

async fn retention_deletes_jobs_finished_before_a_time(store: &dyn JobStore) {
    for (id, finished) in [("old", 100), ("newer", 200)] {
        create(store, keyed(id, 0, id, "h")).await;
        store
            .transition(id, Transition::Cancel, t(finished))
            .await
            .unwrap();
    }
    create(store, new_job("waiting", 0)).await;
    assert!(
        store
            .delete_finished_before(t(100))
            .await
            .unwrap()
            .is_empty(),
        "strictly before"
    );
    assert_eq!(store.delete_finished_before(t(150)).await.unwrap(), ["old"]);
    assert!(matches!(
        store.get("old").await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.events_after("old", 0).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(
        !create(store, keyed("old-again", 10, "old", "h"))
            .await
            .replayed,
        "its key went with it"
    );
    assert_eq!(
        store.delete_finished_before(t(10_000)).await.unwrap(),
        ["newer"]
    );
    let left: HashSet<String> = every_page(
        store,
        ListQuery {
            limit: 10,
            ..ListQuery::default()
        },
    )
    .await
    .into_iter()
    .collect();
    assert_eq!(
        left,
        HashSet::from(["waiting".to_string(), "old-again".to_string()])
    );
}

async fn finished_jobs_come_longest_finished_first(store: &dyn JobStore) {
    for (id, finished) in [("b", 300), ("a", 100), ("c", 200)] {
        create(store, new_job(id, 0)).await;
        store
            .transition(id, Transition::Cancel, t(finished))
            .await
            .unwrap();
    }
    create(store, new_job("waiting", 0)).await;
    assert_eq!(
        store.finished_oldest_first().await.unwrap(),
        [
            ("a".to_string(), t(100)),
            ("c".to_string(), t(200)),
            ("b".to_string(), t(300))
        ]
    );
}

async fn concurrent_creates_with_one_key_make_one_job(store: Arc<dyn JobStore>) {
    let tasks: Vec<_> = (0..50)
        .map(|i| {
            let store = Arc::clone(&store);
            tokio::spawn(async move { store.create(keyed(&format!("c{i}"), 0, "one", "h")).await })
        })
        .collect();
    let mut ids = HashSet::new();
    let mut fresh = 0;
    for task in tasks {
        let created = task.await.unwrap().unwrap();
        fresh += usize::from(!created.replayed);
        ids.insert(created.job.id);
    }
    assert_eq!((ids.len(), fresh), (1, 1));
    assert_eq!(store.count(JobStatus::Queued).await.unwrap(), 1);
}

macro_rules! suite {
    ($name:ident, $make:ident) => {
        mod $name {
            use super::*;
            suite!(@each $make;
                a_job_is_created_queued_with_its_first_event,
                a_job_created_with_its_prompt_id_counts_one_submission,
                a_run_logs_numbered_events_and_records_its_results,
                a_batch_of_changes_is_all_or_nothing,
                only_legal_transitions_happen_and_final_is_final,
                an_unknown_job_is_not_found_everywhere,
                an_idempotency_key_replays_or_conflicts,
                an_id_names_one_job,
                listing_pages_newest_first_without_gaps_or_repeats,
                unfinished_jobs_come_oldest_first,
                finished_jobs_come_longest_finished_first,
                retention_deletes_jobs_finished_before_a_time);

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn concurrent_creates_with_one_key_make_one_job() {
                let f = $make().await;
                super::concurrent_creates_with_one_key_make_one_job(Arc::clone(&f.store)).await;
            }
        }
    };
    (@each $make:ident; $($test:ident),*) => {
        $(
            #[tokio::test]
            async fn $test() {
                let f = $make().await;
                super::$test(&*f.store).await;
            }
        )*
    };
}

suite!(on_sqlite, sqlite);
suite!(in_memory, memory);

// What only the SQLite file has.

async fn open_in(dir: &Path) -> Result<Arc<dyn JobStore>, OpenError> {
    store::open(&StoreConfig::Sqlite {
        data_dir: dir.to_path_buf(),
    })
    .await
}

#[tokio::test]
async fn a_reopened_file_keeps_jobs_events_and_keys() {
    let dir = TempDir::new().unwrap();
    let (job, events) = {
        let store = open_in(dir.path()).await.unwrap();
        create(&*store, keyed("d", 0, "key", "h")).await;
        store.set_prompt_id("d", "p-9").await.unwrap();
        store
            .transition("d", Transition::Start, t(5))
            .await
            .unwrap();
        let update = Update::Output {
            output: "images".into(),
            file: file("x.png"),
        };
        store.append("d", update, t(6)).await.unwrap();
        (
            store.get("d").await.unwrap(),
            store.events_after("d", 0).await.unwrap(),
        )
    };
    let store = open_in(dir.path()).await.unwrap();
    assert_eq!(store.get("d").await.unwrap(), job);
    assert_eq!(store.events_after("d", 0).await.unwrap(), events);
    assert_eq!(store.unfinished().await.unwrap(), vec![job.clone()]);
    assert!(create(&*store, keyed("d2", 10, "key", "h")).await.replayed);
    let (_, e) = store
        .transition("d", Transition::Succeed, t(9))
        .await
        .unwrap();
    assert_eq!(e.seq, 4, "the seq goes on after a reopen");
}

#[tokio::test]
async fn the_file_is_in_wal_mode_and_marked_as_ours() {
    let dir = TempDir::new().unwrap();
    let _store = open_in(dir.path()).await.unwrap();
    let file = dir.path().join(store::sqlite::FILE_NAME);
    let other = rusqlite::Connection::open(&file).unwrap();
    let mode: String = other
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let app: i32 = other
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app, store::sqlite::APPLICATION_ID);
    let version: i64 = other
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2, "both migrations are applied");
}

/// Opening `dir` fails; the file's bytes are unchanged; returns the error.
async fn refused(dir: &Path) -> OpenError {
    let file = dir.join(store::sqlite::FILE_NAME);
    let before = std::fs::read(&file).unwrap();
    let err = match open_in(dir).await {
        Ok(_) => panic!("{} was opened", file.display()),
        Err(e) => e,
    };
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "the file was changed"
    );
    assert!(
        err.to_string().contains(&file.display().to_string()),
        "{err}"
    );
    err
}

#[tokio::test]
async fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join(store::sqlite::FILE_NAME),
        "name,age\nada,36\n",
    )
    .unwrap();
    let err = refused(dir.path()).await;
    assert!(matches!(err, OpenError::Foreign { .. }), "{err}");
    assert!(err.to_string().contains("not a wfc job store"), "{err}");
}

#[tokio::test]
async fn another_programs_database_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let other = rusqlite::Connection::open(dir.path().join(store::sqlite::FILE_NAME)).unwrap();
    other
        .execute_batch(
            "CREATE TABLE photos (id INTEGER PRIMARY KEY); INSERT INTO photos VALUES (1);",
        )
        .unwrap();
    drop(other);
    let err = refused(dir.path()).await;
    assert!(matches!(err, OpenError::Foreign { .. }), "{err}");
}

#[tokio::test]
async fn a_corrupt_store_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    {
        let store = open_in(dir.path()).await.unwrap();
        for i in 0..200 {
            create(&*store, new_job(&format!("job-{i}"), i)).await;
        }
    }
    let path = dir.path().join(store::sqlite::FILE_NAME);
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 16_384, "{} bytes", bytes.len());
    // Page 1 keeps its header; the pages after it become noise.
    for (i, b) in bytes[4096..].iter_mut().enumerate() {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    let err = refused(dir.path()).await;
    assert!(matches!(err, OpenError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("corrupt"), "{err}");
}

#[tokio::test]
async fn a_store_from_a_newer_binary_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    drop(open_in(dir.path()).await.unwrap());
    let other = rusqlite::Connection::open(dir.path().join(store::sqlite::FILE_NAME)).unwrap();
    other.pragma_update(None, "user_version", 99).unwrap();
    other.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(other);
    let err = refused(dir.path()).await;
    assert!(
        matches!(
            err,
            OpenError::TooNew {
                found: 99,
                supported: 2,
                ..
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn a_data_dir_that_is_a_file_is_a_clear_error() {
    let dir = TempDir::new().unwrap();
    let not_a_dir = dir.path().join("plain-file");
    std::fs::write(&not_a_dir, "x").unwrap();
    let err = match open_in(&not_a_dir).await {
        Ok(_) => panic!("opened a store inside a file"),
        Err(e) => e,
    };
    assert!(matches!(err, OpenError::Io { .. }), "{err}");
    assert!(err.to_string().contains("plain-file"), "{err}");
}
