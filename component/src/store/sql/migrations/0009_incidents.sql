-- Alarm incidents (issue #10): one row per incident with the preset as it was
-- when triggered (definition, JSON), and its timeline, append-only. place is
-- the location as compared for merging (lower-case, spaces folded; '' when
-- none was given, which never merges).
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  preset TEXT NOT NULL,
  place TEXT NOT NULL,
  room TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  definition TEXT NOT NULL
);
CREATE INDEX incidents_open ON incidents (preset, place, created_at) WHERE status = 'open';
CREATE TABLE incident_events (
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  event TEXT NOT NULL,
  who TEXT NOT NULL,
  detail TEXT NOT NULL,
  PRIMARY KEY (incident_id, seq)
);
