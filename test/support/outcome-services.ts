import type { Db } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';

/** A service of the network directory, written straight into its table (the directory module is not needed). */
export async function buildDirectoryService(
  db: Db,
  tenantId: string,
  name: string,
  status: 'active' | 'inactive' | 'defunct' = 'active',
): Promise<string> {
  const id = newId();
  await db
    .insertInto('hsds_service')
    .values({ id, tenant_id: tenantId, data: JSON.stringify({ id, name, status }) })
    .execute();
  return id;
}
