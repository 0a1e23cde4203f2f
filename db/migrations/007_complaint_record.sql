-- 客户投诉记录 (PROCESSES.md §5): one row per complaint case, numbered TS-YYYY-MM-NNNNNN,
-- written by the `record-complaint` service task at the steps the diagram places it
-- (registered → investigated → handling). Whether it ended explained or closed, and when,
-- is the case's own status: the row never contradicts the workflow.
CREATE TABLE complaint (
  id                     text PRIMARY KEY,          -- TS-2026-11-000123
  case_id                text NOT NULL UNIQUE REFERENCES process_case(id),
  customer_id            text REFERENCES customer(id),
  stage                  text NOT NULL CHECK (stage IN ('registered', 'investigated', 'handling')),
  channel                text,                      -- 电话 / 信函 / 上门 / 网络 …
  severity               text CHECK (severity IN ('general', 'serious', 'major')),
  product                text,
  content                text,                      -- 投诉内容
  customer_request       text,                      -- 客户要求
  received_at            timestamptz,
  is_valid               boolean,                   -- 投诉是否属实
  cause_type             text CHECK (cause_type IN ('own', 'external')),
  responsible_department text,
  responsible_person     text,
  solution_plan          text,
  compensation_amount    numeric(12, 2) CHECK (compensation_amount >= 0),
  promised_deadline      timestamptz,               -- the handling deadline promised to the customer
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_by_customer ON complaint (customer_id, created_at DESC);
CREATE INDEX complaint_by_department ON complaint (responsible_department) WHERE responsible_department IS NOT NULL;
