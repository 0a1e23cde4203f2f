-- The notification outbox: written by activities in the same breath as the projection they
-- belong to, read by the console's bell, delivered by e-mail when SMTP is configured.

CREATE TABLE notification (
  id               bigserial PRIMARY KEY,
  notification_key text NOT NULL UNIQUE,   -- idempotency: a retried activity writes nothing twice
  user_id          text NOT NULL REFERENCES app_user(id),
  kind             text NOT NULL,          -- task.assigned, task.escalated, case.ended, notify
  case_id          text REFERENCES process_case(id),
  task_id          text REFERENCES task(id),
  title            text NOT NULL,
  body             text NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL DEFAULT now(),
  read_at          timestamptz,
  email_status     text NOT NULL DEFAULT 'pending' CHECK (email_status IN ('pending', 'sent', 'failed', 'skipped')),
  email_attempts   integer NOT NULL DEFAULT 0,
  email_error      text
);
CREATE INDEX notification_by_user ON notification (user_id, id DESC);
CREATE INDEX notification_unread ON notification (user_id) WHERE read_at IS NULL;
CREATE INDEX notification_email_pending ON notification (id) WHERE email_status = 'pending';

ALTER TABLE app_user ADD COLUMN email text;
