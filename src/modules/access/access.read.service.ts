import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { startOfRomeDay } from '../../platform/time.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { listAccessRows } from './access.list.repository.ts';
import { accessPermissions, inOfficeScope, officeScope } from './access.policy.ts';
import * as repo from './access.repository.ts';
import { romeDay } from './access.service.ts';
import { type AccessView, loadAccessView, waitingDays } from './access.view.ts';

/**
 * One access, with its persons concerned and requests (each in the taxonomy version it was
 * recorded with). Another tenant's or an unknown access is 404; another office's is 403; all audited.
 */
export async function getAccess(ctx: Ctx, id: string): Promise<AccessView> {
  const actor = ctx.actor;
  if (!roleMay(accessPermissions, actor, 'access.read')) {
    await recordDenied(ctx, { action: 'access.read', recordType: 'access', recordId: id.slice(0, 64) });
    throw new Forbidden('access.read');
  }
  const today = romeDay(ctx.clock.now());
  const found = isUuid(id)
    ? await withTenant(ctx.db, actor.tenantId, async (trx) => {
        const row = await repo.findAccess(trx, actor.tenantId, id);
        if (!row) return undefined;
        if (!inOfficeScope(actor, row.office_id)) return 'other-office' as const;
        const view = await loadAccessView(trx, actor.tenantId, row, today);
        await recordEvent(trx, ctx, { action: 'access.read', recordType: 'access', recordId: id });
        return view;
      })
    : undefined;
  if (found === undefined || found === 'other-office') {
    const reason = found ?? 'not-found';
    await recordDenied(ctx, {
      action: 'access.read',
      recordType: 'access',
      recordId: id.slice(0, 64),
      details: { reason },
    });
    if (reason === 'other-office') throw new Forbidden('access.read');
    throw new NotFound('access');
  }
  return found;
}

export const LIST_VIEWS = ['today', 'awaiting', 'mine'] as const;

export interface AccessFilters {
  /** today: today's accesses at the office(s); awaiting: waiting for an interview; mine: my open ones. */
  view?: (typeof LIST_VIEWS)[number];
  officeId?: string;
  channel?: string;
  /** A need-area code: matches requests of any taxonomy version with that code. */
  needArea?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export interface AccessListItem {
  id: string;
  code: string;
  officeId: string;
  accessDay: string;
  occurredAt: Date;
  channel: string;
  urgency: string;
  prontoIntervento: boolean;
  status: string;
  personCount: number;
  anonymous: boolean;
  requestCount: number;
  needAreaCodes: string[];
  waitingDays: number | null;
}

export const MAX_LIST = 200;

/** Working lists of the offices the operator reaches, urgent first. Every list shown is audited (ids only). */
export async function listAccesses(ctx: Ctx, filters: AccessFilters = {}): Promise<AccessListItem[]> {
  const actor = ctx.actor;
  if (!roleMay(accessPermissions, actor, 'access.list')) {
    await recordDenied(ctx, { action: 'access.list' });
    throw new Forbidden('access.list');
  }
  if (filters.officeId && (!isUuid(filters.officeId) || !inOfficeScope(actor, filters.officeId))) {
    await recordDenied(ctx, {
      action: 'access.list',
      recordType: 'office',
      recordId: filters.officeId.slice(0, 64),
      details: { reason: 'other-office' },
    });
    throw new Forbidden('access.list');
  }
  for (const day of [filters.from, filters.to])
    if (day !== undefined && !startOfRomeDay(day)) throw new DomainError(422, 'invalid-date', 'from/to: YYYY-MM-DD');
  const today = romeDay(ctx.clock.now());
  const view = filters.view;
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = await listAccessRows(trx, actor.tenantId, {
      offices: officeScope(actor),
      ...(filters.officeId ? { officeId: filters.officeId } : {}),
      ...(filters.channel ? { channel: filters.channel } : {}),
      ...(filters.needArea ? { needAreaCode: filters.needArea } : {}),
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
      ...(view === 'today' ? { day: today } : {}),
      ...(view === 'awaiting' ? { awaitingInterview: true, oldestFirst: true } : {}),
      ...(view === 'mine' ? { openFor: actor.userId } : {}),
      oldestFirst: view === 'awaiting' || view === 'today',
      limit: Math.min(filters.limit ?? MAX_LIST, MAX_LIST),
    });
    const items = rows.map((r) => ({
      id: r.id,
      code: r.code,
      officeId: r.office_id,
      accessDay: r.access_day,
      occurredAt: r.occurred_at,
      channel: r.channel,
      urgency: r.urgency,
      prontoIntervento: r.pronto_intervento,
      status: r.status,
      personCount: r.person_count,
      anonymous: r.anonymous,
      requestCount: r.request_count,
      needAreaCodes: r.need_area_codes,
      waitingDays: waitingDays(r.status, r.access_day, today),
    }));
    await recordEvent(trx, ctx, {
      action: 'access.list',
      details: {
        view: view ?? 'all',
        ...(filters.officeId ? { officeId: filters.officeId } : {}),
        ids: items.map((i) => i.id),
      },
    });
    return items;
  });
}
