import path from 'node:path';
import { importHsds } from '../../src/modules/directory/index.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';

/** The official HSDS 3.0 examples (standards/hsds-3.0/examples), outside the repository. */
export const HSDS_EXAMPLES = path.resolve(import.meta.dirname, '../../../shared/standards/hsds-3.0/examples');

const fixedClock = { now: () => new Date('2026-11-27T09:00:00Z') };

/** Imports an HSDS file or package into a tenant as the CLI does; fails the test if it is rejected. */
export async function importInto(db: Db, tenantId: string, file: string) {
  const s = await importHsds({ db, clock: fixedClock, requestId: `test-${newId()}` }, { tenantId, path: file });
  if (!s.imported) throw new Error(`import rejected: ${JSON.stringify(s.problems.slice(0, 3))}`);
  return s;
}
