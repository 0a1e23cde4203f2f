-- Organisation: 总部 → 大区服务中心 → 省级服务中心 → 授权服务网点
CREATE TABLE org_unit (
  id         text PRIMARY KEY,
  parent_id  text REFERENCES org_unit(id),
  name       text NOT NULL,
  name_en    text NOT NULL,
  level      text NOT NULL CHECK (level IN ('hq', 'region', 'province', 'outlet')),
  -- materialised path ("hq/east/zj") so "this unit and everything above it" is one prefix test
  path       text NOT NULL UNIQUE
);

CREATE TABLE app_user (
  id            text PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  unit_id       text NOT NULL REFERENCES org_unit(id),
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_role (
  user_id text NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role    text NOT NULL CHECK (role IN ('cs_agent', 'cs_manager', 'general_manager', 'engineering', 'sales',
                                         'department', 'auditor', 'process_owner', 'admin')),
  unit_id text NOT NULL REFERENCES org_unit(id),
  PRIMARY KEY (user_id, role, unit_id)
);
CREATE INDEX user_role_by_unit ON user_role (unit_id, role);

CREATE TABLE user_session (
  id         text PRIMARY KEY,           -- sha256 of the cookie token; the token itself is never stored
  user_id    text NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_by_user ON user_session (user_id);

CREATE TABLE customer (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  tier            char(1) NOT NULL CHECK (tier IN ('A', 'B', 'C', 'D')),
  contact_name    text,
  phone           text,
  address         text,
  unit_id         text NOT NULL REFERENCES org_unit(id),
  -- 客户信息秘密等级
  confidentiality text NOT NULL DEFAULT 'internal' CHECK (confidentiality IN ('public', 'internal', 'secret', 'confidential')),
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE product (
  id              text PRIMARY KEY,
  name            text NOT NULL,
  model           text NOT NULL,
  portable        boolean NOT NULL,      -- portable → 送修; large → 上门
  warranty_months integer NOT NULL CHECK (warranty_months >= 0)
);

-- Projections written by activities; Temporal's history stays the source of truth.
CREATE TABLE process_case (
  id              text PRIMARY KEY,      -- the workflow ID: <processKey>/<businessKey>
  process_key     text NOT NULL,
  process_version integer NOT NULL,
  business_key    text NOT NULL,
  title           text NOT NULL,
  status          text NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'terminated')),
  initiator_id    text REFERENCES app_user(id),
  owner_id        text REFERENCES app_user(id),   -- 首问责任人
  unit_id         text NOT NULL REFERENCES org_unit(id),
  customer_id     text REFERENCES customer(id),
  variables       jsonb NOT NULL DEFAULT '{}',
  started_at      timestamptz NOT NULL,
  ended_at        timestamptz
);
CREATE INDEX process_case_by_status ON process_case (status, started_at DESC);

CREATE TABLE task (
  id               text PRIMARY KEY,     -- deterministic: workflow + element + occurrence
  case_id          text NOT NULL REFERENCES process_case(id),
  element_id       text NOT NULL,
  name             text NOT NULL,
  status           text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
  unit_id          text NOT NULL REFERENCES org_unit(id),
  assignee_id      text REFERENCES app_user(id),
  candidate_roles  text[] NOT NULL DEFAULT '{}',
  due_at           timestamptz,
  created_at       timestamptz NOT NULL,
  completed_at     timestamptz,
  completed_by     text REFERENCES app_user(id),
  outcome          text CHECK (outcome IN ('approve', 'reject')),
  comment          text,
  data             jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX task_open_by_unit_due ON task (unit_id, due_at, id) WHERE status = 'open';
CREATE INDEX task_by_case ON task (case_id, created_at);

-- Append-only trail of what happened to a case; event_key makes each projection write idempotent.
CREATE TABLE case_event (
  seq        bigserial PRIMARY KEY,
  event_key  text NOT NULL UNIQUE,
  case_id    text NOT NULL REFERENCES process_case(id),
  kind       text NOT NULL,
  task_id    text REFERENCES task(id),
  actor_id   text REFERENCES app_user(id),
  at         timestamptz NOT NULL,
  payload    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_event_by_case ON case_event (case_id, seq);
