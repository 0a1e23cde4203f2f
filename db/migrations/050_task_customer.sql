-- The inbox's customer filter at 1M tasks (issue 19): the case's customer copied onto its tasks, so
-- "open tasks of customer X in due order" is one index range instead of walking every open task in
-- due order and looking up each one's case. Kept by triggers: a task takes its case's customer when
-- written, and a case whose customer changes passes it on to its tasks.
ALTER TABLE task ADD COLUMN customer_id text REFERENCES customer(id);

UPDATE task t SET customer_id = c.customer_id FROM process_case c WHERE c.id = t.case_id AND c.customer_id IS NOT NULL;

CREATE FUNCTION task_take_case_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.customer_id INTO NEW.customer_id FROM process_case c WHERE c.id = NEW.case_id;
  RETURN NEW;
END $$;
CREATE TRIGGER task_case_customer BEFORE INSERT OR UPDATE OF case_id, customer_id ON task
  FOR EACH ROW EXECUTE FUNCTION task_take_case_customer();

CREATE FUNCTION process_case_customer_to_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE task SET customer_id = NEW.customer_id WHERE case_id = NEW.id AND customer_id IS DISTINCT FROM NEW.customer_id;
  RETURN NULL;
END $$;
CREATE TRIGGER process_case_customer AFTER UPDATE OF customer_id ON process_case
  FOR EACH ROW WHEN (OLD.customer_id IS DISTINCT FROM NEW.customer_id) EXECUTE FUNCTION process_case_customer_to_tasks();

CREATE INDEX task_open_by_customer_due ON task (customer_id, (coalesce(due_at, 'infinity'::timestamptz)), created_at, id) WHERE status = 'open';
CREATE INDEX task_by_customer_created ON task (customer_id, created_at DESC, id DESC) WHERE customer_id IS NOT NULL;
ANALYZE task;
