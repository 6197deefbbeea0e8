import { describe, expect, it } from 'vitest';
import { buildBookableOffice, fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import { startTestSmtp } from '../../../test/support/smtp.ts';
import type { Ctx } from '../../platform/context.ts';
import { smtpMailer } from '../../platform/mail.ts';
import { bookAppointment } from './booking.service.ts';
import { romeInstant } from './calendar.ts';
import { sendReminders } from './reminders.job.ts';

const { db, url } = await freshDatabase();
// Sunday 29 November 2026, 18:00 in Rome: tomorrow is Monday 30.
const clock = fixedClock('2026-11-29T17:00:00Z');

describe('reminders the day before', () => {
  it('e-mails tomorrow’s bookings with an e-mail once, retries after an SMTP failure, never twice', async () => {
    const tenant = await buildTenant(db);
    const office = await buildBookableOffice(db, tenant, { capacity: 3 });
    const ctx: Ctx = { actor: { kind: 'anonymous', tenantId: tenant.id }, requestId: 'test-rem', clock, db };
    const book = async (day: string, time: string, email: string, phone = '') => {
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
      });
      if (r.kind !== 'booked') throw new Error('not booked');
      return r.appointment;
    };
    const a = await book('2026-11-30', '09:00', 'a@example.org');
    const b = await book('2026-11-30', '11:30', 'b@example.org');
    await book('2026-11-30', '10:00', '', '039 123456'); // phone only: nothing to send
    await book('2026-12-01', '09:00', 'later@example.org'); // the day after tomorrow
    const smtp = await startTestSmtp();
    const mailer = smtpMailer(smtp.url, 'servizi@comune.example.it');
    smtp.failNext(1);
    const first = await sendReminders({ db, clock, mailer }, 'https://servizi.example.it');
    expect(first).toEqual({ sent: 1, failed: 1 });
    const second = await sendReminders({ db, clock, mailer }, 'https://servizi.example.it');
    expect(second).toEqual({ sent: 1, failed: 0 });
    expect(await sendReminders({ db, clock, mailer }, 'https://servizi.example.it')).toEqual({ sent: 0, failed: 0 });
    mailer.close();
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['a@example.org', 'b@example.org']);
    const mail = smtp.messages.find((m) => m.to[0] === 'a@example.org');
    expect(mail?.subject).toBe(`Promemoria: appuntamento di domani — ${a.code}`);
    expect(mail?.text).toContain('09:00');
    expect(mail?.text).toContain('https://servizi.example.it/prenota/gestisci');
    expect(mail?.text).not.toContain('privato');
    const rows = await ownerQuery(
      url,
      'SELECT id FROM appointment WHERE reminder_sent_at IS NOT NULL ORDER BY starts_at',
      [],
    );
    expect(rows.rows.map((r) => r.id)).toEqual([a.id, b.id]);
  });
});
