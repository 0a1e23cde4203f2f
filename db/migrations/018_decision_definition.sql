-- DMN decision files, deployed and versioned like diagrams: identical content ⇒ the same version.
-- A business rule task finds its decision by id among the files' decisions (decision_ids).

CREATE TABLE decision_definition (
  key           text NOT NULL,            -- the DMN definitions id
  version       integer NOT NULL CHECK (version > 0),
  name          text NOT NULL,
  hash          text NOT NULL,            -- sha256 of the compiled model
  xml           text NOT NULL,
  model         jsonb NOT NULL,
  decision_ids  text[] NOT NULL,
  deployed_by   text REFERENCES app_user(id),
  deployed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, version),
  UNIQUE (key, hash)
);

CREATE INDEX decision_definition_by_decision ON decision_definition USING gin (decision_ids);
