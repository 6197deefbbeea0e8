import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export interface AccessRow {
  id: string;
  code: string;
  office_id: string;
  access_day: string;
  occurred_at: Date;
  channel: string;
  presented_by: string;
  referrer: string;
  urgency: string;
  urgency_reason: string | null;
  pronto_intervento: boolean;
  status: string;
  registered_by: string | null;
  documents_demanded: string[];
  conditions_imposed: string | null;
  help_at_first_interview: boolean | null;
  barriers: string[];
  mandated_by: string;
  closed_at: Date | null;
  version: number;
}

const ACCESS_COLUMNS = [
  'id',
  'code',
  'office_id',
  'access_day',
  'occurred_at',
  'channel',
  'presented_by',
  'referrer',
  'urgency',
  'urgency_reason',
  'pronto_intervento',
  'status',
  'registered_by',
  'documents_demanded',
  'conditions_imposed',
  'help_at_first_interview',
  'barriers',
  'mandated_by',
  'closed_at',
  'version',
] as const;

/** The next number of a tenant's year: the counter row stays locked until the transaction ends. */
export async function nextCodeNumber(db: Executor, tenantId: string, year: number): Promise<number> {
  const row = await db
    .insertInto('access_code_counter')
    .values({ tenant_id: tenantId, year, last: 1 })
    .onConflict((oc) => oc.columns(['tenant_id', 'year']).doUpdateSet({ last: sql`access_code_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return row.last;
}

/** Today's access at an office of any of these persons (locked, so requests can be attached to it). */
export async function findAccessOfPersonsOnDay(
  db: Executor,
  tenantId: string,
  officeId: string,
  day: string,
  personIds: string[],
): Promise<AccessRow | undefined> {
  if (personIds.length === 0) return undefined;
  return db
    .selectFrom('access')
    .select(ACCESS_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('office_id', '=', officeId)
    .where('access_day', '=', day)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('access_person')
        .select('access_id')
        .where('tenant_id', '=', tenantId)
        .where('office_id', '=', officeId)
        .where('access_day', '=', day)
        .where('person_id', 'in', personIds),
    )
    .orderBy('occurred_at')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

/** Which of these persons already count for an access at this office on this day. */
export async function personsCountedOnDay(
  db: Executor,
  tenantId: string,
  officeId: string,
  day: string,
  personIds: string[],
): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('access_person')
    .select('person_id')
    .where('tenant_id', '=', tenantId)
    .where('office_id', '=', officeId)
    .where('access_day', '=', day)
    .where('person_id', 'in', personIds)
    .execute();
  return rows.flatMap((r) => (r.person_id ? [r.person_id] : []));
}

export async function insertAccess(
  db: Executor,
  row: Omit<AccessRow, 'status' | 'help_at_first_interview' | 'closed_at' | 'version'> & { tenant_id: string },
): Promise<void> {
  await db.insertInto('access').values(row).execute();
}

export async function updateAccessTriage(
  db: Executor,
  tenantId: string,
  id: string,
  readVersion: number,
  set: Pick<
    AccessRow,
    | 'status'
    | 'closed_at'
    | 'urgency'
    | 'urgency_reason'
    | 'pronto_intervento'
    | 'documents_demanded'
    | 'barriers'
    | 'conditions_imposed'
    | 'mandated_by'
  >,
): Promise<boolean> {
  const res = await db
    .updateTable('access')
    .set({ ...set, version: readVersion + 1 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', readVersion)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

export interface AccessPersonInsert {
  id: string;
  person_id: string | null;
  anonymous_sex: string | null;
  anonymous_age_band: string | null;
}

export async function insertAccessPersons(
  db: Executor,
  tenantId: string,
  access: { id: string; office_id: string; access_day: string },
  persons: AccessPersonInsert[],
): Promise<void> {
  if (persons.length === 0) return;
  await db
    .insertInto('access_person')
    .values(
      persons.map((p) => ({
        ...p,
        tenant_id: tenantId,
        access_id: access.id,
        office_id: access.office_id,
        access_day: access.access_day,
      })),
    )
    .execute();
}

export async function insertRequests(
  db: Executor,
  tenantId: string,
  accessId: string,
  requests: { id: string; need_area_id: string; reason: string; created_at: Date }[],
): Promise<void> {
  if (requests.length === 0) return;
  await db
    .insertInto('access_request')
    .values(requests.map((r) => ({ ...r, tenant_id: tenantId, access_id: accessId })))
    .execute();
}

export async function findAccess(db: Executor, tenantId: string, id: string): Promise<AccessRow | undefined> {
  return db
    .selectFrom('access')
    .select(ACCESS_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function personsOf(db: Executor, tenantId: string, accessId: string) {
  return db
    .selectFrom('access_person')
    .select(['id', 'person_id', 'anonymous_sex', 'anonymous_age_band'])
    .where('tenant_id', '=', tenantId)
    .where('access_id', '=', accessId)
    .orderBy('id')
    .execute();
}

/** Requests with the need area and taxonomy version they were recorded with. */
export async function requestsOf(db: Executor, tenantId: string, accessId: string) {
  return db
    .selectFrom('access_request as r')
    .innerJoin('need_area as a', 'a.id', 'r.need_area_id')
    .innerJoin('need_taxonomy_version as v', 'v.id', 'a.taxonomy_version_id')
    .select([
      'r.id',
      'r.reason',
      'r.created_at',
      'a.id as area_id',
      'a.code',
      'a.parent_code',
      'a.siuss_area',
      'a.label_it',
      'a.label_en',
      'v.version as taxonomy_version',
    ])
    .where('r.tenant_id', '=', tenantId)
    .where('r.access_id', '=', accessId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

/**
 * Outcomes recorded on the requests of an access, oldest first, with the name of the directory
 * service an information/orientation outcome names (the directory's table, read by SQL).
 */
export async function outcomesOf(db: Executor, tenantId: string, accessId: string) {
  return db
    .selectFrom('outcome as o')
    .innerJoin('access_request as r', 'r.id', 'o.request_id')
    .leftJoin('hsds_service as s', (j) => j.onRef('s.tenant_id', '=', 'o.tenant_id').onRef('s.id', '=', 'o.service_id'))
    .select(['o.id', 'o.request_id', 'o.kind', 'o.detail', 'o.reason_code', 'o.recorded_at', 'o.service_id'])
    .select(sql<string | null>`s.data->>'name'`.as('service_name'))
    .where('o.tenant_id', '=', tenantId)
    .where('r.access_id', '=', accessId)
    .orderBy('o.recorded_at')
    .orderBy('o.id')
    .execute();
}

export async function officeExists(db: Executor, tenantId: string, officeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('office')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', officeId)
    .executeTakeFirst();
  return row !== undefined;
}
