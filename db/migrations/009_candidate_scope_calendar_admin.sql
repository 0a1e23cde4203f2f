-- Issue 4, two gaps of the approvers' inbox.

-- Where a task's candidate roles must be held (shouwen:candidateScope): 'unit' = in the task's
-- unit, as every task so far; 'ancestors' = in that unit or any unit above it.
ALTER TABLE task ADD COLUMN candidate_scope text NOT NULL DEFAULT 'unit' CHECK (candidate_scope IN ('unit', 'ancestors'));

-- The business calendar is edited by admins through the API now: keep who changed a day and when.
-- `name` (a holiday's name, e.g. 国庆节) is the API's `note`.
ALTER TABLE calendar_day
  ADD COLUMN updated_by text REFERENCES app_user(id),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
