-- Issue 4: an "information given" or "orientation" outcome may name the service of the network directory
-- (issue 5) the person was pointed to. The composite key makes a service of another tenant impossible;
-- hsds_service already has UNIQUE (tenant_id, id). Services are never deleted (they become inactive/defunct).
ALTER TABLE outcome ADD COLUMN service_id uuid;
ALTER TABLE outcome ADD CONSTRAINT outcome_service_fk
  FOREIGN KEY (tenant_id, service_id) REFERENCES hsds_service (tenant_id, id);
ALTER TABLE outcome ADD CONSTRAINT outcome_service_kind
  CHECK (service_id IS NULL OR kind IN ('information', 'orientation'));
CREATE INDEX outcome_service ON outcome (tenant_id, service_id) WHERE service_id IS NOT NULL;
