-- The 案例 list pages by keyset, newest first: (started_at, id) descending, the cursor being the
-- last row's pair. One index serves every reader's walk (auditors read all cases) and one per
-- process serves the process filter; the status filter has process_case_by_status.
--
-- The search (业务编号, assigned numbers, customer, title) is a substring match. It is not indexed:
-- pg_trgm, which would index it, is not in the embedded database (PGlite), so the walk above stops
-- after a page of matches and a search with few matches reads the reader's cases once.
CREATE INDEX process_case_by_started ON process_case (started_at DESC, id DESC);
CREATE INDEX process_case_by_process_started ON process_case (process_key, started_at DESC, id DESC);
