import { describe, expect, it } from 'vitest';
import { buildBookableOffice, fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import { startTestSmtp } from '../../../test/support/smtp.ts';
import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { smtpMailer } from '../../platform/mail.ts';
import { processOutbox } from '../notifications/index.ts';
import { findAppointment } from './appointments.repository.ts';
import { bookAppointment, presentAppointment } from './booking.service.ts';
import { romeInstant } from './calendar.ts';
import { cancelAppointment } from './manage.service.ts';
import { runWaitlist } from './waitlist.job.ts';
import { confirmOffer, declineOffer, offerByToken } from './waitlist.offers.ts';
import { joinWaitlist } from './waitlist.service.ts';

const BASE = 'https://servizi.example.it';
const { db, url } = await freshDatabase();
// Friday 27 November 2026, 09:00 in Rome. The office opens on Mondays 09:00–10:00 only: two places.
const clock = fixedClock('2026-11-27T08:00:00Z');
const tenant = await buildTenant(db);
const office = await buildBookableOffice(db, tenant, { hours: [{ weekday: 1, opens: '09:00', closes: '10:00' }] });
const resident = (at = clock): Ctx => ({
  actor: { kind: 'anonymous', tenantId: tenant.id },
  requestId: 't',
  clock: at,
  db,
});
const smtp = await startTestSmtp();
const mailer = smtpMailer(smtp.url, 'servizi@comune.example.it');

const book = async (time: string) => {
  const r = await bookAppointment(resident(), {
    officeId: office.id,
    topicCode: 'colloquio',
    startsAt: romeInstant('2026-11-30', time),
    details: '',
    name: 'Persona Prenotata',
    phone: '',
    email: 'booked@example.org',
    language: 'it',
    channel: 'online',
  });
  if (r.kind !== 'booked') throw new Error('not booked');
  return r.appointment;
};
const join = async (email: string, weekdays: number[], partOfDay = 'any') => {
  const r = await joinWaitlist(resident(), {
    officeId: office.id,
    topicCode: 'colloquio',
    weekdays,
    partOfDay,
    name: 'In Attesa',
    phone: '',
    email,
    language: 'it',
    privacy: 'yes',
    channel: 'online',
  });
  if (r.kind !== 'joined') throw new Error(JSON.stringify(r));
  return r.id;
};
const entry = async (id: string) =>
  (
    await ownerQuery(
      url,
      'SELECT status, offer_starts_at, offer_expires_at, appointment_id FROM appointment_waitlist WHERE id = $1',
      [id],
    )
  ).rows[0];
const booked = async (time: string) =>
  (
    await ownerQuery(url, 'SELECT booked FROM appointment_slot WHERE office_id = $1 AND starts_at = $2', [
      office.id,
      romeInstant('2026-11-30', time),
    ])
  ).rows[0]?.booked;
/** Delivers what the outbox holds (as its worker does) and reads the offer link sent to `to`. */
const tokenOf = async (to: string) => {
  await processOutbox(db, mailer, fixedClock('2026-12-31T00:00:00Z'));
  const mail = await smtp.waitFor((m) => m.to[0] === to);
  const m = /\/prenota\/lista-attesa\/offerta\/([A-Za-z0-9_-]+)/.exec(mail.text);
  return { mail, token: m?.[1] ?? '' };
};

const nine = await book('09:00');
await book('09:30');
const tuesdays = await join('tuesday@example.org', [2]);
const first = await join('first@example.org', [1], 'morning');
const second = await join('second@example.org', []);

describe('waiting list', () => {
  it('refuses bad preferences and a missing contact (nothing written)', async () => {
    const r = await joinWaitlist(resident(), {
      officeId: office.id,
      topicCode: 'colloquio',
      weekdays: [0, 9],
      partOfDay: 'night',
      name: '',
      phone: '',
      email: '',
      language: 'it',
      privacy: '',
      channel: 'online',
    });
    expect(r.kind === 'invalid' && r.errors.map((e) => e.field).sort()).toEqual(
      ['email', 'name', 'partOfDay', 'privacy', 'weekdays'].sort(),
    );
    const n = await ownerQuery(url, 'SELECT count(*)::int AS n FROM appointment_waitlist', []);
    expect(n.rows[0]).toEqual({ n: 3 });
  });

  it('a cancellation offers the place to the first in line it fits, held for 24 hours; nobody else gets it', async () => {
    const r = await cancelAppointment(resident(), nine, mailer, BASE);
    expect(r.kind).toBe('done');
    expect(await entry(tuesdays)).toMatchObject({ status: 'waiting' });
    expect(await entry(first)).toMatchObject({
      status: 'offered',
      offer_starts_at: romeInstant('2026-11-30', '09:00'),
      offer_expires_at: new Date('2026-11-28T08:00:00Z'),
    });
    expect(await entry(second)).toMatchObject({ status: 'waiting' });
    expect(await booked('09:00')).toBe(1); // held for the offer
    const { mail, token } = await tokenOf('first@example.org');
    expect(mail.text).toContain('09:00');
    expect(mail.text).not.toContain('In Attesa');
    expect(token.length).toBeGreaterThan(20);
    expect(await offerByToken(resident(), token)).toMatchObject({ startsAt: romeInstant('2026-11-30', '09:00') });
  });

  it('an offer not answered in time lapses and passes to the next in line', async () => {
    const { token: firstToken } = await tokenOf('first@example.org');
    const later = fixedClock('2026-11-28T08:00:00Z');
    expect(await runWaitlist({ db, clock: later }, BASE)).toEqual({ lapsed: 1, offered: 1 });
    expect(await entry(first)).toMatchObject({ status: 'lapsed', offer_starts_at: null });
    expect(await entry(second)).toMatchObject({
      status: 'offered',
      offer_starts_at: romeInstant('2026-11-30', '09:00'),
    });
    expect(await booked('09:00')).toBe(1);
    expect(await offerByToken(resident(later), firstToken)).toBeUndefined();
    expect(await confirmOffer(resident(later), firstToken, BASE)).toBeUndefined();
    // A second run finds nothing to do.
    expect(await runWaitlist({ db, clock: later }, BASE)).toEqual({ lapsed: 0, offered: 0 });
  });

  it('confirming books the held place once; the link does not work twice', async () => {
    const { token } = await tokenOf('second@example.org');
    const at = fixedClock('2026-11-28T09:00:00Z');
    const a = await confirmOffer(resident(at), token, BASE);
    expect(a).toMatchObject({ status: 'booked', startsAt: romeInstant('2026-11-30', '09:00'), channel: 'online' });
    expect(await entry(second)).toMatchObject({ status: 'booked', appointment_id: a?.id });
    expect(await booked('09:00')).toBe(1);
    expect(await confirmOffer(resident(at), token, BASE)).toBeUndefined();
    expect(await declineOffer(resident(at), token, BASE)).toBe(false);
    await processOutbox(db, mailer, fixedClock('2026-12-31T00:00:00Z'));
    await smtp.waitFor((m) => m.to[0] === 'second@example.org' && m.subject.includes(a?.code ?? '?'));
  });

  it('declining frees the place for the next entry it fits', async () => {
    const at = fixedClock('2026-11-28T10:00:00Z');
    const third = await join('third@example.org', [1]);
    const fourth = await join('fourth@example.org', []);
    const nineThirty = (await ownerQuery(url, `SELECT id FROM appointment WHERE starts_at = $1 AND status = 'booked'`, [
      romeInstant('2026-11-30', '09:30'),
    ])) as { rows: { id: string }[] };
    expect(nineThirty.rows).toHaveLength(1);
    // Free 09:30 by cancelling its booking through the resident's own flow.
    await cancelAppointment(resident(at), await viewOf(nineThirty.rows[0]?.id ?? ''), mailer, BASE);
    expect(await entry(third)).toMatchObject({ status: 'offered' });
    const { token } = await tokenOf('third@example.org');
    expect(await declineOffer(resident(at), token, BASE)).toBe(true);
    expect(await entry(third)).toMatchObject({ status: 'withdrawn' });
    expect(await entry(fourth)).toMatchObject({
      status: 'offered',
      offer_starts_at: romeInstant('2026-11-30', '09:30'),
    });
    expect(await booked('09:30')).toBe(1);
  });
});

async function viewOf(id: string) {
  const row = await withTenant(db, tenant.id, (trx) => findAppointment(trx, tenant.id, id));
  if (!row) throw new Error('no row');
  return presentAppointment(row);
}
