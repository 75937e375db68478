-- The staff directory: who someone is and which roles they hold.
-- Portable SQL: the same file runs on SQLite and PostgreSQL.
CREATE TABLE directory (
  jid TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  department TEXT NOT NULL DEFAULT ''
);

CREATE TABLE directory_roles (
  jid TEXT NOT NULL REFERENCES directory (jid) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (jid, role)
);

CREATE INDEX directory_roles_role ON directory_roles (role);
