-- Admin edits, append-only: who did what to which entry, when, and the value
-- before and after (JSON text, NULL when there was none). The store offers no
-- way to change or delete a record; directory-edit writes one in the same
-- transaction as the change it records.
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_target ON audit_log (target, at);
