-- The jobs, their event logs and idempotency keys. Times are milliseconds
-- since the Unix epoch; JSON columns hold the wire types.
CREATE TABLE jobs (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT, -- creation order
    id          TEXT    NOT NULL UNIQUE,
    endpoint    TEXT    NOT NULL,
    owner       TEXT,
    status      TEXT    NOT NULL
                CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'canceled')),
    created_at  INTEGER NOT NULL,
    started_at  INTEGER,
    finished_at INTEGER,
    progress    TEXT,                               -- Progress
    outputs     TEXT    NOT NULL DEFAULT '{}',      -- JobOutputs
    error       TEXT,                               -- Problem
    prompt_id   TEXT,
    request     TEXT    NOT NULL,
    body_hash   TEXT    NOT NULL,
    last_event  INTEGER NOT NULL DEFAULT 0          -- the seq of its last event
);
CREATE INDEX jobs_newest ON jobs (created_at DESC, seq DESC);
CREATE INDEX jobs_by_status ON jobs (status, created_at, seq);
CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;

CREATE TABLE job_events (
    job_id TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seq    INTEGER NOT NULL,
    kind   TEXT    NOT NULL,
    at     INTEGER NOT NULL,
    data   TEXT    NOT NULL,
    PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;

CREATE TABLE idempotency_keys (
    owner      TEXT    NOT NULL, -- '' without API keys
    key        TEXT    NOT NULL,
    job_id     TEXT    NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (owner, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_job ON idempotency_keys (job_id);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
