-- Issue 15. Customer dates are kept on 客户 360 now (they were SQL only): a date may carry the year
-- it began (a founding day, a contract's anniversary) besides its month and day, and the row says
-- when it was last changed. Who changed what is in the customer's own history (customer_change).
ALTER TABLE customer_important_date
  ADD COLUMN year       smallint CHECK (year BETWEEN 1900 AND 2199),
  ADD COLUMN updated_at timestamptz;

-- The 客户分类标准's effects (回访 coverage, time limits) are edited in the console by 客服经理 and
-- admins, with a note. Each change is kept, old → new, by whom and when: a tier's service level is
-- part of what a customer was promised, so the record of it must not be rewritten.
CREATE TABLE customer_tier_rule_change (
  id         bigserial PRIMARY KEY,
  tier       char(1) NOT NULL REFERENCES customer_tier_rule(tier),
  actor_id   text NOT NULL REFERENCES app_user(id),
  note       text NOT NULL CHECK (length(btrim(note)) > 0),
  before     jsonb NOT NULL,
  after      jsonb NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_tier_rule_change_newest ON customer_tier_rule_change (id DESC);
CREATE FUNCTION customer_tier_rule_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'customer_tier_rule_change is append-only';
END $$;
CREATE TRIGGER customer_tier_rule_change_append_only BEFORE UPDATE OR DELETE ON customer_tier_rule_change FOR EACH ROW EXECUTE FUNCTION customer_tier_rule_change_append_only();
