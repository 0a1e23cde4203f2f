-- The inbox's badge counts at 1M tasks (issue 19): the counters of migration 049 answer per hour,
-- and the tasks falling due (or due soon) between the current hour's start and now were read from
-- task itself, grouped by offer key. A burst of cases started together (a schedule, an import) puts
-- thousands of open tasks at one instant; for the rest of that hour every count grouped all of them
-- again (4,167 in B3's 1M database: ≈ 5 ms of PostgreSQL a count, most of it hashing their keys).
--
-- task_open_edge counts the open tasks per offer key by the minute their due time and their
-- due-soon time fall in (`kind`: 'due' or 'soon'). The counts read the current hour's past minutes
-- from here (a row per key and minute, however many tasks share it) and only the current minute's
-- tasks from task (db/tasks.ts counts). Kept exactly like task_open_count: statement-level triggers,
-- deltas summed per key and written in key order, emptied rows dropped.

CREATE FUNCTION task_minute(ts timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN date_bin('1 minute', ts, TIMESTAMPTZ '2000-01-01 00:00:00+00');

CREATE TABLE task_open_edge (
  minute               timestamptz NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('due', 'soon')),
  unit_id              text NOT NULL,
  candidate_roles      text[] NOT NULL,
  candidate_scope      text NOT NULL,
  candidate_department text,
  candidate_users      text[] NOT NULL,
  n                    bigint NOT NULL,
  -- Minute first: the counts read a range of minutes.
  CONSTRAINT task_open_edge_key UNIQUE NULLS NOT DISTINCT
    (minute, kind, unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users)
);

-- Each open task with a due time counts in two rows: the minute of its due time ('due') and of its
-- due-soon time ('soon'). A trigger function may name only the transition tables its event has, each
-- in its own statement: one branch per event.
CREATE FUNCTION task_open_edge_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  emptied tid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH changed AS (SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, due_at, due_soon_at, 1 AS d FROM new_rows WHERE status = 'open' AND due_at IS NOT NULL),
       delta AS (
         SELECT m.minute, m.kind, c.unit_id, c.candidate_roles, c.candidate_scope, c.candidate_department, c.candidate_users, sum(c.d)::bigint AS n
           FROM changed c CROSS JOIN LATERAL (VALUES (task_minute(c.due_at), 'due'), (task_minute(c.due_soon_at), 'soon')) m (minute, kind)
          GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(c.d) <> 0),
       up AS (INSERT INTO task_open_edge AS k SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6, 7
              ON CONFLICT ON CONSTRAINT task_open_edge_key DO UPDATE SET n = k.n + excluded.n RETURNING k.ctid, k.n)
    SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM up;
  ELSIF TG_OP = 'DELETE' THEN
    WITH changed AS (SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, due_at, due_soon_at, -1 AS d FROM old_rows WHERE status = 'open' AND due_at IS NOT NULL),
       delta AS (
         SELECT m.minute, m.kind, c.unit_id, c.candidate_roles, c.candidate_scope, c.candidate_department, c.candidate_users, sum(c.d)::bigint AS n
           FROM changed c CROSS JOIN LATERAL (VALUES (task_minute(c.due_at), 'due'), (task_minute(c.due_soon_at), 'soon')) m (minute, kind)
          GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(c.d) <> 0),
       up AS (INSERT INTO task_open_edge AS k SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6, 7
              ON CONFLICT ON CONSTRAINT task_open_edge_key DO UPDATE SET n = k.n + excluded.n RETURNING k.ctid, k.n)
    SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM up;
  ELSE
    WITH changed AS (SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, due_at, due_soon_at, 1 AS d FROM new_rows WHERE status = 'open' AND due_at IS NOT NULL
                     UNION ALL
                     SELECT unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users, due_at, due_soon_at, -1 AS d FROM old_rows WHERE status = 'open' AND due_at IS NOT NULL),
       delta AS (
         SELECT m.minute, m.kind, c.unit_id, c.candidate_roles, c.candidate_scope, c.candidate_department, c.candidate_users, sum(c.d)::bigint AS n
           FROM changed c CROSS JOIN LATERAL (VALUES (task_minute(c.due_at), 'due'), (task_minute(c.due_soon_at), 'soon')) m (minute, kind)
          GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(c.d) <> 0),
       up AS (INSERT INTO task_open_edge AS k SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6, 7
              ON CONFLICT ON CONSTRAINT task_open_edge_key DO UPDATE SET n = k.n + excluded.n RETURNING k.ctid, k.n)
    SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM up;
  END IF;
  IF emptied IS NOT NULL THEN
    DELETE FROM task_open_edge WHERE ctid = ANY (emptied) AND n = 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER task_open_edge_insert AFTER INSERT ON task REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_open_edge_apply();
CREATE TRIGGER task_open_edge_update AFTER UPDATE ON task REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_open_edge_apply();
CREATE TRIGGER task_open_edge_delete AFTER DELETE ON task REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_open_edge_apply();

CREATE FUNCTION task_open_edge_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM task_open_edge;
  RETURN NULL;
END $$;
CREATE TRIGGER task_open_edge_truncate AFTER TRUNCATE ON task FOR EACH STATEMENT EXECUTE FUNCTION task_open_edge_clear();

INSERT INTO task_open_edge
SELECT m.minute, m.kind, t.unit_id, t.candidate_roles, t.candidate_scope, t.candidate_department, t.candidate_users, count(*)
  FROM task t CROSS JOIN LATERAL (VALUES (task_minute(t.due_at), 'due'), (task_minute(t.due_soon_at), 'soon')) m (minute, kind)
 WHERE t.status = 'open' AND t.due_at IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5, 6, 7;

ANALYZE task_open_edge;
