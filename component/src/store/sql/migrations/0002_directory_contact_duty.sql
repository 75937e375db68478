-- Issue #3: a phone extension and duty status per entry.
-- INTEGER 0/1 rather than BOOLEAN so SQLite and PostgreSQL read the same values.
ALTER TABLE directory ADD COLUMN extension TEXT NOT NULL DEFAULT '';
ALTER TABLE directory ADD COLUMN on_duty INTEGER NOT NULL DEFAULT 0;
CREATE INDEX directory_on_duty ON directory (on_duty);
