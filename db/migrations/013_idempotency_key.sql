-- Issue 11: a request repeated with the same Idempotency-Key (per user, route and target) gets
-- the first outcome back instead of acting twice. One row per key while it runs and, once it
-- has an outcome, until it expires.
CREATE TABLE idempotency_key (
  user_id      text NOT NULL,
  route        text NOT NULL,          -- e.g. 'POST /api/tasks/:id/claim'
  target       text NOT NULL,          -- the route's parameters, e.g. '{"id":"…"}'
  key          text NOT NULL,
  request_hash text NOT NULL,          -- sha256 of the body: the same key with another body is refused
  owner        text,                   -- the attempt executing it now; NULL when none is
  locked_until timestamptz NOT NULL,   -- an owner that died is replaced after this
  recovery     jsonb NOT NULL DEFAULT '{}', -- values an attempt fixed before acting (a case's business key), reused by the next attempt
  status_code  int,                    -- the outcome, once there is one
  content_type text,
  response     text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (user_id, route, target, key)
);
CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);
