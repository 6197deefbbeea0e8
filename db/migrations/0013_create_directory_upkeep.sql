-- Directory upkeep (issue 5): the appointment topic a service is booked under, and partners' change
-- suggestions waiting for moderation.
--
-- appointment_topic_code: our extension of the HSDS service (not exported to /hsds). The service page's
-- booking link becomes /prenota?ufficio=<office>&argomento=<code>. No foreign key: topics belong to the
-- appointments module and a code the booking flow does not know is simply not pre-selected there.
ALTER TABLE hsds_service ADD COLUMN appointment_topic_code text
  CHECK (appointment_topic_code ~ '^[a-z0-9][a-z0-9_.-]{1,59}$');

-- A partner user's proposal of new values for a fixed set of a service's fields. The partner belongs to
-- the service's organization (checked by the directory service when the suggestion is made). A
-- coordinator or admin accepts it (applied as an edit of theirs: HSDS metadata rows) or rejects it with
-- a reason the partner sees. `version` guards a double decision.
CREATE TABLE directory_suggestion (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  service_id uuid NOT NULL,
  organization_id uuid NOT NULL,
  proposed jsonb NOT NULL CHECK (jsonb_typeof(proposed) = 'object'),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  reason text CHECK (length(reason) <= 2000),
  created_by uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  decided_by uuid REFERENCES app_user(id),
  decided_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES hsds_service(tenant_id, id),
  FOREIGN KEY (tenant_id, organization_id) REFERENCES organization(tenant_id, id),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status <> 'rejected' OR coalesce(reason, '') <> '')
);
CREATE INDEX directory_suggestion_status ON directory_suggestion (tenant_id, status, created_at);
CREATE INDEX directory_suggestion_organization ON directory_suggestion (tenant_id, organization_id, created_at);
CREATE INDEX directory_suggestion_service ON directory_suggestion (tenant_id, service_id);

ALTER TABLE directory_suggestion ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON directory_suggestion USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
GRANT SELECT, INSERT, UPDATE ON directory_suggestion TO segretariato_app;
