import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** SQL of the upkeep of organizations and of new services (HSDS organization / service rows). */

export async function organizationsWithCounts(trx: Executor) {
  const r = await sql<{ id: string; name: string; services: number }>`
    SELECT o.id, coalesce(o.data->>'name', '') AS name,
      (SELECT count(*)::int FROM hsds_service s WHERE s.organization_id = o.id) AS services
    FROM organization o ORDER BY lower(o.data->>'name'), o.id`.execute(trx);
  return r.rows;
}

export async function organizationForUpdate(trx: Executor, id: string) {
  return trx
    .selectFrom('organization')
    .select(['id', 'data', 'translations', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertOrganization(
  trx: Executor,
  tenantId: string,
  id: string,
  data: Record<string, unknown>,
  translations: Record<string, unknown>,
  now: Date,
) {
  await trx
    .insertInto('organization')
    .values({
      id,
      tenant_id: tenantId,
      data: JSON.stringify(data),
      translations: JSON.stringify(translations),
      modified_at: now,
    })
    .execute();
}

/** Writes an organization if nobody changed it since `version`; false on a stale write. */
export async function writeOrganization(
  trx: Executor,
  id: string,
  version: number,
  data: Record<string, unknown>,
  translations: Record<string, unknown>,
  now: Date,
): Promise<boolean> {
  const r = await sql`UPDATE organization SET data = ${JSON.stringify(data)}::jsonb,
      translations = ${JSON.stringify(translations)}::jsonb, version = version + 1, modified_at = ${now}
    WHERE id = ${id} AND version = ${version}`.execute(trx);
  return Number(r.numAffectedRows ?? 0) === 1;
}

export async function serviceIdsOf(trx: Executor, organizationId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('hsds_service')
    .select('id')
    .where('organization_id', '=', organizationId)
    .execute();
  return rows.map((r) => r.id);
}

export async function insertService(
  trx: Executor,
  tenantId: string,
  id: string,
  organizationId: string,
  data: Record<string, unknown>,
  now: Date,
) {
  await trx
    .insertInto('hsds_service')
    .values({ id, tenant_id: tenantId, organization_id: organizationId, data: JSON.stringify(data), modified_at: now })
    .execute();
}
