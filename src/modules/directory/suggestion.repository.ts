import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** SQL of partners' change suggestions (directory_suggestion). */

export interface SuggestionRow {
  id: string;
  service_id: string;
  organization_id: string;
  service_name: string;
  organization_name: string;
  proposed: Proposed;
  note: string;
  status: 'pending' | 'accepted' | 'rejected';
  reason: string | null;
  created_by: string;
  created_at: Date;
  decided_at: Date | null;
  version: number;
}
export interface Proposed {
  texts?: Record<string, string>;
  phone?: string;
  hours?: { byday: string; opens: string; closes: string }[];
}

const SELECT = sql`SELECT g.id, g.service_id, g.organization_id, coalesce(s.data->>'name', '') AS service_name,
    coalesce(o.data->>'name', '') AS organization_name, g.proposed, g.note, g.status, g.reason, g.created_by,
    g.created_at, g.decided_at, g.version
  FROM directory_suggestion g JOIN hsds_service s ON s.id = g.service_id
  LEFT JOIN organization o ON o.id = g.organization_id`;

export async function insertSuggestion(
  trx: Executor,
  row: {
    id: string;
    tenantId: string;
    serviceId: string;
    organizationId: string;
    proposed: Proposed;
    note: string;
    by: string;
    now: Date;
  },
) {
  await trx
    .insertInto('directory_suggestion')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      service_id: row.serviceId,
      organization_id: row.organizationId,
      proposed: JSON.stringify(row.proposed),
      note: row.note,
      created_by: row.by,
      created_at: row.now,
    })
    .execute();
}

export async function suggestionsOfOrganization(trx: Executor, organizationId: string): Promise<SuggestionRow[]> {
  const r = await sql<SuggestionRow>`${SELECT} WHERE g.organization_id = ${organizationId}
    ORDER BY g.created_at DESC LIMIT 100`.execute(trx);
  return r.rows;
}

export async function pendingSuggestions(trx: Executor): Promise<SuggestionRow[]> {
  const r = await sql<SuggestionRow>`${SELECT} WHERE g.status = 'pending' ORDER BY g.created_at, g.id`.execute(trx);
  return r.rows;
}

export async function decidedSuggestions(trx: Executor, limit: number): Promise<SuggestionRow[]> {
  const r = await sql<SuggestionRow>`${SELECT} WHERE g.status <> 'pending'
    ORDER BY g.decided_at DESC, g.id LIMIT ${limit}`.execute(trx);
  return r.rows;
}

export async function countPending(trx: Executor): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM directory_suggestion
    WHERE status = 'pending'`.execute(trx);
  return r.rows[0]?.n ?? 0;
}

export async function suggestion(trx: Executor, id: string, lock = false): Promise<SuggestionRow | undefined> {
  const r = await sql<SuggestionRow>`${SELECT} WHERE g.id = ${id} ${lock ? sql`FOR UPDATE OF g` : sql``}`.execute(trx);
  return r.rows[0];
}

/** Records the decision if the suggestion is still pending at `version`; false otherwise. */
export async function decide(
  trx: Executor,
  id: string,
  version: number,
  status: 'accepted' | 'rejected',
  reason: string | null,
  by: string,
  now: Date,
): Promise<boolean> {
  const r = await sql`UPDATE directory_suggestion SET status = ${status}, reason = ${reason}, decided_by = ${by},
      decided_at = ${now}, version = version + 1
    WHERE id = ${id} AND version = ${version} AND status = 'pending'`.execute(trx);
  return Number(r.numAffectedRows ?? 0) === 1;
}

/** Services of an organization (the partner's list), by name. */
export async function servicesOfOrganization(trx: Executor, organizationId: string) {
  const r = await sql<{ id: string; name: string; status: string }>`SELECT id, coalesce(data->>'name', '') AS name,
      coalesce(data->>'status', 'active') AS status
    FROM hsds_service WHERE organization_id = ${organizationId} ORDER BY lower(data->>'name'), id`.execute(trx);
  return r.rows;
}

/** Deletes the given schedules of the service (an accepted suggestion replaces its weekly hours). */
export async function deleteServiceHours(trx: Executor, serviceId: string, ids: string[]) {
  if (ids.length === 0) return;
  await trx.deleteFrom('hsds_schedule').where('service_id', '=', serviceId).where('id', 'in', ids).execute();
}
