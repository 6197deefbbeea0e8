import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { seedDemo } from '../../entrypoints/demo-seed.ts';
import { seedDemoRequests } from './request.demo.ts';
import { seedDemoStreets } from './street.demo.ts';
import { suggestOffice } from './street.service.ts';

const { db } = await freshDatabase();

describe('demo requests and streets', () => {
  it('seeds the request services and Monza streets once; a demo request goes through; a street suggests its office', async () => {
    await seedDemo(db, await mkdtemp(path.join(tmpdir(), 'seg-demo-')), 'test-demo');
    await seedDemoRequests(db);
    await seedDemoStreets(db);
    const services = await db.selectFrom('assistance_service').select('code').execute();
    expect(services).toHaveLength(7);
    const streets = await db.selectFrom('street_area').select(['street_key', 'demo']).execute();
    expect(new Set(streets.map((s) => s.street_key)).size).toBe(streets.length);
    expect(streets.length).toBeGreaterThan(40);
    expect(streets.every((s) => s.demo)).toBe(true);
    const tenant = await db.selectFrom('tenant').select('id').where('code', '=', 'monza').executeTakeFirstOrThrow();
    const sanRocco = await db
      .selectFrom('office')
      .select('id')
      .where('code', '=', 'san-rocco')
      .executeTakeFirstOrThrow();
    expect((await suggestOffice(db, tenant.id, 'via borgazzi', ''))?.officeId).toBe(sanRocco.id);

    const app = await buildTestApp(db, { env: { DEFAULT_TENANT: 'monza' } });
    const b = new Browser(app);
    const form = await b.get('/richiesta-assistenza');
    expect(form.body).toContain('Contributo economico');
    // Every demo service's need area is in the demo taxonomy: each request is filed in the register.
    for (const s of services) {
      const sent = await b.submit('/richiesta-assistenza', '/richiesta-assistenza', {
        firstName: 'Demo',
        lastName: 'Prova',
        email: 'demo@example.org',
        service: s.code,
        message: 'Richiesta di prova',
        privacy: 'yes',
      });
      expect(sent.statusCode).toBe(303);
    }
  });
});
