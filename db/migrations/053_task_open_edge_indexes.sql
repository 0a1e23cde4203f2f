-- The inbox's badge counts at 1M tasks (issue 19): the counters of migration 049 answer per hour;
-- the tasks falling due (or due soon) between the current hour's start and now are read from task
-- itself. A burst of cases started together (a schedule, an import) puts thousands of open tasks at
-- one instant: the count then fetched each of them from the heap (one block a task, 4,167 in B3's
-- 1M database: ≈ 12 ms of a count) and tested "offered to me" on each.
--
-- These two indexes hold what that test reads (the offer key), so the edge is read from them alone
-- (index-only), grouped by key and tested once per key (db/tasks.ts). The second replaces the plain
-- due-soon index, which nothing else reads.
CREATE INDEX task_open_due_edge ON task (due_at)
  INCLUDE (unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users) WHERE status = 'open';
CREATE INDEX task_open_soon_edge ON task (due_soon_at)
  INCLUDE (unit_id, candidate_roles, candidate_scope, candidate_department, candidate_users) WHERE status = 'open';
DROP INDEX task_open_by_due_soon;
