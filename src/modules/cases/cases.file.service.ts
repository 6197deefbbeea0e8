import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { isUuid } from '../../platform/ids.ts';
import { outcomesOfPerson, type PersonOutcome } from '../access/index.ts';
import { recordEvent } from '../audit/index.ts';
import { authorise } from './cases.access.ts';
import { mayReachCase } from './cases.policy.ts';
import * as repo from './cases.repository.ts';
import { usedTakeChargeOutcomes } from './cases.sources.repository.ts';
import { CASE_STATUSES, type CaseSummary, summary } from './cases.view.ts';

export interface PersonCases {
  items: CaseSummary[];
  /** Staff names (responsible workers), by user id. */
  workers: Record<string, string>;
  /** Take-charge outcomes of the person's accesses that no proposal names yet. */
  pendingOutcomes: PersonOutcome[];
}

/**
 * The person's cases for their file: those the reader reaches (every one for a coordinator; a social
 * worker's own, team or proposed ones), whatever the status. Audited like a caseload, with the ids.
 */
export async function personCases(ctx: Ctx, personId: string): Promise<PersonCases> {
  const actor = await authorise(ctx, 'case.list');
  if (!isUuid(personId)) return { items: [], workers: {}, pendingOutcomes: [] };
  const officeIds = actor.officeIds.length === 0 && actor.role === 'coordinator' ? 'all' : actor.officeIds;
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = await repo.listCases(trx, actor.tenantId, { statuses: [...CASE_STATUSES], personId });
    const items = rows.filter((r) => mayReachCase(actor, r)).map(summary);
    const workers = Object.fromEntries(
      (items.length > 0 ? await repo.listCaseworkers(trx, actor.tenantId) : []).map((w) => [w.id, w.display_name]),
    );
    // The person's take-charge outcomes no case starts from yet: the "propose from this outcome" links.
    const outcomes = await outcomesOfPerson(trx, actor.tenantId, personId, 'take_charge_proposal', officeIds);
    const used = await usedTakeChargeOutcomes(
      trx,
      actor.tenantId,
      outcomes.map((o) => o.outcomeId),
    );
    const pendingOutcomes = outcomes.filter((o) => !used.has(o.outcomeId)).slice(0, 20);
    await recordEvent(trx, ctx, {
      action: 'case.list',
      recordType: 'case',
      details: { view: 'person', personId, ids: items.map((i) => i.id) },
    });
    return { items, workers, pendingOutcomes };
  });
}

/** Workers a case may be transferred to (staff names, not residents'): for those who manage cases. */
export async function listTransferWorkers(ctx: Ctx): Promise<{ id: string; name: string }[]> {
  const actor = await authorise(ctx, 'case.manage');
  return withTenant(ctx.db, actor.tenantId, async (trx) =>
    (await repo.listCaseworkers(trx, actor.tenantId)).map((w) => ({ id: w.id, name: w.display_name })),
  );
}
