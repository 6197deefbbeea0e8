import path from 'node:path';
import { DEMO_TAXONOMY } from '../../src/entrypoints/demo-seed.ts';
import { insertTaxonomyVersion } from '../../src/modules/access/index.ts';
import { importHsds, seedDemoDirectory } from '../../src/modules/directory/index.ts';
import { asSystem, type Db } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';
import { buildOffice, buildTenant } from './factories.ts';

/** The official HSDS 3.0 examples, copied with their licence into test/fixtures/hsds-3.0 (see its README). */
export const HSDS_EXAMPLES = path.resolve(import.meta.dirname, '../fixtures/hsds-3.0/examples');

const fixedClock = { now: () => new Date('2026-11-27T09:00:00Z') };

/** Imports an HSDS file or package into a tenant as the CLI does; fails the test if it is rejected. */
export async function importInto(db: Db, tenantId: string, file: string) {
  const s = await importHsds({ db, clock: fixedClock, requestId: `test-${newId()}` }, { tenantId, path: file });
  if (!s.imported) throw new Error(`import rejected: ${JSON.stringify(s.problems.slice(0, 3))}`);
  return s;
}

/**
 * The demo world of the directory: tenant "monza", two offices, the demo need taxonomy, a
 * neighbourhood, and the demo Monza catalogue seeded as `segretariato serve` does in demo mode.
 */
export async function demoDirectoryWorld(db: Db) {
  const tenant = await buildTenant(db, { code: 'monza', name: 'Comune di Monza' });
  const centrale = await buildOffice(db, tenant, { code: 'centrale', name: 'Villa Fossati Lamperti' });
  const sanRocco = await buildOffice(db, tenant, { code: 'san-rocco', name: 'San Rocco' });
  const neighbourhoodId = newId();
  await asSystem(db, async (trx) => {
    await insertTaxonomyVersion(trx, tenant.id, DEMO_TAXONOMY, {
      publishedAt: new Date(),
      publishedBy: null,
      note: 'test',
    });
    await trx
      .insertInto('neighbourhood')
      .values({
        id: neighbourhoodId,
        tenant_id: tenant.id,
        code: 'san-rocco',
        name: 'San Rocco',
        office_id: sanRocco.id,
      })
      .execute();
  });
  await seedDemoDirectory(db);
  return { tenant, centrale, sanRocco, neighbourhoodId };
}
