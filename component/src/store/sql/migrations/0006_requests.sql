-- Issue #8: quick responses. Templates (the defaults are added at start by
-- the requests service, only where their id is free, so an admin's edit stays), the
-- requests sent, whom each reached, each person's current answer (one row per
-- person: a changed answer replaces it), and the append-only audit trail of
-- every request, delivery and answer. JSON columns hold the typed values of
-- protocol/src/types.ts. Times are ISO 8601 text. The one writer of a
-- request's rows (store/sql/responses.ts) locks the request row first, so
-- answers to one request are decided one at a time by the database.
CREATE TABLE request_templates (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  choices TEXT NOT NULL,
  rule_kind TEXT NOT NULL,
  quorum INTEGER,
  expires_after_s INTEGER,
  escalate_after_s INTEGER,
  escalate_to TEXT NOT NULL,
  fields TEXT NOT NULL,
  on_accept TEXT
);

CREATE TABLE requests (
  id TEXT PRIMARY KEY,
  template TEXT NOT NULL,
  title TEXT NOT NULL,
  sender TEXT NOT NULL,
  sender_name TEXT NOT NULL,
  rule_kind TEXT NOT NULL,
  quorum INTEGER,
  choices TEXT NOT NULL,
  fields TEXT NOT NULL,
  audience TEXT NOT NULL,
  escalation TEXT,
  on_accept TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  status TEXT NOT NULL,
  status_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX requests_sender ON requests (sender, created_at);
CREATE INDEX requests_created ON requests (created_at);

CREATE TABLE request_recipients (
  request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  jid TEXT NOT NULL,
  name TEXT NOT NULL,
  delivered_at TEXT NOT NULL,
  PRIMARY KEY (request_id, jid)
);

CREATE TABLE request_answers (
  request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  jid TEXT NOT NULL,
  name TEXT NOT NULL,
  choice TEXT NOT NULL,
  at TEXT NOT NULL,
  resource TEXT NOT NULL,
  PRIMARY KEY (request_id, jid)
);

-- n numbers a request's events in order (assigned under the request's row lock).
CREATE TABLE request_audit (
  request_id TEXT NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
  n INTEGER NOT NULL,
  event TEXT NOT NULL,
  who TEXT NOT NULL,
  choice TEXT NOT NULL,
  at TEXT NOT NULL,
  resource TEXT NOT NULL,
  took_ms BIGINT,
  PRIMARY KEY (request_id, n)
);
