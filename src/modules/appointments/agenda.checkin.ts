import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { accessPermissions, currentTaxonomy, inOfficeScope, recordAccess } from '../access/index.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { appointmentsPermissions } from './agenda.policy.ts';
import * as arepo from './agenda.repository.ts';
import * as repo from './appointments.repository.ts';

export interface CheckInResult {
  appointmentId: string;
  officeId: string;
  startsAt: Date;
  accessId: string;
  /** created: a new access; attached: the person already had one today at this office. */
  kind: 'created' | 'attached';
}

async function refuse(ctx: Ctx, action: string, officeId?: string): Promise<never> {
  await recordDenied(ctx, {
    action,
    ...(officeId ? { recordType: 'office', recordId: officeId, details: { reason: 'other-office' } } : {}),
  });
  throw new Forbidden(action);
}

/**
 * Check-in on arrival: the booking is marked attended and an access is registered in the access
 * register through its own service (channel walk_in: the person came in at the desk; presented by the
 * person, self-referred; the booked person named when the booking has one, so the IASS one-a-day rule
 * attaches it to an access already opened for them today at that office). The booking then links to
 * the access. The booking is claimed first with its version, so two clicks never register twice; if
 * the register refuses, the booking stays attended without access and the agenda offers the check-in
 * again.
 */
export async function checkIn(
  ctx: Ctx,
  id: string,
  version: number,
  needAreaId: string | undefined,
): Promise<CheckInResult> {
  const actor = ctx.actor;
  if (
    !roleMay(appointmentsPermissions, actor, 'agenda.manage') ||
    !roleMay(accessPermissions, actor, 'access.register')
  )
    return refuse(ctx, 'agenda.manage');
  const row = isUuid(id)
    ? await withTenant(ctx.db, actor.tenantId, (trx) => repo.findAppointment(trx, actor.tenantId, id))
    : undefined;
  if (!row) throw new NotFound('appointment');
  if (!inOfficeScope(actor, row.office_id)) return refuse(ctx, 'agenda.manage', row.office_id);
  const linked = (await withTenant(ctx.db, actor.tenantId, (trx) => arepo.accessLinks(trx, actor.tenantId, [id]))).get(
    id,
  );
  if (linked || row.version !== version || !['booked', 'attended'].includes(row.status)) {
    throw new DomainError(409, 'stale', 'The appointment changed meanwhile');
  }
  const areas = (await currentTaxonomy(ctx)).areas;
  const proposed = await withTenant(ctx.db, actor.tenantId, (trx) =>
    arepo.topicNeedArea(trx, actor.tenantId, row.topic_id),
  );
  const area =
    areas.find((a) => a.id === needAreaId) ?? (needAreaId ? undefined : areas.find((a) => a.code === proposed));
  if (!area) throw new DomainError(422, 'need-area', 'Choose the need area of the access');

  const now = ctx.clock.now();
  const claimed = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    if (!(await arepo.claimCheckIn(trx, id, version, actor.userId, now))) return false;
    await recordEvent(trx, ctx, {
      action: 'agenda.manage',
      recordType: 'appointment',
      recordId: id,
      details: { status: 'attended' },
    });
    return true;
  });
  if (!claimed) throw new DomainError(409, 'stale', 'The appointment changed meanwhile');

  const reason = `${row.topic_it} (appuntamento ${row.code})${row.details ? `: ${row.details}` : ''}`;
  const result = await recordAccess(ctx, {
    officeId: row.office_id,
    channel: 'walk_in',
    presentedBy: 'person',
    referrer: 'self',
    persons: row.person_id ? [row.person_id] : [],
    requests: [{ needAreaId: area.id, reason }],
  });
  if (result.kind === 'invalid') {
    throw new DomainError(422, 'access-invalid', `The access register refused: ${result.errors.map((e) => e.field)}`);
  }
  const accessId = result.access.id;
  await withTenant(ctx.db, actor.tenantId, async (trx) => {
    await arepo.linkAccess(trx, id, accessId);
    await recordEvent(trx, ctx, {
      action: 'agenda.checkin',
      recordType: 'appointment',
      recordId: id,
      details: { accessId, attached: result.kind === 'attached' },
    });
  });
  return { appointmentId: id, officeId: row.office_id, startsAt: row.starts_at, accessId, kind: result.kind };
}
