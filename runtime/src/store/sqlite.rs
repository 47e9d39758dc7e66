//! The SQLite job store (the default): one file, [`FILE_NAME`], in the
//! data directory, in WAL mode, its schema migrated at open. Opening
//! refuses, and leaves untouched, a file that is not SQLite, an SQLite
//! database of another program (its `application_id`), a damaged one
//! (`quick_check`) and one a newer binary migrated. One connection behind
//! a lock, used as blocking work off the async scheduler: SQLite
//! has one writer at a time anyway, and every write is one `IMMEDIATE`
//! transaction.

use super::{
    Change, Created, Cursor, JobRecord, JobStore, ListQuery, NewJob, OpenError, Page, StoreError,
    apply_change, from_millis, millis, new_record, queued_event, replay_or,
};
use async_trait::async_trait;
use jiff::Timestamp;
use rusqlite::{
    Connection, ErrorCode, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior,
    params,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use wfc_contract::wire::{JobEvent, JobEventKind, JobStatus};

/// The database's name in the data directory.
pub const FILE_NAME: &str = "jobs.sqlite3";

/// `PRAGMA application_id` of a wfc job store (`wfcJ`).
pub const APPLICATION_ID: i32 = 0x7766_634A;

/// The schema's migrations; the database's `user_version` is how many
/// were applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_jobs.sql"),
    include_str!("migrations/0002_submissions.sql"),
];

/// The columns [`read_job`] reads, in its order.
const JOB_COLUMNS: &str = "id, endpoint, owner, status, created_at, started_at, finished_at, \
     progress, outputs, error, prompt_id, request, body_hash, last_event, seq, submissions";

/// Jobs in an SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens (or creates) the store in `data_dir`.
    pub async fn open(data_dir: &Path) -> Result<SqliteStore, OpenError> {
        let dir = data_dir.to_path_buf();
        let io = |reason: String| OpenError::Io {
            path: data_dir.to_path_buf(),
            reason,
        };
        tokio::task::spawn_blocking(move || open_blocking(&dir))
            .await
            .map_err(|e| io(format!("opening failed: {e}")))?
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on the connection, as blocking work.
    async fn run<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        crate::blocking::run(move || {
            let mut conn = conn
                .lock()
                .map_err(|_| StoreError::Database("the connection's lock is poisoned".into()))?;
            f(&mut conn)
        })
        .await
        .map_err(|e| StoreError::Database(format!("a store task failed: {e}")))?
    }

    /// Runs `f` in one `IMMEDIATE` transaction, committed when it succeeds.
    async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
    {
        self.run(|conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })
        .await
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError::Database(e.to_string())
    }
}

/// Opens the file in `dir`: checks before SQLite writes anything.
fn open_blocking(dir: &Path) -> Result<SqliteStore, OpenError> {
    std::fs::create_dir_all(dir).map_err(|e| OpenError::Io {
        path: dir.to_path_buf(),
        reason: format!("cannot create the data directory: {e}"),
    })?;
    let path = dir.join(FILE_NAME);
    check_header(&path)?;
    let fail = |e: rusqlite::Error| classify(&path, e);
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(&path, flags).map_err(fail)?;
    if conn.is_readonly(rusqlite::MAIN_DB).map_err(fail)? {
        return Err(OpenError::Io {
            path,
            reason: "the file is not writable".into(),
        });
    }
    let version = check_ours(&conn, &path)?;
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .map_err(fail)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(OpenError::Io {
            path,
            reason: format!("WAL mode is not available (journal mode {mode})"),
        });
    }
    conn.pragma_update(None, "synchronous", "NORMAL")
        .and_then(|()| conn.pragma_update(None, "foreign_keys", "ON"))
        .and_then(|()| conn.busy_timeout(std::time::Duration::from_secs(5)))
        .map_err(fail)?;
    migrate(&mut conn, version).map_err(fail)?;
    Ok(SqliteStore {
        conn: Arc::new(Mutex::new(conn)),
        path,
    })
}

/// A non-empty file must start with SQLite's magic string.
fn check_header(path: &Path) -> Result<(), OpenError> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(OpenError::Io {
                path: path.to_path_buf(),
                reason: format!("cannot read it: {e}"),
            });
        }
    };
    let mut head = Vec::with_capacity(16);
    (&mut file)
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| OpenError::Io {
            path: path.to_path_buf(),
            reason: format!("cannot read it: {e}"),
        })?;
    if head.is_empty() || head == b"SQLite format 3\0" {
        Ok(())
    } else {
        Err(OpenError::Foreign {
            path: path.to_path_buf(),
            reason: "not an SQLite database".into(),
        })
    }
}

/// Checks that the database is empty or a wfc job store this binary can
/// migrate, and intact; returns its schema version.
fn check_ours(conn: &Connection, path: &Path) -> Result<i64, OpenError> {
    let fail = |e: rusqlite::Error| classify(path, e);
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(fail)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(fail)?;
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
        .map_err(fail)?;
    let fresh = app == 0 && version == 0 && objects == 0;
    if app != APPLICATION_ID && !fresh {
        return Err(OpenError::Foreign {
            path: path.to_path_buf(),
            reason: format!("application_id {app:#x}, {objects} schema objects"),
        });
    }
    let supported = MIGRATIONS.len() as i64;
    if version > supported {
        return Err(OpenError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported,
        });
    }
    let verdict: Vec<String> = {
        let mut stmt = conn.prepare("PRAGMA quick_check").map_err(fail)?;
        stmt.query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect::<Result<_, _>>())
            .map_err(fail)?
    };
    if verdict != ["ok"] {
        return Err(OpenError::Corrupt {
            path: path.to_path_buf(),
            reason: verdict.join("; "),
        });
    }
    Ok(version)
}

/// What a failure of SQLite at open means.
fn classify(path: &Path, e: rusqlite::Error) -> OpenError {
    let path = path.to_path_buf();
    let reason = e.to_string();
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt) => OpenError::Corrupt { path, reason },
        Some(ErrorCode::NotADatabase) => OpenError::Foreign { path, reason },
        _ => OpenError::Io { path, reason },
    }
}

/// Applies the migrations after `version`, each in its own transaction
/// with its version, and marks the file as ours. Always takes the write
/// lock once, so that an unwritable directory fails here.
fn migrate(conn: &mut Connection, version: i64) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (done, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(current.max(version) as usize)
    {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", done as i64 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()
}

/// `value` as a JSON column.
fn to_json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Database(format!("encoding: {e}")))
}

/// A JSON column as `T`.
fn from_json<T: DeserializeOwned>(text: &str, column: &str) -> Result<T, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Database(format!("a stored {column} does not decode: {e}")))
}

/// A stored job, with its last event's seq and its listing position.
struct Stored {
    job: JobRecord,
    last_event: u64,
    position: Cursor,
}

/// A row of [`JOB_COLUMNS`].
fn read_job(row: &Row<'_>) -> Result<Stored, StoreError> {
    let status: String = row.get(3)?;
    let status = JobStatus::parse(&status)
        .ok_or_else(|| StoreError::Database(format!("a stored status {status:?}")))?;
    let time = |i: usize| -> Result<Option<Timestamp>, StoreError> {
        row.get::<_, Option<i64>>(i)?.map(from_millis).transpose()
    };
    let json_opt = |i: usize| row.get::<_, Option<String>>(i);
    let created_ms: i64 = row.get(4)?;
    let job = JobRecord {
        id: row.get(0)?,
        endpoint: row.get(1)?,
        owner: row.get(2)?,
        status,
        created_at: from_millis(created_ms)?,
        started_at: time(5)?,
        finished_at: time(6)?,
        progress: json_opt(7)?
            .map(|t| from_json(&t, "progress"))
            .transpose()?,
        outputs: from_json(&row.get::<_, String>(8)?, "outputs")?,
        error: json_opt(9)?.map(|t| from_json(&t, "error")).transpose()?,
        prompt_id: row.get(10)?,
        request: from_json(&row.get::<_, String>(11)?, "request")?,
        body_hash: row.get(12)?,
        submissions: u32::try_from(row.get::<_, i64>(15)?).unwrap_or(u32::MAX),
    };
    Ok(Stored {
        job,
        last_event: u64::try_from(row.get::<_, i64>(13)?).unwrap_or(0),
        position: Cursor {
            created_ms,
            seq: row.get(14)?,
        },
    })
}

/// The jobs `sql` (selecting [`JOB_COLUMNS`]) finds.
fn query_jobs(
    conn: &Connection,
    sql: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<Stored>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(args)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(read_job(row)?);
    }
    Ok(out)
}

/// The job `id`.
fn load(conn: &Connection, id: &str) -> Result<Stored, StoreError> {
    let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?1");
    query_jobs(conn, &sql, [id])?
        .pop()
        .ok_or_else(|| StoreError::NotFound(id.to_string()))
}

/// Writes the mutable columns of `stored` back.
fn save(tx: &Transaction<'_>, stored: &Stored) -> Result<(), StoreError> {
    let job = &stored.job;
    let progress = job.progress.as_ref().map(to_json).transpose()?;
    let error = job.error.as_ref().map(to_json).transpose()?;
    tx.prepare_cached(
        "UPDATE jobs SET status = ?2, started_at = ?3, finished_at = ?4, progress = ?5, \
         outputs = ?6, error = ?7, prompt_id = ?8, last_event = ?9, submissions = ?10 WHERE id = ?1",
    )?
    .execute(params![
        job.id,
        job.status.as_str(),
        job.started_at.map(millis),
        job.finished_at.map(millis),
        progress,
        to_json(&job.outputs)?,
        error,
        job.prompt_id,
        stored.last_event as i64,
        i64::from(job.submissions),
    ])?;
    Ok(())
}

/// Logs `event` for the job `id`.
fn insert_event(tx: &Transaction<'_>, id: &str, event: &JobEvent) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO job_events (job_id, seq, kind, at, data) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id,
        event.seq as i64,
        event.kind.as_str(),
        millis(event.at),
        to_json(&event.data)?,
    ])?;
    Ok(())
}

/// [`JobStore::create`] in one transaction.
fn create_in(tx: &Transaction<'_>, new: &NewJob) -> Result<Created, StoreError> {
    let owner = new.owner.clone().unwrap_or_default();
    if let Some(idem) = &new.idempotency {
        let held: Option<(String, i64)> = tx
            .prepare_cached(
                "SELECT job_id, expires_at FROM idempotency_keys WHERE owner = ?1 AND key = ?2",
            )?
            .query_row([&owner, &idem.key], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        match held {
            Some((job_id, expires)) if expires > millis(new.at) => {
                let conflict = StoreError::KeyReused {
                    key: idem.key.clone(),
                };
                return replay_or(load(tx, &job_id)?.job, &new.body_hash, conflict);
            }
            Some(_) => {
                tx.execute(
                    "DELETE FROM idempotency_keys WHERE owner = ?1 AND key = ?2",
                    [&owner, &idem.key],
                )?;
            }
            None => {}
        }
    }
    match load(tx, &new.id) {
        Ok(existing) => {
            let conflict = StoreError::IdTaken { id: new.id.clone() };
            return replay_or(existing.job, &new.body_hash, conflict);
        }
        Err(StoreError::NotFound(_)) => {}
        Err(e) => return Err(e),
    }
    let job = new_record(new);
    tx.prepare_cached(
        "INSERT INTO jobs (id, endpoint, owner, status, created_at, outputs, request, body_hash, \
         prompt_id, submissions, last_event) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)",
    )?
    .execute(params![
        job.id,
        job.endpoint,
        job.owner,
        job.status.as_str(),
        millis(job.created_at),
        to_json(&job.outputs)?,
        to_json(&job.request)?,
        job.body_hash,
        job.prompt_id,
        i64::from(job.submissions),
    ])?;
    insert_event(tx, &job.id, &queued_event(&job))?;
    if let Some(idem) = &new.idempotency {
        tx.prepare_cached(
            "INSERT INTO idempotency_keys (owner, key, job_id, expires_at) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![owner, idem.key, job.id, millis(idem.expires_at)])?;
    }
    Ok(Created {
        job,
        replayed: false,
    })
}

/// A page of [`JobStore::list`].
fn list_in(
    conn: &Connection,
    query: &ListQuery,
    after: Option<Cursor>,
) -> Result<Page, StoreError> {
    let limit = query.limit.max(1);
    let sql = format!(
        "SELECT {JOB_COLUMNS} FROM jobs WHERE (?1 IS NULL OR status = ?1) \
         AND (?2 IS NULL OR endpoint = ?2) AND (?3 IS NULL OR owner = ?3) \
         AND (?4 IS NULL OR (created_at, seq) < (?4, ?5)) \
         ORDER BY created_at DESC, seq DESC LIMIT ?6"
    );
    let mut found = query_jobs(
        conn,
        &sql,
        params![
            query.status.map(JobStatus::as_str),
            query.endpoint,
            query.owner,
            after.map(|c| c.created_ms),
            after.map(|c| c.seq),
            i64::try_from(limit + 1).unwrap_or(i64::MAX),
        ],
    )?;
    let more = found.len() > limit;
    found.truncate(limit);
    let next = more
        .then(|| found.last().map(|s| s.position.encode()))
        .flatten();
    Ok(Page {
        jobs: found.into_iter().map(|s| s.job).collect(),
        next,
    })
}

/// The events of `id` after `after`.
fn events_in(conn: &Connection, id: &str, after: u64) -> Result<Vec<JobEvent>, StoreError> {
    load(conn, id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT seq, kind, at, data FROM job_events WHERE job_id = ?1 AND seq > ?2 ORDER BY seq",
    )?;
    let mut rows = stmt.query(params![id, i64::try_from(after).unwrap_or(i64::MAX)])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let kind: String = row.get(1)?;
        out.push(JobEvent {
            seq: u64::try_from(row.get::<_, i64>(0)?).unwrap_or(0),
            kind: JobEventKind::parse(&kind)
                .ok_or_else(|| StoreError::Database(format!("a stored event kind {kind:?}")))?,
            at: from_millis(row.get(2)?)?,
            data: from_json(&row.get::<_, String>(3)?, "event")?,
        });
    }
    Ok(out)
}

#[async_trait]
impl JobStore for SqliteStore {
    async fn create(&self, job: NewJob) -> Result<Created, StoreError> {
        self.write(move |tx| create_in(tx, &job)).await
    }

    async fn get(&self, id: &str) -> Result<JobRecord, StoreError> {
        let id = id.to_string();
        self.run(move |conn| Ok(load(conn, &id)?.job)).await
    }

    async fn list(&self, query: &ListQuery) -> Result<Page, StoreError> {
        let after = match &query.cursor {
            Some(token) => Some(Cursor::decode(token).ok_or(StoreError::BadCursor)?),
            None => None,
        };
        let query = query.clone();
        self.run(move |conn| list_in(conn, &query, after)).await
    }

    async fn count(&self, status: JobStatus) -> Result<u64, StoreError> {
        self.run(move |conn| {
            let n: i64 = conn
                .prepare_cached("SELECT count(*) FROM jobs WHERE status = ?1")?
                .query_row([status.as_str()], |r| r.get(0))?;
            Ok(u64::try_from(n).unwrap_or(0))
        })
        .await
    }

    async fn record(
        &self,
        id: &str,
        changes: Vec<Change>,
        at: Timestamp,
    ) -> Result<(JobRecord, Vec<JobEvent>), StoreError> {
        let id = id.to_string();
        self.write(move |tx| {
            let mut stored = load(tx, &id)?;
            let mut events = Vec::with_capacity(changes.len());
            for change in changes {
                let mut event = apply_change(&mut stored.job, change, at)?;
                stored.last_event += 1;
                event.seq = stored.last_event;
                insert_event(tx, &id, &event)?;
                events.push(event);
            }
            save(tx, &stored)?;
            Ok((stored.job, events))
        })
        .await
    }

    async fn set_prompt_id(&self, id: &str, prompt_id: &str) -> Result<(), StoreError> {
        let (id, prompt_id) = (id.to_string(), prompt_id.to_string());
        self.write(move |tx| {
            let mut stored = load(tx, &id)?;
            if stored.job.status.is_final() {
                return Err(StoreError::Finished {
                    id,
                    status: stored.job.status,
                });
            }
            stored.job.prompt_id = Some(prompt_id);
            stored.job.submissions = stored.job.submissions.saturating_add(1);
            save(tx, &stored)
        })
        .await
    }

    async fn events_after(&self, id: &str, after: u64) -> Result<Vec<JobEvent>, StoreError> {
        let id = id.to_string();
        self.run(move |conn| events_in(conn, &id, after)).await
    }

    async fn unfinished(&self) -> Result<Vec<JobRecord>, StoreError> {
        self.run(|conn| {
            let sql = format!(
                "SELECT {JOB_COLUMNS} FROM jobs WHERE status IN ('queued', 'running') \
                 ORDER BY created_at, seq"
            );
            Ok(query_jobs(conn, &sql, [])?
                .into_iter()
                .map(|s| s.job)
                .collect())
        })
        .await
    }

    async fn finished_oldest_first(&self) -> Result<Vec<(String, Timestamp)>, StoreError> {
        self.run(|conn| {
            let rows: Vec<(String, i64)> = conn
                .prepare_cached(
                    "SELECT id, finished_at FROM jobs WHERE finished_at IS NOT NULL \
                     ORDER BY finished_at, created_at, seq",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            rows.into_iter()
                .map(|(id, at)| Ok((id, from_millis(at)?)))
                .collect()
        })
        .await
    }

    async fn delete_finished_before(&self, before: Timestamp) -> Result<Vec<String>, StoreError> {
        let before = millis(before);
        self.write(move |tx| {
            let ids: Vec<String> = tx
                .prepare_cached(
                    "SELECT id FROM jobs WHERE finished_at < ?1 ORDER BY created_at, seq",
                )?
                .query_map([before], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            tx.execute("DELETE FROM jobs WHERE finished_at < ?1", [before])?;
            Ok(ids)
        })
        .await
    }

    async fn expire_keys(&self, now: Timestamp) -> Result<u64, StoreError> {
        let now = millis(now);
        self.write(move |tx| {
            let n = tx.execute("DELETE FROM idempotency_keys WHERE expires_at <= ?1", [now])?;
            Ok(n as u64)
        })
        .await
    }
}
