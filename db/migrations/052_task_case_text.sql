-- The inbox's free text at 1M tasks (issue 19): a common term is found by walking the open tasks in
-- due order until the page is full, testing each one. The test looked up the task's case and
-- customer (three index lookups, ≈ 8 µs a task; ≈ 60 ms for the ≈ 9k tasks a term matching one
-- case in a hundred walks past). The texts it matches are now copied onto the task, as its
-- customer already is (migration 050): the case's number and title and the customer's name. The
-- customer is still read, but only for a task whose title or customer name matched, to check the
-- reader is cleared for that customer (db/tasks.ts).
--
-- Kept by triggers: a task takes them from its case when written (the trigger of migration 050,
-- which now also fires when anything writes these columns, so they cannot be set to anything
-- else); a case passes a new number, title or customer on to its tasks; a customer a new name to
-- its tasks (each such task row rewritten: rare, and a customer's tasks are one index range).
ALTER TABLE task ADD COLUMN case_business_key text, ADD COLUMN case_title text, ADD COLUMN customer_name text;

UPDATE task t SET case_business_key = c.business_key, case_title = c.title, customer_name = cu.name
  FROM process_case c LEFT JOIN customer cu ON cu.id = c.customer_id
 WHERE c.id = t.case_id;

CREATE OR REPLACE FUNCTION task_take_case_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.customer_id, c.business_key, c.title, cu.name
    INTO NEW.customer_id, NEW.case_business_key, NEW.case_title, NEW.customer_name
    FROM process_case c LEFT JOIN customer cu ON cu.id = c.customer_id
   WHERE c.id = NEW.case_id;
  RETURN NEW;
END $$;
DROP TRIGGER task_case_customer ON task;
CREATE TRIGGER task_case_customer BEFORE INSERT OR UPDATE OF case_id, customer_id, case_business_key, case_title, customer_name ON task
  FOR EACH ROW EXECUTE FUNCTION task_take_case_customer();

-- The task trigger above reads the case and its customer again, so touching customer_id is enough.
CREATE OR REPLACE FUNCTION process_case_customer_to_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE task SET customer_id = NEW.customer_id WHERE case_id = NEW.id;
  RETURN NULL;
END $$;
DROP TRIGGER process_case_customer ON process_case;
CREATE TRIGGER process_case_customer AFTER UPDATE OF customer_id, business_key, title ON process_case
  FOR EACH ROW WHEN ((OLD.customer_id, OLD.business_key, OLD.title) IS DISTINCT FROM (NEW.customer_id, NEW.business_key, NEW.title))
  EXECUTE FUNCTION process_case_customer_to_tasks();

CREATE FUNCTION customer_name_to_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE task SET customer_name = NEW.name WHERE customer_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER customer_name_to_tasks AFTER UPDATE OF name ON customer
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION customer_name_to_tasks();

ANALYZE task;
