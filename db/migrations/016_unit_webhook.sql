-- Issue 12: a unit's team chat (企业微信 / 钉钉 群机器人) hears of its work through an outgoing webhook.

-- One webhook per unit, set by an admin. The URL's key / access_token and the 钉钉 加签 secret
-- are credentials: the API shows only the URL's host and path and whether a secret is set.
CREATE TABLE unit_webhook (
  unit_id    text PRIMARY KEY REFERENCES org_unit(id),
  format     text NOT NULL CHECK (format IN ('wecom', 'dingtalk')),
  url        text NOT NULL,
  secret     text,
  enabled    boolean NOT NULL DEFAULT true,
  updated_by text NOT NULL REFERENCES app_user(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The chat outbox: one row per event and unit, written by the projection activities beside the
-- notices (the key makes a retried activity write nothing twice). Its text is composed and
-- masked when sent. A row being sent is leased, not locked: `next_attempt_at` moves past the
-- lease when it is claimed, so no transaction stays open across an HTTP request, and a
-- dispatcher that dies after claiming leaves the row to be sent again once the lease ends.
CREATE TABLE chat_message (
  id              bigserial PRIMARY KEY,
  message_key     text NOT NULL UNIQUE,
  unit_id         text NOT NULL REFERENCES org_unit(id),
  kind            text NOT NULL,
  case_id         text REFERENCES process_case(id),
  task_id         text REFERENCES task(id),
  headline        text NOT NULL,
  body            text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now(),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts        integer NOT NULL DEFAULT 0,
  last_attempt_at timestamptz,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  sent_at         timestamptz
);
CREATE INDEX chat_message_due ON chat_message (next_attempt_at, id) WHERE status = 'pending';

-- Who set or removed a unit's webhook, and what it was before and after, as the API shows it
-- (the URL without its key, whether a secret is set: never a credential). Append-only.
CREATE TABLE unit_webhook_change (
  id       bigserial PRIMARY KEY,
  actor_id text NOT NULL REFERENCES app_user(id),
  unit_id  text NOT NULL REFERENCES org_unit(id),
  action   text NOT NULL CHECK (action IN ('webhook.set', 'webhook.remove')),
  before   jsonb,
  after    jsonb,
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX unit_webhook_change_by_unit ON unit_webhook_change (unit_id, at DESC);
CREATE FUNCTION unit_webhook_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'unit_webhook_change is append-only';
END $$;
CREATE TRIGGER unit_webhook_change_append_only BEFORE UPDATE OR DELETE ON unit_webhook_change FOR EACH ROW EXECUTE FUNCTION unit_webhook_change_append_only();
