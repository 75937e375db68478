-- Issue #11: a role message the sender's own client sends (role-resolve,
-- encryption on) is recorded before its user may still cancel it. by_client
-- marks those records (1), so only they can be withdrawn, never one the
-- component itself delivered; withdrawn_at is when the sender cancelled it
-- (its reached list is then empty: it reached nobody).
ALTER TABLE role_deliveries ADD COLUMN by_client INTEGER NOT NULL DEFAULT 0;
ALTER TABLE role_deliveries ADD COLUMN withdrawn_at TEXT;
