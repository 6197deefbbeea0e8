import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { addException, buildBookableOffice, fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildTenant } from '../../../test/support/factories.ts';

const { db } = await freshDatabase();
const tenant = await buildTenant(db);
const office = await buildBookableOffice(db, tenant, {
  hours: [{ weekday: 1, opens: '09:00', closes: '10:00' }],
  topics: [
    { code: 'colloquio', durationMinutes: 30 },
    { code: 'lungo', durationMinutes: 60 },
  ],
});
await addException(db, tenant, { officeId: office.id, day: '2026-12-07', kind: 'closed' });
const app = await buildTestApp(db, { clock: fixedClock('2026-11-27T08:00:00Z'), env: { DEFAULT_TENANT: tenant.code } });

describe('GET /api/v1/offices/{id}/slots', () => {
  it('lists free start times without login, skipping a closure, and only the ones a long topic fits', async () => {
    const res = await app.inject({ url: `/api/v1/offices/${office.id}/slots?days=14` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { slots: { startsAt: string; time: string; day: string; free: number }[] };
    // Fourteen days from Friday 27 November hold two Mondays: the 30th, and the 7th of December (closed).
    expect(body.slots.map((s) => `${s.day} ${s.time}`)).toEqual(['2026-11-30 09:00', '2026-11-30 09:30']);
    expect(body.slots[0]).toEqual({ startsAt: '2026-11-30T08:00:00.000Z', day: '2026-11-30', time: '09:00', free: 1 });
    const long = await app.inject({ url: `/api/v1/offices/${office.id}/slots?topic=lungo` });
    expect((long.json() as { slots: { time: string }[] }).slots.map((s) => s.time)).toEqual(['09:00']);
  });

  it('answers problem+json: unknown office or topic 404, a bad query 400; it is in the OpenAPI document', async () => {
    const unknown = await app.inject({ url: '/api/v1/offices/00000000-0000-7000-8000-000000000000/slots' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect((await app.inject({ url: `/api/v1/offices/${office.id}/slots?topic=nope` })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/v1/offices/${office.id}/slots?days=99` })).statusCode).toBe(400);
    const openapi = await app.inject({ url: '/openapi.json' });
    expect(Object.keys((openapi.json() as { paths: object }).paths)).toContain('/api/v1/offices/{id}/slots');
  });
});
