-- The inbox's free-text search at 1M tasks (issue 19): trigram indexes on the texts it matches (the
-- task's name, the case's number and title, the customer's name). pg_trgm splits Chinese text into
-- trigrams as well as Latin (a "word" is a run of letters or digits), so a search of three or more
-- such characters in a row finds its few matching cases through the index instead of walking every
-- open task in due order and testing each one (0.5–1.5 s at 1M tasks for a term with few matches).
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it. PGlite loads
-- it in db/pglite-server.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX task_name_trgm ON task USING gin (name gin_trgm_ops);
CREATE INDEX process_case_title_trgm ON process_case USING gin (title gin_trgm_ops);
CREATE INDEX process_case_business_key_trgm ON process_case USING gin (business_key gin_trgm_ops);
CREATE INDEX customer_name_trgm ON customer USING gin (name gin_trgm_ops);
