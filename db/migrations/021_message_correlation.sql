-- Issue 13, item 2: messages correlated by name and key, kept for a time when nobody waits.

-- Where a case waits for a message with a correlation key, or for a signal: written by the workflow
-- (an activity) when the wait begins, deleted when it ends. One row per case and catch element; a
-- continued run (continue-as-new) re-opens the row under a new subscription id.
CREATE TABLE message_subscription (
  case_id          text NOT NULL REFERENCES process_case(id),
  element_id       text NOT NULL,
  subscription_id  text NOT NULL UNIQUE,
  kind             text NOT NULL CHECK (kind IN ('message', 'signal')),
  name             text NOT NULL,
  correlation_key  text NOT NULL DEFAULT '',
  opened_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, element_id)
);
CREATE INDEX message_subscription_by_name ON message_subscription (kind, name, correlation_key);

-- A published message nothing started or took (Zeebe's buffering): kept until it expires or a case
-- that starts waiting for its name and key claims it (consumed_by: the subscription, exactly once).
-- The sender is kept so the claim applies the same sender rules as POST /api/cases/:id/messages.
CREATE TABLE buffered_message (
  id                text PRIMARY KEY,
  name              text NOT NULL,
  correlation_key   text NOT NULL DEFAULT '',
  variables         jsonb NOT NULL,
  sender_id         text REFERENCES app_user(id),
  -- An admin's message, or one thrown by a diagram (engine authority): no sender role is asked.
  sender_unrestricted boolean NOT NULL,
  thrown_by_case_id text,
  published_at      timestamptz NOT NULL DEFAULT now(),
  expires_at        timestamptz NOT NULL,
  consumed_by       text,
  consumed_case_id  text,
  consumed_at       timestamptz
);
CREATE INDEX buffered_message_waiting ON buffered_message (name, correlation_key, published_at) WHERE consumed_by IS NULL;
