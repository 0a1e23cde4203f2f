-- "Offered to me" starts from the units where my roles count or from my name among a task's
-- candidate users (task-repository.ts); this index serves the second, as task_open_by_unit_due
-- serves the first, so the inbox's counts need not test every open task.
CREATE INDEX task_open_candidate_users ON task USING gin (candidate_users) WHERE status = 'open';
