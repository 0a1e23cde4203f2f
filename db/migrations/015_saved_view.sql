-- Issue 12: saved inbox views live on the server, per user, instead of in one browser's
-- localStorage. A view may be shared with one team = (unit × role) its owner holds; teammates
-- see it and apply it, only the owner changes or deletes it.
CREATE TABLE saved_view (
  id            bigserial PRIMARY KEY,
  owner_id      text NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  -- The inbox's filters as contract/views.ts validates them (view, status, sort, processKey, dueBefore, customerId, q).
  filters       jsonb NOT NULL CHECK (jsonb_typeof(filters) = 'object'),
  share_unit_id text REFERENCES org_unit (id),
  share_role    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((share_unit_id IS NULL) = (share_role IS NULL)),
  UNIQUE (owner_id, name)
);
CREATE INDEX saved_view_by_team ON saved_view (share_unit_id, share_role) WHERE share_unit_id IS NOT NULL;
