-- Incidents: a token of a case stopped at one element by a problem it cannot get past alone
-- (workflows/bpmn/behaviours/incidents.ts). The row is the projection the incident list reads;
-- the workflow holds the truth. Resolved rows stay: who retried or cancelled, when, and why.
CREATE TABLE incident (
  id           text PRIMARY KEY,
  case_id      text NOT NULL REFERENCES process_case (id),
  element_id   text NOT NULL,
  element_name text,
  message      text NOT NULL,
  raised_at    timestamptz NOT NULL,
  resolved_at  timestamptz,
  resolution   text CHECK (resolution IN ('retry', 'cancel', 'withdrawn')),
  resolved_by  text REFERENCES app_user (id),
  comment      text
);
CREATE INDEX incident_open ON incident (raised_at DESC) WHERE resolved_at IS NULL;
CREATE INDEX incident_by_case ON incident (case_id);
