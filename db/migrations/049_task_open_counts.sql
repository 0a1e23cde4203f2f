-- The inbox badge counts (issue 19) without scanning every open task on each poll.
--
-- task_open_count holds how many open tasks share an "offer key" (what decides who is offered a
-- task: unit, candidate roles, scope, department, candidate users), claimed or not, by the hour
-- their due time falls in and the hour they become due soon. The counts read these few rows and
-- test "offered to me" once per key (db/tasks.ts counts); only the tasks whose due or due-soon
-- moment falls in the current hour are read from task itself, exactly.
--
-- Kept by statement-level triggers with transition tables: one upsert per statement, the deltas
-- summed per key and written in key order (a bulk insert of 1M tasks writes each key once, not a
-- million times; two statements lock the keys they share in the same order).

-- When the task becomes "due soon" (a quarter of its time left, db/tasks.ts SLA): the moment after
-- which `due_at - now() < (due_at - created_at) / 4` holds. In UTC a day is 24 hours, so the
-- subtraction agrees with the interval comparison to the microsecond. least(): a task due before
-- it was created is never due soon, only overdue.
ALTER TABLE task ADD COLUMN due_soon_at timestamptz;

CREATE FUNCTION task_set_due_soon_at() RETURNS trigger LANGUAGE plpgsql SET timezone = 'UTC' AS $$
BEGIN
  NEW.due_soon_at := least(NEW.due_at, NEW.due_at - (NEW.due_at - NEW.created_at) / 4);
  RETURN NEW;
END $$;

CREATE TRIGGER task_due_soon_at BEFORE INSERT OR UPDATE OF due_at, created_at ON task
  FOR EACH ROW EXECUTE FUNCTION task_set_due_soon_at();

-- Read for open tasks only: those are backfilled (every task written from now on has it).
UPDATE task SET due_at = due_at WHERE status = 'open' AND due_at IS NOT NULL;

CREATE INDEX task_open_by_due_soon ON task (due_soon_at) WHERE status = 'open';
-- Open tasks completed by the user count as theirs (policy/sql.ts taskVisibleGiven); normally none.
CREATE INDEX task_open_completed_by ON task (completed_by) WHERE status = 'open' AND completed_by IS NOT NULL;

CREATE TABLE task_open_count (
  unit_id              text NOT NULL,
  candidate_roles      text[] NOT NULL,
  candidate_scope      text NOT NULL,
  candidate_department text,
  candidate_users      text[] NOT NULL,
  claimed              boolean NOT NULL,
  -- date_bin to whole UTC hours (no time zone involved); NULL: no due time.
  due_hour             timestamptz,
  soon_hour            timestamptz,
  n                    bigint NOT NULL,
  CONSTRAINT task_open_count_key UNIQUE NULLS NOT DISTINCT
    (unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, claimed, due_hour, soon_hour)
);

-- The key of an open task row `t`, in the order of task_open_count's columns.
CREATE FUNCTION task_hour(ts timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN date_bin('1 hour', ts, TIMESTAMPTZ '2000-01-01 00:00:00+00');

INSERT INTO task_open_count
SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, assignee_id IS NOT NULL,
       task_hour(due_at), task_hour(due_soon_at), count(*)
  FROM task WHERE status = 'open'
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- Adds the deltas of one statement (`delta`: key columns and n) in key order, then drops the keys left at zero
-- (hours pass: the table stays as small as the open tasks' keys).
CREATE FUNCTION task_open_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  emptied tid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH delta AS (
      SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, assignee_id IS NOT NULL AS claimed,
             task_hour(due_at) AS due_hour, task_hour(due_soon_at) AS soon_hour, count(*) AS n
        FROM new_rows WHERE status = 'open' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8),
    up AS (INSERT INTO task_open_count AS k SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
           ON CONFLICT ON CONSTRAINT task_open_count_key DO UPDATE SET n = k.n + excluded.n RETURNING k.ctid, k.n)
    SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM up;
  ELSIF TG_OP = 'DELETE' THEN
    WITH delta AS (
      SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, assignee_id IS NOT NULL AS claimed,
             task_hour(due_at) AS due_hour, task_hour(due_soon_at) AS soon_hour, -count(*) AS n
        FROM old_rows WHERE status = 'open' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8),
    up AS (INSERT INTO task_open_count AS k SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
           ON CONFLICT ON CONSTRAINT task_open_count_key DO UPDATE SET n = k.n + excluded.n RETURNING k.ctid, k.n)
    SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM up;
  ELSE
    WITH delta AS (
      SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, claimed, due_hour, soon_hour, sum(d)::bigint AS n
        FROM (SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, assignee_id IS NOT NULL AS claimed,
                     task_hour(due_at) AS due_hour, task_hour(due_soon_at) AS soon_hour, 1 AS d FROM new_rows WHERE status = 'open'
              UNION ALL
              SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, assignee_id IS NOT NULL,
                     task_hour(due_at), task_hour(due_soon_at), -1 FROM old_rows WHERE status = 'open') x
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(d) <> 0),
    up AS (INSERT INTO task_open_count AS k SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
           ON CONFLICT ON CONSTRAINT task_open_count_key DO UPDATE SET n = k.n + excluded.n RETURNING k.ctid, k.n)
    SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM up;
  END IF;
  IF emptied IS NOT NULL THEN
    DELETE FROM task_open_count WHERE ctid = ANY (emptied) AND n = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER task_open_count_insert AFTER INSERT ON task REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_open_count_apply();
CREATE TRIGGER task_open_count_update AFTER UPDATE ON task REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_open_count_apply();
CREATE TRIGGER task_open_count_delete AFTER DELETE ON task REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_open_count_apply();

CREATE FUNCTION task_open_count_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM task_open_count;
  RETURN NULL;
END $$;
CREATE TRIGGER task_open_count_truncate AFTER TRUNCATE ON task FOR EACH STATEMENT EXECUTE FUNCTION task_open_count_clear();

ANALYZE task_open_count;
