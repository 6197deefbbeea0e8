import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { demoDirectoryWorld, HSDS_EXAMPLES, importInto } from '../../../test/support/directory.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import { validateAgainst } from './hsds.schemas.ts';
import { exportHsds } from './index.ts';

const URLS = [
  '/hsds/services?full=true',
  '/hsds/services/ac148810-d857-441c-9679-408f346de14b',
  '/hsds/organizations/d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610?full_service=true',
  '/hsds/taxonomy_terms',
  '/hsds/service_at_locations?full=true',
];

describe('export hsds', () => {
  it('writes a tabular package that imports into an empty tenant with the same API output', async () => {
    const a = await freshDatabase();
    const ta = await buildTenant(a.db);
    await importInto(a.db, ta.id, path.join(HSDS_EXAMPLES, 'csv'));
    await importInto(a.db, ta.id, path.join(HSDS_EXAMPLES, 'service_full.json'));
    const dir = await mkdtemp(path.join(tmpdir(), 'hsds-export-'));
    const deps = { db: a.db, clock: { now: () => new Date('2026-11-27T09:00:00Z') }, requestId: 'test' };
    const written = await exportHsds(deps, { tenantId: ta.id, dir });
    expect(written.files).toBe(21);
    const pkg = JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8'));
    expect(pkg.resources.map((r: { path: string }) => r.path)).toContain('services.csv');
    const header = (await readFile(path.join(dir, 'services.csv'), 'utf8')).split('\r\n')[0];
    expect(header).toBe(
      'id,organization_id,program_id,name,alternate_name,description,url,email,status,interpretation_services,application_process,fees_description,wait_time,fees,accreditations,eligibility_description,minimum_age,maximum_age,assured_date,assurer_email,licenses,alert,last_modified',
    );

    const b = await freshDatabase();
    const tb = await buildTenant(b.db);
    const back = await importInto(b.db, tb.id, dir);
    expect(back.created).toBe(back.rows);
    const appA = await buildTestApp(a.db);
    const appB = await buildTestApp(b.db);
    for (const url of URLS) {
      const [ra, rb] = [await appA.inject({ url }), await appB.inject({ url })];
      expect(ra.statusCode, url).toBe(200);
      expect(rb.json(), url).toEqual(ra.json());
    }
  }, 60_000);

  it('exports the demo Monza catalogue as a package that imports cleanly, every service valid HSDS', async () => {
    const a = await freshDatabase();
    const { tenant } = await demoDirectoryWorld(a.db);
    const dir = await mkdtemp(path.join(tmpdir(), 'hsds-demo-'));
    const deps = { db: a.db, clock: { now: () => new Date('2026-11-27T09:00:00Z') }, requestId: 'test' };
    await exportHsds(deps, { tenantId: tenant.id, dir });
    const b = await freshDatabase();
    const tb = await buildTenant(b.db);
    const s = await importInto(b.db, tb.id, dir);
    expect(s.problems).toEqual([]);
    expect(await b.db.selectFrom('hsds_service').select('id').execute()).toHaveLength(60);
    const app = await buildTestApp(b.db);
    const list = (await app.inject({ url: '/hsds/services?per_page=200&full=true' })).json();
    expect(list.total_items).toBe(60);
    for (const service of list.contents) expect(validateAgainst('service', service)).toEqual([]);
  }, 60_000);
});
