-- Issue 17, the auditor's 首页: every replay of a case's recorded history (审计 → 重放验证, and the
-- audit export) leaves its verdict, so a divergence found once stays among the recent exceptions
-- instead of vanishing with the response. Append-only, like the trail it vouches for.
CREATE TABLE replay_verdict (
  id          bigserial PRIMARY KEY,
  case_id     text NOT NULL,
  ok          boolean NOT NULL,
  events      integer NOT NULL,
  divergence  text,
  source      text NOT NULL CHECK (source IN ('replay', 'export')),
  checked_by  text REFERENCES app_user(id),
  checked_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX replay_verdict_divergent ON replay_verdict (checked_at DESC) WHERE NOT ok;
CREATE FUNCTION replay_verdict_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'replay_verdict is append-only';
END $$;
CREATE TRIGGER replay_verdict_append_only BEFORE UPDATE OR DELETE ON replay_verdict FOR EACH ROW EXECUTE FUNCTION replay_verdict_append_only();
