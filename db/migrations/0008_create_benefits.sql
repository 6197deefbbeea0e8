-- Economic help (issue 8): rule sets as versioned data, applications with evaluation trace, checks
-- (the control side), four-eyes decisions, funds per measure and year, payments. Columns named after
-- the SIUSS PS/PSA record (PS_PSA_SINA201812.xsd) so it can be produced without re-keying.

-- A published rule set version is never edited: a new year (or a correction) is a new version with
-- its effective period; the version in effect on a day is the highest one whose period covers it.
CREATE TABLE benefit_rule_set (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  measure text NOT NULL CHECK (measure ~ '^[a-z0-9_-]{2,60}$'),
  version integer NOT NULL CHECK (version >= 1),
  kind text NOT NULL CHECK (kind IN ('municipal', 'national')),
  effective_from date NOT NULL,
  effective_to date,
  definition jsonb NOT NULL,                 -- parameters, derived values, conditions, amount, test table
  published_at timestamptz NOT NULL,
  published_by uuid REFERENCES app_user(id),
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  UNIQUE (tenant_id, measure, version),
  UNIQUE (tenant_id, id)
);
COMMENT ON TABLE benefit_rule_set IS 'Versioned rules of one benefit measure (declarative; see docs/BENEFITS.md).';

-- The money a measure has for a year. committed = approved amounts; paid = payments made.
CREATE TABLE benefit_fund (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  measure text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount numeric(12, 2) NOT NULL CHECK (amount >= 0),
  committed numeric(12, 2) NOT NULL DEFAULT 0 CHECK (committed >= 0),
  paid numeric(12, 2) NOT NULL DEFAULT 0 CHECK (paid >= 0),
  version integer NOT NULL DEFAULT 1,
  CHECK (committed <= amount),               -- an approval can never overdraw the fund
  CHECK (paid <= committed),
  UNIQUE (tenant_id, measure, year),
  UNIQUE (tenant_id, id)
);

CREATE TABLE benefit_application (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  code text NOT NULL,                        -- BEN-YYYY-NNNNNN; SIUSS ProtocolloDomanda
  person_id uuid NOT NULL,                   -- the beneficiary (SIUSS Beneficiario)
  access_id uuid,                            -- the access whose outcome led here, if any
  measure text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'rejected')),
  inputs jsonb NOT NULL DEFAULT '{}',        -- the named inputs of the rules, as declared
  isee_value numeric(12, 2),
  dsu_protocol text CHECK (length(dsu_protocol) <= 30),  -- SIUSS NumeroProtocolloDSU
  dsu_date date,                                         -- SIUSS DataDSU
  isee_valid_until date,
  means_test smallint NOT NULL DEFAULT 1 CHECK (means_test BETWEEN 1 AND 4), -- SIUSS PresenzaProvaMezzi
  siuss_benefit_code text CHECK (length(siuss_benefit_code) BETWEEN 5 AND 10), -- SIUSS CodicePrestazione
  presa_carico boolean NOT NULL DEFAULT false,           -- SIUSS PresaCarico
  documents_demanded text[] NOT NULL DEFAULT '{}',       -- control fact: documents asked of the person
  documents_received text[] NOT NULL DEFAULT '{}',
  rule_set_id uuid,                          -- the rule version the stored evaluation used
  evaluation jsonb,                          -- result, amount, full trace
  evaluated_on date,                         -- the day that selected the rule version
  isee_threshold numeric(12, 2),             -- SIUSS ImportoSogliaISEE (from the rule version)
  prepared_by uuid NOT NULL REFERENCES app_user(id),
  opened_at timestamptz NOT NULL,
  decision text CHECK (decision IN ('approved', 'rejected')),
  decision_reason text,                      -- coded reason of a rejection
  decided_by uuid REFERENCES app_user(id),
  decided_at timestamptz,
  monthly_amount numeric(12, 2),             -- SIUSS ImportoMensile (periodic)
  months integer CHECK (months BETWEEN 1 AND 36),        -- SIUSS PeriodoErogazione
  total_amount numeric(12, 2),               -- SIUSS ImportoPrestazione
  period_start date,                         -- SIUSS DataInizioPrestazione
  period_end date,                           -- SIUSS DataFinePrestazione
  fund_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (decided_by IS NULL OR decided_by <> prepared_by),  -- four eyes, also in the database
  CHECK (status = 'open' OR (decision IS NOT NULL AND decided_by IS NOT NULL)),
  CHECK (decision IS DISTINCT FROM 'rejected' OR decision_reason IS NOT NULL),
  CHECK (decision IS DISTINCT FROM 'approved' OR (total_amount > 0 AND fund_id IS NOT NULL)),
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id),
  FOREIGN KEY (tenant_id, access_id) REFERENCES access(tenant_id, id),
  FOREIGN KEY (tenant_id, rule_set_id) REFERENCES benefit_rule_set(tenant_id, id),
  FOREIGN KEY (tenant_id, fund_id) REFERENCES benefit_fund(tenant_id, id)
);
CREATE INDEX benefit_application_person ON benefit_application (tenant_id, person_id);
CREATE INDEX benefit_application_open ON benefit_application (tenant_id, status) WHERE status = 'open';
COMMENT ON COLUMN benefit_application.inputs IS 'Personal data: household, income and housing facts declared for the evaluation.';

-- Checks are the control side of economic help, recorded as such: what was checked, when, by whom, result.
CREATE TABLE benefit_check (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  application_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('isee_validity', 'residence', 'documents', 'home_visit')),
  requested_at timestamptz NOT NULL,
  requested_by uuid NOT NULL REFERENCES app_user(id),
  result text NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'passed', 'failed')),
  done_on date,
  done_by uuid REFERENCES app_user(id),
  CHECK (result = 'pending' OR (done_on IS NOT NULL AND done_by IS NOT NULL)),
  FOREIGN KEY (tenant_id, application_id) REFERENCES benefit_application(tenant_id, id)
);
CREATE INDEX benefit_check_application ON benefit_check (application_id);

CREATE TABLE benefit_payment (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  application_id uuid NOT NULL,
  fund_id uuid NOT NULL,
  due_on date NOT NULL,                      -- SIUSS DataErogazionePrestazione once paid
  amount numeric(12, 2) NOT NULL CHECK (amount > 0),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'paid')),
  paid_on date,
  paid_by uuid REFERENCES app_user(id),
  version integer NOT NULL DEFAULT 1,
  CHECK (status = 'scheduled' OR (paid_on IS NOT NULL AND paid_by IS NOT NULL)),
  FOREIGN KEY (tenant_id, application_id) REFERENCES benefit_application(tenant_id, id),
  FOREIGN KEY (tenant_id, fund_id) REFERENCES benefit_fund(tenant_id, id)
);
CREATE INDEX benefit_payment_application ON benefit_payment (application_id);
CREATE INDEX benefit_payment_due ON benefit_payment (tenant_id, status, due_on);

-- Human codes BEN-YYYY-NNNNNN, one counter per tenant and year.
CREATE TABLE benefit_code_counter (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (tenant_id, year)
);

ALTER TABLE benefit_rule_set ENABLE ROW LEVEL SECURITY;
ALTER TABLE benefit_fund ENABLE ROW LEVEL SECURITY;
ALTER TABLE benefit_application ENABLE ROW LEVEL SECURITY;
ALTER TABLE benefit_check ENABLE ROW LEVEL SECURITY;
ALTER TABLE benefit_payment ENABLE ROW LEVEL SECURITY;
ALTER TABLE benefit_code_counter ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON benefit_rule_set USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON benefit_fund USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON benefit_application USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON benefit_check USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON benefit_payment USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON benefit_code_counter USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON benefit_rule_set, benefit_fund, benefit_application, benefit_check,
  benefit_payment, benefit_code_counter TO segretariato_app;
