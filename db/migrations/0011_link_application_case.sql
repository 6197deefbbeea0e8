-- Economic help (issue 8): an application can be opened from a case (presa in carico) as well as from
-- an access. The case must be the same person's (the composite key makes any other impossible), and
-- an application opened from an open case is flagged PresaCarico for the SIUSS benefit record.
ALTER TABLE social_case ADD CONSTRAINT social_case_tenant_id_person UNIQUE (tenant_id, id, person_id);
ALTER TABLE benefit_application ADD COLUMN case_id uuid;
ALTER TABLE benefit_application ADD CONSTRAINT benefit_application_case
  FOREIGN KEY (tenant_id, case_id, person_id) REFERENCES social_case (tenant_id, id, person_id);
COMMENT ON COLUMN benefit_application.case_id IS 'The case (presa in carico) the application was opened from, if any.';
