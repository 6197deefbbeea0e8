import { describe, expect, it } from 'vitest';
import { addException, buildBookableOffice, fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import type { Ctx } from '../../platform/context.ts';
import { type BookingInput, bookAppointment } from './booking.service.ts';
import { romeInstant } from './calendar.ts';

const { db, url } = await freshDatabase();
// Friday 27 November 2026, 09:00 in Rome.
const clock = fixedClock('2026-11-27T08:00:00Z');

const residentCtx = (tenantId: string, n = 0): Ctx => ({
  actor: { kind: 'anonymous', tenantId },
  requestId: `test-booking-${n}`,
  clock,
  db,
});

const input = (officeId: string, startsAt: Date, over: Partial<BookingInput> = {}): BookingInput => ({
  officeId,
  topicCode: 'colloquio',
  startsAt,
  details: '',
  name: 'Giulia Bianchi',
  phone: '',
  email: 'giulia@example.org',
  language: 'it',
  channel: 'online',
  ...over,
});

describe('booking an appointment', () => {
  it('many parallel bookings of the last free place: exactly one wins, the others are told it was just taken and offered other times', async () => {
    const tenant = await buildTenant(db);
    // Open on Mondays 09:00–09:30 only: one place a week.
    const office = await buildBookableOffice(db, tenant, { hours: [{ weekday: 1, opens: '09:00', closes: '09:30' }] });
    const monday = romeInstant('2026-11-30', '09:00');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        bookAppointment(residentCtx(tenant.id, i), input(office.id, monday, { email: `p${i}@example.org` })),
      ),
    );
    const booked = results.filter((r) => r.kind === 'booked');
    const taken = results.filter((r) => r.kind === 'taken');
    expect(booked).toHaveLength(1);
    expect(taken).toHaveLength(11);
    for (const r of taken) {
      if (r.kind !== 'taken') continue;
      expect(r.alternatives[0]?.startsAt.toISOString()).toBe(romeInstant('2026-12-07', '09:00').toISOString());
    }
    const rows = await ownerQuery(url, 'SELECT count(*)::int AS n FROM appointment WHERE office_id = $1', [office.id]);
    expect(rows.rows[0].n).toBe(1);
    const slot = await ownerQuery(url, 'SELECT booked, capacity FROM appointment_slot WHERE office_id = $1', [
      office.id,
    ]);
    expect(slot.rows).toEqual([{ booked: 1, capacity: 1 }]);
    const audit = await ownerQuery(
      url,
      `SELECT count(*)::int AS n FROM audit_event WHERE tenant_id = $1 AND action = 'appointment.book'`,
      [tenant.id],
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('a slot with capacity 2 takes two bookings, then refuses the third', async () => {
    const tenant = await buildTenant(db);
    const office = await buildBookableOffice(db, tenant, { capacity: 2 });
    const at = romeInstant('2026-12-01', '10:00');
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await bookAppointment(residentCtx(tenant.id), input(office.id, at))).kind);
    expect(kinds).toEqual(['booked', 'booked', 'taken']);
  });

  it('a one-hour topic takes two consecutive slots, so the second half is no longer free', async () => {
    const tenant = await buildTenant(db);
    const office = await buildBookableOffice(db, tenant, {
      topics: [
        { code: 'colloquio', durationMinutes: 30 },
        { code: 'lungo', durationMinutes: 60 },
      ],
    });
    const long = await bookAppointment(
      residentCtx(tenant.id),
      input(office.id, romeInstant('2026-12-01', '10:00'), { topicCode: 'lungo' }),
    );
    expect(long.kind).toBe('booked');
    if (long.kind === 'booked') {
      expect(long.appointment.endsAt.toISOString()).toBe(romeInstant('2026-12-01', '11:00').toISOString());
      expect(long.appointment.code).toMatch(/^APP-2026-\d{6}$/);
    }
    const half = await bookAppointment(residentCtx(tenant.id), input(office.id, romeInstant('2026-12-01', '10:30')));
    expect(half.kind).toBe('taken');
    // The last slot of the morning cannot hold a one-hour topic.
    const late = await bookAppointment(
      residentCtx(tenant.id),
      input(office.id, romeInstant('2026-12-01', '12:00'), { topicCode: 'lungo' }),
    );
    expect(late.kind).toBe('taken');
  });

  it('refuses times on holidays, closures, in the past or within the minimum notice, and unknown topics', async () => {
    const tenant = await buildTenant(db);
    const office = await buildBookableOffice(db, tenant, { minNoticeHours: 24 });
    await addException(db, tenant, { officeId: office.id, day: '2026-12-02', kind: 'closed' });
    for (const [day, time] of [
      ['2026-12-08', '10:00'], // Immacolata
      ['2026-12-02', '10:00'], // closure
      ['2026-11-27', '11:00'], // today, within 24 hours
      ['2026-11-30', '09:15'], // not a slot start
    ] as const) {
      const r = await bookAppointment(residentCtx(tenant.id), input(office.id, romeInstant(day, time)));
      expect(r.kind, `${day} ${time}`).toBe('taken');
    }
    const unknown = await bookAppointment(
      residentCtx(tenant.id),
      input(office.id, romeInstant('2026-12-01', '10:00'), { topicCode: 'nope' }),
    );
    expect(unknown).toEqual({ kind: 'invalid', errors: [{ field: 'topic', key: 'topic.required' }] });
  });

  it('the database itself refuses a counter above capacity', async () => {
    const tenant = await buildTenant(db);
    const office = await buildBookableOffice(db, tenant);
    await expect(
      ownerQuery(
        url,
        `INSERT INTO appointment_slot (tenant_id, office_id, starts_at, capacity, booked) VALUES ($1, $2, now(), 1, 2)`,
        [tenant.id, office.id],
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
