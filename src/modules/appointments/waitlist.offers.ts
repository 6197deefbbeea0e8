import type { Ctx } from '../../platform/context.ts';
import { type Executor, withTenant } from '../../platform/db/database.ts';
import { newId, newSecret, sha256 } from '../../platform/ids.ts';
import type { Mailer } from '../../platform/mail.ts';
import { recordEvent } from '../audit/index.ts';
import { enqueueMail, PUBLIC_URL } from '../notifications/index.ts';
import * as repo from './appointments.repository.ts';
import { formatWhen } from './booking.messages.ts';
import { type AppointmentView, presentAppointment } from './booking.service.ts';
import { romeDayTime, slotsNeeded, weekdayOf } from './calendar.ts';
import { queueAppointmentMail } from './mail.queue.ts';
import { cellsFor, freeSlotsBetween, presentOffice, windowOf } from './slots.service.ts';
import { waitlistT } from './waitlist.messages.ts';
import * as wrepo from './waitlist.repository.ts';

/** How long a freed place is held for the person it is offered to. */
export const HOLD_HOURS = 24;
/** Offers need at least this long to be answered; a place starting sooner is not offered. */
const MIN_ANSWER_MS = 60 * 60_000;
/** The part of the day a person can come: morning before 13:00 (Rome), afternoon from 13:00. */
const fitsPart = (part: string, time: string) =>
  part === 'any' || (part === 'morning' ? time < '13:00' : time >= '13:00');

export interface Offer {
  entryId: string;
  email: string | null;
  language: 'it' | 'en';
  officeName: string;
  startsAt: Date;
  expiresAt: Date;
  /** The single-use secret of the confirmation link; only its hash is stored. */
  token: string;
}

export const offerLink = (baseUrl: string, token: string) => `${baseUrl}/prenota/lista-attesa/offerta/${token}`;

/**
 * Offers free places of an office between two days to its waiting list, first come first served:
 * each waiting entry gets the first free start time that fits its topic's length, weekdays, part of
 * the day and last day. The place is taken in the slot counters (held) until the offer expires, so
 * nobody else can book it meanwhile. The offer e-mail (office, time, until when, the link; no name, no
 * reason) is queued in the notifications outbox in the same transaction; entries another run is offering
 * are skipped.
 */
export async function offerFreePlaces(
  ctx: Ctx,
  tenantId: string,
  officeId: string,
  fromDay: string,
  toDay: string,
  baseUrl: string = PUBLIC_URL,
) {
  const now = ctx.clock.now();
  return withTenant(ctx.db, tenantId, async (trx) => {
    const officeRow = (await repo.bookableOffices(trx, tenantId)).find((o) => o.id === officeId);
    if (!officeRow) return [];
    const office = presentOffice(officeRow);
    const win = await windowOf(trx, tenantId, now);
    const offers: Offer[] = [];
    for (const e of await wrepo.waitingAt(trx, tenantId, officeId, fromDay)) {
      const needed = slotsNeeded(e.duration_minutes, office.slotMinutes);
      const last = e.until_day < toDay ? e.until_day : toDay;
      const free = await freeSlotsBetween(trx, tenantId, office, fromDay, last, needed, win);
      const fit = free.find(
        (s) =>
          (e.weekdays.length === 0 || e.weekdays.includes(weekdayOf(s.day))) &&
          fitsPart(e.part_of_day, s.time) &&
          s.startsAt.getTime() - win.minNoticeHours * 3_600_000 - now.getTime() >= MIN_ANSWER_MS,
      );
      if (!fit) continue;
      if (!(await hold(trx, tenantId, office, fit.startsAt, needed))) continue;
      const token = newSecret();
      const latest = fit.startsAt.getTime() - win.minNoticeHours * 3_600_000;
      const expiresAt = new Date(Math.min(now.getTime() + HOLD_HOURS * 3_600_000, latest));
      await wrepo.setOffer(trx, e.id, {
        startsAt: fit.startsAt,
        slotCount: needed,
        expiresAt,
        tokenHash: sha256(token),
      });
      const language = e.language === 'en' ? 'en' : 'it';
      if (e.applicant_email) {
        // Phone only: no e-mail; the office sees the offer on its waiting list and calls.
        const t = waitlistT(language);
        await enqueueMail(trx, {
          tenantId,
          kind: 'waitlist.offer',
          to: e.applicant_email,
          subject: t('mail.offer.subject'),
          text: t('mail.offer.body', {
            when: formatWhen(language, fit.startsAt),
            office: office.name,
            until: formatWhen(language, expiresAt),
            link: offerLink(baseUrl, token),
          }),
          dedupeKey: `waitlist:${e.id}:offer:${e.offers_made + 1}`,
          personId: e.person_id,
          at: now,
        });
      }
      offers.push({
        entryId: e.id,
        email: e.applicant_email,
        language,
        officeName: office.name,
        startsAt: fit.startsAt,
        expiresAt,
        token,
      });
    }
    if (offers.length > 0) {
      await recordEvent(trx, ctx, {
        action: 'waitlist.offer',
        recordType: 'office',
        recordId: officeId,
        details: { ids: offers.map((o) => o.entryId) },
      });
    }
    return offers;
  });
}

/** Takes every cell of a held place; false (nothing kept: a savepoint rolls partial takes back) when one is full. */
async function hold(
  trx: Executor,
  tenantId: string,
  office: ReturnType<typeof presentOffice>,
  startsAt: Date,
  needed: number,
) {
  const cells = await cellsFor(trx, tenantId, office, startsAt, needed);
  if (!cells) return false;
  const took: Date[] = [];
  for (const c of cells) {
    if (!(await repo.takePlace(trx, tenantId, office.id, c.startsAt, c.capacity))) {
      await repo.releasePlaces(trx, office.id, took);
      return false;
    }
    took.push(c.startsAt);
  }
  return true;
}

/**
 * After a booking was cancelled or moved away: its day's freed places go to the waiting list. Called
 * by the cancel and move use cases once their transaction has committed; a failure here never undoes
 * them (the next `jobs run waitlist` offers what is still free). The mailer argument is unused since
 * offers go through the outbox; the signature stays so the callers' one line does not change.
 */
export async function offerFreedPlace(ctx: Ctx, a: AppointmentView, _mailer: Mailer, baseUrl: string): Promise<void> {
  const tenantId = ctx.actor.tenantId;
  if (!tenantId) return;
  const day = romeDayTime(a.startsAt).day;
  try {
    await offerFreePlaces(ctx, tenantId, a.office.id, day, day, baseUrl);
  } catch {
    // left to the job
  }
}

/** Frees the held cells of an entry's offer. */
export async function releaseHeld(
  trx: Executor,
  e: { office_id: string; offer_starts_at: Date | null; offer_slot_count: number | null },
  slotMinutes: number,
) {
  if (!e.offer_starts_at || !e.offer_slot_count) return;
  const start = e.offer_starts_at.getTime();
  await repo.releasePlaces(
    trx,
    e.office_id,
    Array.from({ length: e.offer_slot_count }, (_, k) => new Date(start + k * slotMinutes * 60_000)),
  );
}

export async function slotMinutesOf(trx: Executor, tenantId: string, officeId: string) {
  return (await repo.bookableOffices(trx, tenantId)).find((o) => o.id === officeId)?.slot_minutes ?? 30;
}

export type OfferView = { officeName: string; startsAt: Date; expiresAt: Date; language: 'it' | 'en' };

/** What an offer link shows: office, time, until when (nothing personal), or undefined when no longer open. */
export async function offerByToken(ctx: Ctx, token: string): Promise<OfferView | undefined> {
  const tenantId = ctx.actor.tenantId;
  if (!tenantId || !token || token.length > 100) return undefined;
  return withTenant(ctx.db, tenantId, async (trx) => {
    const e = await wrepo.entryByToken(trx, sha256(token));
    if (!e?.offer_starts_at || !e.offer_expires_at || e.offer_expires_at <= ctx.clock.now()) return undefined;
    const office = (await repo.bookableOffices(trx, tenantId)).find((o) => o.id === e.office_id);
    return {
      officeName: office?.name ?? '',
      startsAt: e.offer_starts_at,
      expiresAt: e.offer_expires_at,
      language: e.language === 'en' ? 'en' : 'it',
    };
  });
}

/** The person confirms: the held place becomes their booking (the link works once). */
export async function confirmOffer(ctx: Ctx, token: string, baseUrl: string): Promise<AppointmentView | undefined> {
  const tenantId = ctx.actor.tenantId;
  if (!tenantId || !token || token.length > 100) return undefined;
  const now = ctx.clock.now();
  const appointment = await withTenant(ctx.db, tenantId, async (trx) => {
    const e = await wrepo.entryByToken(trx, sha256(token));
    if (!e?.offer_starts_at || !e.offer_expires_at || !e.offer_slot_count || e.offer_expires_at <= now)
      return undefined;
    const slotMinutes = await slotMinutesOf(trx, tenantId, e.office_id);
    const id = newId();
    const code = await repo.nextCode(trx, tenantId, 'APP', Number(romeDayTime(now).day.slice(0, 4)));
    await repo.insertAppointment(trx, {
      id,
      tenantId,
      code,
      officeId: e.office_id,
      topicId: e.topic_id,
      startsAt: e.offer_starts_at,
      endsAt: new Date(e.offer_starts_at.getTime() + e.offer_slot_count * slotMinutes * 60_000),
      slotCount: e.offer_slot_count,
      channel: e.channel as 'online' | 'desk' | 'phone',
      applicantName: e.applicant_name,
      applicantPhone: e.applicant_phone,
      applicantEmail: e.applicant_email,
      language: e.language === 'en' ? 'en' : 'it',
      details: null,
      personId: e.person_id,
      bookedBy: null,
    });
    await wrepo.closeOffer(trx, e.id, 'booked', id);
    const row = await repo.findAppointment(trx, tenantId, id);
    const view = row ? presentAppointment(row) : undefined;
    if (view) await queueAppointmentMail(trx, tenantId, view, 'confirmation', now, baseUrl);
    await recordEvent(trx, ctx, {
      action: 'waitlist.confirm',
      recordType: 'appointment_waitlist',
      recordId: e.id,
      details: { appointmentId: id, code },
    });
    return view;
  });
  return appointment;
}

/** The person declines: the place is freed and offered to the next in line. */
export async function declineOffer(ctx: Ctx, token: string, baseUrl: string): Promise<boolean> {
  const tenantId = ctx.actor.tenantId;
  if (!tenantId || !token || token.length > 100) return false;
  const declined = await withTenant(ctx.db, tenantId, async (trx) => {
    const e = await wrepo.entryByToken(trx, sha256(token));
    if (!e?.offer_starts_at) return undefined;
    await releaseHeld(trx, e, await slotMinutesOf(trx, tenantId, e.office_id));
    await wrepo.closeOffer(trx, e.id, 'withdrawn', null);
    await recordEvent(trx, ctx, { action: 'waitlist.decline', recordType: 'appointment_waitlist', recordId: e.id });
    return { officeId: e.office_id, day: romeDayTime(e.offer_starts_at).day };
  });
  if (!declined) return false;
  await offerFreePlaces(ctx, tenantId, declined.officeId, declined.day, declined.day, baseUrl);
  return true;
}
