-- Issue 15, tier effects: the time limit a complaint step gets for each tier, in working days, beside
-- follow_up_days (the follow-up's). A user task with shouwen:dueByTier reads the column of its step
-- kind when it opens (a later change reaches only tasks opened after it); a customer without a tier
-- gets the diagram's own shouwen:dueWorkingDays.
ALTER TABLE customer_tier_rule ADD COLUMN complaint_days integer NOT NULL DEFAULT 3 CHECK (complaint_days > 0);
UPDATE customer_tier_rule SET complaint_days = CASE tier WHEN 'A' THEN 1 WHEN 'B' THEN 2 WHEN 'C' THEN 3 ELSE 5 END;
