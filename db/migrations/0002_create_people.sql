-- People and households (issue 3): the person file, identifiers, households, contact and privacy,
-- duplicates and merges, and the street → neighbourhood mapping that gives each person a competent office.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could change); index expressions need IMMUTABLE.
CREATE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
-- Names compared without accents, case, apostrophes or repeated spaces: "D'Angelo  Müller" = "dangelo muller".
CREATE FUNCTION f_name_key(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT regexp_replace(regexp_replace(lower(f_unaccent($1)), '[''’`-]', '', 'g'), '\s+', ' ', 'g') $$;
GRANT EXECUTE ON FUNCTION f_unaccent(text), f_name_key(text) TO segretariato_app;

CREATE TABLE neighbourhood (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  code text NOT NULL,
  name text NOT NULL,
  office_id uuid NOT NULL,
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id)
);
COMMENT ON TABLE neighbourhood IS 'Areas of the territory; each is served by one office.';

CREATE TABLE street_area (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  municipality_code text NOT NULL,           -- Belfiore code of the municipality the street is in
  street_key text NOT NULL,                  -- f_name_key of the street name, e.g. 'via iseo'
  street_name text NOT NULL,
  number_from integer,                       -- inclusive house-number range; NULL = whole street
  number_to integer,
  parity text NOT NULL DEFAULT 'all' CHECK (parity IN ('all', 'odd', 'even')),
  neighbourhood_id uuid NOT NULL,
  demo boolean NOT NULL DEFAULT false,
  FOREIGN KEY (tenant_id, neighbourhood_id) REFERENCES neighbourhood(tenant_id, id)
);
CREATE INDEX street_area_lookup ON street_area (tenant_id, municipality_code, street_key);
COMMENT ON TABLE street_area IS 'Configurable street → neighbourhood mapping (address → competent office).';

CREATE TABLE person (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  given_names text NOT NULL,
  family_names text NOT NULL,
  sex text CHECK (sex IN ('F', 'M')),                    -- NULL: not known / not declared
  birth_year smallint CHECK (birth_year BETWEEN 1880 AND 2200),
  birth_month smallint CHECK (birth_month BETWEEN 1 AND 12),
  birth_day smallint CHECK (birth_day BETWEEN 1 AND 31),
  birthplace_code text CHECK (birthplace_code ~ '^[A-Z][0-9]{3}$'), -- Belfiore: A–M Italian municipality, Z foreign country
  birthplace_name text,
  citizenships text[] NOT NULL DEFAULT '{}',             -- ISO 3166-1 alpha-2, or 'XX' stateless / unknown
  tax_code text CHECK (tax_code ~ '^[A-Z0-9]{16}$|^[0-9]{11}$'),
  tax_code_mismatch_reason text,                         -- why the operator kept a code that disagrees with the data
  languages text[] NOT NULL DEFAULT '{}',                -- ISO 639-1
  interpreter_needed boolean NOT NULL DEFAULT false,
  phone text,
  email text,
  contact_preference text NOT NULL DEFAULT 'any'
    CHECK (contact_preference IN ('any', 'phone', 'email', 'post', 'in_person', 'do_not_contact')),
  address_kind text NOT NULL DEFAULT 'unknown'
    CHECK (address_kind IN ('residence', 'domicile', 'no_fixed_abode', 'fictitious', 'unknown')),
  street text,
  house_number text,
  postcode text,
  municipality_code text CHECK (municipality_code ~ '^[A-Z][0-9]{3}$'),
  municipality_name text,
  neighbourhood_id uuid,
  office_id uuid,
  confidential boolean NOT NULL DEFAULT false,
  merged_into uuid REFERENCES person(id),                -- set when merged; the record stays for unmerge
  name_key text GENERATED ALWAYS AS (f_name_key(family_names || ' ' || given_names)) STORED,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (birth_month IS NULL OR birth_year IS NOT NULL),
  CHECK (birth_day IS NULL OR birth_month IS NOT NULL),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, neighbourhood_id) REFERENCES neighbourhood(tenant_id, id),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id)
);
CREATE UNIQUE INDEX person_tax_code ON person (tenant_id, tax_code) WHERE tax_code IS NOT NULL AND merged_into IS NULL;
CREATE INDEX person_name_trgm ON person USING gin (name_key gin_trgm_ops);
CREATE INDEX person_birth ON person (tenant_id, birth_year, birth_month, birth_day);
CREATE INDEX person_phone ON person (tenant_id, phone) WHERE phone IS NOT NULL;
COMMENT ON TABLE person IS 'Personal data: a person known to the social secretariat.';
COMMENT ON COLUMN person.given_names IS 'Personal data.';
COMMENT ON COLUMN person.family_names IS 'Personal data.';
COMMENT ON COLUMN person.tax_code IS 'Personal data: codice fiscale (16 chars) or provisional numeric code (11 digits).';
COMMENT ON COLUMN person.phone IS 'Personal data.';
COMMENT ON COLUMN person.email IS 'Personal data.';
COMMENT ON COLUMN person.street IS 'Personal data.';
COMMENT ON COLUMN person.confidential IS 'Restricted file: only assigned workers open it without stating a reason.';

CREATE TABLE person_identifier (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  person_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('passport', 'residence_permit', 'identity_card', 'stp', 'eni', 'provisional_code', 'other')),
  value text NOT NULL,
  issuer text,
  valid_until date,
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id)
);
CREATE INDEX person_identifier_value ON person_identifier (tenant_id, kind, value);
COMMENT ON TABLE person_identifier IS 'Personal data: identity documents and STP/ENI codes.';

CREATE TABLE household (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, id)
);
COMMENT ON TABLE household IS 'The ISEE household (nucleo familiare).';

CREATE TABLE household_member (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  household_id uuid NOT NULL,
  person_id uuid NOT NULL,
  relationship text NOT NULL CHECK (relationship IN (
    'reference', 'spouse', 'partner', 'child', 'parent', 'sibling', 'grandchild', 'grandparent',
    'other_relative', 'other')),
  joined_on date NOT NULL,
  left_on date CHECK (left_on IS NULL OR left_on >= joined_on),
  FOREIGN KEY (tenant_id, household_id) REFERENCES household(tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id)
);
-- A person belongs to at most one household at a time; history rows have left_on set.
CREATE UNIQUE INDEX household_member_current ON household_member (person_id) WHERE left_on IS NULL;
CREATE UNIQUE INDEX household_reference_current ON household_member (household_id) WHERE left_on IS NULL AND relationship = 'reference';

CREATE TABLE person_link (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  person_id uuid NOT NULL,
  other_person_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('cohabitant', 'carer', 'relative_elsewhere', 'other')),
  since date,
  until date,
  CHECK (person_id <> other_person_id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id),
  FOREIGN KEY (tenant_id, other_person_id) REFERENCES person(tenant_id, id)
);
COMMENT ON TABLE person_link IS 'People linked outside the ISEE household (e.g. living together).';

CREATE TABLE privacy_notice_ack (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  person_id uuid NOT NULL,
  notice_version text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('in_person', 'phone', 'email', 'online', 'post')),
  acknowledged_on date NOT NULL,
  recorded_by uuid NOT NULL REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id)
);
COMMENT ON TABLE privacy_notice_ack IS 'The privacy notice was given and read (legal basis is public interest, not consent).';

CREATE TABLE consent (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  person_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('share_with_partner', 'follow_up_contact', 'research_contact', 'other')),
  scope text NOT NULL,                       -- e.g. the partner named, or what exactly may be done
  given_on date NOT NULL,
  expires_on date,
  revoked_on date,
  recorded_by uuid NOT NULL REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_on IS NULL OR expires_on >= given_on),
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id)
);
COMMENT ON TABLE consent IS 'Consents for specific purposes, with scope, expiry and revocation.';

CREATE TABLE person_assignment (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  person_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES app_user(id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, user_id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id)
);
COMMENT ON TABLE person_assignment IS 'Workers assigned to a person; they open a confidential file without stating a reason.';

CREATE TABLE confidential_access (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  person_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES app_user(id),
  reason text NOT NULL CHECK (length(reason) >= 10),
  opened_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  reviewed_by uuid REFERENCES app_user(id),
  reviewed_at timestamptz,
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id)
);
CREATE INDEX confidential_access_open ON confidential_access (person_id, user_id, expires_at);
COMMENT ON TABLE confidential_access IS '"Break the glass": a stated reason to open a confidential file, time-limited, reviewed by a coordinator.';

CREATE TABLE not_duplicate (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  person_a uuid NOT NULL,
  person_b uuid NOT NULL,
  decided_by uuid NOT NULL REFERENCES app_user(id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_a, person_b),
  CHECK (person_a < person_b),
  FOREIGN KEY (tenant_id, person_a) REFERENCES person(tenant_id, id),
  FOREIGN KEY (tenant_id, person_b) REFERENCES person(tenant_id, id)
);
COMMENT ON TABLE not_duplicate IS 'Pairs an operator decided are different people: never proposed again.';

CREATE TABLE person_merge (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  survivor_id uuid NOT NULL,
  merged_id uuid NOT NULL,
  merged_by uuid NOT NULL REFERENCES app_user(id),
  merged_at timestamptz NOT NULL,
  -- What moved (table, row id, column) so that unmerge puts every row back exactly.
  moved jsonb NOT NULL,
  survivor_before jsonb NOT NULL,
  undone_by uuid REFERENCES app_user(id),
  undone_at timestamptz,
  FOREIGN KEY (tenant_id, survivor_id) REFERENCES person(tenant_id, id),
  FOREIGN KEY (tenant_id, merged_id) REFERENCES person(tenant_id, id)
);

ALTER TABLE neighbourhood ENABLE ROW LEVEL SECURITY;
ALTER TABLE street_area ENABLE ROW LEVEL SECURITY;
ALTER TABLE person ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_identifier ENABLE ROW LEVEL SECURITY;
ALTER TABLE household ENABLE ROW LEVEL SECURITY;
ALTER TABLE household_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_link ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_notice_ack ENABLE ROW LEVEL SECURITY;
ALTER TABLE consent ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_assignment ENABLE ROW LEVEL SECURITY;
ALTER TABLE confidential_access ENABLE ROW LEVEL SECURITY;
ALTER TABLE not_duplicate ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_merge ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON neighbourhood USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON street_area USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON person USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON person_identifier USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON household USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON household_member USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON person_link USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON privacy_notice_ack USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON consent USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON person_assignment USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON confidential_access USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON not_duplicate USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON person_merge USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON neighbourhood, street_area, person, person_identifier, household,
  household_member, person_link, privacy_notice_ack, consent, person_assignment, confidential_access,
  not_duplicate, person_merge TO segretariato_app;
