-- The admin audit log is append-only (issue #13 part 6: "Nothing in it can be
-- edited"). The store has no update or delete path; these triggers make the
-- database itself refuse one (TRUNCATE too), whoever runs it.
-- https://www.postgresql.org/docs/current/plpgsql-trigger.html
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
