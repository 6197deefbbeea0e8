import type { Ctx, Operator } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { romeWeekdayAndTime, startOfRomeDay } from '../../platform/time.ts';
import { getAccess } from '../access/index.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { getCase } from '../cases/index.ts';
import { getPerson } from '../people/index.ts';
import * as repo from './applications.repository.ts';
import { type ApplicationView, presentApplication } from './applications.view.ts';
import { benefitsPermissions } from './benefits.policy.ts';
import { selectVersion } from './rules.catalogue.ts';
import { evaluateRuleSet } from './rules.engine.ts';
import { traceText } from './rules.explain.ts';
import * as rules from './rules.repository.ts';
import { DOCUMENTS, INPUTS, type Inputs } from './rules.types.ts';

export const CHECK_KINDS = ['isee_validity', 'residence', 'documents', 'home_visit'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export interface OpenApplicationInput {
  personId: string;
  accessId?: string | undefined;
  /** The case (presa in carico) it comes from: the same person's, read through the cases module. */
  caseId?: string | undefined;
  measure: string;
  inputs: Inputs;
  dsuProtocol?: string | undefined;
  dsuDate?: string | undefined;
  iseeValidUntil?: string | undefined;
  documentsDemanded?: string[] | undefined;
}

export interface FieldError {
  field: string;
  code: string;
}
export type OpenResult = { kind: 'opened'; application: ApplicationView } | { kind: 'invalid'; errors: FieldError[] };

type Action = keyof typeof benefitsPermissions;

export async function authorise(ctx: Ctx, action: Action, recordId?: string): Promise<Operator> {
  if (!roleMay(benefitsPermissions, ctx.actor, action)) {
    await recordDenied(ctx, {
      action,
      recordType: 'benefit_application',
      ...(recordId ? { recordId: recordId.slice(0, 64) } : {}),
    });
    throw new Forbidden(action);
  }
  return ctx.actor;
}

export const today = (ctx: Ctx) => romeWeekdayAndTime(ctx.clock.now()).date;

async function notFound(ctx: Ctx, action: Action, id: string): Promise<never> {
  await recordDenied(ctx, {
    action,
    recordType: 'benefit_application',
    recordId: id.slice(0, 64),
    details: { reason: 'not-found' },
  });
  throw new NotFound('benefit application');
}

function validateInputs(input: OpenApplicationInput): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(input.inputs ?? {})) {
    const spec = INPUTS[name as keyof typeof INPUTS];
    const ok = spec && (spec.kind === 'flag' ? typeof value === 'boolean' : typeof value === 'number' && value >= 0);
    if (!ok) errors.push({ field: `inputs.${name}`, code: 'invalid' });
  }
  for (const field of ['dsuDate', 'iseeValidUntil'] as const) {
    const v = input[field];
    if (v !== undefined && !startOfRomeDay(v)) errors.push({ field, code: 'badDate' });
  }
  if (input.dsuProtocol !== undefined && input.dsuProtocol.length > 30) {
    errors.push({ field: 'dsuProtocol', code: 'tooLong' });
  }
  for (const d of input.documentsDemanded ?? []) {
    if (!(d in DOCUMENTS)) errors.push({ field: 'documentsDemanded', code: 'unknownDocument' });
  }
  return errors;
}

/**
 * Opens an application for a municipal contribution: the person (through the people module), the access
 * it comes from (optional, through the access module), the declared inputs, the documents demanded (a
 * control fact) and the evaluation by the rule version in effect today, stored with its full trace.
 */
export async function openApplication(ctx: Ctx, input: OpenApplicationInput): Promise<OpenResult> {
  const actor = await authorise(ctx, 'benefit_application.prepare');
  const errors = validateInputs(input);
  if (!isUuid(input.personId)) errors.push({ field: 'personId', code: 'unknown' });
  if (input.accessId !== undefined && !isUuid(input.accessId)) errors.push({ field: 'accessId', code: 'unknown' });
  if (input.caseId !== undefined && !isUuid(input.caseId)) errors.push({ field: 'caseId', code: 'unknown' });
  const day = today(ctx);
  const versions = await withTenant(ctx.db, actor.tenantId, (trx) =>
    rules.listVersions(trx, actor.tenantId, input.measure),
  );
  const ruleSet = selectVersion(versions, day);
  if (ruleSet?.definition.kind !== 'municipal') errors.push({ field: 'measure', code: 'unknown' });
  if (errors.length > 0 || !ruleSet) return { kind: 'invalid', errors };
  // The person and the access are read through their modules (each audits its own read and scope).
  const person = await getPerson(ctx, input.personId).catch(() => undefined);
  if (person?.kind !== 'person') return { kind: 'invalid', errors: [{ field: 'personId', code: 'unknown' }] };
  if (input.accessId) {
    const access = await getAccess(ctx, input.accessId).catch(() => undefined);
    if (!access) return { kind: 'invalid', errors: [{ field: 'accessId', code: 'unknown' }] };
  }
  // A case the reader may not see, or another person's, is "unknown" alike: nothing is revealed.
  const fromCase = input.caseId ? await getCase(ctx, input.caseId).catch(() => undefined) : undefined;
  if (input.caseId && fromCase?.personId !== input.personId) {
    return { kind: 'invalid', errors: [{ field: 'caseId', code: 'unknown' }] };
  }
  const evaluation = evaluateRuleSet(ruleSet.definition, input.inputs, ruleSet);
  const iseeMax = ruleSet.definition.parameters.iseeMax?.value;
  const id = newId();
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const year = Number(day.slice(0, 4));
    const n = await repo.nextCodeNumber(trx, actor.tenantId, year);
    await repo.insertApplication(trx, {
      id,
      tenant_id: actor.tenantId,
      code: `BEN-${year}-${String(n).padStart(6, '0')}`,
      person_id: input.personId,
      access_id: input.accessId ?? null,
      case_id: fromCase?.id ?? null,
      presa_carico: fromCase !== undefined && ['open', 'suspended'].includes(fromCase.status),
      measure: ruleSet.measure,
      inputs: input.inputs,
      isee_value: typeof input.inputs.isee === 'number' ? String(input.inputs.isee) : null,
      dsu_protocol: input.dsuProtocol ?? null,
      dsu_date: input.dsuDate ?? null,
      isee_valid_until: input.iseeValidUntil ?? null,
      means_test: typeof iseeMax === 'number' ? 1 : 4,
      siuss_benefit_code: null,
      documents_demanded: input.documentsDemanded ?? ruleSet.definition.documents,
      rule_set_id: ruleSet.id,
      evaluation: { ...evaluation, explanation: traceText(evaluation, ruleSet.definition) },
      evaluated_on: day,
      isee_threshold: typeof iseeMax === 'number' ? String(iseeMax) : null,
      prepared_by: actor.userId,
      opened_at: ctx.clock.now(),
    });
    const row = await repo.findApplication(trx, actor.tenantId, id);
    if (!row) throw new Error('application vanished');
    await recordEvent(trx, ctx, {
      action: 'benefit_application.prepare',
      recordType: 'benefit_application',
      recordId: id,
      details: {
        step: 'open',
        personId: input.personId,
        caseId: fromCase?.id ?? null,
        measure: ruleSet.measure,
        ruleVersion: ruleSet.version,
        result: evaluation.result,
        documentsDemanded: row.documents_demanded,
      },
    });
    return { kind: 'opened', application: presentApplication(row, []) };
  });
}

/** Reads an application with its checks and payments (audited). */
export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationView> {
  const actor = await authorise(ctx, 'benefit_application.read', id);
  const found = isUuid(id)
    ? await withTenant(ctx.db, actor.tenantId, async (trx) => {
        const row = await repo.findApplication(trx, actor.tenantId, id);
        if (!row) return undefined;
        const checks = await repo.listChecks(trx, actor.tenantId, id);
        const payments = await repo.listPayments(trx, actor.tenantId, { applicationId: id });
        await recordEvent(trx, ctx, {
          action: 'benefit_application.read',
          recordType: 'benefit_application',
          recordId: id,
        });
        return presentApplication(row, checks, payments);
      })
    : undefined;
  return found ?? notFound(ctx, 'benefit_application.read', id);
}

/** The open applications (or by status / person), newest first; audited with the ids listed. */
export async function listApplications(
  ctx: Ctx,
  filter: { status?: 'open' | 'approved' | 'rejected'; personId?: string },
): Promise<ApplicationView[]> {
  const actor = await authorise(ctx, 'benefit_application.read');
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = await repo.listApplications(trx, actor.tenantId, filter);
    await recordEvent(trx, ctx, {
      action: 'benefit_application.list',
      recordType: 'benefit_application',
      details: { status: filter.status ?? null, ids: rows.map((r) => r.id) },
    });
    return rows.map((r) => presentApplication(r, []));
  });
}

/**
 * Requests a check (the control side, recorded as such), or records the result of a pending one. Only
 * on an open application.
 */
export async function recordCheck(
  ctx: Ctx,
  applicationId: string,
  input: { kind: CheckKind } | { checkId: string; result: 'passed' | 'failed'; doneOn?: string },
): Promise<ApplicationView> {
  const actor = await authorise(ctx, 'benefit_application.prepare', applicationId);
  if (!isUuid(applicationId)) return notFound(ctx, 'benefit_application.prepare', applicationId);
  const result = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const app = await repo.findApplication(trx, actor.tenantId, applicationId, true);
    if (!app) return undefined;
    if (app.status !== 'open') throw new DomainError(409, 'application-decided', 'The application is decided');
    let details: Record<string, unknown>;
    let action: string;
    if ('kind' in input) {
      if (!CHECK_KINDS.includes(input.kind)) throw new DomainError(422, 'invalid-check', 'Unknown check');
      const id = newId();
      await repo.insertCheck(trx, {
        id,
        tenant_id: actor.tenantId,
        application_id: applicationId,
        kind: input.kind,
        requested_at: ctx.clock.now(),
        requested_by: actor.userId,
        result: 'pending',
        done_on: null,
        done_by: null,
      });
      action = 'benefit_check.request';
      details = { checkId: id, kind: input.kind };
    } else {
      const doneOn = input.doneOn ?? today(ctx);
      if (!startOfRomeDay(doneOn) || doneOn > today(ctx) || !['passed', 'failed'].includes(input.result)) {
        throw new DomainError(422, 'invalid-check', 'Result or date not valid');
      }
      const ok = isUuid(input.checkId)
        ? await repo.completeCheck(trx, actor.tenantId, applicationId, input.checkId, {
            result: input.result,
            done_on: doneOn,
            done_by: actor.userId,
          })
        : false;
      if (!ok) throw new DomainError(409, 'check-not-pending', 'No pending check with this id');
      action = 'benefit_check.complete';
      details = { checkId: input.checkId, result: input.result };
    }
    const checks = await repo.listChecks(trx, actor.tenantId, applicationId);
    const payments = await repo.listPayments(trx, actor.tenantId, { applicationId });
    await recordEvent(trx, ctx, { action, recordType: 'benefit_application', recordId: applicationId, details });
    return presentApplication(app, checks, payments);
  });
  return result ?? notFound(ctx, 'benefit_application.prepare', applicationId);
}
