import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError, NotFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import * as plans from './careplan.repository.ts';
import {
  addDays,
  authorise,
  CaseStateConflict,
  caseForbidden,
  type FieldError,
  isIsoDate,
  oneOf,
  romeToday,
  text,
} from './cases.access.ts';
import { mayWorkOnCase } from './cases.policy.ts';
import { type CaseResult, loadReachable, view } from './cases.service.ts';

export const PLAN_KINDS = ['care_plan', 'inclusion_pact'] as const;
export const REVIEW_OUTCOMES = ['on_track', 'partly', 'not_met', 'compliant', 'not_compliant', 'not_held'] as const;
/** ADI inclusion pact: a first meeting, then a conditionality check every 90 days over the 18 months of the benefit. */
export const CONDITIONALITY_EVERY_DAYS = 90;
export const CONDITIONALITY_CHECKS = 7;

export interface CarePlanInput {
  /** The version the writer started from (0 for the first plan): a stale one is a conflict. */
  basedOnVersion: number;
  kind: string;
  goals: { text: string }[];
  actions: { service: string; owner: string; from: string; to?: string | null }[];
  agreedOn?: string | null | undefined;
  reviewDates?: string[] | undefined;
}

export class StalePlan extends DomainError {
  constructor(current: number) {
    super(409, 'stale-plan', `The plan is now at version ${current}: reload it and try again`);
  }
}

function checkPlan(input: CarePlanInput, errors: FieldError[]) {
  const kind = oneOf(errors, '/kind', input.kind, PLAN_KINDS);
  const goals = (input.goals ?? []).map((g, i) => ({
    text: text(errors, `/goals/${i}/text`, g?.text, { required: true, max: 1000 }) ?? '',
  }));
  if (goals.length === 0) errors.push({ field: '/goals', code: 'required' });
  const actions = (input.actions ?? []).map((a, i) => {
    const from = isIsoDate(a?.from) ? a.from : null;
    if (!from) errors.push({ field: `/actions/${i}/from`, code: 'invalidDate' });
    const to = a?.to ? (isIsoDate(a.to) ? a.to : null) : null;
    if (a?.to && !to) errors.push({ field: `/actions/${i}/to`, code: 'invalidDate' });
    if (from && to && to < from) errors.push({ field: `/actions/${i}/to`, code: 'beforeFrom' });
    return {
      service: text(errors, `/actions/${i}/service`, a?.service, { required: true, max: 300 }) ?? '',
      owner: text(errors, `/actions/${i}/owner`, a?.owner, { required: true, max: 200 }) ?? '',
      from: from ?? '',
      to,
    };
  });
  const agreedOn = input.agreedOn ? (isIsoDate(input.agreedOn) ? input.agreedOn : null) : null;
  if (input.agreedOn && !agreedOn) errors.push({ field: '/agreedOn', code: 'invalidDate' });
  const reviewDates = [...new Set(input.reviewDates ?? [])];
  for (const [i, d] of reviewDates.entries())
    if (!isIsoDate(d)) errors.push({ field: `/reviewDates/${i}`, code: 'invalidDate' });
  return { kind, goals, actions, agreedOn, reviewDates };
}

/**
 * Saves the care plan as a new version (earlier versions stay); schedules the review dates given and,
 * for an inclusion pact, the conditionality checks (first meeting, then every 90 days) once.
 */
export async function saveCarePlan(ctx: Ctx, caseId: string, input: CarePlanInput): Promise<CaseResult> {
  const actor = await authorise(ctx, 'care_plan.write', caseId);
  return withTenant(ctx.db, actor.tenantId, async (trx): Promise<CaseResult> => {
    const row = await loadReachable(trx, ctx, actor, 'care_plan.write', caseId, true);
    if (!mayWorkOnCase(actor, row)) return caseForbidden(ctx, 'care_plan.write', caseId, 'not-on-case');
    if (row.status !== 'open' && row.status !== 'suspended') throw new CaseStateConflict(row.status, 'planned');
    const errors: FieldError[] = [];
    const p = checkPlan(input, errors);
    if (errors.length > 0 || !p.kind) return { kind: 'invalid', errors };
    const current = await plans.currentPlan(trx, actor.tenantId, caseId);
    const currentVersion = current?.version ?? 0;
    if (input.basedOnVersion !== currentVersion) throw new StalePlan(currentVersion);
    const today = romeToday(ctx);
    await plans.insertPlan(trx, {
      id: newId(),
      tenant_id: actor.tenantId,
      case_id: caseId,
      version: currentVersion + 1,
      kind: p.kind,
      goals: p.goals,
      actions: p.actions,
      agreed_on: p.agreedOn,
      created_by: actor.userId,
      created_at: ctx.clock.now(),
    });
    const existing = await plans.listReviews(trx, actor.tenantId, caseId);
    const pending = new Set(
      existing.filter((r) => r.kind === 'review' && !r.done_on).map((r) => String(r.due_on).slice(0, 10)),
    );
    const rows = p.reviewDates
      .filter((d) => !pending.has(d))
      .map((due_on) => ({ id: newId(), tenant_id: actor.tenantId, case_id: caseId, kind: 'review', due_on }));
    let checks = 0;
    if (p.kind === 'inclusion_pact' && !existing.some((r) => r.kind === 'conditionality_check')) {
      const first = p.agreedOn ?? today;
      for (let i = 0; i < CONDITIONALITY_CHECKS; i++)
        rows.push({
          id: newId(),
          tenant_id: actor.tenantId,
          case_id: caseId,
          kind: 'conditionality_check',
          due_on: addDays(first, i * CONDITIONALITY_EVERY_DAYS),
        });
      checks = CONDITIONALITY_CHECKS;
    }
    await plans.insertReviews(trx, rows);
    const v = await view(trx, ctx, actor, caseId);
    await recordEvent(trx, ctx, {
      action: 'care_plan.write',
      recordType: 'case',
      recordId: caseId,
      details: {
        version: currentVersion + 1,
        kind: p.kind,
        agreed: p.agreedOn !== null,
        reviewsScheduled: rows.length - checks,
        checksScheduled: checks,
      },
    });
    return { kind: 'ok', case: v };
  });
}

export interface ReviewInput {
  doneOn: string;
  outcome: string;
  note?: string | undefined;
}

/** Records the outcome of a review or a conditionality check (once). */
export async function recordReview(
  ctx: Ctx,
  caseId: string,
  reviewId: string,
  input: ReviewInput,
): Promise<CaseResult> {
  const actor = await authorise(ctx, 'care_plan.write', caseId);
  return withTenant(ctx.db, actor.tenantId, async (trx): Promise<CaseResult> => {
    const row = await loadReachable(trx, ctx, actor, 'care_plan.write', caseId, true);
    if (!mayWorkOnCase(actor, row)) return caseForbidden(ctx, 'care_plan.write', caseId, 'not-on-case');
    const errors: FieldError[] = [];
    if (!isIsoDate(input.doneOn)) errors.push({ field: '/doneOn', code: 'invalidDate' });
    else if (input.doneOn > romeToday(ctx)) errors.push({ field: '/doneOn', code: 'inTheFuture' });
    const outcome = oneOf(errors, '/outcome', input.outcome, REVIEW_OUTCOMES);
    const note = text(errors, '/note', input.note);
    if (errors.length > 0 || !outcome) return { kind: 'invalid', errors };
    const done = isUuid(reviewId)
      ? await plans.completeReview(trx, actor.tenantId, caseId, reviewId, {
          done_on: input.doneOn,
          outcome,
          note,
          recorded_by: actor.userId,
        })
      : false;
    if (!done) throw new NotFound('Review');
    const v = await view(trx, ctx, actor, caseId);
    await recordEvent(trx, ctx, {
      action: 'care_plan.write',
      recordType: 'case',
      recordId: caseId,
      details: { reviewId, outcome },
    });
    return { kind: 'ok', case: v };
  });
}

/** A dated professional note in the case diary; confidential (team only) unless said otherwise. */
export async function addDiaryEntry(
  ctx: Ctx,
  caseId: string,
  input: { note: string; confidential?: boolean },
): Promise<CaseResult> {
  const actor = await authorise(ctx, 'case.diary_write', caseId);
  return withTenant(ctx.db, actor.tenantId, async (trx): Promise<CaseResult> => {
    const row = await loadReachable(trx, ctx, actor, 'case.diary_write', caseId, true);
    if (!mayWorkOnCase(actor, row)) return caseForbidden(ctx, 'case.diary_write', caseId, 'not-on-case');
    const errors: FieldError[] = [];
    const note = text(errors, '/note', input.note, { required: true, max: 20000 });
    if (!note) return { kind: 'invalid', errors };
    const id = newId();
    const confidential = input.confidential ?? true;
    await plans.insertDiaryEntry(trx, {
      id,
      tenant_id: actor.tenantId,
      case_id: caseId,
      written_by: actor.userId,
      written_at: ctx.clock.now(),
      note,
      confidential,
    });
    const v = await view(trx, ctx, actor, caseId);
    await recordEvent(trx, ctx, {
      action: 'case.diary_write',
      recordType: 'case',
      recordId: caseId,
      details: { entryId: id, confidential },
    });
    return { kind: 'ok', case: v };
  });
}

/** Tasks raised by overdue reviews and checks: the worker's own cases, or every case for a coordinator. */
export async function listOverdueReviews(ctx: Ctx) {
  const actor = await authorise(ctx, 'case.list');
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = await plans.overdueReviews(
      trx,
      actor.tenantId,
      romeToday(ctx),
      actor.role === 'coordinator' ? undefined : actor.userId,
    );
    const items = rows.map((r) => ({
      reviewId: r.id,
      caseId: r.case_id,
      caseCode: r.code,
      kind: r.kind,
      dueOn: String(r.due_on).slice(0, 10),
      responsibleWorkerId: r.responsible_worker_id,
    }));
    await recordEvent(trx, ctx, {
      action: 'case.list',
      recordType: 'case',
      details: { view: 'overdue_reviews', ids: [...new Set(items.map((i) => i.caseId))] },
    });
    return items;
  });
}
