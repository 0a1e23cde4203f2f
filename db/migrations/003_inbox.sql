-- The approvers' inbox: comments on tasks, and the indexes its views and filters use.

CREATE TABLE task_comment (
  id        bigserial PRIMARY KEY,
  task_id   text NOT NULL REFERENCES task(id),
  case_id   text NOT NULL REFERENCES process_case(id),
  author_id text NOT NULL REFERENCES app_user(id),
  body      text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX task_comment_by_task ON task_comment (task_id, id);
CREATE INDEX task_comment_by_case ON task_comment (case_id, id);

-- "offered to my groups": candidate roles are matched per unit.
CREATE INDEX task_open_candidate_roles ON task USING gin (candidate_roles) WHERE status = 'open';
-- Default inbox order is by due date (no due date last), then creation, then id (keyset).
CREATE INDEX task_open_by_due ON task ((coalesce(due_at, 'infinity'::timestamptz)), created_at, id) WHERE status = 'open';
CREATE INDEX task_by_status_created ON task (status, created_at DESC, id DESC);
CREATE INDEX process_case_by_customer ON process_case (customer_id);
