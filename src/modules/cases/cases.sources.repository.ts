import type { Executor } from '../../platform/db/database.ts';

/**
 * Take-charge outcomes of the access register a proposal can start from. Access owns these tables; the
 * cases module reads them by SQL (access may not be imported from here, see decision 28): ids, codes, dates.
 */
export interface TakeChargeOutcome {
  outcomeId: string;
  accessCode: string;
  recordedAt: Date;
}

/** The person's take-charge outcomes no case names yet, in the reader's offices ('all': every office). */
export async function pendingTakeChargeOutcomes(
  db: Executor,
  tenantId: string,
  personId: string,
  officeIds: readonly string[] | 'all',
): Promise<TakeChargeOutcome[]> {
  if (officeIds !== 'all' && officeIds.length === 0) return [];
  let q = db
    .selectFrom('outcome as o')
    .innerJoin('access_request as rq', (j) =>
      j.onRef('rq.id', '=', 'o.request_id').onRef('rq.tenant_id', '=', 'o.tenant_id'),
    )
    .innerJoin('access as a', (j) => j.onRef('a.id', '=', 'rq.access_id').onRef('a.tenant_id', '=', 'rq.tenant_id'))
    .innerJoin('access_person as ap', (j) =>
      j.onRef('ap.access_id', '=', 'a.id').onRef('ap.tenant_id', '=', 'a.tenant_id'),
    )
    .where('o.tenant_id', '=', tenantId)
    .where('o.kind', '=', 'take_charge_proposal')
    .where('ap.person_id', '=', personId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('social_case as c').select('c.id').whereRef('c.source_outcome_id', '=', 'o.id'))),
    )
    .select(['o.id as outcomeId', 'a.code as accessCode', 'o.recorded_at as recordedAt']);
  if (officeIds !== 'all') q = q.where('a.office_id', 'in', officeIds);
  return q.orderBy('o.recorded_at', 'desc').limit(20).execute();
}

/** Whether an outcome belongs to one of this person's accesses (the trigger checks its kind and tenant). */
export async function isOutcomeOfPerson(db: Executor, tenantId: string, outcomeId: string, personId: string) {
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
