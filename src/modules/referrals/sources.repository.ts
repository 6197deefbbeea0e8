import type { Executor } from '../../platform/db/database.ts';

/** Which of these access outcomes a referral already starts from. */
export async function usedReferralOutcomes(db: Executor, tenantId: string, outcomeIds: readonly string[]) {
  if (outcomeIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('referral')
    .select('source_outcome_id')
    .where('tenant_id', '=', tenantId)
    .where('source_outcome_id', 'in', outcomeIds)
    .execute();
  return new Set(rows.map((r) => r.source_outcome_id));
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
