import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { buildBookableOffice, fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import { asSystem } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { suggestOffice } from './street.service.ts';

const { db } = await freshDatabase();
const tenant = await buildTenant(db);
const north = await buildBookableOffice(db, tenant);
const south = await buildBookableOffice(db, tenant);
await asSystem(db, async (trx) => {
  const area = async (code: string, officeId: string) => {
    const id = newId();
    await trx
      .insertInto('neighbourhood')
      .values({ id, tenant_id: tenant.id, code, name: code, office_id: officeId })
      .execute();
    return id;
  };
  const n = await area('Nord', north.id);
  const s = await area('Sud', south.id);
  const street = (
    name: string,
    neighbourhood: string,
    range: { from?: number; to?: number; parity?: 'odd' | 'even' } = {},
  ) =>
    trx
      .insertInto('street_area')
      .values({
        id: newId(),
        tenant_id: tenant.id,
        municipality_code: 'F704',
        street_key: sql<string>`f_name_key(${name})`,
        street_name: name,
        number_from: range.from ?? null,
        number_to: range.to ?? null,
        parity: range.parity ?? 'all',
        neighbourhood_id: neighbourhood,
        demo: true,
      })
      .execute();
  await street('Via Iseo', s);
  await street('Viale Cesare Battisti', n);
  await street("Via Sant'Andrea", n);
  // A long street split between two areas by house number.
  await street('Via Borgazzi', n, { from: 1, to: 99 });
  await street('Via Borgazzi', s, { from: 100 });
});

describe('street → neighbourhood office', () => {
  it('matches without accents, case, apostrophes or the street type, and tolerates a typo', async () => {
    expect((await suggestOffice(db, tenant.id, 'iseo', ''))?.officeId).toBe(south.id);
    expect((await suggestOffice(db, tenant.id, 'VIA ISÈO', ''))?.officeId).toBe(south.id);
    expect(await suggestOffice(db, tenant.id, 'viale cesare batisti', '')).toMatchObject({
      officeId: north.id,
      street: 'Viale Cesare Battisti',
      neighbourhood: 'Nord',
      demo: true,
    });
    expect((await suggestOffice(db, tenant.id, 'via santandrea', ''))?.officeId).toBe(north.id);
  });

  it('uses the house number where a street is split, and refuses to guess', async () => {
    expect((await suggestOffice(db, tenant.id, 'Via Borgazzi', '12'))?.officeId).toBe(north.id);
    expect((await suggestOffice(db, tenant.id, 'Via Borgazzi', '120/B'))?.officeId).toBe(south.id);
    // Without a number both halves tie: the resident chooses from the list.
    expect(await suggestOffice(db, tenant.id, 'Via Borgazzi', '')).toBeUndefined();
    expect(await suggestOffice(db, tenant.id, 'Via Inesistente', '')).toBeUndefined();
    expect(await suggestOffice(db, tenant.id, 'is', '')).toBeUndefined();
  });

  it('booking step 1: the street selects the office; no street goes on like "Avanti"', async () => {
    const app = await buildTestApp(db, {
      clock: fixedClock('2026-11-27T08:00:00Z'),
      env: { DEFAULT_TENANT: tenant.code },
    });
    const b = new Browser(app);
    const start = await b.get('/prenota');
    expect(start.body).toContain('formaction="/prenota/quartiere"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(start.body)?.[1] ?? '';
    const found = await b.post('/prenota/quartiere', {
      _csrf: csrf,
      step: 'office',
      street: 'via iseo',
      houseNumber: '',
    });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('ti suggeriamo');
    expect(found.body).toMatch(new RegExp(`value="${south.id}"[^>]*checked|checked[^>]*value="${south.id}"`));
    const missing = await b.post('/prenota/quartiere', { _csrf: csrf, step: 'office', street: 'via che non esiste' });
    expect(missing.body).toContain('Non abbiamo trovato questa via');
    const none = await b.post('/prenota/quartiere', { _csrf: csrf, step: 'office', office: north.id, street: '' });
    expect(none.statusCode).toBe(307);
    expect(none.headers.location).toBe('/prenota');
  });
});
