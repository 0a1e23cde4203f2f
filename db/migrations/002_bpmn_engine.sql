-- The BPMN engine: deployed process versions, richer task projections, numbering.

CREATE TABLE process_definition (
  key          text NOT NULL,
  version      integer NOT NULL CHECK (version > 0),
  name         text NOT NULL,
  hash         text NOT NULL,             -- sha256 of the compiled model + forms: identical content ⇒ same version
  xml          text NOT NULL,
  model        jsonb NOT NULL,
  forms        jsonb NOT NULL DEFAULT '{}',
  deployed_by  text REFERENCES app_user(id),
  deployed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, version),
  UNIQUE (key, hash)
);

-- Outcomes are whatever the diagram allows (approve/reject, complete, …), no longer a fixed pair.
ALTER TABLE task DROP CONSTRAINT task_outcome_check;
ALTER TABLE task
  ADD COLUMN form_id          text,
  ADD COLUMN outcomes         text[] NOT NULL DEFAULT '{approve,reject}',
  ADD COLUMN candidate_users  text[] NOT NULL DEFAULT '{}',
  ADD COLUMN claimed_at       timestamptz,
  ADD COLUMN escalation_level integer NOT NULL DEFAULT 0,
  ADD COLUMN separation_of_duties boolean NOT NULL DEFAULT false;
CREATE INDEX task_open_by_assignee ON task (assignee_id, created_at) WHERE status = 'open';

ALTER TABLE process_case
  ADD COLUMN parent_case_id text REFERENCES process_case(id);

-- Gap-free, per-prefix-and-period counters for business numbers such as KH-2026-11-000123.
CREATE TABLE number_sequence (
  prefix text NOT NULL,
  period text NOT NULL,
  last   integer NOT NULL,
  PRIMARY KEY (prefix, period)
);
-- Which number a (case, element, occurrence) received, so a retried activity returns the same one.
CREATE TABLE number_assignment (
  assignment_key text PRIMARY KEY,
  number         text NOT NULL UNIQUE
);

-- The business calendar's exceptions to "Monday–Friday are working days": public holidays
-- (kind 'holiday') and 调休 make-up working days on weekends (kind 'workday').
CREATE TABLE calendar_day (
  day  date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL
);
