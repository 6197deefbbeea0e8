import type { Ctx, Operator } from '../../platform/context.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { romeWeekdayAndTime } from '../../platform/time.ts';
import { recordDenied } from '../audit/index.ts';
import { type CaseAction, casesPermissions } from './cases.policy.ts';

export interface FieldError {
  field: string;
  code: string;
}

/** Checks the role may try `action`; a refusal is audited (ids only) and thrown as 403. */
export async function authorise(ctx: Ctx, action: CaseAction, recordId?: string): Promise<Operator> {
  const actor = ctx.actor;
  if (roleMay(casesPermissions, actor, action)) return actor;
  await recordDenied(ctx, {
    action,
    recordType: 'case',
    ...(recordId && isUuid(recordId) ? { recordId } : {}),
  });
  throw new Forbidden(action);
}

/** Unknown, foreign or out of reach: audited `denied` and answered 404 (nothing leaks). */
export async function caseNotFound(ctx: Ctx, action: CaseAction, id: string): Promise<never> {
  await recordDenied(ctx, {
    action,
    recordType: 'case',
    ...(isUuid(id) ? { recordId: id } : {}),
    details: { reason: 'not-found' },
  });
  throw new NotFound('Case');
}

/** Reachable but not theirs to change: audited `denied` with a reason, 403. */
export async function caseForbidden(ctx: Ctx, action: CaseAction, id: string, reason: string): Promise<never> {
  await recordDenied(ctx, { action, recordType: 'case', recordId: id, details: { reason } });
  throw new Forbidden(action);
}

export class StaleCase extends DomainError {
  constructor() {
    super(409, 'stale-case', 'The case was changed by someone else: reload it and try again');
  }
}

export class CaseStateConflict extends DomainError {
  constructor(status: string, action: string) {
    super(409, 'case-state', `A ${status} case cannot be ${action}`);
  }
}

export const romeToday = (ctx: Ctx): string => romeWeekdayAndTime(ctx.clock.now()).date;

export const isIsoDate = (s: unknown): s is string =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A text field: trimmed, required or optional, with a maximum length. */
export function text(
  errors: FieldError[],
  field: string,
  value: unknown,
  opts: { required?: boolean; max?: number } = {},
): string | null {
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
