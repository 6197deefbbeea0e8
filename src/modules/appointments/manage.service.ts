import { randomInt } from 'node:crypto';
import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { isUuid, newId, newSecret, sha256 } from '../../platform/ids.ts';
import type { Mailer } from '../../platform/mail.ts';
import { recordEvent } from '../audit/index.ts';
import * as repo from './appointments.repository.ts';
import { type AppointmentView, heldSlots, presentAppointment } from './booking.service.ts';
import { romeDayTime } from './calendar.ts';
import { manageLink } from './confirmation.service.ts';
import { queueAppointmentMail } from './mail.queue.ts';
import { manageT } from './manage.messages.ts';
import * as mrepo from './manage.repository.ts';
import { alternatives, cellsFor, type FreeSlot, presentOffice, windowOf } from './slots.service.ts';
import { offerFreedPlace } from './waitlist.offers.ts';

const CODE_MINUTES = 15;
const TOKEN_MINUTES = 30;
const MAX_ATTEMPTS = 5;
const MAX_CODES_PER_HOUR = 5;
const codeHash = (ticket: string, code: string) => sha256(`${ticket}:${code}`);

/**
 * Step 1 of managing a booking: booking code + the e-mail used. Whatever the answer, the caller shows
 * the same page with a fresh ticket, so nobody learns whether a code/e-mail pair exists. When they
 * match, a 6-digit code is e-mailed to that address — directly, not through the outbox: the person is
 * waiting for it on the page, it is useless after 15 minutes, and the outbox would store the secret.
 */
export async function requestVerification(
  ctx: Ctx,
  mailer: Mailer,
  input: { code: string; email: string },
  baseUrl: string,
): Promise<{ ticket: string }> {
  const ticket = newId();
  const tenantId = ctx.actor.tenantId;
  const code = input.code.trim().toUpperCase();
  const email = input.email.trim();
  if (!tenantId || !/^APP-\d{4}-\d{6}$/.test(code) || !email) return { ticket };
  const now = ctx.clock.now();
  const secret = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const sent = await withTenant(ctx.db, tenantId, async (trx) => {
    const found = await mrepo.findByCodeAndEmail(trx, tenantId, code, email);
    if (!found?.applicant_email || found.status !== 'booked') return undefined;
    const recent = await mrepo.countRecentVerifications(trx, found.id, new Date(now.getTime() - 3_600_000));
    if (recent >= MAX_CODES_PER_HOUR) return undefined;
    await mrepo.insertVerification(trx, {
      id: ticket,
      tenantId,
      appointmentId: found.id,
      codeHash: codeHash(ticket, secret),
      expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
      createdAt: now,
    });
    await recordEvent(trx, ctx, {
      action: 'appointment.verify_request',
      recordType: 'appointment',
      recordId: found.id,
    });
    return { to: found.applicant_email, language: found.language as 'it' | 'en' };
  });
  if (sent) {
    const t = manageT(sent.language);
    await mailer.send({
      to: sent.to,
      subject: t('mail.code.subject'),
      text: t('mail.code.body', { secret, minutes: CODE_MINUTES, link: manageLink(baseUrl) }),
    });
  }
  return { ticket };
}

export type VerifyResult = { kind: 'ok'; token: string } | { kind: 'wrong' } | { kind: 'expired' };

/** Step 2: the e-mailed code. A correct code gives a short-lived token that opens this booking only. */
export async function verifyCode(ctx: Ctx, input: { ticket: string; code: string }): Promise<VerifyResult> {
  const tenantId = ctx.actor.tenantId;
  if (!tenantId || !isUuid(input.ticket)) return { kind: 'expired' };
  const now = ctx.clock.now();
  return withTenant(ctx.db, tenantId, async (trx) => {
    const v = await mrepo.lockVerification(trx, input.ticket);
    if (!v || v.verified_at || v.expires_at <= now || v.attempts >= MAX_ATTEMPTS) return { kind: 'expired' };
    if (codeHash(v.id, input.code.trim()) !== v.code_hash) {
      await mrepo.countAttempt(trx, v.id);
      return v.attempts + 1 >= MAX_ATTEMPTS ? { kind: 'expired' } : { kind: 'wrong' };
    }
    const token = newSecret();
    await mrepo.markVerified(trx, v.id, sha256(token), now, new Date(now.getTime() + TOKEN_MINUTES * 60_000));
    await recordEvent(trx, ctx, {
      action: 'appointment.verify',
      recordType: 'appointment',
      recordId: v.appointment_id,
    });
    return { kind: 'ok', token };
  });
}

/** The booking a manage token opens (read audited), or undefined when the token is unknown or expired. */
export async function appointmentByToken(ctx: Ctx, token: string): Promise<AppointmentView | undefined> {
  const tenantId = ctx.actor.tenantId;
  if (!tenantId || !token || token.length > 100) return undefined;
  return withTenant(ctx.db, tenantId, async (trx) => {
    const v = await mrepo.findByToken(trx, sha256(token), ctx.clock.now());
    if (!v) return undefined;
    const row = await repo.findAppointment(trx, tenantId, v.appointment_id);
    if (!row) return undefined;
    await recordEvent(trx, ctx, { action: 'appointment.read', recordType: 'appointment', recordId: row.id });
    return presentAppointment(row);
  });
}

export type ChangeResult =
  | { kind: 'done'; appointment: AppointmentView }
  | { kind: 'stale' }
  | { kind: 'taken'; alternatives: FreeSlot[] };

/**
 * Cancels a booked appointment and frees its places (also used by operators through the agenda); the
 * cancellation e-mail is queued in the same transaction.
 */
export async function cancelAppointment(
  ctx: Ctx,
  a: AppointmentView,
  mailer: Mailer,
  baseUrl: string,
): Promise<ChangeResult> {
  const tenantId = ctx.actor.tenantId;
  if (!tenantId || a.status !== 'booked') return { kind: 'stale' };
  const by = ctx.actor.kind === 'user' || ctx.actor.kind === 'token' ? ctx.actor.userId : null;
  const updated = await withTenant(ctx.db, tenantId, async (trx) => {
    if (!(await repo.setStatus(trx, a.id, a.version, 'cancelled', by, ctx.clock.now()))) return undefined;
    await repo.releasePlaces(trx, a.office.id, heldSlots(a));
    const row = await repo.findAppointment(trx, tenantId, a.id);
    const view = row ? presentAppointment(row) : undefined;
    if (view) await queueAppointmentMail(trx, tenantId, view, 'cancellation', ctx.clock.now(), baseUrl);
    await recordEvent(trx, ctx, { action: 'appointment.cancel', recordType: 'appointment', recordId: a.id });
    return view;
  });
  if (!updated) return { kind: 'stale' };
  await offerFreedPlace(ctx, a, mailer, baseUrl); // the freed place goes to the waiting list
  return { kind: 'done', appointment: updated };
}

/**
 * Moves a booking to another free time of the same office and topic: new places first, then the old ones
 * freed; the change e-mail (new calendar file) is queued in the same transaction.
 */
export async function rescheduleAppointment(
  ctx: Ctx,
  a: AppointmentView,
  startsAt: Date,
  mailer: Mailer,
  baseUrl: string,
): Promise<ChangeResult> {
  const tenantId = ctx.actor.tenantId;
  if (!tenantId || a.status !== 'booked') return { kind: 'stale' };
  const now = ctx.clock.now();
  const officeRow = await withTenant(ctx.db, tenantId, async (trx) =>
    (await repo.bookableOffices(trx, tenantId)).find((o) => o.id === a.office.id),
  );
  if (!officeRow) return { kind: 'stale' };
  const office = presentOffice(officeRow);
  const duration = (a.endsAt.getTime() - a.startsAt.getTime()) / 60_000;
  class Taken extends Error {}
  class Stale extends Error {}
  try {
    const moved = await withTenant(ctx.db, tenantId, async (trx) => {
      const win = await windowOf(trx, tenantId, now);
      const cells = await cellsFor(trx, tenantId, office, startsAt, a.slotCount);
      if (!cells || startsAt.getTime() < now.getTime() + win.minNoticeHours * 3_600_000) throw new Taken();
      for (const c of cells) {
        if (!(await repo.takePlace(trx, tenantId, office.id, c.startsAt, c.capacity))) throw new Taken();
      }
      await repo.releasePlaces(trx, office.id, heldSlots(a));
      const endsAt = new Date(startsAt.getTime() + duration * 60_000);
      // Someone changed it meanwhile: throwing rolls the places taken above back.
      if (!(await repo.moveAppointment(trx, a.id, a.version, startsAt, endsAt))) throw new Stale();
      const row = await repo.findAppointment(trx, tenantId, a.id);
      const view = row ? presentAppointment(row) : undefined;
      if (view) await queueAppointmentMail(trx, tenantId, view, 'change', now, baseUrl);
      await recordEvent(trx, ctx, { action: 'appointment.reschedule', recordType: 'appointment', recordId: a.id });
      return view;
    });
    if (!moved) return { kind: 'stale' };
    await offerFreedPlace(ctx, a, mailer, baseUrl); // the old place goes to the waiting list
    return { kind: 'done', appointment: moved };
  } catch (err) {
    if (err instanceof Stale) return { kind: 'stale' };
    if (!(err instanceof Taken)) throw err;
    const day = romeDayTime(startsAt).day;
    return { kind: 'taken', alternatives: await alternatives(ctx.db, tenantId, office, day, duration, now) };
  }
}
