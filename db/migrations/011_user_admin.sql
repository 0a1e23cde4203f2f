-- Issue 4: admins manage users.

-- When a user last signed in (set by POST /api/session), shown in the user administration list.
ALTER TABLE app_user ADD COLUMN last_login_at timestamptz;

-- Who changed which user, and how: one row per create / update / password set by an admin.
-- `before` / `after` are the user as the administration API shows it (never a password hash).
CREATE TABLE admin_change (
  id             bigserial PRIMARY KEY,
  actor_id       text NOT NULL REFERENCES app_user(id),
  target_user_id text NOT NULL REFERENCES app_user(id),
  action         text NOT NULL CHECK (action IN ('user.create', 'user.update', 'user.password')),
  before         jsonb,
  after          jsonb,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_change_by_target ON admin_change (target_user_id, at DESC);

CREATE FUNCTION admin_change_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_change is append-only';
END $$;
CREATE TRIGGER admin_change_append_only BEFORE UPDATE OR DELETE ON admin_change FOR EACH ROW EXECUTE FUNCTION admin_change_append_only();
