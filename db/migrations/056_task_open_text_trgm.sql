-- The inbox's free text at 1M tasks (issue 19), in the open lists: a term matching many cases (more
-- than migration 051's few) was found by walking the open tasks in due order, testing each one — for
-- a term in one case of nine ≈ 9,000 tasks walked for a page (15–18 ms of PostgreSQL) — and a term
-- with few went through 051's trigram look-up over all tasks, cases and customers (≈ 7 ms for a
-- number at 1M, its trigrams' lists being long). One trigram index over the open tasks' four searched
-- texts joined (the expression db/tasks.ts writes as OPEN_TEXT) finds either's open tasks (1,111 for
-- the first at 1M tasks, ≈ 2 ms); db/tasks.ts asks it only when a probe of the walk's first 200 open
-- tasks finds the term sparse there. Partial: a task leaves it when completed (≈ 7 MB at 100k open).
CREATE INDEX task_open_text_trgm ON task USING gin (
  (coalesce(name, '') || ' ' || coalesce(case_business_key, '') || ' ' || coalesce(case_title, '') || ' ' || coalesce(customer_name, '')) gin_trgm_ops
) WHERE status = 'open';
