import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordEvent } from '../audit/index.ts';
import { authorise, Conflict, inScope, notFound } from './interview.access.ts';
import { interviewPermissions } from './interview.policy.ts';
import * as repo from './interview.repository.ts';
import { findById as findQuestionnaire } from './questionnaire.repository.ts';
import {
  type AnswerValue,
  type FieldError,
  type QuestionnaireDefinition,
  validateAnswers,
} from './questionnaire.validation.ts';

export interface InterviewInput {
  kind: 'immediate' | 'booked';
  startedAt: string;
  durationMinutes?: number | null;
  questionnaireVersionId?: string | null;
  answers?: Record<string, unknown>;
  confidentialSummary?: string | null;
  helpAtFirstInterview: boolean;
}

export interface InterviewView {
  id: string;
  kind: string;
  conductedBy: { id: string; name: string | null };
  startedAt: string;
  durationMinutes: number | null;
  questionnaire: { id: string; code: string | null; version: number | null } | null;
  answers: Record<string, AnswerValue>;
  /** Present only for social workers; absent (not null) for everyone else. */
  confidentialSummary?: string | null;
}

export type RecordInterviewResult =
  | { kind: 'recorded'; interview: InterviewView }
  | { kind: 'invalid'; errors: FieldError[] };

function checkInput(input: InterviewInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (input.kind !== 'immediate' && input.kind !== 'booked') errors.push({ field: '/kind', code: 'badKind' });
  const started = new Date(input.startedAt);
  if (Number.isNaN(started.getTime())) errors.push({ field: '/startedAt', code: 'notADateTime' });
  else if (started.getTime() > now.getTime() + 5 * 60_000) errors.push({ field: '/startedAt', code: 'inTheFuture' });
  const d = input.durationMinutes;
  if (d !== undefined && d !== null && (!Number.isInteger(d) || d < 1 || d > 600))
    errors.push({ field: '/durationMinutes', code: 'outOfRange' });
  if (typeof input.helpAtFirstInterview !== 'boolean')
    errors.push({ field: '/helpAtFirstInterview', code: 'required' });
  if ((input.confidentialSummary ?? '').length > 20000) errors.push({ field: '/confidentialSummary', code: 'tooLong' });
  if (input.answers && !input.questionnaireVersionId)
    errors.push({ field: '/questionnaireVersionId', code: 'requiredWithAnswers' });
  if (input.questionnaireVersionId && !isUuid(input.questionnaireVersionId))
    errors.push({ field: '/questionnaireVersionId', code: 'unknownQuestionnaire' });
  return errors;
}

/** Presenter: the confidential summary leaves the service only for social workers. */
export function presentInterview(row: repo.InterviewRow, withSummary: boolean): InterviewView {
  return {
    id: row.id,
    kind: row.kind,
    conductedBy: { id: row.conducted_by, name: row.conducted_by_name },
    startedAt: row.started_at.toISOString(),
    durationMinutes: row.duration_minutes,
    questionnaire: row.questionnaire_version_id
      ? { id: row.questionnaire_version_id, code: row.questionnaire_code, version: row.questionnaire_version }
      : null,
    answers: (row.answers ?? {}) as Record<string, AnswerValue>,
    ...(withSummary ? { confidentialSummary: row.confidential_summary } : {}),
  };
}

/**
 * Records an interview (social workers only). Answers are checked against the questionnaire version
 * chosen; the access moves to `open` (interview held, outcomes to come) and the first interview
 * records whether concrete help was given there and then.
 */
export async function recordInterview(
  ctx: Ctx,
  accessId: string,
  input: InterviewInput,
): Promise<RecordInterviewResult> {
  const actor = await authorise(ctx, 'interview.conduct', { type: 'access', id: accessId });
  if (!isUuid(accessId)) return notFound(ctx, 'interview.conduct', 'access', accessId);
  const errors = checkInput(input, ctx.clock.now());
  if (errors.length > 0) return { kind: 'invalid', errors };
  const result = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const access = await repo.lockAccess(trx, actor.tenantId, accessId);
    if (!access || !inScope(actor, access.office_id)) return 'not-found' as const;
    if (access.status === 'closed') throw new Conflict('access-closed', 'The access is closed: no new interviews');
    let answers: Record<string, AnswerValue> = {};
    if (input.questionnaireVersionId) {
      const q = await findQuestionnaire(trx, actor.tenantId, input.questionnaireVersionId);
      if (!q)
        return {
          kind: 'invalid' as const,
          errors: [{ field: '/questionnaireVersionId', code: 'unknownQuestionnaire' }],
        };
      const checked = validateAnswers(q.definition as QuestionnaireDefinition, input.answers ?? {});
      if (checked.errors.length > 0) return { kind: 'invalid' as const, errors: checked.errors };
      answers = checked.clean;
    }
    const first = (await repo.countInterviews(trx, actor.tenantId, accessId)) === 0;
    const id = newId();
    await repo.insertInterview(trx, {
      id,
      tenantId: actor.tenantId,
      accessId,
      kind: input.kind,
      conductedBy: actor.userId,
      startedAt: new Date(input.startedAt),
      durationMinutes: input.durationMinutes ?? null,
      questionnaireVersionId: input.questionnaireVersionId ?? null,
      answers,
      confidentialSummary: input.confidentialSummary?.trim() || null,
    });
    const moved = await repo.updateAccessState(trx, actor.tenantId, access, {
      status: 'open',
      ...(first ? { helpAtFirstInterview: input.helpAtFirstInterview } : {}),
    });
    if (!moved) throw new Conflict('stale-version', 'The access changed meanwhile; try again');
    await recordEvent(trx, ctx, {
      action: 'interview.conduct',
      recordType: 'access',
      recordId: accessId,
      details: {
        interviewId: id,
        kind: input.kind,
        questionnaireVersionId: input.questionnaireVersionId ?? null,
        first,
      },
    });
    const rows = await repo.listInterviews(trx, actor.tenantId, accessId);
    const row = rows.find((r) => r.id === id);
    if (!row) throw new Error('interview vanished');
    return { kind: 'recorded' as const, interview: presentInterview(row, true) };
  });
  if (result === 'not-found') return notFound(ctx, 'interview.conduct', 'access', accessId);
  return result;
}

/** Marks an access as being interviewed now (waiting → in_interview), so the office list shows it. */
export async function startInterview(ctx: Ctx, accessId: string): Promise<void> {
  const actor = await authorise(ctx, 'interview.conduct', { type: 'access', id: accessId });
  if (!isUuid(accessId)) return notFound(ctx, 'interview.conduct', 'access', accessId);
  const found = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const access = await repo.lockAccess(trx, actor.tenantId, accessId);
    if (!access || !inScope(actor, access.office_id)) return false;
    if (access.status !== 'waiting') return true;
    await repo.updateAccessState(trx, actor.tenantId, access, { status: 'in_interview' });
    await recordEvent(trx, ctx, { action: 'interview.start', recordType: 'access', recordId: accessId });
    return true;
  });
  if (!found) return notFound(ctx, 'interview.conduct', 'access', accessId);
}

/** The interviews of an access, oldest first; audited with the ids shown. */
export async function getInterviews(ctx: Ctx, accessId: string): Promise<InterviewView[]> {
  const actor = await authorise(ctx, 'interview.read', { type: 'access', id: accessId });
  if (!isUuid(accessId)) return notFound(ctx, 'interview.read', 'access', accessId);
  const withSummary = roleMay(interviewPermissions, actor, 'interview.read_summary');
  const rows = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const access = await repo.findAccess(trx, actor.tenantId, accessId);
    if (!access || !inScope(actor, access.office_id)) return undefined;
    const list = await repo.listInterviews(trx, actor.tenantId, accessId);
    await recordEvent(trx, ctx, {
      action: 'interview.read',
      recordType: 'access',
      recordId: accessId,
      details: { interviewIds: list.map((r) => r.id), withSummary },
    });
    return list;
  });
  if (!rows) return notFound(ctx, 'interview.read', 'access', accessId);
  return rows.map((r) => presentInterview(r, withSummary));
}
