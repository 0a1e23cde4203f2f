-- What happened to a timer start event's Temporal Schedule, and who did it: created, moved to a
-- new version or deleted by a deployment (actor: the deployer, or NULL for the startup
-- reconciliation), paused or resumed by a process owner (with their note). Append-only.
CREATE TABLE process_schedule_change (
  id              bigserial PRIMARY KEY,
  process_key     text NOT NULL,
  start_event_id  text NOT NULL,
  action          text NOT NULL CHECK (action IN ('created', 'moved', 'deleted', 'paused', 'resumed')),
  process_version integer,
  actor_id        text REFERENCES app_user(id),
  note            text,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX process_schedule_change_by_process ON process_schedule_change (process_key, at DESC);
CREATE FUNCTION process_schedule_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'process_schedule_change is append-only';
END $$;
CREATE TRIGGER process_schedule_change_append_only BEFORE UPDATE OR DELETE ON process_schedule_change FOR EACH ROW EXECUTE FUNCTION process_schedule_change_append_only();
