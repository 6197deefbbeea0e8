import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import { getOrganizationSummary } from '../directory/index.ts';
import { hasActiveConsent } from '../people/index.ts';
import {
  authorise,
  checkTransition,
  type FieldError,
  historyOf,
  loadReachable,
  oneOf,
  referralForbidden,
  StaleReferral,
  text,
} from './referrals.access.ts';
import { DECLINE_REASONS, OUTCOMES, present, type ShareableField, type Status } from './referrals.model.ts';
import { mails, type Notifier, partnerLink, queueMail } from './referrals.notify.ts';
import * as repo from './referrals.repository.ts';
import { consentHolds, personOf, type ReferralResult } from './referrals.service.ts';
import { deadlinesFor } from './settings.repository.ts';

const DAY = 86_400_000;

function snapshot(person: NonNullable<Awaited<ReturnType<typeof personOf>>>, reason: string, fields: string[]) {
  const b = person.birthDate;
  const all: Record<ShareableField, unknown> = {
    reason,
    givenNames: person.givenNames,
    familyNames: person.familyNames,
    birthDate: b.year
      ? [b.year, b.month, b.day]
          .filter((x) => x !== null)
          .map((x) => String(x).padStart(2, '0'))
          .join('-')
      : null,
    phone: person.phone,
    email: person.email,
    address:
      [person.address.street, person.address.houseNumber, person.address.postcode, person.address.municipalityName]
        .filter(Boolean)
        .join(' ') || null,
    languages: person.languages,
    taxCode: person.taxCode,
  };
  return Object.fromEntries(fields.map((f) => [f, all[f as ShareableField] ?? null]));
}

/**
 * Sends a draft: copies the chosen fields as they are now, sets the response deadline of the destination
 * type, schedules the person's follow-up question if they agreed to be contacted, and tells the partner
 * (a reference and a link only).
 */
export async function sendReferral(
  ctx: Ctx,
  id: string,
  input: { version: number },
  notifier: Notifier,
): Promise<ReferralResult> {
  const actor = await authorise(ctx, 'referral.manage', id);
  const draft = await withTenant(ctx.db, actor.tenantId, (trx) =>
    loadReachable(trx, ctx, actor, 'referral.manage', id),
  );
  checkTransition(draft.row.status, 'sent');
  const person = await personOf(ctx, draft.row.person_id);
  if (!person) return { kind: 'invalid', errors: [{ field: '/personId', code: 'unknown' }] };
  if (draft.row.consent_id && !(await consentHolds(ctx, person.id, draft.row.consent_id)))
    return { kind: 'invalid', errors: [{ field: '/consentId', code: 'notAnActiveSharingConsent' }] };
  const followUp =
    person.contactPreference !== 'do_not_contact' &&
    person.email !== null &&
    (await hasActiveConsent(ctx, person.id, 'follow_up_contact'));
  const now = ctx.clock.now();
  const result = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const { row } = await loadReachable(trx, ctx, actor, 'referral.manage', id, true);
    checkTransition(row.status, 'sent');
    const d = await deadlinesFor(trx, actor.tenantId, row.destination_type as 'partner');
    const ok = await repo.updateReferral(trx, actor.tenantId, id, input.version, {
      status: 'sent',
      status_at: now,
      sent_at: now,
      response_due_at: new Date(now.getTime() + d.responseDays * DAY),
      shared_data: JSON.stringify(snapshot(person, row.reason, row.shared_fields)),
      follow_up_due_at: followUp ? new Date(now.getTime() + d.followUpDays * DAY) : null,
      follow_up_to: followUp ? person.email : null,
    });
    if (!ok) throw new StaleReferral();
    await repo.insertEvent(trx, {
      id: newId(),
      tenant_id: actor.tenantId,
      referral_id: id,
      from_status: 'draft',
      to_status: 'sent',
      at: now,
      by_user: actor.userId,
      by_kind: 'operator',
    });
    const org = row.organization_id ? await getOrganizationSummary(trx, row.organization_id) : undefined;
    const fresh = await repo.findReferral(trx, actor.tenantId, id);
    if (!fresh) throw new Error('referral vanished');
    const view = present(fresh, await historyOf(trx, actor.tenantId, id), false);
    // The partner is told through the outbox, only if the sending commits.
    await queueMail(trx, {
      tenantId: actor.tenantId,
      kind: 'new',
      referralId: id,
      to: org?.email,
      message: mails.newReferral(row.code, partnerLink(notifier.baseUrl, id)),
      at: now,
    });
    await recordEvent(trx, ctx, {
      action: 'referral.manage',
      recordType: 'referral',
      recordId: id,
      details: { move: 'send', sharedFields: row.shared_fields, followUpScheduled: followUp },
    });
    return { view };
  });
  return { kind: 'ok', referral: result.view };
}

export interface RespondInput {
  to: 'accepted' | 'declined' | 'in_progress' | 'completed';
  version: number;
  reasonCode?: string | undefined;
  outcome?: string | undefined;
  note?: string | undefined;
}

/**
 * The destination answers: accept, decline with a coded reason, report progress, complete with a coded
 * outcome. A partner answers for its own organization; an operator records the answer of an internal area
 * or a public body (never a partner's). A progress report while in progress adds to the history only.
 */
export async function respondReferral(ctx: Ctx, id: string, input: RespondInput): Promise<ReferralResult> {
  const actor = await authorise(ctx, 'referral.respond', id);
  return withTenant(ctx.db, actor.tenantId, async (trx): Promise<ReferralResult> => {
    const { row } = await loadReachable(trx, ctx, actor, 'referral.respond', id, true);
    const partner = actor.role === 'partner';
    if (!partner && row.destination_type === 'partner')
      return referralForbidden(ctx, 'referral.respond', id, 'partner-answers');
    const progressOnly = input.to === 'in_progress' && row.status === 'in_progress';
    if (!progressOnly) checkTransition(row.status, input.to);
    const errors: FieldError[] = [];
    const reason = input.to === 'declined' ? oneOf(errors, '/reasonCode', input.reasonCode, DECLINE_REASONS) : null;
    const outcome = input.to === 'completed' ? oneOf(errors, '/outcome', input.outcome, OUTCOMES) : null;
    const note = text(errors, '/note', input.note, { required: reason === 'other' || progressOnly });
    if (errors.length > 0) return { kind: 'invalid', errors };
    const now = ctx.clock.now();
    const first = (input.to === 'accepted' || input.to === 'declined') && !row.responded_at;
    const ok = await repo.updateReferral(trx, actor.tenantId, id, input.version, {
      ...(progressOnly ? {} : { status: input.to, status_at: now }),
      ...(first ? { responded_at: now } : {}),
      ...(reason ? { decline_reason: reason } : {}),
      ...(outcome ? { outcome } : {}),
    });
    if (!ok) throw new StaleReferral();
    await repo.insertEvent(trx, {
      id: newId(),
      tenant_id: actor.tenantId,
      referral_id: id,
      from_status: row.status,
      to_status: input.to,
      at: now,
      by_user: actor.userId,
      by_kind: partner ? 'partner' : 'operator',
      reason_code: reason ?? outcome,
      note,
    });
    const fresh = await repo.findReferral(trx, actor.tenantId, id);
    if (!fresh) throw new Error('referral vanished');
    const view = present(fresh, await historyOf(trx, actor.tenantId, id), partner);
    await recordEvent(trx, ctx, {
      action: 'referral.respond',
      recordType: 'referral',
      recordId: id,
      details: { from: row.status, to: input.to as Status, reasonCode: reason, outcome, partner },
    });
    return { kind: 'ok', referral: view };
  });
}

/** The sender cancels or revokes a referral that is not finished, with a reason. */
export async function cancelReferral(
  ctx: Ctx,
  id: string,
  input: { version: number; reason: string },
): Promise<ReferralResult> {
  const actor = await authorise(ctx, 'referral.manage', id);
  return withTenant(ctx.db, actor.tenantId, async (trx): Promise<ReferralResult> => {
    const { row } = await loadReachable(trx, ctx, actor, 'referral.manage', id, true);
    checkTransition(row.status, 'cancelled');
    const errors: FieldError[] = [];
    const reason = text(errors, '/reason', input.reason, { required: true, max: 1000 });
    if (!reason) return { kind: 'invalid', errors };
    const now = ctx.clock.now();
    const ok = await repo.updateReferral(trx, actor.tenantId, id, input.version, {
      status: 'cancelled',
      status_at: now,
      cancel_reason: reason,
    });
    if (!ok) throw new StaleReferral();
    await repo.insertEvent(trx, {
      id: newId(),
      tenant_id: actor.tenantId,
      referral_id: id,
      from_status: row.status,
      to_status: 'cancelled',
      at: now,
      by_user: actor.userId,
      by_kind: 'operator',
      note: reason,
    });
    const fresh = await repo.findReferral(trx, actor.tenantId, id);
    if (!fresh) throw new Error('referral vanished');
    const view = present(fresh, await historyOf(trx, actor.tenantId, id), false);
    await recordEvent(trx, ctx, {
      action: 'referral.manage',
      recordType: 'referral',
      recordId: id,
      details: { move: 'cancel', from: row.status },
    });
    return { kind: 'ok', referral: view };
  });
}
