-- Issue 15, 逾期应收检查: each credit-anomaly case the daily overdue check started, with the
-- figures it was started on. The row is written before the case's workflow is started and names
-- its case id, so it is the claim that makes the check start at most one open anomaly case per
-- customer (under an advisory lock per customer): a retried check finds its own claim and starts
-- the same workflow id again (Temporal refuses the duplicate), a second check finds the claim open.
CREATE TABLE credit_overdue_start (
  case_id             text PRIMARY KEY,
  customer_id         text NOT NULL REFERENCES customer(id),
  check_key           text NOT NULL,                       -- the check's service task occurrence
  check_case_id       text NOT NULL,
  overdue_receivable  numeric(14, 2) NOT NULL,
  max_overdue_days    integer NOT NULL,
  threshold           numeric(14, 2) NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (check_key, customer_id)
);
CREATE INDEX credit_overdue_start_by_customer ON credit_overdue_start (customer_id, created_at DESC);

-- Issue 15, 信用等级评估原则 as a reviewed change: a decision file listed here changes only when a
-- 客服经理 approves it. A process owner's new version of it is stored as a proposal (not in force:
-- effective_at is null) with the decision-change case that reviews it; approval puts it in force
-- from that moment, so only evaluations after the approval use it. Every other version is in force
-- from its deployment, as before.
CREATE TABLE decision_review_policy (
  decision_key  text PRIMARY KEY,           -- the DMN definitions id
  note          text NOT NULL
);
INSERT INTO decision_review_policy (decision_key, note) VALUES ('credit-grading-rules', '信用等级评估原则：变更须经客服经理审批（种子文档 002）');
ALTER TABLE decision_definition
  ADD COLUMN effective_at   timestamptz,
  ADD COLUMN review_status  text NOT NULL DEFAULT 'none' CHECK (review_status IN ('none', 'proposed', 'approved', 'rejected')),
  ADD COLUMN review_case_id text UNIQUE,
  ADD COLUMN reviewed_by    text REFERENCES app_user(id);
UPDATE decision_definition SET effective_at = deployed_at;
