-- Issue 17: 定期总结 — a month's report figures per unit, kept as they were computed. Append-only:
-- a later correction is a new snapshot beside the old one, never an edit, so what a reader saw
-- in a month's summary can be shown again exactly.
CREATE TABLE report_snapshot (
  id            bigserial PRIMARY KEY,
  period        text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),  -- China calendar month
  unit_id       text NOT NULL REFERENCES org_unit(id),                       -- this unit and those below it
  reports       jsonb NOT NULL,                                              -- report name → the report as served then
  trigger       text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  generated_by  text REFERENCES app_user(id),                                -- who asked, by hand
  case_id       text,                                                        -- the monthly-report-summary case that made it
  source_key    text UNIQUE,                                                 -- service task key + unit: a retried run adds nothing
  generated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_snapshot_by_period ON report_snapshot (period DESC, unit_id, id DESC);
CREATE FUNCTION report_snapshot_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'report_snapshot is append-only';
END $$;
CREATE TRIGGER report_snapshot_append_only BEFORE UPDATE OR DELETE ON report_snapshot FOR EACH ROW EXECUTE FUNCTION report_snapshot_append_only();
