import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/**
 * A service of the network directory that an outcome may name: the tenant's, not inactive or defunct
 * (the directory's own tables, read here by SQL: access does not import the directory module).
 */
const offered = sql<boolean>`coalesce(s.data->>'status', 'active') NOT IN ('inactive', 'defunct')`;

export async function serviceOffered(db: Executor, tenantId: string, serviceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('hsds_service as s')
    .select('s.id')
    .where('s.tenant_id', '=', tenantId)
    .where('s.id', '=', serviceId)
    .where(offered)
    .executeTakeFirst();
  return row !== undefined;
}

/** The tenant's directory services an outcome may name, by name, for the outcome form. */
export async function offeredServices(db: Executor, tenantId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('hsds_service as s')
    .select(['s.id', sql<string>`coalesce(s.data->>'name', '')`.as('name')])
    .where('s.tenant_id', '=', tenantId)
    .where(offered)
    .orderBy(sql`lower(s.data->>'name')`)
    .orderBy('s.id')
    .execute();
}

export async function findRequest(
  db: Executor,
  tenantId: string,
  accessId: string,
  requestId: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('access_request')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('access_id', '=', accessId)
    .where('id', '=', requestId)
    .executeTakeFirst();
}

export async function insertOutcome(
  db: Executor,
  row: {
    id: string;
    tenantId: string;
    requestId: string;
    kind: string;
    detail: string | null;
    reasonCode: string | null;
    serviceId: string | null;
    recordedBy: string;
    recordedAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('outcome')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      request_id: row.requestId,
      kind: row.kind,
      detail: row.detail,
      reason_code: row.reasonCode,
      service_id: row.serviceId,
      recorded_by: row.recordedBy,
      recorded_at: row.recordedAt,
    })
    .execute();
}

/** The requests of an access that have no outcome yet. */
export async function requestsWithoutOutcome(db: Executor, tenantId: string, accessId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('access_request as r')
    .select('r.id')
    .where('r.tenant_id', '=', tenantId)
    .where('r.access_id', '=', accessId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('outcome as o').select('o.id').whereRef('o.request_id', '=', 'r.id'))),
    )
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => r.id);
}

export async function countRequests(db: Executor, tenantId: string, accessId: string): Promise<number> {
  const row = await db
    .selectFrom('access_request')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('access_id', '=', accessId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
