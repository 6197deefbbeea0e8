import type { Ctx } from '../../platform/context.ts';
import { isOperator } from '../../platform/context.ts';
import { type Db, withTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import * as repo from './appointments.repository.ts';
import type { FieldError } from './booking.validation.ts';
import { romeDayTime, slotsNeeded } from './calendar.ts';
import { queueAppointmentMail } from './mail.queue.ts';
import { alternatives, cellsFor, type FreeSlot, presentOffice, windowOf } from './slots.service.ts';

export interface AppointmentView {
  id: string;
  code: string;
  office: { id: string; name: string; address: { street: string; postcode: string | null; city: string } };
  topic: { id: string; code: string; it: string; en: string };
  startsAt: Date;
  endsAt: Date;
  slotCount: number;
  status: 'booked' | 'cancelled' | 'attended' | 'no_show';
  channel: 'online' | 'desk' | 'phone';
  applicant: { name: string; phone: string | null; email: string | null };
  language: 'it' | 'en';
  details: string | null;
  personId: string | null;
  version: number;
}

export function presentAppointment(r: repo.AppointmentRow): AppointmentView {
  return {
    id: r.id,
    code: r.code,
    office: {
      id: r.office_id,
      name: r.office_name,
      address: { street: r.office_street, postcode: r.office_postcode, city: r.office_city },
    },
    topic: { id: r.topic_id, code: r.topic_code, it: r.topic_it, en: r.topic_en },
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    slotCount: r.slot_count,
    status: r.status as AppointmentView['status'],
    channel: r.channel as AppointmentView['channel'],
    applicant: { name: r.applicant_name, phone: r.applicant_phone, email: r.applicant_email },
    language: r.language as 'it' | 'en',
    details: r.details,
    personId: r.person_id,
    version: r.version,
  };
}

export interface BookingInput {
  officeId: string;
  topicCode: string;
  startsAt: Date;
  details: string;
  name: string;
  phone: string;
  email: string;
  language: 'it' | 'en';
  channel: 'online' | 'desk' | 'phone';
  personId?: string | null;
}

export type BookingResult =
  | { kind: 'booked'; appointment: AppointmentView }
  | { kind: 'taken'; alternatives: FreeSlot[] }
  | { kind: 'invalid'; errors: FieldError[] };

class SlotTaken extends Error {}

/** The office as bookable online, or undefined. */
export async function findBookableOffice(db: Db, tenantId: string, officeId: string) {
  if (!tenantId) return undefined;
  return withTenant(db, tenantId, async (trx) => {
    const row = (await repo.bookableOffices(trx, tenantId)).find((o) => o.id === officeId);
    return row ? presentOffice(row) : undefined;
  });
}

export async function topicsOfOffice(db: Db, tenantId: string, officeId: string) {
  return withTenant(db, tenantId, (trx) => repo.topicsOf(trx, tenantId, officeId));
}

/**
 * Books a place. Every slot the topic needs is taken with a locked counter row (see takePlace), so of
 * many concurrent bookings of the last place exactly one succeeds; the others get `taken` with the next
 * free times. The booking, its code, its queued confirmation and its audit entry are one transaction.
 */
export async function bookAppointment(ctx: Ctx, input: BookingInput): Promise<BookingResult> {
  const tenantId = ctx.actor.tenantId;
  if (!tenantId) return { kind: 'invalid', errors: [{ field: 'office', key: 'office.required' }] };
  const office = await findBookableOffice(ctx.db, tenantId, input.officeId);
  if (!office) return { kind: 'invalid', errors: [{ field: 'office', key: 'office.required' }] };
  const topic = (await topicsOfOffice(ctx.db, tenantId, office.id)).find((t) => t.code === input.topicCode);
  if (!topic) return { kind: 'invalid', errors: [{ field: 'topic', key: 'topic.required' }] };
  const needed = slotsNeeded(topic.duration_minutes, office.slotMinutes);
  const now = ctx.clock.now();
  try {
    const id = await withTenant(ctx.db, tenantId, async (trx) => {
      const win = await windowOf(trx, tenantId, now);
      const cells = await cellsFor(trx, tenantId, office, input.startsAt, needed);
      const tooEarly = input.startsAt.getTime() < now.getTime() + win.minNoticeHours * 3_600_000;
      const tooLate = input.startsAt.getTime() > now.getTime() + (win.horizonDays + 1) * 86_400_000;
      if (!cells || tooEarly || tooLate) throw new SlotTaken();
      for (const c of cells) {
        if (!(await repo.takePlace(trx, tenantId, office.id, c.startsAt, c.capacity))) throw new SlotTaken();
      }
      const appointmentId = newId();
      const code = await repo.nextCode(trx, tenantId, 'APP', Number(romeDayTime(now).day.slice(0, 4)));
      await repo.insertAppointment(trx, {
        id: appointmentId,
        tenantId,
        code,
        officeId: office.id,
        topicId: topic.id,
        startsAt: input.startsAt,
        endsAt: new Date(input.startsAt.getTime() + needed * office.slotMinutes * 60_000),
        slotCount: needed,
        channel: input.channel,
        applicantName: input.name,
        applicantPhone: input.phone || null,
        applicantEmail: input.email || null,
        language: input.language,
        details: input.details || null,
        personId: input.personId ?? null,
        bookedBy: isOperator(ctx.actor) ? ctx.actor.userId : null,
      });
      // The confirmation is queued with the booking: no booking, no mail; a booking, never a lost mail.
      const booked = await repo.findAppointment(trx, tenantId, appointmentId);
      if (booked) await queueAppointmentMail(trx, tenantId, presentAppointment(booked), 'confirmation', now);
      await recordEvent(trx, ctx, {
        action: 'appointment.book',
        recordType: 'appointment',
        recordId: appointmentId,
        details: { code, officeId: office.id, topic: topic.code, channel: input.channel },
      });
      return appointmentId;
    });
    const row = await withTenant(ctx.db, tenantId, (trx) => repo.findAppointment(trx, tenantId, id));
    if (!row) throw new Error('booked appointment vanished');
    return { kind: 'booked', appointment: presentAppointment(row) };
  } catch (err) {
    if (!(err instanceof SlotTaken)) throw err;
    const day = romeDayTime(input.startsAt).day;
    return {
      kind: 'taken',
      alternatives: await alternatives(ctx.db, tenantId, office, day, topic.duration_minutes, now),
    };
  }
}

/** Times of the slots an appointment holds (as booked, whatever the office's grid is now), to release them. */
export function heldSlots(a: AppointmentView): Date[] {
  const step = (a.endsAt.getTime() - a.startsAt.getTime()) / a.slotCount;
  return Array.from({ length: a.slotCount }, (_, k) => new Date(a.startsAt.getTime() + k * step));
}
