import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export interface CaseRow {
  id: string;
  code: string;
  person_id: string;
  household_id: string | null;
  area: string;
  status: string;
  urgency: string;
  reasons: string;
  assessment: string | null;
  source_outcome_id: string | null;
  proposing_office_id: string;
  proposed_by: string;
  proposed_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decline_reasons: string | null;
  responsible_worker_id: string | null;
  closed_reason_code: string | null;
  closed_at: Date | null;
  version: number;
  team: string[];
}

const caseColumns = [
  'c.id',
  'c.code',
  'c.person_id',
  'c.household_id',
  'c.area',
  'c.status',
  'c.urgency',
  'c.reasons',
  'c.assessment',
  'c.source_outcome_id',
  'c.proposing_office_id',
  'c.proposed_by',
  'c.proposed_at',
  'c.decided_by',
  'c.decided_at',
  'c.decline_reasons',
  'c.responsible_worker_id',
  'c.closed_reason_code',
  'c.closed_at',
  'c.version',
] as const;

function selectCases(db: Executor, tenantId: string) {
  return db
    .selectFrom('social_case as c')
    .select(caseColumns)
    .select(
      sql<
        string[]
      >`coalesce((SELECT array_agg(m.user_id::text ORDER BY m.added_at) FROM case_team_member m WHERE m.case_id = c.id), '{}')`.as(
        'team',
      ),
    )
    .where('c.tenant_id', '=', tenantId);
}

export async function findCase(db: Executor, tenantId: string, id: string, lock = false): Promise<CaseRow | undefined> {
  if (lock) await db.selectFrom('social_case').select('id').where('id', '=', id).forUpdate().execute();
  return (await selectCases(db, tenantId).where('c.id', '=', id).executeTakeFirst()) as CaseRow | undefined;
}

export async function nextCode(db: Executor, tenantId: string, kind: 'CAS' | 'INV', year: number): Promise<string> {
  const row = await db
    .insertInto('referral_code_counter')
    .values({ tenant_id: tenantId, kind, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'kind', 'year']).doUpdateSet({ last: sql`referral_code_counter.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${kind}-${year}-${String(row.last).padStart(6, '0')}`;
}

export async function insertCase(
  db: Executor,
  row: {
    id: string;
    tenant_id: string;
    code: string;
    person_id: string;
    household_id: string | null;
    area: string;
    urgency: string;
    reasons: string;
    assessment: string | null;
    source_outcome_id: string | null;
    proposing_office_id: string;
    proposed_by: string;
    proposed_at: Date;
  },
): Promise<void> {
  await db
    .insertInto('social_case')
    .values({ ...row, status: 'proposed' })
    .execute();
}

/** Updates a case only if nobody changed it since `version` was read; false means a stale write. */
export async function updateCase(
  db: Executor,
  tenantId: string,
  id: string,
  version: number,
  changes: Partial<{
    status: string;
    area: string;
    decided_by: string;
    decided_at: Date;
    decline_reasons: string;
    responsible_worker_id: string;
    closed_reason_code: string | null;
    closed_at: Date | null;
  }>,
): Promise<boolean> {
  const res = await db
    .updateTable('social_case')
    .set({ ...changes, version: sql`version + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function addTeamMembers(db: Executor, tenantId: string, caseId: string, userIds: string[], at: Date) {
  if (userIds.length === 0) return;
  await db
    .insertInto('case_team_member')
    .values(userIds.map((user_id) => ({ tenant_id: tenantId, case_id: caseId, user_id, added_at: at })))
    .onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
    .execute();
}

export async function insertEvent(
  db: Executor,
  row: {
    id: string;
    tenant_id: string;
    case_id: string;
    kind: string;
    at: Date;
    by_user: string;
    from_worker_id?: string | null;
    to_worker_id?: string | null;
    from_area?: string | null;
    to_area?: string | null;
    reason_code?: string | null;
    note?: string | null;
  },
): Promise<void> {
  await db.insertInto('case_event').values(row).execute();
}

export async function listEvents(db: Executor, tenantId: string, caseId: string) {
  return db
    .selectFrom('case_event')
    .select([
      'id',
      'kind',
      'at',
      'by_user',
      'from_worker_id',
      'to_worker_id',
      'from_area',
      'to_area',
      'reason_code',
      'note',
    ])
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Active members of the tenant who may hold a case (social workers and coordinators). */
export async function isCaseworker(db: Executor, tenantId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select('m.id')
    .where('m.tenant_id', '=', tenantId)
    .where('m.user_id', '=', userId)
    .where('m.role', 'in', ['social_worker', 'coordinator'])
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export interface CaseloadFilter {
  workerId?: string | undefined;
  area?: string | undefined;
  statuses: string[];
  personId?: string | undefined;
}

export async function listCases(db: Executor, tenantId: string, filter: CaseloadFilter): Promise<CaseRow[]> {
  let q = selectCases(db, tenantId).where('c.status', 'in', filter.statuses);
  const workerId = filter.workerId;
  if (workerId)
    q = q.where((eb) =>
      eb.or([
        eb('c.responsible_worker_id', '=', workerId),
        eb.exists(
          eb
            .selectFrom('case_team_member as t')
            .select('t.user_id')
            .whereRef('t.case_id', '=', 'c.id')
            .where('t.user_id', '=', workerId),
        ),
      ]),
    );
  if (filter.area) q = q.where('c.area', '=', filter.area);
  if (filter.personId) q = q.where('c.person_id', '=', filter.personId);
  return (await q.orderBy('c.proposed_at', 'desc').limit(500).execute()) as CaseRow[];
}

/** The tenant's active social workers and coordinators, for choosing a responsible worker. */
export async function listCaseworkers(db: Executor, tenantId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.role', 'in', ['social_worker', 'coordinator'])
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .execute();
}
