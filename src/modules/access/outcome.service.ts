import { type Ctx, isOperator } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { authorise, Conflict, inScope, notFound } from './interview.access.ts';
import { PROFESSIONAL_OUTCOMES } from './interview.policy.ts';
import { lockAccess, updateAccessState } from './interview.repository.ts';
import * as repo from './outcome.repository.ts';
import type { FieldError } from './questionnaire.validation.ts';

export const OUTCOME_KINDS = [
  'information',
  'orientation',
  'referral',
  'take_charge_proposal',
  'contribution_application',
  'urgent_intervention',
  'closed_no_action',
  'refused',
] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** Coded reasons: required for a refusal or a closing without action, so they can be counted. */
export const REASON_CODES = {
  refused: ['not_resident_competence', 'not_eligible', 'documents_missing', 'other'],
  closed_no_action: ['person_withdrew', 'resolved_elsewhere', 'unreachable', 'other'],
} as const;

export interface OutcomeInput {
  kind: string;
  detail?: string | null;
  reasonCode?: string | null;
  /** The directory service the person was pointed to: information and orientation outcomes only. */
  serviceId?: string | null;
}

/** Outcome kinds that may name a service of the network directory. */
export const SERVICE_KINDS: readonly OutcomeKind[] = ['information', 'orientation'];

export interface OutcomeView {
  id: string;
  requestId: string;
  kind: OutcomeKind;
  detail: string | null;
  reasonCode: string | null;
  serviceId: string | null;
  recordedAt: string;
}

export type RecordOutcomeResult =
  | { kind: 'recorded'; outcome: OutcomeView }
  | { kind: 'invalid'; errors: FieldError[] };

/** Closing refused: these requests still have no outcome. */
export class RequestsWithoutOutcome extends DomainError {
  constructor(readonly requestIds: string[]) {
    super(409, 'requests-without-outcome', `Every request needs an outcome first: ${requestIds.join(', ')}`);
  }
}

export function checkOutcome(input: OutcomeInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!OUTCOME_KINDS.includes(input.kind as OutcomeKind)) return [{ field: '/kind', code: 'badKind' }];
  const codes: readonly string[] | undefined = REASON_CODES[input.kind as keyof typeof REASON_CODES];
  const reason = input.reasonCode ?? null;
  if (codes) {
    if (!reason) errors.push({ field: '/reasonCode', code: 'required' });
    else if (!codes.includes(reason)) errors.push({ field: '/reasonCode', code: 'notACode' });
    if (reason === 'other' && !input.detail?.trim()) errors.push({ field: '/detail', code: 'requiredForOther' });
  } else if (reason) errors.push({ field: '/reasonCode', code: 'notAllowed' });
  if ((input.detail ?? '').length > 4000) errors.push({ field: '/detail', code: 'tooLong' });
  if (input.serviceId) {
    if (!SERVICE_KINDS.includes(input.kind as OutcomeKind))
      errors.push({ field: '/serviceId', code: 'serviceNotForKind' });
    else if (!isUuid(input.serviceId)) errors.push({ field: '/serviceId', code: 'unknownService' });
  }
  return errors;
}

/** Records one outcome of one request of an access (one or more per request). */
export async function recordOutcome(
  ctx: Ctx,
  accessId: string,
  requestId: string,
  input: OutcomeInput,
): Promise<RecordOutcomeResult> {
  const actor = await authorise(ctx, 'outcome.record', { type: 'access_request', id: requestId });
  if (!isUuid(accessId) || !isUuid(requestId)) return notFound(ctx, 'outcome.record', 'access_request', requestId);
  const errors = checkOutcome(input);
  if (errors.length > 0) return { kind: 'invalid', errors };
  if (actor.role === 'front_office' && PROFESSIONAL_OUTCOMES.includes(input.kind)) {
    await recordDenied(ctx, {
      action: 'outcome.record',
      recordType: 'access_request',
      recordId: requestId,
      details: { reason: 'professional-outcome', kind: input.kind },
    });
    throw new DomainError(403, 'forbidden', `Not allowed: outcome ${input.kind} needs a social worker`);
  }
  type Done = { outcome: OutcomeView } | { invalid: FieldError[] } | undefined;
  const result = await withTenant(ctx.db, actor.tenantId, async (trx): Promise<Done> => {
    const access = await lockAccess(trx, actor.tenantId, accessId);
    if (!access || !inScope(actor, access.office_id)) return undefined;
    if (!(await repo.findRequest(trx, actor.tenantId, accessId, requestId))) return undefined;
    if (access.status === 'closed') throw new Conflict('access-closed', 'The access is closed: no new outcomes');
    if (input.serviceId && !(await repo.serviceOffered(trx, actor.tenantId, input.serviceId)))
      return { invalid: [{ field: '/serviceId', code: 'unknownService' }] };
    const outcome: OutcomeView = {
      id: newId(),
      requestId,
      kind: input.kind as OutcomeKind,
      detail: input.detail?.trim() || null,
      reasonCode: input.reasonCode ?? null,
      serviceId: input.serviceId || null,
      recordedAt: ctx.clock.now().toISOString(),
    };
    await repo.insertOutcome(trx, {
      id: outcome.id,
      tenantId: actor.tenantId,
      requestId,
      kind: outcome.kind,
      detail: outcome.detail,
      reasonCode: outcome.reasonCode,
      serviceId: outcome.serviceId,
      recordedBy: actor.userId,
      recordedAt: new Date(outcome.recordedAt),
    });
    await recordEvent(trx, ctx, {
      action: 'outcome.record',
      recordType: 'access_request',
      recordId: requestId,
      details: {
        accessId,
        outcomeId: outcome.id,
        kind: outcome.kind,
        reasonCode: outcome.reasonCode,
        serviceId: outcome.serviceId,
      },
    });
    return { outcome };
  });
  if (!result) return notFound(ctx, 'outcome.record', 'access_request', requestId);
  if ('invalid' in result) return { kind: 'invalid', errors: result.invalid };
  return { kind: 'recorded', outcome: result.outcome };
}

/**
 * The network directory's services an information or orientation outcome may name, by name: the
 * tenant's services that are not inactive or defunct (public directory data, like /servizi).
 */
export async function outcomeServices(ctx: Ctx): Promise<{ id: string; name: string }[]> {
  const actor = ctx.actor;
  if (!isOperator(actor)) return [];
  return withTenant(ctx.db, actor.tenantId, (trx) => repo.offeredServices(trx, actor.tenantId));
}

/**
 * Closes an access when every request has at least one outcome; otherwise RequestsWithoutOutcome
 * (409) names them. Closing a closed access is a no-op answer with its closing time.
 */
export async function closeAccess(ctx: Ctx, accessId: string): Promise<{ closedAt: string }> {
  const actor = await authorise(ctx, 'access.close', { type: 'access', id: accessId });
  if (!isUuid(accessId)) return notFound(ctx, 'access.close', 'access', accessId);
  const closedAt = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const access = await lockAccess(trx, actor.tenantId, accessId);
    if (!access || !inScope(actor, access.office_id)) return undefined;
    if (access.status === 'closed') throw new Conflict('access-closed', 'The access is already closed');
    const missing = await repo.requestsWithoutOutcome(trx, actor.tenantId, accessId);
    if (missing.length > 0) throw new RequestsWithoutOutcome(missing);
    if ((await repo.countRequests(trx, actor.tenantId, accessId)) === 0)
      throw new Conflict('no-requests', 'The access has no request to close');
    const now = ctx.clock.now();
    if (!(await updateAccessState(trx, actor.tenantId, access, { status: 'closed', closedAt: now })))
      throw new Conflict('stale-version', 'The access changed meanwhile; try again');
    await recordEvent(trx, ctx, { action: 'access.close', recordType: 'access', recordId: accessId });
    return now.toISOString();
  });
  if (!closedAt) return notFound(ctx, 'access.close', 'access', accessId);
  return { closedAt };
}
