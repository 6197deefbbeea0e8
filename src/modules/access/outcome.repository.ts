import type { Executor } from '../../platform/db/database.ts';

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
