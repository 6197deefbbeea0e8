import type { Executor } from '../../platform/db/database.ts';

/**
 * Access outcomes a referral can start from. Access owns these tables; this module reads them by SQL
 * (access may not be imported from here, see decision 28) and only ids, codes and dates leave.
 */
export interface SourceOutcome {
  outcomeId: string;
  accessId: string;
  accessCode: string;
  recordedAt: Date;
}

const outcomesOfPerson = (db: Executor, tenantId: string, personId: string, kind: string) =>
  db
    .selectFrom('outcome as o')
    .innerJoin('access_request as rq', (j) =>
      j.onRef('rq.id', '=', 'o.request_id').onRef('rq.tenant_id', '=', 'o.tenant_id'),
    )
    .innerJoin('access as a', (j) => j.onRef('a.id', '=', 'rq.access_id').onRef('a.tenant_id', '=', 'rq.tenant_id'))
    .innerJoin('access_person as ap', (j) =>
      j.onRef('ap.access_id', '=', 'a.id').onRef('ap.tenant_id', '=', 'a.tenant_id'),
    )
    .where('o.tenant_id', '=', tenantId)
    .where('o.kind', '=', kind)
    .where('ap.person_id', '=', personId);

/**
 * The person's referral outcomes no referral names yet, in the offices the reader works at ('all' for a
 * coordinator without offices): the "refer from this outcome" links of the person's file.
 */
export async function pendingReferralOutcomes(
  db: Executor,
  tenantId: string,
  personId: string,
  officeIds: readonly string[] | 'all',
): Promise<SourceOutcome[]> {
  if (officeIds !== 'all' && officeIds.length === 0) return [];
  let q = outcomesOfPerson(db, tenantId, personId, 'referral')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('referral as r').select('r.id').whereRef('r.source_outcome_id', '=', 'o.id'))),
    )
    .select(['o.id as outcomeId', 'a.id as accessId', 'a.code as accessCode', 'o.recorded_at as recordedAt']);
  if (officeIds !== 'all') q = q.where('a.office_id', 'in', officeIds);
  return q.orderBy('o.recorded_at', 'desc').limit(20).execute();
}

/** Whether an outcome is one of this person's accesses (any kind; the database checks the kind). */
export async function isOutcomeOfPerson(
  db: Executor,
  tenantId: string,
  outcomeId: string,
  personId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('outcome as o')
    .innerJoin('access_request as rq', (j) =>
      j.onRef('rq.id', '=', 'o.request_id').onRef('rq.tenant_id', '=', 'o.tenant_id'),
    )
    .innerJoin('access_person as ap', (j) =>
      j.onRef('ap.access_id', '=', 'rq.access_id').onRef('ap.tenant_id', '=', 'rq.tenant_id'),
    )
    .select('o.id')
    .where('o.tenant_id', '=', tenantId)
    .where('o.id', '=', outcomeId)
    .where('ap.person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether a case (the cases module's table, read for this one check) is this person's. */
export async function isCaseOfPerson(db: Executor, tenantId: string, caseId: string, personId: string) {
  const row = await db
    .selectFrom('social_case')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', caseId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}
