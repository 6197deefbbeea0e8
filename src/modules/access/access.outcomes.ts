import type { Executor } from '../../platform/db/database.ts';

/**
 * Outcomes of the register that another module starts from (a referral, a take-charge proposal):
 * ids, the access code and the date only. Called inside the caller's tenant transaction.
 */
export interface PersonOutcome {
  outcomeId: string;
  accessId: string;
  accessCode: string;
  recordedAt: Date;
}

const ofPerson = (db: Executor, tenantId: string, personId: string) =>
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
    .where('ap.person_id', '=', personId);

/** The person's outcomes of one kind, newest first, at the given offices ('all': every office). */
export async function outcomesOfPerson(
  db: Executor,
  tenantId: string,
  personId: string,
  kind: 'referral' | 'take_charge_proposal',
  officeIds: readonly string[] | 'all',
  limit = 50,
): Promise<PersonOutcome[]> {
  if (officeIds !== 'all' && officeIds.length === 0) return [];
  let q = ofPerson(db, tenantId, personId)
    .where('o.kind', '=', kind)
    .select(['o.id as outcomeId', 'a.id as accessId', 'a.code as accessCode', 'o.recorded_at as recordedAt']);
  if (officeIds !== 'all') q = q.where('a.office_id', 'in', officeIds);
  return q.orderBy('o.recorded_at', 'desc').limit(limit).execute();
}

/** Whether an outcome belongs to one of this person's accesses (any kind: the database checks the kind). */
export async function isOutcomeOfPerson(
  db: Executor,
  tenantId: string,
  outcomeId: string,
  personId: string,
): Promise<boolean> {
  const row = await ofPerson(db, tenantId, personId).where('o.id', '=', outcomeId).select('o.id').executeTakeFirst();
  return row !== undefined;
}
