-- Issue 16: 客户档案管理 (PROCESSES.md §7). The archive register (档案登记): one archive per
-- archived case, filled by the `archive` service task at 归档; the 借阅台账 (loans); and each
-- archive's history. The level is the customer's at registration, so the register masks like
-- every other read of customer-derived data.
CREATE TABLE archive (
  id               text PRIMARY KEY,                       -- DA-2026-11-000123
  case_id          text UNIQUE REFERENCES process_case(id), -- the archived case (one archive per case)
  customer_id      text REFERENCES customer(id),
  unit_id          text NOT NULL REFERENCES org_unit(id),
  archive_type     text NOT NULL,                          -- the process key: complaint, repair …
  title            text NOT NULL,
  confidentiality  text NOT NULL DEFAULT 'internal' CHECK (confidentiality IN ('public', 'internal', 'secret', 'confidential')),
  location         text NOT NULL,                          -- 存放位置
  retention_years  integer NOT NULL CHECK (retention_years BETWEEN 1 AND 100),
  expires_on       date NOT NULL,                          -- China calendar day
  status           text NOT NULL DEFAULT 'in_stock' CHECK (status IN ('in_stock', 'on_loan', 'rectifying', 'destroyed')),
  records          jsonb NOT NULL DEFAULT '{}',            -- the case's data at 归档; purged on destruction
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX archive_by_customer ON archive (customer_id, created_at DESC);
CREATE INDEX archive_by_status ON archive (status, created_at DESC);

-- 借阅台账: one loan per borrow case; open while returned_at is NULL (one open loan per archive).
CREATE TABLE archive_loan (
  id               text PRIMARY KEY,                       -- JY-2026-11-000001
  archive_id       text NOT NULL REFERENCES archive(id),
  case_id          text NOT NULL UNIQUE REFERENCES process_case(id),
  borrower_id      text REFERENCES app_user(id),
  department       text,
  purpose          text NOT NULL,
  due_on           date NOT NULL,
  lent_by          text REFERENCES app_user(id),
  lent_at          timestamptz NOT NULL DEFAULT now(),
  returned_at      timestamptz,
  return_intact    boolean,
  return_note      text
);
CREATE UNIQUE INDEX archive_loan_one_open ON archive_loan (archive_id) WHERE returned_at IS NULL;

-- An archive's history (registered, lent, returned, …). Append-only: the trail of a destroyed
-- archive is kept for ever.
CREATE TABLE archive_event (
  id          bigserial PRIMARY KEY,
  key         text NOT NULL UNIQUE,                        -- idempotency: a retried activity writes once
  archive_id  text NOT NULL REFERENCES archive(id),
  kind        text NOT NULL,
  case_id     text,
  actor_id    text REFERENCES app_user(id),
  payload     jsonb NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX archive_event_by_archive ON archive_event (archive_id, id);
CREATE FUNCTION archive_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'archive_event is append-only';
END $$;
CREATE TRIGGER archive_event_append_only BEFORE UPDATE OR DELETE ON archive_event FOR EACH ROW EXECUTE FUNCTION archive_event_append_only();
