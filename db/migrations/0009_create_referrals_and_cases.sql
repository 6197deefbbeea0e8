-- Referrals with a closed loop and the hand-over to the second level (issue 7): cases (taking charge) with
-- care plans, reviews and a diary; referrals with a status machine enforced here as well as in the service,
-- response deadlines, partner users and their organization's capacity, the person-reported outcome.

-- Partners: users of a third-sector or public body in the network, each linked to one organization.
ALTER TABLE membership DROP CONSTRAINT membership_role_check;
ALTER TABLE membership ADD CONSTRAINT membership_role_check
  CHECK (role IN ('admin', 'coordinator', 'social_worker', 'front_office', 'researcher', 'auditor', 'partner'));

CREATE TABLE partner_user (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  organization_id uuid NOT NULL,            -- the directory's organization (issue 5)
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  FOREIGN KEY (tenant_id, organization_id) REFERENCES organization(tenant_id, id)
);
COMMENT ON TABLE partner_user IS 'A partner user belongs to exactly one organization of the network.';

CREATE TABLE partner_capacity (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  organization_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('has_capacity', 'waitlist', 'no_capacity')),
  updated_at timestamptz NOT NULL,
  updated_by uuid NOT NULL REFERENCES app_user(id),
  PRIMARY KEY (tenant_id, organization_id),
  FOREIGN KEY (tenant_id, organization_id) REFERENCES organization(tenant_id, id)
);

-- ---------------------------------------------------------------------------------------------------
-- Cases (presa in carico)
CREATE TABLE social_case (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  code text NOT NULL,                       -- CAS-YYYY-NNNNNN, read aloud
  person_id uuid NOT NULL,
  household_id uuid,
  area text NOT NULL CHECK (area IN ('minors_families', 'adults', 'elderly', 'disability')),
  status text NOT NULL CHECK (status IN ('proposed', 'declined', 'open', 'suspended', 'closed')),
  urgency text NOT NULL DEFAULT 'ordinary' CHECK (urgency IN ('immediate', 'within_days', 'ordinary')),
  reasons text NOT NULL,                    -- personal data: why the first level proposes taking charge
  assessment text,                          -- personal data: the attached assessment
  source_outcome_id uuid REFERENCES outcome(id),
  proposing_office_id uuid NOT NULL,
  proposed_by uuid NOT NULL REFERENCES app_user(id),
  proposed_at timestamptz NOT NULL,
  decided_by uuid REFERENCES app_user(id),
  decided_at timestamptz,
  decline_reasons text,
  responsible_worker_id uuid REFERENCES app_user(id),
  closed_reason_code text CHECK (closed_reason_code IN (
    'goals_met', 'moved_away', 'person_withdrew', 'transferred_elsewhere', 'deceased', 'other')),
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  CHECK (status <> 'declined' OR decline_reasons IS NOT NULL),
  CHECK (status NOT IN ('open', 'suspended', 'closed') OR responsible_worker_id IS NOT NULL),
  CHECK (status <> 'closed' OR closed_reason_code IS NOT NULL),
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id),
  FOREIGN KEY (tenant_id, household_id) REFERENCES household(tenant_id, id),
  FOREIGN KEY (tenant_id, proposing_office_id) REFERENCES office(tenant_id, id)
);
CREATE INDEX social_case_worker ON social_case (tenant_id, responsible_worker_id, status);
CREATE INDEX social_case_area ON social_case (tenant_id, area, status);
CREATE INDEX social_case_person ON social_case (tenant_id, person_id);

CREATE TABLE case_team_member (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  case_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES app_user(id),
  added_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, user_id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES social_case(tenant_id, id)
);

-- Every change of status, decision and transfer: the case's history.
CREATE TABLE case_event (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('proposed', 'accepted', 'declined', 'suspended', 'reopened', 'closed', 'transferred')),
  at timestamptz NOT NULL,
  by_user uuid NOT NULL REFERENCES app_user(id),
  from_worker_id uuid REFERENCES app_user(id),
  to_worker_id uuid REFERENCES app_user(id),
  from_area text,
  to_area text,
  reason_code text,
  note text,                                -- personal data: hand-over note, decline reasons
  FOREIGN KEY (tenant_id, case_id) REFERENCES social_case(tenant_id, id)
);
CREATE INDEX case_event_case ON case_event (case_id, at);

-- Care plan (progetto personalizzato / patto per l'inclusione): every save is a new version; old ones stay.
CREATE TABLE care_plan (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  case_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  kind text NOT NULL CHECK (kind IN ('care_plan', 'inclusion_pact')),
  goals jsonb NOT NULL,                     -- [{ text }]
  actions jsonb NOT NULL,                   -- [{ service, owner, from, to }]
  agreed_on date,                           -- agreed and signed with the person
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  UNIQUE (case_id, version),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES social_case(tenant_id, id)
);

CREATE TABLE care_plan_review (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('review', 'conditionality_check')),
  due_on date NOT NULL,
  done_on date,
  outcome text CHECK (outcome IN ('on_track', 'partly', 'not_met', 'compliant', 'not_compliant', 'not_held')),
  note text,
  recorded_by uuid REFERENCES app_user(id),
  CHECK ((done_on IS NULL) = (outcome IS NULL)),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, case_id) REFERENCES social_case(tenant_id, id)
);
CREATE INDEX care_plan_review_due ON care_plan_review (tenant_id, due_on) WHERE done_on IS NULL;

CREATE TABLE case_diary_entry (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  case_id uuid NOT NULL,
  written_by uuid NOT NULL REFERENCES app_user(id),
  written_at timestamptz NOT NULL,
  note text NOT NULL,                       -- personal data, professional and evaluative
  confidential boolean NOT NULL DEFAULT true,
  FOREIGN KEY (tenant_id, case_id) REFERENCES social_case(tenant_id, id)
);
CREATE INDEX case_diary_case ON case_diary_entry (case_id, written_at);

-- ---------------------------------------------------------------------------------------------------
-- Referrals (invii)
CREATE TABLE referral (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  code text NOT NULL,                       -- INV-YYYY-NNNNNN: the reference a partner notification carries
  person_id uuid NOT NULL,
  sending_office_id uuid NOT NULL,
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  source_outcome_id uuid REFERENCES outcome(id),
  source_case_id uuid,
  destination_type text NOT NULL CHECK (destination_type IN ('internal_area', 'public_body', 'partner')),
  internal_area text CHECK (internal_area IN ('minors_families', 'adults', 'elderly', 'disability')),
  public_body text CHECK (public_body IN ('asst_pua', 'job_centre', 'inps', 'caf_patronato')),
  organization_id uuid,                     -- the directory's organization, for partners
  service_id uuid,                          -- the directory's service, when known
  reason text NOT NULL,                     -- personal data: why the person is referred
  urgency text NOT NULL DEFAULT 'ordinary' CHECK (urgency IN ('immediate', 'within_days', 'ordinary')),
  legal_basis text NOT NULL CHECK (legal_basis IN ('consent', 'legal_obligation', 'public_task')),
  consent_id uuid,                          -- the people module's consent for this sharing
  shared_fields text[] NOT NULL DEFAULT '{}',
  shared_data jsonb NOT NULL DEFAULT '{}',  -- personal data: the chosen fields' values, as sent
  status text NOT NULL DEFAULT 'draft' CHECK (status IN (
    'draft', 'sent', 'received', 'accepted', 'declined', 'in_progress', 'completed', 'cancelled', 'expired')),
  status_at timestamptz NOT NULL,
  sent_at timestamptz,
  responded_at timestamptz,                 -- first accept or decline: the partner's response time
  response_due_at timestamptz,
  reminded_at timestamptz,
  escalated_at timestamptz,
  decline_reason text CHECK (decline_reason IN (
    'no_capacity', 'not_eligible', 'cannot_contact', 'person_declined', 'other')),
  outcome text CHECK (outcome IN (
    'got_help', 'partly', 'not_eligible', 'no_capacity', 'could_not_contact', 'no_longer_interested')),
  cancel_reason text,
  follow_up_due_at timestamptz,             -- when to ask the person "did you get the help you needed?"
  follow_up_to text,                        -- personal data: the e-mail address for that question, copied at sending
  follow_up_sent_at timestamptz,
  follow_up_token_hash text UNIQUE,         -- SHA-256 of the one-click token (never the referral id)
  follow_up_expires_at timestamptz,
  follow_up_answer text CHECK (follow_up_answer IN ('yes', 'partly', 'no')),
  follow_up_answered_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  CHECK ((destination_type = 'internal_area') = (internal_area IS NOT NULL)),
  CHECK ((destination_type = 'public_body') = (public_body IS NOT NULL)),
  CHECK ((destination_type = 'partner') = (organization_id IS NOT NULL)),
  CHECK ((legal_basis = 'consent') = (consent_id IS NOT NULL)),
  CHECK (status <> 'declined' OR decline_reason IS NOT NULL),
  CHECK (status <> 'completed' OR outcome IS NOT NULL),
  CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL),
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id),
  FOREIGN KEY (tenant_id, sending_office_id) REFERENCES office(tenant_id, id),
  FOREIGN KEY (tenant_id, source_case_id) REFERENCES social_case(tenant_id, id),
  FOREIGN KEY (tenant_id, organization_id) REFERENCES organization(tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES hsds_service(tenant_id, id)
);
ALTER TABLE referral ADD CONSTRAINT referral_consent_fk FOREIGN KEY (consent_id) REFERENCES consent(id);
CREATE INDEX referral_created_by ON referral (tenant_id, created_by, status);
CREATE INDEX referral_office ON referral (tenant_id, sending_office_id, status);
CREATE INDEX referral_organization ON referral (tenant_id, organization_id, status);
CREATE INDEX referral_person ON referral (tenant_id, person_id);
CREATE INDEX referral_due ON referral (response_due_at) WHERE status IN ('sent', 'received');

-- The legal moves of the status machine. The service checks them first (clear errors); the trigger
-- below makes any other change impossible, whoever writes.
CREATE TABLE referral_transition (
  from_status text NOT NULL,
  to_status text NOT NULL,
  PRIMARY KEY (from_status, to_status)
);
INSERT INTO referral_transition (from_status, to_status) VALUES
  ('draft', 'sent'), ('draft', 'cancelled'),
  ('sent', 'received'), ('sent', 'accepted'), ('sent', 'declined'), ('sent', 'cancelled'), ('sent', 'expired'),
  ('received', 'accepted'), ('received', 'declined'), ('received', 'cancelled'), ('received', 'expired'),
  ('accepted', 'in_progress'), ('accepted', 'completed'), ('accepted', 'cancelled'),
  ('in_progress', 'completed'), ('in_progress', 'cancelled');

CREATE FUNCTION referral_check_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'draft' THEN
      RAISE EXCEPTION 'a referral starts as draft, not %', NEW.status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'referral_transition';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
    SELECT 1 FROM referral_transition t WHERE t.from_status = OLD.status AND t.to_status = NEW.status
  ) THEN
    RAISE EXCEPTION 'referral transition % -> % is not allowed', OLD.status, NEW.status
      USING ERRCODE = 'check_violation', CONSTRAINT = 'referral_transition';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER referral_transition_check BEFORE INSERT OR UPDATE OF status ON referral
  FOR EACH ROW EXECUTE FUNCTION referral_check_transition();

-- The history: every transition, timestamped and attributed (user, or the system for expiry).
CREATE TABLE referral_event (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  referral_id uuid NOT NULL,
  from_status text,
  to_status text NOT NULL,
  at timestamptz NOT NULL,
  by_user uuid REFERENCES app_user(id),     -- NULL: the system (expiry job)
  by_kind text NOT NULL CHECK (by_kind IN ('operator', 'partner', 'system', 'person')),
  reason_code text,
  note text,                                -- personal data possible: progress notes
  FOREIGN KEY (tenant_id, referral_id) REFERENCES referral(tenant_id, id)
);
CREATE INDEX referral_event_referral ON referral_event (referral_id, at);

-- Response deadline per destination type (working days are not modelled: calendar days).
CREATE TABLE referral_deadline_setting (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  destination_type text NOT NULL CHECK (destination_type IN ('internal_area', 'public_body', 'partner')),
  response_days integer NOT NULL CHECK (response_days BETWEEN 1 AND 90),
  remind_days_before integer NOT NULL CHECK (remind_days_before BETWEEN 0 AND 30),
  follow_up_days integer NOT NULL DEFAULT 14 CHECK (follow_up_days BETWEEN 1 AND 180),
  PRIMARY KEY (tenant_id, destination_type)
);

-- Human codes, one counter per tenant, kind and year.
CREATE TABLE referral_code_counter (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  kind text NOT NULL CHECK (kind IN ('INV', 'CAS')),
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (tenant_id, kind, year)
);

-- A case or referral names the access outcome it comes from: same tenant, and the right kind of outcome
-- (outcome has no (tenant_id, id) key to reference, so a trigger checks it).
CREATE FUNCTION check_source_outcome() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wanted text := CASE TG_TABLE_NAME WHEN 'social_case' THEN 'take_charge_proposal' ELSE 'referral' END;
BEGIN
  IF NEW.source_outcome_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM outcome o WHERE o.id = NEW.source_outcome_id AND o.tenant_id = NEW.tenant_id AND o.kind = wanted
  ) THEN
    RAISE EXCEPTION 'source outcome is not a % outcome of this tenant', wanted
      USING ERRCODE = 'check_violation', CONSTRAINT = 'source_outcome_kind';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER social_case_source_outcome BEFORE INSERT OR UPDATE OF source_outcome_id ON social_case
  FOR EACH ROW EXECUTE FUNCTION check_source_outcome();
CREATE TRIGGER referral_source_outcome BEFORE INSERT OR UPDATE OF source_outcome_id ON referral
  FOR EACH ROW EXECUTE FUNCTION check_source_outcome();

ALTER TABLE partner_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE partner_capacity ENABLE ROW LEVEL SECURITY;
ALTER TABLE social_case ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_team_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE care_plan ENABLE ROW LEVEL SECURITY;
ALTER TABLE care_plan_review ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_diary_entry ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_deadline_setting ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_code_counter ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON partner_user USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON partner_capacity USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON social_case USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON case_team_member USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON case_event USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON care_plan USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON care_plan_review USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON case_diary_entry USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON referral USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON referral_event USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON referral_deadline_setting USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON referral_code_counter USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON partner_user, partner_capacity, social_case, case_team_member, case_event,
  care_plan, care_plan_review, case_diary_entry, referral, referral_event, referral_deadline_setting,
  referral_code_counter TO segretariato_app;
GRANT SELECT ON referral_transition TO segretariato_app;
