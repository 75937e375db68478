-- Issue #11: admins read everyone's role messages' records newest first, a
-- page at a time (role-records): ordered by time, then id.
CREATE INDEX role_deliveries_at ON role_deliveries (at, id);
