import { describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { buildBookableOffice, fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import { WindowLimit } from './ratelimit.ts';

describe('public form limits', () => {
  it('a window allows `max` hits per key, then refuses until the window has passed', () => {
    const w = new WindowLimit(2, 1000);
    expect([w.allow('a', 0), w.allow('a', 10), w.allow('a', 20), w.allow('b', 20)]).toEqual([true, true, false, true]);
    expect(w.allow('a', 1000)).toBe(true);
  });

  it('the eleventh code request of the hour from one address is refused with 429', async () => {
    const { db } = await freshDatabase();
    const tenant = await buildTenant(db);
    await buildBookableOffice(db, tenant);
    const app = await buildTestApp(db, {
      clock: fixedClock('2026-11-27T08:00:00Z'),
      env: { DEFAULT_TENANT: tenant.code },
    });
    const b = new Browser(app);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await b.submit('/prenota/gestisci', '/prenota/gestisci', { code: 'APP-2026-000001', email: 'x@example.org' }))
          .statusCode,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
