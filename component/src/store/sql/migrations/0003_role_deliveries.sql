-- Issue #3: every message to a role, and whom it reached (an audit record).
CREATE TABLE role_deliveries (
  id TEXT PRIMARY KEY,
  sender TEXT NOT NULL,
  role TEXT NOT NULL,
  reached TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX role_deliveries_sender ON role_deliveries (sender, at);
