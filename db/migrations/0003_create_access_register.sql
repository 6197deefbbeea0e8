-- The front door (issue 4): need taxonomy (versioned data), access register with persons concerned
-- and requests, triage, interviews with versioned questionnaires, outcomes, and the care/control facts.

-- Need taxonomy: a published version is never edited; an admin's change publishes a new version, and
-- every recorded need keeps the version (and so the exact category) it was recorded with.
CREATE TABLE need_taxonomy_version (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  version integer NOT NULL CHECK (version >= 1),
  published_at timestamptz NOT NULL,
  published_by uuid REFERENCES app_user(id),
  note text,
  UNIQUE (tenant_id, version),
  UNIQUE (tenant_id, id)
);

CREATE TABLE need_area (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  taxonomy_version_id uuid NOT NULL,
  code text NOT NULL CHECK (code ~ '^[a-z0-9_.-]{2,60}$'),
  parent_code text,                         -- NULL for the top level
  siuss_area smallint CHECK (siuss_area IN (1, 2, 3)), -- SIUSS AreaUtenza: 1 families/minors, 2 disability, 3 poverty
  label_it text NOT NULL,
  label_en text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0,
  UNIQUE (taxonomy_version_id, code),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, taxonomy_version_id) REFERENCES need_taxonomy_version(tenant_id, id)
);
COMMENT ON TABLE need_area IS 'Need categories of one taxonomy version (top level aligned with SIUSS user areas).';

-- Questionnaires for the structured needs assessment, versioned like the taxonomy.
CREATE TABLE questionnaire_version (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_.-]{2,60}$'),
  version integer NOT NULL CHECK (version >= 1),
  title_it text NOT NULL,
  title_en text NOT NULL,
  definition jsonb NOT NULL,                -- sections → questions (type, required, options, showIf)
  published_at timestamptz NOT NULL,
  published_by uuid REFERENCES app_user(id),
  UNIQUE (tenant_id, code, version),
  UNIQUE (tenant_id, id)
);

CREATE TABLE access (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  code text NOT NULL,                       -- human code read aloud, e.g. ACC-2026-000123
  office_id uuid NOT NULL,
  access_day date NOT NULL,                 -- calendar day in Europe/Rome (IASS counting rule)
  occurred_at timestamptz NOT NULL,
  channel text NOT NULL CHECK (channel IN ('walk_in', 'phone', 'email', 'online_request', 'outreach', 'sent_by_service')),
  presented_by text NOT NULL CHECK (presented_by IN ('person', 'relative', 'third_party')),
  referrer text NOT NULL CHECK (referrer IN (
    'self', 'family', 'school', 'gp', 'hospital', 'police', 'court', 'municipal_service', 'third_sector', 'other')),
  urgency text NOT NULL DEFAULT 'ordinary' CHECK (urgency IN ('immediate', 'within_days', 'ordinary')),
  urgency_reason text,
  pronto_intervento boolean NOT NULL DEFAULT false, -- handled on the pronto intervento sociale path
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'in_interview', 'open', 'closed')),
  registered_by uuid NOT NULL REFERENCES app_user(id),
  -- Care and control, recorded as plain facts (definitions in docs/INDICATORS.md).
  documents_demanded text[] NOT NULL DEFAULT '{}',  -- e.g. isee, identity_document, residence_permit
  conditions_imposed text,
  help_at_first_interview boolean,                   -- NULL until an interview says
  barriers text[] NOT NULL DEFAULT '{}',             -- language, documents, digital, physical, opening_hours
  mandated_by text NOT NULL DEFAULT 'none' CHECK (mandated_by IN ('none', 'court', 'police', 'school', 'other_authority')),
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (urgency = 'ordinary' OR urgency_reason IS NOT NULL),
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id)
);
CREATE INDEX access_office_day ON access (tenant_id, office_id, access_day);
CREATE INDEX access_open ON access (tenant_id, status) WHERE status <> 'closed';
COMMENT ON TABLE access IS 'One contact with the secretariat (IASS: one person, one office, one day).';

CREATE TABLE access_person (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  access_id uuid NOT NULL,
  person_id uuid,                           -- NULL: anonymous, information-only contact
  anonymous_sex text CHECK (anonymous_sex IN ('F', 'M')),
  anonymous_age_band text CHECK (anonymous_age_band IN ('0-17', '18-34', '35-64', '65-79', '80+')),
  office_id uuid NOT NULL,                  -- copied from the access, for the counting rule below
  access_day date NOT NULL,
  CHECK (person_id IS NULL OR (anonymous_sex IS NULL AND anonymous_age_band IS NULL)),
  FOREIGN KEY (tenant_id, access_id) REFERENCES access(tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id)
);
-- IASS counting rule (Emilia-Romagna circular 4/2012): one access per person per office per day.
CREATE UNIQUE INDEX access_person_one_a_day ON access_person (person_id, office_id, access_day) WHERE person_id IS NOT NULL;
CREATE INDEX access_person_access ON access_person (access_id);

CREATE TABLE access_request (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  access_id uuid NOT NULL,
  need_area_id uuid NOT NULL,               -- the category, in the taxonomy version it was recorded with
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, access_id) REFERENCES access(tenant_id, id),
  FOREIGN KEY (tenant_id, need_area_id) REFERENCES need_area(tenant_id, id)
);
CREATE INDEX access_request_access ON access_request (access_id);
COMMENT ON COLUMN access_request.reason IS 'Personal data: the request in the words of the person or operator.';

CREATE TABLE interview (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  access_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('immediate', 'booked')),
  conducted_by uuid NOT NULL REFERENCES app_user(id),
  started_at timestamptz NOT NULL,
  duration_minutes integer CHECK (duration_minutes BETWEEN 1 AND 600),
  questionnaire_version_id uuid,
  answers jsonb NOT NULL DEFAULT '{}',
  confidential_summary text,                -- professional notes: social workers only
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, access_id) REFERENCES access(tenant_id, id),
  FOREIGN KEY (tenant_id, questionnaire_version_id) REFERENCES questionnaire_version(tenant_id, id)
);
CREATE INDEX interview_access ON interview (access_id);
COMMENT ON COLUMN interview.confidential_summary IS 'Personal data, evaluative: visible to social workers only; open to the person''s access request.';
COMMENT ON COLUMN interview.answers IS 'Personal data: the needs assessment, keyed by question id of the questionnaire version.';

CREATE TABLE outcome (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  request_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN (
    'information', 'orientation', 'referral', 'take_charge_proposal', 'contribution_application',
    'urgent_intervention', 'closed_no_action', 'refused')),
  detail text,
  reason_code text,                          -- required for closed_no_action and refused
  recorded_by uuid NOT NULL REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL,
  CHECK (kind NOT IN ('closed_no_action', 'refused') OR reason_code IS NOT NULL),
  FOREIGN KEY (tenant_id, request_id) REFERENCES access_request(tenant_id, id)
);
CREATE INDEX outcome_request ON outcome (request_id);

-- Human codes ACC-YYYY-NNNNNN, one counter per tenant and year.
CREATE TABLE access_code_counter (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (tenant_id, year)
);

ALTER TABLE need_taxonomy_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE need_area ENABLE ROW LEVEL SECURITY;
ALTER TABLE questionnaire_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE access ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_person ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_request ENABLE ROW LEVEL SECURITY;
ALTER TABLE interview ENABLE ROW LEVEL SECURITY;
ALTER TABLE outcome ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_code_counter ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON need_taxonomy_version USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON need_area USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON questionnaire_version USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON access USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON access_person USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON access_request USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON interview USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON outcome USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON access_code_counter USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON need_taxonomy_version, need_area, questionnaire_version, access,
  access_person, access_request, interview, outcome, access_code_counter TO segretariato_app;
