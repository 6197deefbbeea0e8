-- Operator agenda (issue 6): check-in links a booking to the access it created or joined in the register;
-- topics name the need area a check-in files the access under; version columns for the admin pages;
-- the waiting list with automatic offers of freed places.

-- The access a check-in created or attached to (several bookings of one person on one day share one access).
ALTER TABLE appointment ADD COLUMN access_id uuid;
ALTER TABLE appointment ADD CONSTRAINT appointment_access_fk
  FOREIGN KEY (tenant_id, access_id) REFERENCES access (tenant_id, id);
CREATE INDEX appointment_access ON appointment (tenant_id, access_id) WHERE access_id IS NOT NULL;
CREATE INDEX appointment_person ON appointment (tenant_id, person_id, starts_at) WHERE person_id IS NOT NULL;

-- The need area (code of the access taxonomy) a check-in proposes; the operator may choose another.
ALTER TABLE appointment_topic ADD COLUMN need_area_code text CHECK (need_area_code ~ '^[a-z0-9_.-]{2,60}$');
ALTER TABLE appointment_topic ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE appointment_office ADD COLUMN version integer NOT NULL DEFAULT 1;

-- Someone who found no free time: office and topic, preferred weekdays and part of the day, a contact.
-- When a place frees up, the first waiting entry it fits is offered it: the place is held (taken in
-- appointment_slot) until offer_expires_at; confirming books it, declining or expiry frees it for the next.
CREATE TABLE appointment_waitlist (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  office_id uuid NOT NULL,
  topic_id uuid NOT NULL,
  weekdays smallint[] NOT NULL DEFAULT '{}',           -- ISO weekdays accepted; empty: any
  part_of_day text NOT NULL DEFAULT 'any' CHECK (part_of_day IN ('any', 'morning', 'afternoon')),
  until_day date NOT NULL,                             -- no offer for a day after this
  channel text NOT NULL CHECK (channel IN ('online', 'desk', 'phone')),
  applicant_name text NOT NULL CHECK (char_length(applicant_name) BETWEEN 1 AND 120),
  applicant_phone text CHECK (char_length(applicant_phone) <= 30),
  applicant_email text CHECK (char_length(applicant_email) <= 254),
  language text NOT NULL DEFAULT 'it' CHECK (language IN ('it', 'en')),
  person_id uuid,
  created_by uuid REFERENCES app_user(id),             -- NULL: joined online by the resident
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'offered', 'booked', 'withdrawn', 'lapsed')),
  offer_starts_at timestamptz,
  offer_slot_count integer CHECK (offer_slot_count >= 1),
  offer_expires_at timestamptz,
  offer_token_hash text UNIQUE,
  offers_made integer NOT NULL DEFAULT 0,
  appointment_id uuid,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  CHECK (applicant_phone IS NOT NULL OR applicant_email IS NOT NULL OR person_id IS NOT NULL),
  CHECK ((status = 'offered') = (offer_starts_at IS NOT NULL AND offer_expires_at IS NOT NULL
    AND offer_token_hash IS NOT NULL AND offer_slot_count IS NOT NULL)),
  CHECK (weekdays <@ '{1,2,3,4,5,6,7}'::smallint[]),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, topic_id) REFERENCES appointment_topic(tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id),
  FOREIGN KEY (tenant_id, appointment_id) REFERENCES appointment(tenant_id, id)
);
CREATE INDEX appointment_waitlist_queue ON appointment_waitlist (tenant_id, office_id, created_at) WHERE status = 'waiting';
CREATE INDEX appointment_waitlist_offers ON appointment_waitlist (offer_expires_at) WHERE status = 'offered';
COMMENT ON COLUMN appointment_waitlist.applicant_name IS 'Personal data: as typed by the resident or operator.';

ALTER TABLE appointment_waitlist ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON appointment_waitlist USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON appointment_waitlist TO segretariato_app;
