import type { Ctx, Operator } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { Mailer } from '../../platform/mail.ts';
import { roleMay } from '../../platform/policy.ts';
import { inOfficeScope } from '../access/index.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { appointmentsPermissions } from './agenda.policy.ts';
import * as repo from './appointments.repository.ts';
import { type AppointmentView, presentAppointment } from './booking.service.ts';
import { cancelAppointment } from './manage.service.ts';

type Action = keyof typeof appointmentsPermissions;

/** The role check, then the office of the appointment (unknown id: 404 after the role check, never before). */
async function allowOn(ctx: Ctx, action: Action, id: string): Promise<{ actor: Operator; row: repo.AppointmentRow }> {
  const actor = ctx.actor;
  if (!roleMay(appointmentsPermissions, actor, action)) {
    await recordDenied(ctx, { action, recordType: 'appointment', recordId: id.slice(0, 64) });
    throw new Forbidden(action);
  }
  const row = isUuid(id)
    ? await withTenant(ctx.db, actor.tenantId, (trx) => repo.findAppointment(trx, actor.tenantId, id))
    : undefined;
  if (!row) throw new NotFound('appointment');
  if (!inOfficeScope(actor, row.office_id)) {
    await recordDenied(ctx, { action, recordType: 'appointment', recordId: id, details: { reason: 'other-office' } });
    throw new Forbidden(action);
  }
  return { actor, row };
}

/** One booking for an operator of its office (agenda.read), audited as a read of the booking. */
export async function getAppointmentForOperator(ctx: Ctx, id: string): Promise<AppointmentView> {
  const { actor } = await allowOn(ctx, 'agenda.read', id);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const row = await repo.findAppointment(trx, actor.tenantId, id);
    if (!row) throw new NotFound('appointment');
    await recordEvent(trx, ctx, { action: 'agenda.read', recordType: 'appointment', recordId: id });
    return presentAppointment(row);
  });
}

/**
 * An operator cancels a booking of their office (agenda.manage) with the version they read: a stale
 * version or a booking no longer booked is 409. Places are freed and the resident told, as when they cancel.
 */
export async function cancelForOperator(
  ctx: Ctx,
  id: string,
  version: number,
  mailer: Mailer,
  baseUrl: string,
): Promise<AppointmentView> {
  const { row } = await allowOn(ctx, 'agenda.manage', id);
  const a = presentAppointment(row);
  if (a.version !== version || a.status !== 'booked') {
    throw new DomainError(409, 'stale', 'The appointment changed meanwhile or is not booked any more');
  }
  const r = await cancelAppointment(ctx, a, mailer, baseUrl);
  if (r.kind !== 'done') throw new DomainError(409, 'stale', 'The appointment changed meanwhile');
  return r.appointment;
}
