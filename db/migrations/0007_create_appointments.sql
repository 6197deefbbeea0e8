-- Appointments and online requests (issue 6): booking calendars per office (settings, exceptions, operator
-- availability), topics, the slot counters that make double booking impossible, bookings, the e-mail
-- verification codes to manage a booking, requests for assistance and the anonymous feedback widget.

-- Calendar settings of a tenant: the patron saint's day closes every office (Monza: 24 June).
CREATE TABLE appointment_settings (
  tenant_id uuid PRIMARY KEY REFERENCES tenant(id),
  patron_day text CHECK (patron_day ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'), -- MM-DD, NULL: none
  min_notice_hours integer NOT NULL DEFAULT 2 CHECK (min_notice_hours BETWEEN 0 AND 168),
  horizon_days integer NOT NULL DEFAULT 60 CHECK (horizon_days BETWEEN 1 AND 366)
);

-- Booking grid of an office: slot length and how many people may book the same slot.
CREATE TABLE appointment_office (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  office_id uuid NOT NULL,
  slot_minutes integer NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 10 AND 240),
  capacity integer NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 50),
  bookable boolean NOT NULL DEFAULT true,
  PRIMARY KEY (office_id),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id) ON DELETE CASCADE
);

-- Exceptions to the weekly hours: a closure (whole day when opens/closes are NULL) or an extra opening.
CREATE TABLE office_schedule_exception (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  office_id uuid NOT NULL,
  day date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('closed', 'extra')),
  opens time,
  closes time,
  note text CHECK (char_length(note) <= 200),
  CHECK ((opens IS NULL) = (closes IS NULL) AND (opens IS NULL OR closes > opens)),
  CHECK (kind = 'closed' OR opens IS NOT NULL),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX office_schedule_exception_day ON office_schedule_exception (office_id, day);

-- When an operator receives appointments at an office. An office with availability rows offers, per slot,
-- as many places as operators available (at most its capacity); without rows its capacity applies.
CREATE TABLE operator_availability (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  office_id uuid NOT NULL,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens time NOT NULL,
  closes time NOT NULL CHECK (closes > opens),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX operator_availability_office ON operator_availability (office_id, weekday);

-- What a resident can book (the reason of the appointment), its length and who handles it.
CREATE TABLE appointment_topic (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_.-]{2,60}$'),
  label_it text NOT NULL,
  label_en text NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 10 AND 240),
  roles text[] NOT NULL DEFAULT '{social_worker}',
  active boolean NOT NULL DEFAULT true,
  sort_order integer NOT NULL DEFAULT 0,
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id)
);

CREATE TABLE appointment_topic_office (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  topic_id uuid NOT NULL,
  office_id uuid NOT NULL,
  PRIMARY KEY (topic_id, office_id),
  FOREIGN KEY (tenant_id, topic_id) REFERENCES appointment_topic(tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id) ON DELETE CASCADE
);

-- One row per booked slot of an office: the counter that makes double booking impossible. A booking
-- increments every slot it covers with INSERT … ON CONFLICT DO UPDATE … WHERE booked < capacity, which
-- takes the row lock; the CHECK is the last wall.
CREATE TABLE appointment_slot (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  office_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  capacity integer NOT NULL CHECK (capacity >= 1),
  booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
  PRIMARY KEY (office_id, starts_at),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id)
);

CREATE TABLE appointment (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  code text NOT NULL,                       -- read aloud: APP-2026-000123
  office_id uuid NOT NULL,
  topic_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  slot_count integer NOT NULL CHECK (slot_count >= 1),
  channel text NOT NULL CHECK (channel IN ('online', 'desk', 'phone')),
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'attended', 'no_show')),
  applicant_name text NOT NULL CHECK (char_length(applicant_name) BETWEEN 1 AND 120),
  applicant_phone text CHECK (char_length(applicant_phone) <= 30),
  applicant_email text CHECK (char_length(applicant_email) <= 254),
  language text NOT NULL DEFAULT 'it' CHECK (language IN ('it', 'en')),
  details text CHECK (char_length(details) <= 200),
  person_id uuid,
  booked_by uuid REFERENCES app_user(id),   -- NULL: booked online by the resident
  status_changed_by uuid REFERENCES app_user(id),
  status_changed_at timestamptz,
  reminder_sent_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (applicant_phone IS NOT NULL OR applicant_email IS NOT NULL OR person_id IS NOT NULL),
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id),
  FOREIGN KEY (tenant_id, topic_id) REFERENCES appointment_topic(tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES person(tenant_id, id)
);
CREATE INDEX appointment_office_time ON appointment (tenant_id, office_id, starts_at);
CREATE INDEX appointment_reminders ON appointment (starts_at) WHERE status = 'booked' AND reminder_sent_at IS NULL;
COMMENT ON COLUMN appointment.applicant_name IS 'Personal data: as typed by the resident or operator.';
COMMENT ON COLUMN appointment.details IS 'Personal data: free text of the resident, at most 200 characters.';

-- One-time codes sent by e-mail to open a booking (hash only; a few attempts; short life).
CREATE TABLE appointment_verification (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  appointment_id uuid NOT NULL,
  code_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  verified_at timestamptz,
  manage_token_hash text UNIQUE,            -- after a correct code: a bearer for this booking, short-lived
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, appointment_id) REFERENCES appointment(tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX appointment_verification_appointment ON appointment_verification (appointment_id);

-- Human codes APP-YYYY-NNNNNN and RA-YYYY-NNNNNN, one counter per tenant, kind and year.
CREATE TABLE appointment_code_counter (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  kind text NOT NULL CHECK (kind IN ('APP', 'RA')),
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (tenant_id, kind, year)
);

-- Request for assistance (richiesta di assistenza): category → service, each with its maximum completion time.
CREATE TABLE assistance_service (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_.-]{2,60}$'),
  category_code text NOT NULL CHECK (category_code ~ '^[a-z0-9_.-]{2,60}$'),
  category_it text NOT NULL,
  category_en text NOT NULL,
  label_it text NOT NULL,
  label_en text NOT NULL,
  need_area_code text NOT NULL,             -- the need area of the access register the request is filed under
  max_days integer NOT NULL CHECK (max_days BETWEEN 1 AND 365),
  office_id uuid NOT NULL,                  -- the office that takes online requests of this service in charge
  sort_order integer NOT NULL DEFAULT 0,
  UNIQUE (tenant_id, code),
  UNIQUE (tenant_id, id),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id)
);

CREATE TABLE assistance_request (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  number text NOT NULL,                     -- RA-2026-000123
  service_id uuid NOT NULL,
  access_id uuid NOT NULL,
  first_name text NOT NULL CHECK (char_length(first_name) BETWEEN 1 AND 80),
  last_name text NOT NULL CHECK (char_length(last_name) BETWEEN 1 AND 80),
  email text NOT NULL CHECK (char_length(email) <= 254),
  message text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 600),
  privacy_acknowledged_at timestamptz NOT NULL,
  taken_in_charge_on date NOT NULL,
  due_on date NOT NULL CHECK (due_on >= taken_in_charge_on),
  language text NOT NULL DEFAULT 'it' CHECK (language IN ('it', 'en')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, service_id) REFERENCES assistance_service(tenant_id, id),
  FOREIGN KEY (tenant_id, access_id) REFERENCES access(tenant_id, id)
);
COMMENT ON COLUMN assistance_request.message IS 'Personal data: the request in the resident''s words.';

-- Feedback widget (Modello Comuni): anonymous, no link to any booking or person.
CREATE TABLE feedback (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  page text NOT NULL CHECK (page ~ '^[a-z0-9_/-]{1,80}$'),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  aspect text CHECK (aspect ~ '^[a-z_]{2,40}$'),
  comment text CHECK (char_length(comment) <= 200),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_page ON feedback (tenant_id, page, created_at);

ALTER TABLE appointment_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE appointment_office ENABLE ROW LEVEL SECURITY;
ALTER TABLE office_schedule_exception ENABLE ROW LEVEL SECURITY;
ALTER TABLE operator_availability ENABLE ROW LEVEL SECURITY;
ALTER TABLE appointment_topic ENABLE ROW LEVEL SECURITY;
ALTER TABLE appointment_topic_office ENABLE ROW LEVEL SECURITY;
ALTER TABLE appointment_slot ENABLE ROW LEVEL SECURITY;
ALTER TABLE appointment ENABLE ROW LEVEL SECURITY;
ALTER TABLE appointment_verification ENABLE ROW LEVEL SECURITY;
ALTER TABLE appointment_code_counter ENABLE ROW LEVEL SECURITY;
ALTER TABLE assistance_service ENABLE ROW LEVEL SECURITY;
ALTER TABLE assistance_request ENABLE ROW LEVEL SECURITY;
ALTER TABLE feedback ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON appointment_settings USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON appointment_office USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON office_schedule_exception USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON operator_availability USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON appointment_topic USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON appointment_topic_office USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON appointment_slot USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON appointment USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON appointment_verification USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON appointment_code_counter USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON assistance_service USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON assistance_request USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON feedback USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON appointment_settings, appointment_office, office_schedule_exception,
  operator_availability, appointment_topic, appointment_topic_office, appointment_slot, appointment,
  appointment_verification, appointment_code_counter, assistance_service, assistance_request, feedback
  TO segretariato_app;
