-- Issue #9. The site model: one JSON document (buildings → floors → rooms),
-- replaced whole by an admin (site-edit, recorded in audit_log).
CREATE TABLE site_model (
  id INTEGER PRIMARY KEY,
  model TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
-- Location history, written in batches, purged after the retention setting.
-- The latest location per person lives in the component's memory (DESIGN.md:
-- a store write per publish caps the rate). stopped = 1: sharing stopped.
CREATE TABLE location_history (
  jid TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  taken_at TEXT,
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  accuracy DOUBLE PRECISION,
  building TEXT,
  floor TEXT,
  room TEXT,
  stopped INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX location_history_received ON location_history (received_at);
CREATE INDEX location_history_jid ON location_history (jid, received_at);
-- The current duty shift per person: when it started, when it ends (epoch ms),
-- and whether its one extension was used.
CREATE TABLE duty_shifts (
  jid TEXT PRIMARY KEY,
  started_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  extended INTEGER NOT NULL DEFAULT 0
);
