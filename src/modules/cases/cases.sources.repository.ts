import type { Executor } from '../../platform/db/database.ts';

/** Which of these access outcomes a case already starts from. */
export async function usedTakeChargeOutcomes(db: Executor, tenantId: string, outcomeIds: readonly string[]) {
  if (outcomeIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('social_case')
    .select('source_outcome_id')
    .where('tenant_id', '=', tenantId)
    .where('source_outcome_id', 'in', outcomeIds)
    .execute();
  return new Set(rows.map((r) => r.source_outcome_id));
}
