-- Customer notifications (PROCESSES.md §4, §5: the customer is told the complaint number, the
-- repair appointment …): an outbox like `notification`, but addressed to a customer. E-mail is
-- delivered by the worker's dispatcher when SMTP is configured; a customer without an e-mail
-- address is told by phone, and the row says so (channel 'phone') for the agent.
ALTER TABLE customer ADD COLUMN email text;

CREATE TABLE customer_notification (
  id               bigserial PRIMARY KEY,
  notification_key text NOT NULL UNIQUE,      -- case/element/occurrence: a retried activity writes nothing twice
  customer_id      text NOT NULL REFERENCES customer(id),
  case_id          text REFERENCES process_case(id),
  channel          text NOT NULL CHECK (channel IN ('email', 'phone')),
  recipient        text,                       -- the e-mail address or phone number used
  subject          text NOT NULL,
  body             text NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  error            text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz
);
CREATE INDEX customer_notification_by_case ON customer_notification (case_id);
CREATE INDEX customer_notification_email_pending ON customer_notification (id) WHERE status = 'pending' AND channel = 'email';
