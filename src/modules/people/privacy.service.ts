import type { Ctx } from '../../platform/context.ts';
import type { Trx } from '../../platform/db/database.ts';
import { NotFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordEvent } from '../audit/index.ts';
import { type AssignmentsView, assignmentsView } from './confidential.service.ts';
import { peoplePermissions } from './people.policy.ts';
import { todayInRome, withPersonFile } from './privacy.gate.ts';
import * as repo from './privacy.repository.ts';
import type { Consent, ConsentPurpose, ConsentState, Notice, NoticeChannel } from './privacy.schema.ts';
import {
  type ConsentFields,
  checkConsent,
  checkNotice,
  checkRevocation,
  type NoticeFields,
  type PrivacyFieldError,
} from './privacy.validation.ts';

export type { PrivacyFieldError };

/**
 * A consent holds from the day it was given until its expiry day (included), unless it was revoked.
 * "Today" is the calendar day in Rome by the injected clock.
 */
export function consentState(
  c: { given_on: string; expires_on: string | null; revoked_on: string | null },
  today: string,
): ConsentState {
  if (c.revoked_on !== null && c.revoked_on <= today) return 'revoked';
  if (c.expires_on !== null && c.expires_on < today) return 'expired';
  if (c.given_on > today) return 'not_yet_valid';
  return 'active';
}

const presentNotice = (r: repo.NoticeRow): Notice => ({
  id: r.id,
  acknowledgedOn: r.acknowledged_on,
  noticeVersion: r.notice_version,
  channel: r.channel as NoticeChannel,
  recordedBy: { id: r.recorded_by, name: r.recorded_by_name },
  recordedAt: r.recorded_at.toISOString(),
});

const presentConsent = (r: repo.ConsentRow, today: string): Consent => ({
  id: r.id,
  purpose: r.purpose as ConsentPurpose,
  scope: r.scope,
  givenOn: r.given_on,
  expiresOn: r.expires_on,
  revokedOn: r.revoked_on,
  state: consentState(r, today),
  recordedBy: { id: r.recorded_by, name: r.recorded_by_name },
  recordedAt: r.recorded_at.toISOString(),
});

const readAudit = (trx: Trx, ctx: Ctx, personId: string, part: string) =>
  recordEvent(trx, ctx, { action: 'privacy.read', recordType: 'person', recordId: personId, details: { part } });

const readSpec = (personId: string) =>
  ({ permission: 'person.read', action: 'privacy.read', personId, reach: 'open' }) as const;

export async function listPrivacyNotices(ctx: Ctx, personId: string): Promise<Notice[]> {
  return withPersonFile(ctx, readSpec(personId), async (trx, file) => {
    await readAudit(trx, ctx, personId, 'notices');
    return (await repo.listNoticeAcks(trx, file.actor.tenantId, personId)).map(presentNotice);
  });
}

export type NoticeResult = { kind: 'saved'; notice: Notice } | { kind: 'invalid'; errors: PrivacyFieldError[] };

/** Records that the person received and read the privacy notice (public-interest basis: not a consent). */
export async function recordPrivacyNotice(ctx: Ctx, personId: string, input: NoticeFields): Promise<NoticeResult> {
  const spec = {
    permission: 'privacy.record',
    action: 'privacy.notice.record',
    personId,
    reach: 'open',
    write: true,
  } as const;
  return withPersonFile(ctx, spec, async (trx, { actor }): Promise<NoticeResult> => {
    const checked = checkNotice(input, todayInRome(ctx));
    if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
    const id = newId();
    const at = ctx.clock.now();
    const v = checked.value;
    await repo.insertNoticeAck(trx, {
      id,
      tenantId: actor.tenantId,
      personId,
      ...v,
      recordedBy: actor.userId,
      recordedAt: at,
    });
    await recordEvent(trx, ctx, {
      action: 'privacy.notice.record',
      recordType: 'person',
      recordId: personId,
      details: { acknowledgement: id, noticeVersion: v.noticeVersion, channel: v.channel },
    });
    const notice: Notice = {
      id,
      ...v,
      recordedBy: { id: actor.userId, name: actor.displayName },
      recordedAt: at.toISOString(),
    };
    return { kind: 'saved', notice };
  });
}

export async function listConsents(ctx: Ctx, personId: string): Promise<Consent[]> {
  return withPersonFile(ctx, readSpec(personId), async (trx, file) => {
    await readAudit(trx, ctx, personId, 'consents');
    const today = todayInRome(ctx);
    return (await repo.listConsents(trx, file.actor.tenantId, personId)).map((r) => presentConsent(r, today));
  });
}

export type ConsentResult = { kind: 'saved'; consent: Consent } | { kind: 'invalid'; errors: PrivacyFieldError[] };

export async function giveConsent(ctx: Ctx, personId: string, input: ConsentFields): Promise<ConsentResult> {
  const spec = { permission: 'privacy.record', action: 'consent.give', personId, reach: 'open', write: true } as const;
  return withPersonFile(ctx, spec, async (trx, { actor }): Promise<ConsentResult> => {
    const today = todayInRome(ctx);
    const checked = checkConsent(input, today);
    if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
    const id = newId();
    const at = ctx.clock.now();
    await repo.insertConsent(trx, {
      id,
      tenantId: actor.tenantId,
      personId,
      ...checked.value,
      recordedBy: actor.userId,
      recordedAt: at,
    });
    // The scope may name people or organisations in free text: it stays in the consent row, not in the log.
    await recordEvent(trx, ctx, {
      action: 'consent.give',
      recordType: 'person',
      recordId: personId,
      details: { consent: id, purpose: checked.value.purpose, expiresOn: checked.value.expiresOn },
    });
    const row = await repo.findConsent(trx, actor.tenantId, personId, id);
    if (!row) throw new Error('consent vanished after insert');
    return { kind: 'saved', consent: presentConsent(row, today) };
  });
}

export type RevokeResult =
  | { kind: 'revoked'; consent: Consent }
  | { kind: 'invalid'; errors: PrivacyFieldError[] }
  | { kind: 'already-revoked'; consent: Consent };

/** Revocation keeps the consent on record with its revocation day: consents are never deleted. */
export async function revokeConsent(
  ctx: Ctx,
  personId: string,
  consentId: string,
  revokedOn?: string | null,
): Promise<RevokeResult> {
  const spec = {
    permission: 'privacy.record',
    action: 'consent.revoke',
    personId,
    reach: 'open',
    write: true,
  } as const;
  const result = await withPersonFile(ctx, spec, async (trx, { actor }): Promise<RevokeResult | undefined> => {
    const before = isUuid(consentId) ? await repo.findConsent(trx, actor.tenantId, personId, consentId) : undefined;
    if (!before) return undefined;
    const today = todayInRome(ctx);
    if (before.revoked_on !== null) return { kind: 'already-revoked', consent: presentConsent(before, today) };
    const checked = checkRevocation(revokedOn, before.given_on, today);
    if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
    const revoked = await repo.revokeConsent(trx, actor.tenantId, consentId, checked.value);
    if (!revoked) return { kind: 'already-revoked', consent: presentConsent(before, today) };
    await recordEvent(trx, ctx, {
      action: 'consent.revoke',
      recordType: 'person',
      recordId: personId,
      details: { consent: consentId, purpose: before.purpose },
    });
    return { kind: 'revoked', consent: presentConsent({ ...before, revoked_on: checked.value }, today) };
  });
  if (!result) throw new NotFound('consent');
  return result;
}

/**
 * Whether the person has an active consent for `purpose` — with `scope`, for that scope (compared
 * without case, accents or apostrophes). For other modules (e.g. referrals, before sharing with a
 * partner). Needs `person.read` on the file; the check is audited with its answer.
 */
export async function hasActiveConsent(
  ctx: Ctx,
  personId: string,
  purpose: ConsentPurpose,
  scope?: string,
): Promise<boolean> {
  return withPersonFile(ctx, { ...readSpec(personId), action: 'consent.check' }, async (trx, { actor }) => {
    const today = todayInRome(ctx);
    const rows = await repo.listConsentsFor(trx, actor.tenantId, personId, purpose, scope?.trim() || null);
    const active = rows.some((r) => consentState(r, today) === 'active');
    await recordEvent(trx, ctx, {
      action: 'consent.check',
      recordType: 'person',
      recordId: personId,
      details: { purpose, scoped: scope !== undefined, active },
    });
    return active;
  });
}

export interface PrivacyOverview {
  personId: string;
  today: string;
  notices: Notice[];
  consents: Consent[];
  /** Only for confidential files: who may open it without a reason. */
  assignments: AssignmentsView | null;
  mayRecord: boolean;
  /** The notice version most recently recorded in the tenant: the form's default. */
  suggestedVersion: string;
}

/** Everything the privacy sections of the person file show, in one audited read. */
export async function getPrivacyOverview(ctx: Ctx, personId: string): Promise<PrivacyOverview> {
  return withPersonFile(ctx, readSpec(personId), async (trx, file) => {
    await readAudit(trx, ctx, personId, 'overview');
    const tenantId = file.actor.tenantId;
    const today = todayInRome(ctx);
    return {
      personId,
      today,
      notices: (await repo.listNoticeAcks(trx, tenantId, personId)).map(presentNotice),
      consents: (await repo.listConsents(trx, tenantId, personId)).map((r) => presentConsent(r, today)),
      assignments: file.confidential ? await assignmentsView(trx, file) : null,
      mayRecord: roleMay(peoplePermissions, file.actor, 'privacy.record'),
      suggestedVersion: (await repo.latestNoticeVersion(trx, tenantId)) ?? '',
    };
  });
}
