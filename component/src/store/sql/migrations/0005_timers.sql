-- Persisted timers (scheduler/): each fires once per key, across restarts and
-- across component processes sharing one database. Times are epoch
-- milliseconds. claimed_by/lease_until: the process running it and until
-- when; another may claim it after that (at least once, see scheduler.ts).
CREATE TABLE timers (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  timer_key TEXT NOT NULL UNIQUE,
  due_at BIGINT NOT NULL,
  payload TEXT NOT NULL,
  claimed_by TEXT,
  lease_until BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  fired_at BIGINT
);
CREATE INDEX timers_pending ON timers (due_at) WHERE fired_at IS NULL;
