-- Alarm triggers by the client's own id (issue #10: an alarm raised offline
-- is sent on reconnect and "never sent twice"): a retry with the same id by
-- the same person finds the incident its first attempt opened or merged into.
CREATE TABLE alarm_triggers (
  trigger_jid TEXT NOT NULL,
  client_id TEXT NOT NULL,
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  at TEXT NOT NULL,
  PRIMARY KEY (trigger_jid, client_id)
);
