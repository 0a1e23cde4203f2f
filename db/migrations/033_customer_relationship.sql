-- Issue 15, 客户关系维护 (PROCESSES.md §6 and "Customer tiers"): the 客户分类标准 as data, each
-- tier computation kept as history, and the visit log of 实施服务方案.

-- 客户分类标准: one row per tier. A customer's tier is the first row (by prior_share_below) whose
-- bound is above the share of the unit's sales made by the customers ranked strictly before it
-- (80/20: the customers making the first 80 % of sales are A); no sales at all is the row with no
-- bound (D). The effects of a tier are columns here, not code: 回访 coverage (the share of a tier's
-- purchases called back: 1 = every one) and the time limit of a follow-up step, in working days.
CREATE TABLE customer_tier_rule (
  tier               char(1) PRIMARY KEY CHECK (tier IN ('A', 'B', 'C', 'D')),
  name               text NOT NULL,
  prior_share_below  numeric(5, 4) CHECK (prior_share_below > 0 AND prior_share_below <= 1),
  callback_coverage  numeric(5, 4) NOT NULL CHECK (callback_coverage >= 0 AND callback_coverage <= 1),
  follow_up_days     integer NOT NULL CHECK (follow_up_days > 0)
);
INSERT INTO customer_tier_rule (tier, name, prior_share_below, callback_coverage, follow_up_days) VALUES
  ('A', '重点客户', 0.80, 1.00, 1),
  ('B', '主要客户', 0.95, 0.50, 2),
  ('C', '普通客户', 1.00, 0.20, 3),
  ('D', '潜在客户', NULL, 0.10, 5);

-- Each tier computation: one row per customer of the unit classified, with the sales it was ranked
-- on, the tier before and after. `computation_key` is the service task's occurrence key, so a
-- retried activity writes nothing twice. Append-only: a customer's tier history is evidence of
-- the service level it was offered.
CREATE TABLE customer_tier_history (
  id               bigserial PRIMARY KEY,
  computation_key  text NOT NULL,
  customer_id      text NOT NULL REFERENCES customer(id),
  unit_id          text NOT NULL REFERENCES org_unit(id),     -- the unit whose customers were ranked
  case_id          text NOT NULL REFERENCES process_case(id),
  sales            numeric(16, 2) NOT NULL,                   -- the last 365 China days
  prior_share      numeric(7, 6),                             -- NULL: no sales
  tier_before      char(1),
  tier_after       char(1) NOT NULL,
  computed_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (computation_key, customer_id)
);
CREATE INDEX customer_tier_history_by_customer ON customer_tier_history (customer_id, id DESC);

-- 实施服务方案: what the salesperson did for the customer (定期拜访, 促销, 听取意见, 定期服务
-- greetings). One row per completed 实施 step (`entry_key`). Append-only.
CREATE TABLE customer_visit (
  id           bigserial PRIMARY KEY,
  entry_key    text NOT NULL UNIQUE,
  customer_id  text NOT NULL REFERENCES customer(id),
  case_id      text NOT NULL REFERENCES process_case(id),
  kind         text NOT NULL CHECK (kind IN ('visit', 'promotion', 'opinion', 'greeting')),
  visited_on   date NOT NULL,
  summary      text NOT NULL,
  customer_opinion text,
  recorded_by  text REFERENCES app_user(id),
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_visit_by_customer ON customer_visit (customer_id, visited_on DESC, id DESC);

CREATE FUNCTION customer_relationship_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER customer_tier_history_append_only BEFORE UPDATE OR DELETE ON customer_tier_history
  FOR EACH ROW EXECUTE FUNCTION customer_relationship_append_only();
CREATE TRIGGER customer_visit_append_only BEFORE UPDATE OR DELETE ON customer_visit
  FOR EACH ROW EXECUTE FUNCTION customer_relationship_append_only();
