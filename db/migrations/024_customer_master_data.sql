-- Issue 14: customer master data maintained in the console (客户资料卡), purchases with their
-- amounts and payments (credit grading reads receivables and overdue days from them), and who
-- changed what.

-- 客户资料卡: the fields the relationship and customer-information processes collect.
ALTER TABLE customer
  ADD COLUMN region        text,                            -- 地区 (free text: 浙江 宁波 …)
  ADD COLUMN customer_type text,                            -- 类型: 企业 / 个人 / 经销商 / 政府机构 …
  ADD COLUMN industry      text,
  ADD COLUMN source        text,                            -- 来源: 展会 / 转介绍 / 官网 …
  ADD COLUMN owner_id      text REFERENCES app_user(id),    -- 客户负责人
  ADD COLUMN created_by    text REFERENCES app_user(id),
  ADD COLUMN updated_at    timestamptz;

-- The change history: one row per create, edit or confidentiality change, each naming the fields
-- changed (old → new). Append-only, like admin_change: the trail of a confidential record must
-- not be rewritable by whoever edits the record.
CREATE TABLE customer_change (
  id          bigserial PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customer(id),
  actor_id    text REFERENCES app_user(id),               -- NULL: the customer-information process
  kind        text NOT NULL CHECK (kind IN ('created', 'updated', 'confidentiality')),
  case_id     text,                                       -- the process case that set a level
  changes     jsonb NOT NULL,                             -- [{field, before, after}]
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_change_by_customer ON customer_change (customer_id, id DESC);
CREATE FUNCTION customer_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'customer_change is append-only';
END $$;
CREATE TRIGGER customer_change_append_only BEFORE UPDATE OR DELETE ON customer_change FOR EACH ROW EXECUTE FUNCTION customer_change_append_only();

-- Sales records: what was sold, for how much, what has been paid and by when it is due.
-- payment_status is derived, so it can never disagree with the amounts.
ALTER TABLE purchase
  ADD COLUMN quantity    integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
  ADD COLUMN amount      numeric(14, 2) NOT NULL DEFAULT 0 CHECK (amount >= 0),
  ADD COLUMN paid_amount numeric(14, 2) NOT NULL DEFAULT 0 CHECK (paid_amount >= 0),
  ADD COLUMN due_on      date,                              -- payment due (China calendar day)
  ADD COLUMN created_by  text REFERENCES app_user(id),
  ADD COLUMN payment_status text GENERATED ALWAYS AS (
    CASE WHEN paid_amount >= amount THEN 'paid' WHEN paid_amount > 0 THEN 'partial' ELSE 'unpaid' END) STORED;
-- One invoice names one sale of a product: a file imported twice, or a request repeated, finds
-- the purchase it made the first time instead of making a second (and a second follow-up case).
CREATE UNIQUE INDEX purchase_invoice_unique ON purchase (product_id, invoice_no) WHERE invoice_no IS NOT NULL;

-- Products and fee lines maintained in the console: who last changed them.
ALTER TABLE product ADD COLUMN updated_by text REFERENCES app_user(id), ADD COLUMN updated_at timestamptz;
ALTER TABLE fee_schedule ADD COLUMN updated_by text REFERENCES app_user(id), ADD COLUMN updated_at timestamptz;
