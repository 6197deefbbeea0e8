import type { Ctx, Operator } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { Mailer } from '../../platform/mail.ts';
import { roleMay } from '../../platform/policy.ts';
import { type AccessListItem, accessPermissions, inOfficeScope, listAccesses } from '../access/index.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { getPerson } from '../people/index.ts';
import { appointmentsPermissions } from './agenda.policy.ts';
import { accessLinks, topicNeedAreas } from './agenda.repository.ts';
import * as repo from './appointments.repository.ts';
import {
  type AppointmentView,
  type BookingInput,
  type BookingResult,
  bookAppointment,
  presentAppointment,
} from './booking.service.ts';
import { addDays, romeInstant } from './calendar.ts';
import { cancelAppointment } from './manage.service.ts';
import { type BookableOffice, type FreeSlot, freeSlotsOfDay, listBookableOffices } from './slots.service.ts';

type Action = keyof typeof appointmentsPermissions;

async function allow(ctx: Ctx, action: Action, officeId?: string): Promise<Operator> {
  const actor = ctx.actor;
  if (!roleMay(appointmentsPermissions, actor, action)) {
    await recordDenied(ctx, { action, ...(officeId ? { recordType: 'office', recordId: officeId } : {}) });
    throw new Forbidden(action);
  }
  if (officeId && !inOfficeScope(actor, officeId)) {
    await recordDenied(ctx, { action, recordType: 'office', recordId: officeId, details: { reason: 'other-office' } });
    throw new Forbidden(action);
  }
  return actor;
}

export interface Agenda {
  office: BookableOffice;
  day: string;
  appointments: AppointmentView[];
  /** The access each checked-in booking is linked to, by booking id. */
  accessOf: Record<string, string>;
  /** The need area code a check-in proposes, by topic id. */
  areaOfTopic: Record<string, string>;
  walkIns: AccessListItem[];
  free: FreeSlot[];
  stats: NoShowStats;
}

export interface NoShowStats {
  from: string;
  to: string;
  held: number;
  attended: number;
  noShow: number;
  cancelled: number;
  /** no-shows ÷ (attended + no-shows), or null with none. */
  rate: number | null;
}

/** The offices whose agenda the operator reaches. */
export async function agendaOffices(ctx: Ctx): Promise<BookableOffice[]> {
  const actor = await allow(ctx, 'agenda.read');
  return (await listBookableOffices(ctx.db, actor.tenantId)).filter((o) => inOfficeScope(actor, o.id));
}

/**
 * One office and day: online and desk bookings, the walk-ins of the access register, the free times
 * left, and the no-show statistics of the last 90 days. Audited with the ids shown.
 */
export async function getAgenda(ctx: Ctx, officeId: string, day: string): Promise<Agenda> {
  const actor = await allow(ctx, 'agenda.read', officeId);
  const office = (await listBookableOffices(ctx.db, actor.tenantId)).find((o) => o.id === officeId);
  if (!office || !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new NotFound('office');
  const from = romeInstant(day, '00:00');
  const to = romeInstant(addDays(day, 1), '00:00');
  const statsFrom = addDays(day, -90);
  const { appointments, accessOf, areaOfTopic } = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = await repo.listAppointments(trx, actor.tenantId, officeId, from, to);
    const links = await accessLinks(
      trx,
      actor.tenantId,
      rows.map((r) => r.id),
    );
    const areas = await topicNeedAreas(trx, actor.tenantId);
    await recordEvent(trx, ctx, {
      action: 'agenda.read',
      recordType: 'office',
      recordId: officeId,
      details: { day, ids: rows.map((r) => r.id) },
    });
    return {
      appointments: rows.map(presentAppointment),
      accessOf: Object.fromEntries(links),
      areaOfTopic: areas,
    };
  });
  // Accesses opened by a check-in belong to their booking, not to the walk-ins without one.
  const checkedIn = new Set(Object.values(accessOf));
  const walkIns = roleMay(accessPermissions, actor, 'access.list')
    ? (await listAccesses(ctx, { officeId, from: day, to: day })).filter(
        (a) => a.channel === 'walk_in' && !checkedIn.has(a.id),
      )
    : [];
  const free = await freeSlotsOfDay(ctx.db, actor.tenantId, office, day, office.slotMinutes, ctx.clock.now());
  const stats = await noShowStats(ctx, actor, officeId, statsFrom, day);
  return { office, day, appointments, accessOf, areaOfTopic, walkIns, free, stats };
}

async function noShowStats(
  ctx: Ctx,
  actor: Operator,
  officeId: string,
  from: string,
  to: string,
): Promise<NoShowStats> {
  const counts = await withTenant(ctx.db, actor.tenantId, (trx) =>
    repo.statusCounts(
      trx,
      actor.tenantId,
      officeId,
      romeInstant(from, '00:00'),
      romeInstant(addDays(to, 1), '00:00'),
      ctx.clock.now(),
    ),
  );
  const n = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  const attended = n('attended');
  const noShow = n('no_show');
  return {
    from,
    to,
    held: attended + noShow + n('booked'),
    attended,
    noShow,
    cancelled: n('cancelled'),
    rate: attended + noShow > 0 ? noShow / (attended + noShow) : null,
  };
}

/** An operator books for a resident at the desk or on the phone (same rules and race as online). */
export async function bookAtDesk(
  ctx: Ctx,
  input: Omit<BookingInput, 'channel'> & { channel: 'desk' | 'phone' },
): Promise<BookingResult> {
  await allow(ctx, 'agenda.manage', isUuid(input.officeId) ? input.officeId : undefined);
  // A booking for a person of the register: they must be one the operator may open (read audited).
  if (input.personId) {
    const r = await getPerson(ctx, input.personId);
    if (r.kind !== 'person') throw new Forbidden('person.read');
  }
  return bookAppointment(ctx, input);
}

/** Marks a booking attended or no-show (only a booked one; a stale version is 409; no-show only once started: 422). */
export async function markAttendance(
  ctx: Ctx,
  id: string,
  version: number,
  status: 'attended' | 'no_show',
): Promise<AppointmentView> {
  const actor = await allow(ctx, 'agenda.manage');
  const row = isUuid(id)
    ? await withTenant(ctx.db, actor.tenantId, (trx) => repo.findAppointment(trx, actor.tenantId, id))
    : undefined;
  if (!row) throw new NotFound('appointment');
  await allow(ctx, 'agenda.manage', row.office_id);
  if (row.status !== 'booked' || row.version !== version) {
    throw new DomainError(409, 'stale', 'The appointment changed meanwhile');
  }
  // Nobody can have missed an appointment that has not started yet.
  if (status === 'no_show' && ctx.clock.now() < row.starts_at) {
    throw new DomainError(422, 'too-early', 'An appointment is a no-show only once it has started');
  }
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    if (!(await repo.setStatus(trx, id, version, status, actor.userId, ctx.clock.now()))) {
      throw new DomainError(409, 'stale', 'The appointment changed meanwhile');
    }
    const updated = await repo.findAppointment(trx, actor.tenantId, id);
    await recordEvent(trx, ctx, {
      action: 'agenda.manage',
      recordType: 'appointment',
      recordId: id,
      details: { status },
    });
    if (!updated) throw new NotFound('appointment');
    return presentAppointment(updated);
  });
}

/**
 * The desk cancels a booking (the person phoned): version-checked (stale: 409), places freed, the
 * cancellation e-mail queued, and the freed place offered to the waiting list (cancelAppointment).
 */
export async function cancelAtDesk(
  ctx: Ctx,
  id: string,
  version: number,
  mailer: Mailer,
  baseUrl: string,
): Promise<AppointmentView> {
  const actor = await allow(ctx, 'agenda.manage');
  const row = isUuid(id)
    ? await withTenant(ctx.db, actor.tenantId, (trx) => repo.findAppointment(trx, actor.tenantId, id))
    : undefined;
  if (!row) throw new NotFound('appointment');
  await allow(ctx, 'agenda.manage', row.office_id);
  const a = presentAppointment(row);
  if (a.version !== version) throw new DomainError(409, 'stale', 'The appointment changed meanwhile');
  const r = await cancelAppointment(ctx, a, mailer, baseUrl);
  if (r.kind !== 'done') throw new DomainError(409, 'stale', 'The appointment changed meanwhile');
  return r.appointment;
}
