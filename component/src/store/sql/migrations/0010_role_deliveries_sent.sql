-- Issue #14: a role message is recorded, then delivered, then marked sent.
-- A restart between the record and the mark left it recorded and never
-- delivered, and the outbox's resend (same origin-id) was only confirmed;
-- now a resend of one not marked sent is delivered. Rows from before were sent.
ALTER TABLE role_deliveries ADD COLUMN sent_at TEXT;
UPDATE role_deliveries SET sent_at = at;
