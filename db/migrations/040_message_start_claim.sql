-- Issue 13, Zeebe's rule for message start events: a message with a correlation key starts a case
-- of a process only while no case of that process started by a message with the same key is still
-- running. One row per process and key names the case that holds it; the row is written (in one
-- statement, so two publications of the same key cannot both win) before the case's workflow is
-- started, and is taken over once that case has ended. A claim whose case was never recorded
-- (the start failed and the release was lost) stops blocking after ten minutes.
CREATE TABLE message_start_claim (
  process_key      text NOT NULL,
  correlation_key  text NOT NULL,
  case_id          text NOT NULL,
  claimed_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (process_key, correlation_key)
);
