import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { seedDemo } from '../../entrypoints/demo-seed.ts';
import { seedDemoAppointments } from './appointments.demo.ts';

const { db } = await freshDatabase();

describe('demo appointments', () => {
  it('makes every Monza office bookable with the demo topics, once', async () => {
    await seedDemo(db, await mkdtemp(path.join(tmpdir(), 'seg-demo-')), 'test-demo');
    await seedDemoAppointments(db);
    await seedDemoAppointments(db);
    const offices = await db.selectFrom('appointment_office').select('office_id').execute();
    expect(offices).toHaveLength(5);
    const topics = await db.selectFrom('appointment_topic').select('code').orderBy('sort_order').execute();
    expect(topics.map((t) => t.code)).toEqual(['informazioni', 'primo-colloquio', 'contributi', 'anziani-disabilita']);
    const settings = await db.selectFrom('appointment_settings').select('patron_day').execute();
    expect(settings).toEqual([{ patron_day: '06-24' }]);
    const app = await buildTestApp(db, { env: { DEFAULT_TENANT: 'monza' } });
    const page = await new Browser(app).get('/prenota');
    expect(page.body).toContain('San Rocco');
  });
});
