-- The admin audit log is append-only (issue #13 part 6: "Nothing in it can be
-- edited"). The store has no update or delete path; these triggers make the
-- database itself refuse one, whoever runs it.
-- https://sqlite.org/lang_createtrigger.html#raise
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
