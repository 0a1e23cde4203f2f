-- The inbox's keyset cursor carries a task's due and creation instants as the API writes them, to the
-- millisecond (db/iso-text.ts), and compares them with the columns, which hold microseconds. The
-- workflows write milliseconds, but a task written with microseconds (SQL now(), a fix by hand, an
-- import) was shown twice at a page boundary in the ascending orders, and skipped in the newest-first
-- order, where the cut instant sorts before the whole one. Whoever writes a task, its instants are
-- now cut to the millisecond as written, by the trigger that already fires on them (migration 049),
-- so the cursor's key is the row's key (test/integration/task-cursor-precision.test.ts).
CREATE OR REPLACE FUNCTION task_set_due_soon_at() RETURNS trigger LANGUAGE plpgsql SET timezone = 'UTC' AS $$
BEGIN
  NEW.due_at := date_trunc('milliseconds', NEW.due_at);
  NEW.created_at := date_trunc('milliseconds', NEW.created_at);
  NEW.due_soon_at := least(NEW.due_at, NEW.due_at - (NEW.due_at - NEW.created_at) / 4);
  RETURN NEW;
END $$;

-- Tasks written before: a read of the table (3 s at 1M tasks), and a write only of those with
-- microseconds, none of which the workflows wrote (B3's seed, written by SQL, had 1M: 153 s).
UPDATE task SET created_at = created_at
 WHERE created_at <> date_trunc('milliseconds', created_at) OR due_at <> date_trunc('milliseconds', due_at);
