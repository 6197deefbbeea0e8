import type { Ctx, Operator } from '../../platform/context.ts';
import { type Trx, withTenant } from '../../platform/db/database.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { isOutcomeOfPerson } from '../access/index.ts';
import { recordEvent } from '../audit/index.ts';
import { getPerson } from '../people/index.ts';
import {
  authorise,
  CaseStateConflict,
  caseForbidden,
  caseNotFound,
  type FieldError,
  oneOf,
  romeToday,
  StaleCase,
  text,
} from './cases.access.ts';
import { type CaseAction, mayReachCase, mayWorkOnCase } from './cases.policy.ts';
import * as repo from './cases.repository.ts';
import { CASE_AREAS, type CaseSummary, type CaseView, loadCaseView, summary, URGENCIES } from './cases.view.ts';

export type CaseResult = { kind: 'ok'; case: CaseView } | { kind: 'invalid'; errors: FieldError[] };

export interface ProposeCaseInput {
  personId: string;
  area: string;
  reasons: string;
  urgency?: string | undefined;
  assessment?: string | null | undefined;
  sourceOutcomeId?: string | null | undefined;
  householdId?: string | null | undefined;
  officeId?: string | undefined;
}

const isSourceOutcomeError = (e: unknown) => (e as { constraint?: string })?.constraint === 'source_outcome_kind';
const isFkError = (e: unknown) => (e as { code?: string })?.code === '23503';

/** Loads a case the actor may reach, locked when it is about to change; otherwise 404, audited. */
export async function loadReachable(trx: Trx, ctx: Ctx, actor: Operator, action: CaseAction, id: string, lock = false) {
  const row = isUuid(id) ? await repo.findCase(trx, actor.tenantId, id, lock) : undefined;
  if (!row || !mayReachCase(actor, row)) return caseNotFound(ctx, action, id);
  return row;
}

export async function view(trx: Trx, ctx: Ctx, actor: Operator, id: string): Promise<CaseView> {
  const row = await repo.findCase(trx, actor.tenantId, id);
  if (!row) throw new Error('case vanished');
  return loadCaseView(trx, actor.tenantId, row, romeToday(ctx), mayWorkOnCase(actor, row));
}

/** The first level proposes taking charge: from a take-charge outcome of an access, or from a person's file. */
export async function proposeCase(ctx: Ctx, input: ProposeCaseInput): Promise<CaseResult> {
  const actor = await authorise(ctx, 'case.propose');
  const errors: FieldError[] = [];
  const area = oneOf(errors, '/area', input.area, CASE_AREAS);
  const reasons = text(errors, '/reasons', input.reasons, { required: true });
  const urgency = oneOf(errors, '/urgency', input.urgency ?? 'ordinary', URGENCIES);
  const assessment = text(errors, '/assessment', input.assessment, { max: 20000 });
  for (const f of ['sourceOutcomeId', 'householdId', 'officeId'] as const) {
    const v = input[f];
    if (v && !isUuid(v)) errors.push({ field: `/${f}`, code: 'invalid' });
  }
  const officeId = input.officeId ?? actor.officeIds[0];
  if (!officeId) errors.push({ field: '/officeId', code: 'required' });
  else if (actor.officeIds.length > 0 && !actor.officeIds.includes(officeId))
    errors.push({ field: '/officeId', code: 'notYourOffice' });
  if (!isUuid(input.personId)) errors.push({ field: '/personId', code: 'invalid' });
  else {
    // Checked through the people module (audited person.read); a confidential file still exists.
    const found = await getPerson(ctx, input.personId).then(
      () => true,
      () => false,
    );
    if (!found) errors.push({ field: '/personId', code: 'unknown' });
  }
  if (errors.length > 0 || !area || !reasons || !urgency || !officeId) return { kind: 'invalid', errors };
  const id = newId();
  const now = ctx.clock.now();
  try {
    const created = await withTenant(ctx.db, actor.tenantId, async (trx) => {
      // The outcome it starts from must be this person's (the trigger checks only kind and tenant).
      const from = input.sourceOutcomeId;
      if (from && !(await isOutcomeOfPerson(trx, actor.tenantId, from, input.personId))) return undefined;
      const code = await repo.nextCode(trx, actor.tenantId, 'CAS', Number(romeToday(ctx).slice(0, 4)));
      await repo.insertCase(trx, {
        id,
        tenant_id: actor.tenantId,
        code,
        person_id: input.personId,
        household_id: input.householdId ?? null,
        area,
        urgency,
        reasons,
        assessment,
        source_outcome_id: input.sourceOutcomeId ?? null,
        proposing_office_id: officeId,
        proposed_by: actor.userId,
        proposed_at: now,
      });
      await repo.insertEvent(trx, {
        id: newId(),
        tenant_id: actor.tenantId,
        case_id: id,
        kind: 'proposed',
        at: now,
        by_user: actor.userId,
      });
      const v = await view(trx, ctx, actor, id);
      await recordEvent(trx, ctx, {
        action: 'case.propose',
        recordType: 'case',
        recordId: id,
        details: { personId: input.personId, area, urgency, sourceOutcomeId: input.sourceOutcomeId ?? null },
      });
      return v;
    });
    if (!created) return { kind: 'invalid', errors: [{ field: '/sourceOutcomeId', code: 'notThisPerson' }] };
    return { kind: 'ok', case: created };
  } catch (e) {
    if (isSourceOutcomeError(e))
      return { kind: 'invalid', errors: [{ field: '/sourceOutcomeId', code: 'notATakeChargeProposal' }] };
    if (isFkError(e)) {
      const c = (e as { constraint?: string }).constraint ?? '';
      const field = c.includes('household') ? '/householdId' : c.includes('office') ? '/officeId' : '/personId';
      return { kind: 'invalid', errors: [{ field, code: 'unknown' }] };
    }
    throw e;
  }
}

export interface DecideInput {
  decision: 'accept' | 'decline';
  version: number;
  responsibleWorkerId?: string | undefined;
  teamIds?: string[] | undefined;
  reasons?: string | undefined;
}

/** The area coordinator accepts (a responsible social worker, optionally a team) or declines with reasons. */
export async function decideCase(ctx: Ctx, id: string, input: DecideInput): Promise<CaseResult> {
  const actor = await authorise(ctx, 'case.decide', id);
  return withTenant(ctx.db, actor.tenantId, async (trx): Promise<CaseResult> => {
    const row = await loadReachable(trx, ctx, actor, 'case.decide', id, true);
    if (row.status !== 'proposed') throw new CaseStateConflict(row.status, 'decided');
    const errors: FieldError[] = [];
    const now = ctx.clock.now();
    if (input.decision === 'accept') {
      const worker = input.responsibleWorkerId;
      if (!worker) errors.push({ field: '/responsibleWorkerId', code: 'required' });
      else if (!isUuid(worker) || !(await repo.isCaseworker(trx, actor.tenantId, worker)))
        errors.push({ field: '/responsibleWorkerId', code: 'notACaseworker' });
      const team = [...new Set(input.teamIds ?? [])].filter((t) => t !== worker);
      for (const [i, t] of team.entries())
        if (!isUuid(t) || !(await repo.isCaseworker(trx, actor.tenantId, t)))
          errors.push({ field: `/teamIds/${i}`, code: 'notACaseworker' });
      if (errors.length > 0 || !worker) return { kind: 'invalid', errors };
      const ok = await repo.updateCase(trx, actor.tenantId, id, input.version, {
        status: 'open',
        decided_by: actor.userId,
        decided_at: now,
        responsible_worker_id: worker,
      });
      if (!ok) throw new StaleCase();
      await repo.addTeamMembers(trx, actor.tenantId, id, team, now);
      await repo.insertEvent(trx, {
        id: newId(),
        tenant_id: actor.tenantId,
        case_id: id,
        kind: 'accepted',
        at: now,
        by_user: actor.userId,
        to_worker_id: worker,
      });
    } else {
      const reasons = text(errors, '/reasons', input.reasons, { required: true });
      if (!reasons) return { kind: 'invalid', errors };
      const ok = await repo.updateCase(trx, actor.tenantId, id, input.version, {
        status: 'declined',
        decided_by: actor.userId,
        decided_at: now,
        decline_reasons: reasons,
      });
      if (!ok) throw new StaleCase();
      await repo.insertEvent(trx, {
        id: newId(),
        tenant_id: actor.tenantId,
        case_id: id,
        kind: 'declined',
        at: now,
        by_user: actor.userId,
        note: reasons,
      });
    }
    const v = await view(trx, ctx, actor, id);
    await recordEvent(trx, ctx, {
      action: 'case.decide',
      recordType: 'case',
      recordId: id,
      details: {
        decision: input.decision,
        responsibleWorkerId: v.responsibleWorkerId,
        team: v.team,
        decisionHours: v.decisionHours,
      },
    });
    return { kind: 'ok', case: v };
  });
}

/** Reads one case (audited, with whether confidential diary entries were included). */
export async function getCase(ctx: Ctx, id: string): Promise<CaseView> {
  const actor = await authorise(ctx, 'case.read', id);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const row = await loadReachable(trx, ctx, actor, 'case.read', id);
    const confidential = mayWorkOnCase(actor, row);
    const v = await loadCaseView(trx, actor.tenantId, row, romeToday(ctx), confidential);
    await recordEvent(trx, ctx, {
      action: 'case.read',
      recordType: 'case',
      recordId: id,
      details: { confidentialDiary: confidential },
    });
    return v;
  });
}

export interface CaseloadQuery {
  workerId?: string | undefined;
  area?: string | undefined;
  view?: 'active' | 'proposed' | 'all' | undefined;
}

const VIEW_STATUSES = {
  active: ['open', 'suspended'],
  proposed: ['proposed'],
  all: ['proposed', 'declined', 'open', 'suspended', 'closed'],
} as const;

/**
 * Caseloads: a social worker sees their own (responsible or on the team); a coordinator any worker's or
 * any area's, and the proposals awaiting a decision. Audited with the ids listed.
 */
export async function listCaseload(ctx: Ctx, query: CaseloadQuery): Promise<CaseSummary[]> {
  const actor = await authorise(ctx, 'case.list');
  const workerId = actor.role === 'coordinator' ? query.workerId : actor.userId;
  if (actor.role !== 'coordinator' && query.workerId && query.workerId !== actor.userId)
    await caseForbidden(ctx, 'case.list', query.workerId, 'other-worker');
  const statuses = [...VIEW_STATUSES[query.view ?? 'active']];
  const area = query.area && (CASE_AREAS as readonly string[]).includes(query.area) ? query.area : undefined;
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = await repo.listCases(trx, actor.tenantId, {
      workerId: workerId && isUuid(workerId) ? workerId : undefined,
      area,
      statuses,
    });
    const items = rows.map(summary);
    await recordEvent(trx, ctx, {
      action: 'case.list',
      recordType: 'case',
      details: {
        view: query.view ?? 'active',
        workerId: workerId ?? null,
        area: area ?? null,
        ids: items.map((i) => i.id),
      },
    });
    return items;
  });
}

/** Workers who may hold a case, for the coordinator's decision form (names of staff, not of residents). */
export async function listCaseworkers(ctx: Ctx): Promise<{ id: string; name: string }[]> {
  const actor = await authorise(ctx, 'case.decide');
  return withTenant(ctx.db, actor.tenantId, async (trx) =>
    (await repo.listCaseworkers(trx, actor.tenantId)).map((w) => ({ id: w.id, name: w.display_name })),
  );
}
