-- Issue 15, tier effects: the time limit a complaint step gets for each tier, in working days, beside
-- follow_up_days (the follow-up's). A user task with shouwen:dueByTier reads the column of its step
-- kind when it opens (a later change reaches only tasks opened after it); a customer without a tier
-- gets the diagram's own shouwen:dueWorkingDays.
ALTER TABLE customer_tier_rule ADD COLUMN complaint_days integer NOT NULL DEFAULT 3 CHECK (complaint_days > 0);
UPDATE customer_tier_rule SET complaint_days = CASE tier WHEN 'A' THEN 1 WHEN 'B' THEN 2 WHEN 'C' THEN 3 ELSE 5 END;

-- 定期服务 (生日/节日/纪念日问候): a customer's dates, one row each (month and day: every year). The
-- daily relationship-greetings run records each date falling today (China) in the visit log as a
-- due greeting, once per date and day.
CREATE TABLE customer_important_date (
  id           bigserial PRIMARY KEY,
  customer_id  text NOT NULL REFERENCES customer(id),
  kind         text NOT NULL CHECK (kind IN ('birthday', 'festival', 'anniversary')),
  month        smallint NOT NULL CHECK (month BETWEEN 1 AND 12),
  day          smallint NOT NULL CHECK (day BETWEEN 1 AND 31),
  note         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_important_date_by_day ON customer_important_date (month, day);
