-- Security events are append-only in the database itself (ADR 017): no UPDATE, no
-- DELETE, no TRUNCATE (which row triggers would not see).
CREATE FUNCTION refuse_change_of_append_only_table() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
--> statement-breakpoint
CREATE TRIGGER security_events_no_change BEFORE UPDATE OR DELETE ON security_events
FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_table();
--> statement-breakpoint
CREATE TRIGGER security_events_no_truncate BEFORE TRUNCATE ON security_events
FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_append_only_table();
