-- The audit trail is append-only and tamper-evident: each case event carries the hash of the
-- event before it in the same case, so editing or deleting an event breaks the chain, and the
-- chain can be checked offline from an export.

ALTER TABLE case_event ADD COLUMN prev_hash text, ADD COLUMN hash text;

CREATE FUNCTION case_event_digest(prev text, e case_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(
    prev || '|' || e.case_id || '|' || e.kind || '|' || coalesce(e.task_id, '') || '|' || coalesce(e.actor_id, '') || '|' ||
    to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' || e.payload::text, 'UTF8')), 'hex')
$$;

-- Chain the existing events of each case in their recorded order.
DO $$
DECLARE r record; prev text; last_case text := NULL;
BEGIN
  FOR r IN SELECT * FROM case_event ORDER BY case_id, seq LOOP
    IF last_case IS DISTINCT FROM r.case_id THEN prev := ''; last_case := r.case_id; END IF;
    UPDATE case_event SET prev_hash = prev, hash = case_event_digest(prev, r) WHERE seq = r.seq;
    prev := case_event_digest(prev, r);
  END LOOP;
END $$;

CREATE FUNCTION case_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE prev text;
BEGIN
  -- One writer per case at a time, so every event links to exactly one predecessor.
  PERFORM pg_advisory_xact_lock(hashtext('case_event:' || NEW.case_id));
  SELECT e.hash INTO prev FROM case_event e
   WHERE e.case_id = NEW.case_id AND NOT EXISTS (SELECT 1 FROM case_event n WHERE n.case_id = e.case_id AND n.prev_hash = e.hash)
   LIMIT 1;
  NEW.prev_hash := coalesce(prev, '');
  NEW.hash := case_event_digest(NEW.prev_hash, NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER case_event_chain BEFORE INSERT ON case_event FOR EACH ROW EXECUTE FUNCTION case_event_chain();

CREATE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_event is append-only';
END $$;
CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE ON case_event FOR EACH ROW EXECUTE FUNCTION case_event_append_only();
CREATE INDEX case_event_by_prev ON case_event (case_id, prev_hash);
