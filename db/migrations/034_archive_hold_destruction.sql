-- Issue 16, items 3–4: 法律保全 (legal hold) on an archive, and the 客户档案销毁处理登记表.
-- A held archive is never proposed nor destroyed; the database refuses the combination too, so
-- no later code path can destroy an archive under hold.
ALTER TABLE archive
  ADD COLUMN legal_hold        boolean NOT NULL DEFAULT false,
  ADD COLUMN legal_hold_reason text,
  ADD CONSTRAINT archive_hold_not_destroyed CHECK (NOT (legal_hold AND status = 'destroyed'));

-- 客户档案销毁处理登记表: one row per destroyed archive, kept for ever (append-only) while the
-- archive's records are purged. What was destroyed is described here, not in the purged archive.
CREATE TABLE archive_destruction (
  id              text PRIMARY KEY,                         -- XH-2026-11-000001
  archive_id      text NOT NULL UNIQUE REFERENCES archive(id),
  case_id         text NOT NULL REFERENCES process_case(id),
  archive_type    text NOT NULL,
  customer_id     text REFERENCES customer(id),
  expires_on      date NOT NULL,
  method          text NOT NULL,                            -- 销毁方式
  witness         text,                                     -- 监销人
  reviewed_by     text REFERENCES app_user(id),             -- 客服经理 审核
  approved_by     text REFERENCES app_user(id),             -- 总经理 审批
  destroyed_by    text REFERENCES app_user(id),             -- 销毁处理 登记人
  destroyed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX archive_destruction_by_case ON archive_destruction (case_id);
CREATE FUNCTION archive_destruction_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'archive_destruction is append-only';
END $$;
CREATE TRIGGER archive_destruction_append_only BEFORE UPDATE OR DELETE ON archive_destruction FOR EACH ROW EXECUTE FUNCTION archive_destruction_append_only();
