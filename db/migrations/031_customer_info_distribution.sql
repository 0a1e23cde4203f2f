-- 客户信息管理 (PROCESSES.md §1) 编号分发: the distribution register. One row per department
-- (a role in a unit) that received a numbered customer-information record, at the level the
-- 总经理 approved. Written by the `distribute-customer-info` service task; `entry_key` makes a
-- retried activity write nothing twice. Append-only: who was given a secret record must not be
-- rewritable afterwards.
CREATE TABLE customer_info_distribution (
  id              bigserial PRIMARY KEY,
  entry_key       text NOT NULL UNIQUE,                    -- <service task key>/<unit>/<role>
  info_no         text NOT NULL,                           -- XX-2026-11-000123 (编号)
  case_id         text NOT NULL REFERENCES process_case(id),
  customer_id     text NOT NULL REFERENCES customer(id),
  unit_id         text NOT NULL REFERENCES org_unit(id),   -- the receiving unit
  role            text NOT NULL,                           -- the receiving department (role code)
  level           text NOT NULL CHECK (level IN ('public', 'internal', 'secret', 'confidential')),
  info_type       text,                                    -- 信息分类: 类型
  region          text,                                    -- 信息分类: 地区
  period          text,                                    -- 信息分类: 时间
  distributed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_info_distribution_by_customer ON customer_info_distribution (customer_id, id DESC);
CREATE FUNCTION customer_info_distribution_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'customer_info_distribution is append-only';
END $$;
CREATE TRIGGER customer_info_distribution_append_only BEFORE UPDATE OR DELETE ON customer_info_distribution
  FOR EACH ROW EXECUTE FUNCTION customer_info_distribution_append_only();
