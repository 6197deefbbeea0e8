-- Notifications outbox (issue 6 "Notifications", issue 7 partner and follow-up messages).
-- A message is written IN THE SAME TRANSACTION as the business change it reports, so a rolled-back
-- change sends nothing and a committed one is never lost; a worker sends it later through SMTP,
-- retries with backoff and moves it to a dead letter after too many failures.
-- Privacy: the address and the content are kept only until the message is sent (then erased at once)
-- or, for dead letters, until the retention ends (erased, the row kept for the counts).

CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  -- What the message is, e.g. appointment.confirmation, referral.new (a code, never personal data).
  kind text NOT NULL CHECK (kind ~ '^[a-z_]+\.[a-z_]+$' AND char_length(kind) <= 60),
  -- Same key twice in a tenant: the second enqueue is a no-op (e.g. appointment:<id>:confirm:1).
  dedupe_key text NOT NULL CHECK (char_length(dedupe_key) BETWEEN 1 AND 200),
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sending', 'sent', 'dead', 'discarded', 'skipped')),
  -- Why nothing was queued for a 'skipped' row (e.g. do_not_contact); a code.
  skip_reason text CHECK (skip_reason IN ('do_not_contact')),
  recipient text CHECK (char_length(recipient) <= 254),
  -- What the admin page may show instead of the address: first letter and domain (g***@example.org).
  recipient_masked text CHECK (char_length(recipient_masked) <= 254),
  subject text CHECK (char_length(subject) <= 300),
  body_text text,
  body_html text,
  attachments jsonb,
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL,
  -- While 'sending': the claim expires then (a worker that died leaves the message to another one).
  locked_until timestamptz,
  -- The SMTP reply code or a short code of ours (e.g. 451, 550, ECONNREFUSED) — never the server's text.
  last_error_code text CHECK (char_length(last_error_code) <= 40),
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  dead_at timestamptz,
  erased_at timestamptz,
  UNIQUE (tenant_id, dedupe_key),
  UNIQUE (tenant_id, id),
  CHECK (status = 'skipped' OR erased_at IS NOT NULL OR recipient IS NOT NULL),
  CHECK (erased_at IS NULL OR (recipient IS NULL AND body_text IS NULL AND body_html IS NULL AND attachments IS NULL))
);
CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX notification_outbox_dead ON notification_outbox (tenant_id, dead_at) WHERE status = 'dead';
CREATE INDEX notification_outbox_created ON notification_outbox (created_at);
COMMENT ON COLUMN notification_outbox.recipient IS 'Personal data: erased when sent, discarded or past the dead-letter retention.';
COMMENT ON COLUMN notification_outbox.body_text IS 'Reference, office, date and link only; erased with the recipient.';

-- Per tenant: the appointment reminder (on/off, hours before) and the follow-up after a missed appointment.
CREATE TABLE notification_setting (
  tenant_id uuid PRIMARY KEY REFERENCES tenant(id),
  reminder_enabled boolean NOT NULL DEFAULT true,
  reminder_hours_before integer NOT NULL DEFAULT 24 CHECK (reminder_hours_before BETWEEN 1 AND 168),
  missed_followup_enabled boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE notification_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_setting ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_outbox USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON notification_setting USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON notification_outbox, notification_setting TO segretariato_app;
