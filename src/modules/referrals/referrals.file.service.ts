import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { isUuid } from '../../platform/ids.ts';
import { outcomesOfPerson, type PersonOutcome } from '../access/index.ts';
import { recordEvent } from '../audit/index.ts';
import { listOrganizations } from '../directory/index.ts';
import { authorise } from './referrals.access.ts';
import { present, type ReferralView } from './referrals.model.ts';
import * as repo from './referrals.repository.ts';
import { usedReferralOutcomes } from './sources.repository.ts';

export interface PersonReferrals {
  items: ReferralView[];
  /** Directory organization names by id, for the destinations. */
  organizations: Record<string, string>;
  /** Referral outcomes of the person's accesses that no referral names yet. */
  pendingOutcomes: PersonOutcome[];
}

/**
 * The person's referrals for their file: the ones the reader reaches (sent by them or by their offices;
 * every one for a coordinator without offices), with the closed loop. Audited like a worklist.
 */
export async function personReferrals(ctx: Ctx, personId: string): Promise<PersonReferrals> {
  const actor = await authorise(ctx, 'referral.list');
  if (actor.role === 'partner' || !isUuid(personId)) return { items: [], organizations: {}, pendingOutcomes: [] };
  const now = ctx.clock.now();
  const officeIds = actor.officeIds.length === 0 && actor.role === 'coordinator' ? 'all' : actor.officeIds;
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = await repo.listReferrals(trx, actor.tenantId, {
      view: 'team',
      userId: actor.userId,
      officeIds,
      now,
      soon: now,
      personId,
    });
    const items = rows.map((r) => present(r, [], false));
    const wanted = new Set(items.map((i) => i.destination.organizationId).filter((x) => x !== null));
    const organizations = Object.fromEntries(
      (wanted.size > 0 ? await listOrganizations(trx) : []).filter((o) => wanted.has(o.id)).map((o) => [o.id, o.name]),
    );
    // The person's referral outcomes no referral starts from yet: the "refer from this outcome" links.
    const outcomes = await outcomesOfPerson(trx, actor.tenantId, personId, 'referral', officeIds);
    const used = await usedReferralOutcomes(
      trx,
      actor.tenantId,
      outcomes.map((o) => o.outcomeId),
    );
    const pendingOutcomes = outcomes.filter((o) => !used.has(o.outcomeId)).slice(0, 20);
    await recordEvent(trx, ctx, {
      action: 'referral.list',
      recordType: 'referral',
      details: { view: 'person', personId, ids: items.map((i) => i.id) },
    });
    return { items, organizations, pendingOutcomes };
  });
}
