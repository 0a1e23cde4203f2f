-- Dashboards and process analytics (issue 17): the auditor's recent escalations are a range on one
-- event kind's time, and a process owner's cases per version (and a version's analytics on its
-- diagram) start from the version's cases; both read through an index instead of the whole history.
CREATE INDEX case_event_escalated_at ON case_event (at DESC) WHERE kind = 'task.escalated';
CREATE INDEX process_case_by_version ON process_case (process_key, process_version, status);
