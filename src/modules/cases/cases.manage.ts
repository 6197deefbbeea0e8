import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import {
  authorise,
  CaseStateConflict,
  caseForbidden,
  type FieldError,
  oneOf,
  StaleCase,
  text,
} from './cases.access.ts';
import { mayWorkOnCase } from './cases.policy.ts';
import * as repo from './cases.repository.ts';
import { type CaseResult, loadReachable, view } from './cases.service.ts';
import { CASE_AREAS, CLOSE_REASONS } from './cases.view.ts';

export interface StatusInput {
  action: 'suspend' | 'reopen' | 'close';
  version: number;
  reasonCode?: string | undefined;
  note?: string | undefined;
}

const MOVES = {
  suspend: { from: ['open'], to: 'suspended', event: 'suspended' },
  reopen: { from: ['suspended'], to: 'open', event: 'reopened' },
  close: { from: ['open', 'suspended'], to: 'closed', event: 'closed' },
} as const;

/** Suspends, reopens or closes (with a coded reason) a case: its coordinator, responsible worker or team. */
export async function changeCaseStatus(ctx: Ctx, id: string, input: StatusInput): Promise<CaseResult> {
  const actor = await authorise(ctx, 'case.manage', id);
  return withTenant(ctx.db, actor.tenantId, async (trx): Promise<CaseResult> => {
    const row = await loadReachable(trx, ctx, actor, 'case.manage', id, true);
    if (!mayWorkOnCase(actor, row)) return caseForbidden(ctx, 'case.manage', id, 'not-on-case');
    const move = MOVES[input.action];
    if (!move) return { kind: 'invalid', errors: [{ field: '/action', code: 'notACode' }] };
    if (!(move.from as readonly string[]).includes(row.status)) throw new CaseStateConflict(row.status, input.action);
    const errors: FieldError[] = [];
    const reason = input.action === 'close' ? oneOf(errors, '/reasonCode', input.reasonCode, CLOSE_REASONS) : null;
    const note = text(errors, '/note', input.note, { required: reason === 'other' });
    if (errors.length > 0) return { kind: 'invalid', errors };
    const now = ctx.clock.now();
    const ok = await repo.updateCase(trx, actor.tenantId, id, input.version, {
      status: move.to,
      closed_reason_code: reason,
      closed_at: move.to === 'closed' ? now : null,
    });
    if (!ok) throw new StaleCase();
    await repo.insertEvent(trx, {
      id: newId(),
      tenant_id: actor.tenantId,
      case_id: id,
      kind: move.event,
      at: now,
      by_user: actor.userId,
      reason_code: reason,
      note,
    });
    const v = await view(trx, ctx, actor, id);
    await recordEvent(trx, ctx, {
      action: 'case.manage',
      recordType: 'case',
      recordId: id,
      details: { move: input.action, reasonCode: reason },
    });
    return { kind: 'ok', case: v };
  });
}

export interface TransferInput {
  version: number;
  toWorkerId?: string | undefined;
  toArea?: string | undefined;
  note: string;
}

/** Hands the case to another worker and/or area with a hand-over note; the history keeps both ends. */
export async function transferCase(ctx: Ctx, id: string, input: TransferInput): Promise<CaseResult> {
  const actor = await authorise(ctx, 'case.manage', id);
  return withTenant(ctx.db, actor.tenantId, async (trx): Promise<CaseResult> => {
    const row = await loadReachable(trx, ctx, actor, 'case.manage', id, true);
    if (!mayWorkOnCase(actor, row)) return caseForbidden(ctx, 'case.manage', id, 'not-on-case');
    if (row.status !== 'open' && row.status !== 'suspended') throw new CaseStateConflict(row.status, 'transferred');
    const errors: FieldError[] = [];
    const note = text(errors, '/note', input.note, { required: true });
    const area = oneOf(errors, '/toArea', input.toArea, CASE_AREAS, false);
    const worker = input.toWorkerId;
    if (worker && (!isUuid(worker) || !(await repo.isCaseworker(trx, actor.tenantId, worker))))
      errors.push({ field: '/toWorkerId', code: 'notACaseworker' });
    if (!worker && !area) errors.push({ field: '/toWorkerId', code: 'workerOrAreaRequired' });
    if (errors.length > 0) return { kind: 'invalid', errors };
    const ok = await repo.updateCase(trx, actor.tenantId, id, input.version, {
      ...(worker ? { responsible_worker_id: worker } : {}),
      ...(area ? { area } : {}),
    });
    if (!ok) throw new StaleCase();
    await repo.insertEvent(trx, {
      id: newId(),
      tenant_id: actor.tenantId,
      case_id: id,
      kind: 'transferred',
      at: ctx.clock.now(),
      by_user: actor.userId,
      from_worker_id: row.responsible_worker_id,
      to_worker_id: worker ?? row.responsible_worker_id,
      from_area: row.area,
      to_area: area ?? row.area,
      note,
    });
    const v = await view(trx, ctx, actor, id);
    await recordEvent(trx, ctx, {
      action: 'case.manage',
      recordType: 'case',
      recordId: id,
      details: { move: 'transfer', toWorkerId: worker ?? null, toArea: area ?? null },
    });
    return { kind: 'ok', case: v };
  });
}
