-- 我的 → 已办 lists the tasks the user completed (db/tasks.ts): a group task completed without a claim
-- was never assigned, so the assignee alone left a user's own work out of the list. The completer's
-- index now carries the list's newest-first order, walked like the assignee's (migration 054), so
-- that someone who completed 900,000 tasks reads one page of them, not all of them sorted. It still
-- serves the few path's "completed by me" test.
DROP INDEX task_done_by_completer;
CREATE INDEX task_done_by_completer ON task (completed_by, created_at DESC, id DESC) WHERE status = 'completed';
