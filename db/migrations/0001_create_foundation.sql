-- Foundation: tenants, offices, operators, sessions, API tokens, and the hash-chained audit log.
-- Tenant-owned tables carry tenant_id and row-level security. The application does tenant work under
-- SET LOCAL ROLE segretariato_app (not the owner, no BYPASSRLS), so RLS is a real second wall.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'segretariato_app') THEN
    CREATE ROLE segretariato_app NOLOGIN NOINHERIT;
  END IF;
END $$;
GRANT segretariato_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO segretariato_app;

CREATE TABLE tenant (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{2,40}$'),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('comune', 'ambito')),
  istat_code text CHECK (istat_code ~ '^[0-9]{6}$'),
  belfiore_code text CHECK (belfiore_code ~ '^[A-Z][0-9]{3}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE tenant IS 'A municipality (comune) or social district (ambito) served by this installation.';

CREATE TABLE office (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  code text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('central', 'neighbourhood')),
  street text NOT NULL,
  postcode text,
  city text NOT NULL,
  phone text,
  email text,
  -- Values invented for the demo (exact street numbers, phone numbers) are flagged so nobody relies on them.
  demo_values text[] NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id)
);
COMMENT ON COLUMN office.demo_values IS 'Names of fields whose value is invented demo data.';

CREATE TABLE office_hours (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  office_id uuid NOT NULL,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- ISO: 1 = Monday
  opens time NOT NULL,
  closes time NOT NULL CHECK (closes > opens),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX office_hours_office ON office_hours (office_id, weekday);

CREATE TABLE app_user (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name text NOT NULL,
  password_hash text,
  password_changed_at timestamptz,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE app_user IS 'Operators (staff). Personal data of employees: name and username.';
COMMENT ON COLUMN app_user.display_name IS 'Personal data: the operator''s name.';

CREATE TABLE membership (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'social_worker', 'front_office', 'researcher', 'auditor')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, user_id),
  UNIQUE (tenant_id, id)
);

CREATE TABLE membership_office (
  tenant_id uuid NOT NULL,
  membership_id uuid NOT NULL,
  office_id uuid NOT NULL,
  PRIMARY KEY (membership_id, office_id),
  FOREIGN KEY (tenant_id, membership_id) REFERENCES membership(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id)
);

CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id),
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_by_user ON user_session (user_id);
COMMENT ON TABLE user_session IS 'Server-side operator sessions; the cookie carries a random token, only its SHA-256 is stored.';

CREATE TABLE api_token (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE audit_event (
  seq bigint PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  tenant_id uuid REFERENCES tenant(id),
  actor_user_id uuid REFERENCES app_user(id),
  actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'token', 'system', 'anonymous')),
  action text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
  record_type text,
  record_id text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_event_tenant_time ON audit_event (tenant_id, occurred_at DESC);
CREATE INDEX audit_event_record ON audit_event (record_type, record_id);
COMMENT ON TABLE audit_event IS 'Append-only, hash-chained log of every write and every read of personal data.';
COMMENT ON COLUMN audit_event.details IS 'Never holds personal data of residents: ids and codes only.';

-- The hash covers every column in a canonical form (jsonb text is normalised by PostgreSQL;
-- the time is taken as microseconds since the epoch so the session time zone cannot change it).
CREATE FUNCTION audit_event_hash(
  p_seq bigint, p_prev text, p_at timestamptz, p_tenant uuid, p_actor uuid, p_actor_kind text,
  p_action text, p_outcome text, p_record_type text, p_record_id text, p_request_id text, p_details jsonb
) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    p_seq, p_prev, (extract(epoch FROM p_at) * 1000000)::bigint, p_tenant, p_actor, p_actor_kind,
    p_action, p_outcome, p_record_type, p_record_id, p_request_id, p_details
  )::text, 'UTF8')), 'hex')
$$;

-- Appends one event. The transaction-level advisory lock gives the chain a single order: the next
-- writer waits until this transaction commits or rolls back, so seq has no gaps and prev_hash is
-- always the hash of the committed event before it.
CREATE FUNCTION audit_append(
  p_tenant uuid, p_actor uuid, p_actor_kind text, p_action text, p_outcome text,
  p_record_type text, p_record_id text, p_request_id text, p_details jsonb
) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_prev text;
  v_seq bigint;
  v_at timestamptz := now();
BEGIN
  PERFORM pg_advisory_xact_lock(7272001);
  SELECT seq, hash INTO v_seq, v_prev FROM audit_event ORDER BY seq DESC LIMIT 1;
  v_seq := coalesce(v_seq, 0) + 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  INSERT INTO audit_event (seq, occurred_at, tenant_id, actor_user_id, actor_kind, action, outcome,
                           record_type, record_id, request_id, details, prev_hash, hash)
  VALUES (v_seq, v_at, p_tenant, p_actor, p_actor_kind, p_action, p_outcome, p_record_type, p_record_id,
          p_request_id, p_details, v_prev,
          audit_event_hash(v_seq, v_prev, v_at, p_tenant, p_actor, p_actor_kind, p_action, p_outcome,
                           p_record_type, p_record_id, p_request_id, p_details));
  RETURN v_seq;
END $$;
REVOKE ALL ON FUNCTION audit_append(uuid, uuid, text, text, text, text, text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append(uuid, uuid, text, text, text, text, text, text, jsonb) TO segretariato_app;

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- Row-level security: the app role sees only the tenant named in app.tenant_id.
ALTER TABLE office ENABLE ROW LEVEL SECURITY;
ALTER TABLE office_hours ENABLE ROW LEVEL SECURITY;
ALTER TABLE membership ENABLE ROW LEVEL SECURITY;
ALTER TABLE membership_office ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_token ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON office USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON office_hours USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON membership USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON membership_office USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON user_session USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON api_token USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON audit_event USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

GRANT SELECT ON tenant TO segretariato_app;
GRANT SELECT (id, username, display_name, disabled_at) ON app_user TO segretariato_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON office, office_hours, membership, membership_office TO segretariato_app;
GRANT SELECT ON audit_event TO segretariato_app;
