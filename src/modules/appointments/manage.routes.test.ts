import { describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { buildBookableOffice, fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import { startTestSmtp } from '../../../test/support/smtp.ts';
import type { Ctx } from '../../platform/context.ts';
import { smtpMailer } from '../../platform/mail.ts';
import { processOutbox } from '../notifications/index.ts';
import { bookAppointment } from './booking.service.ts';
import { romeInstant } from './calendar.ts';

const { db, url } = await freshDatabase();
const tenant = await buildTenant(db);
const office = await buildBookableOffice(db, tenant);
const smtp = await startTestSmtp();
const clock = fixedClock('2026-11-27T08:00:00Z');
const mailer = smtpMailer(smtp.url, 'servizi@comune.example.it');
const app = await buildTestApp(db, { clock, env: { DEFAULT_TENANT: tenant.code }, mailer });
const ctx: Ctx = { actor: { kind: 'anonymous', tenantId: tenant.id }, requestId: 'test-manage', clock, db };

async function book(time: string, email = 'luca@example.org') {
  const r = await bookAppointment(ctx, {
    officeId: office.id,
    topicCode: 'colloquio',
    startsAt: romeInstant('2026-11-30', time),
    details: '',
    name: 'Luca Neri',
    phone: '',
    email,
    language: 'it',
    channel: 'online',
  });
  if (r.kind !== 'booked') throw new Error('not booked');
  return r.appointment;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1] ?? '';

/** Asks for a code and returns the verification page and the code received by e-mail. */
async function askCode(b: Browser, code: string, email: string) {
  const before = smtp.messages.length;
  const page = await b.submit('/prenota/gestisci', '/prenota/gestisci', { code, email });
  const mail = await smtp.waitFor(
    (m) => smtp.messages.indexOf(m) >= before && m.subject.startsWith('Codice di verifica'),
  );
  return { page, secret: /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '' };
}

describe('managing a booking with the e-mailed code', () => {
  it('opens the booking with the code, reschedules it (places move, e-mail with the new time), then cancels it', async () => {
    const a = await book('09:00');
    const b = new Browser(app);
    const { page, secret } = await askCode(b, a.code.toLowerCase(), 'LUCA@example.org');
    expect(page.statusCode).toBe(200);
    const opened = await b.post('/prenota/gestisci/verifica', {
      _csrf: csrfOf(page.body),
      ticket: hidden(page.body, 'ticket'),
      secret,
    });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain(a.code);
    const token = hidden(opened.body, 'token');
    expect(token).not.toBe('');
    const ask = await b.post('/prenota/gestisci/azione', { _csrf: csrfOf(opened.body), token, action: 'move-ask' });
    const newSlot = romeInstant('2026-11-30', '11:00').toISOString();
    expect(ask.body).toContain(`value="${newSlot}"`);
    const moved = await b.post('/prenota/gestisci/azione', {
      _csrf: csrfOf(ask.body),
      token,
      action: 'move',
      slot: newSlot,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.body).toContain('L’appuntamento è stato spostato.');
    const slots = await ownerQuery(
      url,
      'SELECT to_char(starts_at AT TIME ZONE $2, $3) AS at, booked FROM appointment_slot WHERE office_id = $1 ORDER BY starts_at',
      [office.id, 'Europe/Rome', 'HH24:MI'],
    );
    expect(slots.rows).toEqual([
      { at: '09:00', booked: 0 },
      { at: '11:00', booked: 1 },
    ]);
    // The change e-mail was queued with the move; the outbox sends it, with the updated calendar file.
    await processOutbox(db, mailer, clock);
    const movedMail = await smtp.waitFor((m) => m.subject === `Appuntamento spostato — ${a.code}`);
    expect(movedMail.text).toContain('11:00');
    expect(movedMail.attachments[0]?.body).toContain('SEQUENCE:1');
    const cancelled = await b.post('/prenota/gestisci/azione', { _csrf: csrfOf(moved.body), token, action: 'cancel' });
    expect(cancelled.body).toContain('La prenotazione è stata annullata.');
    const after = await ownerQuery(url, 'SELECT status FROM appointment WHERE id = $1', [a.id]);
    expect(after.rows[0].status).toBe('cancelled');
    await processOutbox(db, mailer, clock);
    const cancelMail = await smtp.waitFor((m) => m.subject === `Appuntamento annullato — ${a.code}`);
    expect(cancelMail.text).not.toContain('Luca');
    expect(cancelMail.attachments[0]?.body).toContain('STATUS:CANCELLED');
    const kinds = await ownerQuery(
      url,
      'SELECT kind, status FROM notification_outbox WHERE dedupe_key LIKE $1 ORDER BY created_at, kind',
      [`appointment:${a.id}:%`],
    );
    expect(kinds.rows).toEqual([
      { kind: 'appointment.cancellation', status: 'sent' },
      { kind: 'appointment.change', status: 'sent' },
      { kind: 'appointment.confirmation', status: 'sent' },
    ]);
    const audit = await ownerQuery(url, `SELECT action FROM audit_event WHERE record_id = $1 ORDER BY seq`, [a.id]);
    expect(audit.rows.map((r) => r.action)).toEqual([
      'appointment.book',
      'appointment.verify_request',
      'appointment.verify',
      'appointment.read', // the booking shown
      'appointment.read', // the times to move to
      'appointment.read', // read again before moving
      'appointment.reschedule',
      'appointment.read',
      'appointment.cancel',
    ]);
  });

  it('a wrong e-mail gets the same answer and no mail; five wrong codes end the ticket', async () => {
    const a = await book('10:00');
    const b = new Browser(app);
    const before = smtp.messages.length;
    const wrong = await b.submit('/prenota/gestisci', '/prenota/gestisci', {
      code: a.code,
      email: 'someone@example.org',
    });
    expect(wrong.statusCode).toBe(200);
    expect(wrong.body).toContain('Se il codice e l’email corrispondono');
    const { page, secret } = await askCode(b, a.code, 'luca@example.org');
    expect(smtp.messages.length).toBe(before + 1);
    const ticket = hidden(page.body, 'ticket');
    const bad = secret === '000000' ? '111111' : '000000';
    let last = page;
    for (let i = 0; i < 5; i++) {
      last = await b.post('/prenota/gestisci/verifica', { _csrf: csrfOf(last.body), ticket, secret: bad });
      expect(last.statusCode).toBe(422);
    }
    expect(last.body).toContain('è scaduto o è stato sbagliato troppe volte');
    const late = await b.post('/prenota/gestisci/verifica', { _csrf: csrfOf(last.body), ticket, secret });
    expect(late.body).toContain('è scaduto o è stato sbagliato troppe volte');
  });

  it('an expired or forged token shows the start page again, never the booking', async () => {
    const b = new Browser(app);
    const page = await b.get('/prenota/gestisci');
    const r = await b.post('/prenota/gestisci/azione', { _csrf: csrfOf(page.body), token: 'forged', action: 'cancel' });
    expect(r.statusCode).toBe(401);
    expect(r.body).toContain('La sessione è scaduta');
  });

  it('empty fields give 422 with an error summary', async () => {
    const b = new Browser(app);
    const r = await b.submit('/prenota/gestisci', '/prenota/gestisci', { code: '', email: '' });
    expect(r.statusCode).toBe(422);
    expect(r.body).toContain('href="#code"');
    expect(r.body).toContain('aria-describedby="code-hint code-error"');
  });
});
