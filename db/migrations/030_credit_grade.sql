-- Issue 15, 信用等级评定: each grade the credit-grading process decided for a customer, kept as a
-- history (the newest is the customer's grade; 客户 360 shows it instead of 未评定). Written only
-- by the `record-credit-grade` service task after the 客服经理 approved it; one row per case
-- step occurrence (`key`), so a retried activity writes nothing twice.
CREATE TABLE customer_credit_grade (
  id            bigserial PRIMARY KEY,
  key           text NOT NULL UNIQUE,                      -- the service task's occurrence key
  customer_id   text NOT NULL REFERENCES customer(id),
  case_id       text NOT NULL REFERENCES process_case(id),
  grade         text NOT NULL CHECK (grade IN ('AAA', 'AA', 'A', 'B', 'C')),
  credit_limit  numeric(14, 2) NOT NULL CHECK (credit_limit >= 0),
  -- What the table was given (the sales summary) and what the 客服经理 said, as the case had them.
  basis         jsonb NOT NULL,
  approved_by   text REFERENCES app_user(id),
  decided_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_credit_grade_by_customer ON customer_credit_grade (customer_id, id DESC);
CREATE FUNCTION customer_credit_grade_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'customer_credit_grade is append-only';
END $$;
CREATE TRIGGER customer_credit_grade_append_only BEFORE UPDATE OR DELETE ON customer_credit_grade
  FOR EACH ROW EXECUTE FUNCTION customer_credit_grade_append_only();
