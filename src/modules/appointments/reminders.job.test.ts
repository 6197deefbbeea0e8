import { describe, expect, it } from 'vitest';
import { buildBookableOffice } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, operatorCtx, type TestTenant } from '../../../test/support/factories.ts';
import { savePerson } from '../../../test/support/people.ts';
import { startTestSmtp } from '../../../test/support/smtp.ts';
import type { Ctx } from '../../platform/context.ts';
import { asSystem } from '../../platform/db/database.ts';
import { smtpMailer } from '../../platform/mail.ts';
import { processOutbox } from '../notifications/index.ts';
import { bookAppointment } from './booking.service.ts';
import { romeInstant } from './calendar.ts';
import { sendReminders } from './reminders.job.ts';

const { db, url } = await freshDatabase();
const smtp = await startTestSmtp();
const mailer = smtpMailer(smtp.url, 'servizi@comune.example.it');
const BASE = 'https://servizi.example.it';
// Sunday 29 November 2026, 18:00 in Rome.
const SUNDAY_EVENING = '2026-11-29T17:00:00Z';
const clockAt = (iso: string) => ({ now: () => new Date(iso) });
const clock = clockAt(SUNDAY_EVENING);

async function world(capacity = 3) {
  const tenant = await buildTenant(db);
  const office = await buildBookableOffice(db, tenant, { capacity });
  const ctx: Ctx = { actor: { kind: 'anonymous', tenantId: tenant.id }, requestId: 'test-rem', clock, db };
  const book = async (day: string, time: string, email: string, phone = '', personId?: string) => {
    const r = await bookAppointment(ctx, {
      officeId: office.id,
      topicCode: 'colloquio',
      startsAt: romeInstant(day, time),
      details: 'privato',
      name: 'Persona Prova',
      phone,
      email,
      language: 'it',
      channel: 'online',
      ...(personId ? { personId } : {}),
    });
    if (r.kind !== 'booked') throw new Error('not booked');
    return r.appointment;
  };
  return { tenant, office, ctx, book };
}

const setSettings = (tenant: TestTenant, s: { on: boolean; hours: number; missed: boolean }) =>
  asSystem(db, (trx) =>
    trx
      .insertInto('notification_setting')
      .values({
        tenant_id: tenant.id,
        reminder_enabled: s.on,
        reminder_hours_before: s.hours,
        missed_followup_enabled: s.missed,
      })
      .execute(),
  );

const kindsOf = async (tenant: TestTenant) =>
  (
    await db
      .selectFrom('notification_outbox')
      .select(['kind', 'status'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('kind')
      .execute()
  ).map((r) => `${r.kind}:${r.status}`);

describe('reminders before the appointment (queued, delivered by the outbox)', () => {
  it('queues the reminders due within 24 hours once; the outbox retries an SMTP failure and delivers each once', async () => {
    const { tenant, book } = await world();
    const a = await book('2026-11-30', '09:00', 'a@example.org');
    const b = await book('2026-11-30', '11:30', 'b@example.org');
    await book('2026-11-30', '10:00', '', '039 123456'); // phone only: nothing to send
    await book('2026-12-01', '09:00', 'later@example.org'); // 39 hours ahead: not yet
    // The confirmations were queued with the bookings; send them first.
    expect((await processOutbox(db, mailer, clock, { baseUrl: BASE })).sent).toBeGreaterThanOrEqual(3);
    const before = smtp.messages.length;

    expect(await sendReminders({ db, clock }, BASE)).toEqual({ queued: 2, followUps: 0, skipped: 0 });
    expect(await sendReminders({ db, clock }, BASE)).toEqual({ queued: 0, followUps: 0, skipped: 0 });
    smtp.failNext(1);
    expect(await processOutbox(db, mailer, clock, { baseUrl: BASE })).toMatchObject({ sent: 1, retried: 1 });
    const later = clockAt('2026-11-29T17:02:00Z');
    expect(await processOutbox(db, mailer, later, { baseUrl: BASE })).toMatchObject({ sent: 1, retried: 0 });
    expect(await processOutbox(db, mailer, clockAt('2026-11-29T20:00:00Z'))).toMatchObject({ sent: 0 });

    const reminders = smtp.messages.slice(before);
    expect(reminders.map((m) => m.to[0]).sort()).toEqual(['a@example.org', 'b@example.org']);
    const mail = reminders.find((m) => m.to[0] === 'a@example.org');
    expect(mail?.subject).toBe(`Promemoria: appuntamento lunedì 30 novembre — ${a.code}`);
    expect(mail?.text).toContain('09:00');
    expect(mail?.text).toContain(`${BASE}/prenota/gestisci`);
    expect(mail?.text).not.toContain('privato');
    expect(mail?.text).not.toContain('Persona Prova');
    const rows = await ownerQuery(
      url,
      'SELECT id FROM appointment WHERE tenant_id = $1 AND reminder_sent_at IS NOT NULL ORDER BY starts_at',
      [tenant.id],
    );
    expect(rows.rows.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(await kindsOf(tenant)).toEqual([
      'appointment.confirmation:sent',
      'appointment.confirmation:sent',
      'appointment.confirmation:sent',
      'appointment.reminder:sent',
      'appointment.reminder:sent',
    ]);
  });

  it('follows the tenant settings: off sends nothing, 48 hours reminds the day after tomorrow too', async () => {
    const off = await world();
    await setSettings(off.tenant, { on: false, hours: 24, missed: false });
    await off.book('2026-11-30', '09:00', 'off@example.org');
    expect(await sendReminders({ db, clock }, BASE)).toMatchObject({ queued: 0 });
    expect(await kindsOf(off.tenant)).toEqual(['appointment.confirmation:pending']);

    const early = await world();
    await setSettings(early.tenant, { on: true, hours: 48, missed: false });
    await early.book('2026-12-01', '09:00', 'early@example.org');
    await early.book('2026-12-02', '09:00', 'toolate@example.org');
    expect(await sendReminders({ db, clock }, BASE)).toMatchObject({ queued: 1 });
    expect(await kindsOf(early.tenant)).toContain('appointment.reminder:pending');
    await processOutbox(db, mailer, clock, { baseUrl: BASE });
    await smtp.waitFor((m) => m.to.includes('early@example.org') && m.subject.startsWith('Promemoria'));
    expect(smtp.messages.some((m) => m.to.includes('toolate@example.org') && m.subject.startsWith('Promemoria'))).toBe(
      false,
    );
  });

  it('contacts nobody about a booking of a person who asked not to be contacted (confirmation and reminder skipped, audited)', async () => {
    const { tenant, book } = await world();
    const worker = await buildOperator(db, tenant, 'social_worker');
    const quiet = await savePerson(operatorCtx(db, worker), {
      givenNames: 'Nina',
      familyNames: 'Quieta',
      contactPreference: 'do_not_contact',
    });
    const a = await book('2026-11-30', '09:30', 'nina@example.org', '', quiet.id);
    expect(await sendReminders({ db, clock }, BASE)).toMatchObject({ queued: 0, skipped: 1 });
    await processOutbox(db, mailer, clock, { baseUrl: BASE });
    expect(smtp.messages.some((m) => m.to.includes('nina@example.org'))).toBe(false);
    expect(await kindsOf(tenant)).toEqual(['appointment.confirmation:skipped', 'appointment.reminder:skipped']);
    const audit = await ownerQuery(
      url,
      "SELECT details FROM audit_event WHERE action = 'appointment.remind' AND record_id = $1",
      [a.id],
    );
    expect(audit.rows).toEqual([{ details: { queued: false, skipped: 'do_not_contact' } }]);
  });

  it('the day after a missed appointment, invites to book again once (when the tenant enabled it)', async () => {
    const { tenant, book } = await world();
    await setSettings(tenant, { on: true, hours: 24, missed: true });
    const a = await book('2026-11-30', '09:00', 'missed@example.org');
    await ownerQuery(url, "UPDATE appointment SET status = 'no_show' WHERE id = $1", [a.id]);
    expect((await sendReminders({ db, clock }, BASE)).followUps).toBe(0); // the same day: not yet
    const tuesday = clockAt('2026-12-01T08:00:00Z');
    expect((await sendReminders({ db, clock: tuesday }, BASE)).followUps).toBe(1);
    expect((await sendReminders({ db, clock: tuesday }, BASE)).followUps).toBe(0);
    await processOutbox(db, mailer, tuesday, { baseUrl: BASE });
    const mail = await smtp.waitFor((m) => m.to.includes('missed@example.org') && m.subject.includes('non svolto'));
    expect(mail.subject).toBe(`Appuntamento non svolto — ${a.code}`);
    expect(mail.text).toContain(`${BASE}/prenota`);
  });

  it('a booking that loses the last place queues nothing', async () => {
    const { tenant, book } = await world(1);
    await book('2026-11-30', '12:00', 'first@example.org');
    await expect(book('2026-11-30', '12:00', 'second@example.org')).rejects.toThrow('not booked');
    expect(await kindsOf(tenant)).toEqual(['appointment.confirmation:pending']);
  });
});
