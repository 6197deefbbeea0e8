import type { Ctx, Operator } from '../../platform/context.ts';
import { isOperator } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { inOfficeScope } from '../access/index.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { getPerson } from '../people/index.ts';
import { appointmentsPermissions } from './agenda.policy.ts';
import * as repo from './appointments.repository.ts';
import { type BookingErrorKey, checkApplicant, formFrom } from './booking.validation.ts';
import { addDays, romeDayTime } from './calendar.ts';
import { presentOffice } from './slots.service.ts';
import * as wrepo from './waitlist.repository.ts';

export const PARTS_OF_DAY = ['any', 'morning', 'afternoon'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];

export interface JoinInput {
  officeId: string;
  topicCode: string;
  /** ISO weekdays (1 Monday … 7 Sunday) the person can come; empty: any. */
  weekdays: number[];
  partOfDay: string;
  name: string;
  phone: string;
  email: string;
  language: string;
  /** Public form: the privacy notice ticked ('yes'); operators record it for the person. */
  privacy: string;
  channel: 'online' | 'desk' | 'phone';
  personId?: string | null;
}

export type WaitErrorKey = BookingErrorKey | 'weekdays.invalid' | 'partOfDay.invalid';
export type JoinResult =
  | { kind: 'joined'; id: string }
  | { kind: 'invalid'; errors: { field: string; key: WaitErrorKey }[] };

async function allowOperator(ctx: Ctx, action: 'agenda.read' | 'agenda.manage', officeId?: string): Promise<Operator> {
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

/**
 * Puts someone on an office's waiting list for a topic, with the weekdays and part of the day they can
 * come and a contact. A resident joins online (channel online); an operator of that office joins for
 * someone at the desk or on the phone (agenda.manage). Offers stop after the booking horizon.
 */
export async function joinWaitlist(ctx: Ctx, input: JoinInput): Promise<JoinResult> {
  const tenantId = ctx.actor.tenantId;
  if (isOperator(ctx.actor) || input.channel !== 'online' || input.personId) {
    await allowOperator(ctx, 'agenda.manage', isUuid(input.officeId) ? input.officeId : undefined);
  }
  // An entry for a person of the register: one the operator may open (read audited by people).
  if (input.personId && (await getPerson(ctx, input.personId)).kind !== 'person') throw new Forbidden('person.read');
  const errors: { field: string; key: WaitErrorKey }[] = checkApplicant(
    formFrom({
      name: input.name,
      phone: input.phone,
      email: input.email,
      language: input.language,
      privacy: input.privacy,
    }),
  );
  const weekdays = [...new Set(input.weekdays)].sort();
  if (weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    errors.push({ field: 'weekdays', key: 'weekdays.invalid' });
  }
  if (!PARTS_OF_DAY.includes(input.partOfDay as PartOfDay))
    errors.push({ field: 'partOfDay', key: 'partOfDay.invalid' });
  if (!tenantId || !isUuid(input.officeId))
    return { kind: 'invalid', errors: [{ field: 'office', key: 'office.required' }, ...errors] };
  const now = ctx.clock.now();
  return withTenant(ctx.db, tenantId, async (trx) => {
    const office = (await repo.bookableOffices(trx, tenantId)).find((o) => o.id === input.officeId);
    if (!office) errors.push({ field: 'office', key: 'office.required' });
    const topic = office
      ? (await repo.topicsOf(trx, tenantId, office.id)).find((t) => t.code === input.topicCode)
      : undefined;
    if (!topic) errors.push({ field: 'topic', key: 'topic.required' });
    if (errors.length > 0 || !office || !topic) return { kind: 'invalid' as const, errors };
    const s = await repo.settings(trx, tenantId);
    const id = newId();
    await wrepo.insertEntry(trx, {
      id,
      tenantId,
      officeId: presentOffice(office).id,
      topicId: topic.id,
      weekdays,
      partOfDay: input.partOfDay as PartOfDay,
      untilDay: addDays(romeDayTime(now).day, s.horizonDays),
      channel: input.channel,
      name: input.name.trim(),
      phone: input.phone.trim() || null,
      email: input.email.trim() || null,
      language: input.language === 'en' ? 'en' : 'it',
      personId: input.personId ?? null,
      createdBy: isOperator(ctx.actor) ? ctx.actor.userId : null,
      createdAt: now,
    });
    await recordEvent(trx, ctx, {
      action: 'waitlist.join',
      recordType: 'appointment_waitlist',
      recordId: id,
      details: { officeId: office.id, topic: topic.code, channel: input.channel },
    });
    return { kind: 'joined' as const, id };
  });
}

export interface WaitingEntry {
  id: string;
  topic: { code: string; it: string; en: string };
  weekdays: number[];
  partOfDay: PartOfDay;
  untilDay: string;
  channel: 'online' | 'desk' | 'phone';
  applicant: { name: string; phone: string | null; email: string | null };
  status: 'waiting' | 'offered';
  offer: { startsAt: Date; expiresAt: Date } | null;
  offersMade: number;
  version: number;
  createdAt: Date;
}

/** The waiting list of an office (waiting and offered entries, first come first served). Audited with the ids. */
export async function listWaitlist(ctx: Ctx, officeId: string): Promise<WaitingEntry[]> {
  const actor = await allowOperator(ctx, 'agenda.read', officeId);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = await wrepo.entriesOf(trx, actor.tenantId, officeId);
    await recordEvent(trx, ctx, {
      action: 'waitlist.read',
      recordType: 'office',
      recordId: officeId,
      details: { ids: rows.map((r) => r.id) },
    });
    return rows.map((r) => ({
      id: r.id,
      topic: { code: r.topic_code, it: r.topic_it, en: r.topic_en },
      weekdays: r.weekdays,
      partOfDay: r.part_of_day as PartOfDay,
      untilDay: r.until_day,
      channel: r.channel as WaitingEntry['channel'],
      applicant: { name: r.applicant_name, phone: r.applicant_phone, email: r.applicant_email },
      status: r.status as WaitingEntry['status'],
      offer:
        r.offer_starts_at && r.offer_expires_at ? { startsAt: r.offer_starts_at, expiresAt: r.offer_expires_at } : null,
      offersMade: r.offers_made,
      version: r.version,
      createdAt: r.created_at,
    }));
  });
}

/** An operator takes a waiting entry off the list (the person no longer needs it); stale version: 409. */
export async function withdrawEntry(ctx: Ctx, id: string, version: number): Promise<{ officeId: string }> {
  const actor = await allowOperator(ctx, 'agenda.manage');
  const row = isUuid(id)
    ? await withTenant(ctx.db, actor.tenantId, (trx) => wrepo.entryById(trx, actor.tenantId, id))
    : undefined;
  if (!row) throw new DomainError(404, 'not-found', 'waiting entry not found');
  await allowOperator(ctx, 'agenda.manage', row.office_id);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    if (!(await wrepo.withdraw(trx, id, version))) throw new DomainError(409, 'stale', 'The entry changed meanwhile');
    await recordEvent(trx, ctx, { action: 'waitlist.withdraw', recordType: 'appointment_waitlist', recordId: id });
    return { officeId: row.office_id };
  });
}
