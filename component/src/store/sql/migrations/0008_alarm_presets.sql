-- Alarm presets (issue #10): one row per preset, the definition as JSON text
-- (the component validates it before it is written: alarms/validate.ts).
-- Admins' edits are also kept in the append-only audit_log.
CREATE TABLE alarm_presets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  definition TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
