-- Issue 18 §4–5, deploying safely: the 流程 editor keeps an unfinished diagram on the server (a
-- refresh or another browser loses nothing), one draft per process, with who saved it last and a
-- revision that a save must name, so two owners editing the same process find out instead of
-- overwriting each other. A deployed version carries the change note its deployer wrote.
CREATE TABLE process_draft (
  process_key text PRIMARY KEY,
  xml         text NOT NULL,
  forms       jsonb NOT NULL DEFAULT '{}'::jsonb,
  base_version integer,
  revision    integer NOT NULL CHECK (revision > 0),
  saved_by    text NOT NULL REFERENCES app_user(id),
  saved_at    timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE process_definition ADD COLUMN change_note text;
