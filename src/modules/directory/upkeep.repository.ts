import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { StoredRow } from './hsds.repository.ts';

export async function serviceForUpdate(trx: Executor, id: string) {
  const r = await sql<
    StoredRow & { version: number; appointment_topic_code: string | null }
  >`SELECT * FROM hsds_service WHERE id = ${id}`.execute(trx);
  return r.rows[0];
}

export async function needAreaCodes(trx: Executor, serviceId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('directory_service_need_area')
    .select('need_area_code')
    .where('service_id', '=', serviceId)
    .orderBy('need_area_code')
    .execute();
  return rows.map((r) => r.need_area_code);
}

/** Writes a service's data if nobody changed it since `version` was read; false on a stale write. */
export async function writeService(
  trx: Executor,
  id: string,
  version: number,
  data: Record<string, unknown>,
  translations: Record<string, unknown>,
  now: Date,
  topic?: string | null,
): Promise<boolean> {
  const r = await sql`UPDATE hsds_service SET data = ${JSON.stringify(data)}::jsonb,
      translations = ${JSON.stringify(translations)}::jsonb, version = version + 1, modified_at = ${now},
      appointment_topic_code = ${topic === undefined ? sql`appointment_topic_code` : topic}
    WHERE id = ${id} AND version = ${version}`.execute(trx);
  return Number(r.numAffectedRows ?? 0) === 1;
}

export async function replaceNeedAreas(trx: Executor, tenantId: string, serviceId: string, codes: string[]) {
  await trx.deleteFrom('directory_service_need_area').where('service_id', '=', serviceId).execute();
  if (codes.length)
    await trx
      .insertInto('directory_service_need_area')
      .values(codes.map((c) => ({ tenant_id: tenantId, service_id: serviceId, need_area_code: c })))
      .execute();
}

/**
 * One HSDS metadata row (change history) per changed field of a service (or, with `opts`, of another
 * resource / action: 'create', 'update from partner suggestion').
 */
export async function recordChanges(
  trx: Executor,
  tenantId: string,
  serviceId: string,
  changes: { field: string; before: string; after: string }[],
  by: string,
  now: Date,
  opts: { resourceType?: string; action?: string } = {},
) {
  if (!changes.length) return;
  await trx
    .insertInto('hsds_metadata')
    .values(
      changes.map((c, i) => ({
        id: newId(),
        tenant_id: tenantId,
        resource_id: serviceId,
        position: i,
        modified_at: now,
        data: JSON.stringify({
          resource_type: opts.resourceType ?? 'service',
          last_action_date: now.toISOString().slice(0, 10),
          last_action_type: opts.action ?? 'update',
          field_name: c.field,
          previous_value: c.before,
          replacement_value: c.after,
          updated_by: by,
        }),
      })),
    )
    .execute();
}

/** Active services never verified, or verified before `cutoff` (YYYY-MM-DD), oldest first. */
export async function staleServices(trx: Executor, cutoff: string) {
  const r = await sql<{ id: string; name: string; assured_date: string | null; modified_at: Date }>`
    SELECT id, data->>'name' AS name, data->>'assured_date' AS assured_date, modified_at FROM hsds_service
    WHERE coalesce(data->>'status', 'active') = 'active'
      AND (coalesce(data->>'assured_date', '') = '' OR data->>'assured_date' < ${cutoff})
    ORDER BY data->>'assured_date' NULLS FIRST, data->>'name'`.execute(trx);
  return r.rows;
}

export async function knownNeedAreaCodes(trx: Executor): Promise<Set<string>> {
  const r = await sql<{ code: string }>`SELECT DISTINCT code FROM need_area`.execute(trx);
  return new Set(r.rows.map((x) => x.code));
}
