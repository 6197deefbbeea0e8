import type { Ctx, Operator } from '../../platform/context.ts';
import type { Trx } from '../../platform/db/database.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied } from '../audit/index.ts';
import { type HistoryItem, type Status, TRANSITIONS } from './referrals.model.ts';
import { mayReach, type ReferralAction, referralsPermissions } from './referrals.policy.ts';
import * as repo from './referrals.repository.ts';

export interface FieldError {
  field: string;
  code: string;
}

/** Checks the role may try `action`; a refusal is audited (ids only) and thrown as 403. */
export async function authorise(ctx: Ctx, action: ReferralAction, recordId?: string): Promise<Operator> {
  const actor = ctx.actor;
  if (roleMay(referralsPermissions, actor, action)) return actor;
  await recordDenied(ctx, { action, recordType: 'referral', ...(recordId && isUuid(recordId) ? { recordId } : {}) });
  throw new Forbidden(action);
}

export async function referralNotFound(ctx: Ctx, action: ReferralAction, id: string): Promise<never> {
  await recordDenied(ctx, {
    action,
    recordType: 'referral',
    ...(isUuid(id) ? { recordId: id } : {}),
    details: { reason: 'not-found' },
  });
  throw new NotFound('Referral');
}

export async function referralForbidden(ctx: Ctx, action: ReferralAction, id: string, reason: string): Promise<never> {
  await recordDenied(ctx, { action, recordType: 'referral', recordId: id, details: { reason } });
  throw new Forbidden(action);
}

export class StaleReferral extends DomainError {
  constructor() {
    super(409, 'stale-referral', 'The referral was changed by someone else: reload it and try again');
  }
}

export class IllegalTransition extends DomainError {
  constructor(from: string, to: string) {
    super(409, 'illegal-transition', `A referral cannot go from ${from} to ${to}`);
  }
}

export function checkTransition(from: string, to: Status): void {
  if (!(TRANSITIONS[from as Status] ?? []).includes(to)) throw new IllegalTransition(from, to);
}

/** The organization a partner user belongs to (none: the partner reaches nothing). */
export async function partnerOrgOf(trx: Trx, actor: Operator): Promise<string | null> {
  return actor.role === 'partner' ? repo.partnerOrganization(trx, actor.tenantId, actor.userId) : null;
}

/** Loads a referral the actor reaches (locked if it is about to change); otherwise 404, audited. */
export async function loadReachable(
  trx: Trx,
  ctx: Ctx,
  actor: Operator,
  action: ReferralAction,
  id: string,
  lock = false,
) {
  const row = isUuid(id) ? await repo.findReferral(trx, actor.tenantId, id, lock) : undefined;
  const org = await partnerOrgOf(trx, actor);
  if (!row || !mayReach(actor, row, org)) return referralNotFound(ctx, action, id);
  return { row, org };
}

export async function historyOf(trx: Trx, tenantId: string, id: string): Promise<HistoryItem[]> {
  return (await repo.listEvents(trx, tenantId, id)).map((e) => ({
    from: e.from_status,
    to: e.to_status,
    at: e.at.toISOString(),
    byUser: e.by_user,
    byKind: e.by_kind,
    reasonCode: e.reason_code,
    note: e.note,
  }));
}

export function text(
  errors: FieldError[],
  field: string,
  value: unknown,
  opts: { required?: boolean; max?: number } = {},
) {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) {
    if (opts.required) errors.push({ field, code: 'required' });
    return null;
  }
  if (v.length > (opts.max ?? 4000)) errors.push({ field, code: 'tooLong' });
  return v;
}

export function oneOf<T extends string>(
  errors: FieldError[],
  field: string,
  value: unknown,
  allowed: readonly T[],
  required = true,
): T | null {
  if (value === undefined || value === null || value === '') {
    if (required) errors.push({ field, code: 'required' });
    return null;
  }
  if (!allowed.includes(value as T)) {
    errors.push({ field, code: 'notACode' });
    return null;
  }
  return value as T;
}
