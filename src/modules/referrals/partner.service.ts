import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { isUuid } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import { listOrganizations } from '../directory/index.ts';
import { authorise, type FieldError, oneOf, partnerOrgOf, referralForbidden } from './referrals.access.ts';
import { CAPACITY, present, type ReferralView } from './referrals.model.ts';
import * as repo from './referrals.repository.ts';
import * as settings from './settings.repository.ts';

export const WORKLISTS = ['mine', 'team', 'action', 'overdue', 'inbox'] as const;
const SOON_MS = 2 * 86_400_000;

/**
 * Worklists. Operators: sent by me, my team (my offices), action needed (drafts, answers to record for
 * internal areas and public bodies, deadlines within two days, declined or expired needing a new plan),
 * overdue. A partner always gets its organization's inbox, whatever view is asked. Audited with the ids.
 */
export async function listReferrals(
  ctx: Ctx,
  query: { view?: string | undefined; personId?: string | undefined },
): Promise<ReferralView[]> {
  const actor = await authorise(ctx, 'referral.list');
  const partner = actor.role === 'partner';
  const view = partner
    ? 'inbox'
    : (WORKLISTS as readonly string[]).includes(query.view ?? '') && query.view !== 'inbox'
      ? query.view
      : 'mine';
  const now = ctx.clock.now();
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const org = await partnerOrgOf(trx, actor);
    const rows =
      partner && !org
        ? []
        : await repo.listReferrals(trx, actor.tenantId, {
            view: view as repo.WorklistView,
            userId: actor.userId,
            officeIds: actor.officeIds.length === 0 && actor.role === 'coordinator' ? 'all' : actor.officeIds,
            organizationId: org,
            now,
            soon: new Date(now.getTime() + SOON_MS),
            personId: !partner && query.personId && isUuid(query.personId) ? query.personId : undefined,
          });
    const items = rows.map((r) => present(r, [], partner));
    await recordEvent(trx, ctx, {
      action: 'referral.list',
      recordType: 'referral',
      details: { view, personId: partner ? null : (query.personId ?? null), ids: items.map((i) => i.id) },
    });
    return items;
  });
}

/** A partner sets its organization's capacity, shown to operators choosing a destination. */
export async function setPartnerCapacity(
  ctx: Ctx,
  status: string,
): Promise<{ kind: 'ok' } | { kind: 'invalid'; errors: FieldError[] }> {
  const actor = await authorise(ctx, 'partner.capacity');
  const errors: FieldError[] = [];
  const value = oneOf(errors, '/status', status, CAPACITY);
  if (!value) return { kind: 'invalid', errors };
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const org = await partnerOrgOf(trx, actor);
    if (!org) return referralForbidden(ctx, 'partner.capacity', actor.userId, 'no-organization');
    await settings.setCapacity(trx, actor.tenantId, org, value, actor.userId, ctx.clock.now());
    await recordEvent(trx, ctx, {
      action: 'partner.capacity',
      recordType: 'organization',
      recordId: org,
      details: { status: value },
    });
    return { kind: 'ok' as const };
  });
}

export interface Destination {
  organizationId: string;
  name: string;
  capacity: string | null;
  capacityUpdatedAt: string | null;
}

/** Partner organizations with their capacity, for the operator choosing where to refer (no personal data). */
export async function listDestinations(ctx: Ctx): Promise<Destination[]> {
  const actor = await authorise(ctx, 'referral.create');
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const caps = new Map((await settings.capacities(trx, actor.tenantId)).map((c) => [c.organization_id, c]));
    return (await listOrganizations(trx)).map((o) => ({
      organizationId: o.id,
      name: o.name,
      capacity: caps.get(o.id)?.status ?? null,
      capacityUpdatedAt: caps.get(o.id)?.updated_at.toISOString() ?? null,
    }));
  });
}

export interface Scorecard {
  organizationId: string;
  name: string;
  sent: number;
  answered: number;
  medianResponseHours: number | null;
  acceptanceRate: number | null;
  completionRate: number | null;
  expired: number;
}

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/** Partner scorecards over the last `days` days: response time, acceptance and completion rates. */
export async function partnerScorecards(ctx: Ctx, days = 365): Promise<Scorecard[]> {
  const actor = await authorise(ctx, 'referral.scorecard');
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const names = new Map((await listOrganizations(trx)).map((o) => [o.id, o.name]));
    const rows = await settings.scorecards(
      trx,
      actor.tenantId,
      new Date(ctx.clock.now().getTime() - days * 86_400_000),
    );
    const cards = rows.map((r) => ({
      organizationId: r.organization_id as string,
      name: names.get(r.organization_id as string) ?? '',
      sent: r.sent,
      answered: r.answered,
      medianResponseHours: r.median_response_hours,
      acceptanceRate: rate(r.accepted, r.answered),
      completionRate: rate(r.completed, r.accepted),
      expired: r.expired,
    }));
    await recordEvent(trx, ctx, {
      action: 'referral.scorecard',
      recordType: 'organization',
      details: { days, organizations: cards.length },
    });
    return cards;
  });
}

/** The partner's own organization and its capacity, for the partner home (no personal data, not audited). */
export async function myOrganization(ctx: Ctx): Promise<{ organizationId: string | null; capacity: string | null }> {
  const actor = await authorise(ctx, 'partner.capacity');
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const org = await partnerOrgOf(trx, actor);
    const caps = org
      ? (await settings.capacities(trx, actor.tenantId)).find((c) => c.organization_id === org)
      : undefined;
    return { organizationId: org, capacity: caps?.status ?? null };
  });
}
