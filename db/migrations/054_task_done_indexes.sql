-- The inbox's 已完成 (completed) list at 1M tasks (issue 19): it walked every completed task newest
-- first, testing whether the reader may see it; a reader in a small unit of a large database waited
-- for the whole walk (1.3 s at 1M tasks; 我的 已完成 95 ms). Every completed task a user may see is
-- in a unit where they hold a role (or below one, with candidate scope "ancestors"), names them as a
-- candidate user, or was assigned to or completed by them: one index for each, so that a user with
-- few of them is answered from those (db/tasks.ts fewDoneReach), and 我的 已完成 walks the user's own
-- tasks only.
CREATE INDEX task_done_by_unit ON task (unit_id, candidate_scope) WHERE status = 'completed';
CREATE INDEX task_done_by_assignee ON task (assignee_id, created_at DESC, id DESC) WHERE status = 'completed';
CREATE INDEX task_done_by_completer ON task (completed_by) WHERE status = 'completed';
CREATE INDEX task_done_candidate_users ON task USING gin (candidate_users) WHERE status = 'completed';
