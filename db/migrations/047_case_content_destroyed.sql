-- Issue 16, 过期销毁: destroying an archive also destroys its source case's readable content
-- (variables, form values, comments, record texts, trail payloads), while the audit trail must
-- still verify. The chain so far hashed each payload's text itself, so a removed payload could never
-- be vouched for again. From here on each event's digest covers the payload's own sha256 instead
-- (kept in `payload_digest`): the payload can be dropped and the stored digest still proves what
-- the chain covered. Events written before this migration keep the old digest (payload_digest
-- NULL) and cannot be purged in place; the case read path withholds them instead.

ALTER TABLE process_case
  ADD COLUMN content_destroyed_at timestamptz,
  ADD COLUMN content_destroyed_by text;          -- the 销毁处理登记表 number (XH-…) that purged it

ALTER TABLE case_event ADD COLUMN payload_digest text, ADD COLUMN purged_at timestamptz;

CREATE OR REPLACE FUNCTION case_event_payload_digest(payload jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(payload::text, 'UTF8')), 'hex')
$$;

-- An unpurged event is hashed from its payload as stored now (so editing it still breaks the chain);
-- a purged one from the digest kept when it was purged.
CREATE OR REPLACE FUNCTION case_event_digest(prev text, e case_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(
    prev || '|' || e.case_id || '|' || e.kind || '|' || coalesce(e.task_id, '') || '|' || coalesce(e.actor_id, '') || '|' ||
    to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' ||
    CASE WHEN e.payload_digest IS NULL THEN e.payload::text
         WHEN e.purged_at IS NULL THEN 'sha256:' || case_event_payload_digest(e.payload)
         ELSE 'sha256:' || e.payload_digest END, 'UTF8')), 'hex')
$$;

CREATE OR REPLACE FUNCTION case_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE prev text;
BEGIN
  -- One writer per case at a time, so every event links to exactly one predecessor.
  PERFORM pg_advisory_xact_lock(hashtext('case_event:' || NEW.case_id));
  SELECT e.hash INTO prev FROM case_event e
   WHERE e.case_id = NEW.case_id AND NOT EXISTS (SELECT 1 FROM case_event n WHERE n.case_id = e.case_id AND n.prev_hash = e.hash)
   LIMIT 1;
  NEW.prev_hash := coalesce(prev, '');
  NEW.purged_at := NULL;
  NEW.payload_digest := case_event_payload_digest(NEW.payload);
  NEW.hash := case_event_digest(NEW.prev_hash, NEW);
  RETURN NEW;
END $$;

-- Still append-only, with one exception: the purge of a case whose archive was destroyed replaces
-- a payload by the marker and nothing else, and only while the stored digest matches the payload
-- (so a payload edited behind the chain's back is never laundered by a purge).
CREATE OR REPLACE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL
     AND OLD.payload_digest IS NOT NULL AND OLD.payload_digest = case_event_payload_digest(OLD.payload)
     AND NEW.payload = '{"contentDestroyed": "内容已随档案销毁"}'::jsonb
     AND (NEW.seq, NEW.event_key, NEW.case_id, NEW.kind, NEW.task_id, NEW.actor_id, NEW.at, NEW.prev_hash, NEW.hash, NEW.payload_digest)
         IS NOT DISTINCT FROM (OLD.seq, OLD.event_key, OLD.case_id, OLD.kind, OLD.task_id, OLD.actor_id, OLD.at, OLD.prev_hash, OLD.hash, OLD.payload_digest)
     AND EXISTS (SELECT 1 FROM process_case c WHERE c.id = OLD.case_id AND c.content_destroyed_at IS NOT NULL) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'case_event is append-only';
END $$;
