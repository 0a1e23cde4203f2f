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
