import type { Ctx, Operator } from '../../platform/context.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied } from '../audit/index.ts';
import { interviewPermissions } from './interview.policy.ts';

export type InterviewAction = keyof typeof interviewPermissions;

/** Checks the role may do `action`; a refusal is audited (ids only) and thrown. */
export async function authorise(
  ctx: Ctx,
  action: InterviewAction,
  record: { type: string; id?: string },
): Promise<Operator> {
  const actor = ctx.actor;
  if (roleMay(interviewPermissions, actor, action)) return actor;
  await recordDenied(ctx, {
    action,
    recordType: record.type,
    ...(record.id && isUuid(record.id) ? { recordId: record.id } : {}),
  });
  throw new Forbidden(action);
}

/**
 * Office scope, the same rule as the access register's: an operator reaches the accesses of their
 * assigned offices; a coordinator with no assigned office oversees every office of the tenant; other
 * roles with no office reach none. Row-level security keeps other tenants out.
 */
export function inScope(actor: Operator, officeId: string): boolean {
  if (actor.officeIds.length === 0) return actor.role === 'coordinator';
  return actor.officeIds.includes(officeId);
}

/** A missing, foreign or out-of-scope record: audited `denied`, answered 404 (nothing leaks). */
export async function notFound(ctx: Ctx, action: InterviewAction, type: string, id: string): Promise<never> {
  await recordDenied(ctx, {
    action,
    recordType: type,
    ...(isUuid(id) ? { recordId: id } : {}),
    details: { reason: 'not-found' },
  });
  throw new NotFound(type === 'access' ? 'Access' : 'Request');
}

export class Conflict extends DomainError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}
