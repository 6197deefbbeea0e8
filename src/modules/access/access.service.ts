import type { Ctx, Operator } from '../../platform/context.ts';
import { type Trx, withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { romeWeekdayAndTime } from '../../platform/time.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { getPerson } from '../people/index.ts';
import { accessPermissions, inOfficeScope } from './access.policy.ts';
import * as repo from './access.repository.ts';
import {
  type FieldError,
  moreUrgent,
  type RegisterAccessInput,
  union,
  validateAccessInput,
} from './access.validation.ts';
import { type AccessView, loadAccessView } from './access.view.ts';
import { loadCurrentTaxonomy } from './taxonomy.service.ts';

export type RegisterResult =
  | { kind: 'created'; access: AccessView }
  /** IASS counting rule: a named person already had an access today at this office; the requests joined it. */
  | { kind: 'attached'; access: AccessView }
  | { kind: 'invalid'; errors: FieldError[] };

/** The unique index behind the counting rule (0003_create_access_register.sql). */
export const ONE_A_DAY_INDEX = 'access_person_one_a_day';

const isOneADayViolation = (err: unknown): boolean => {
  const e = err as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && e.constraint === ONE_A_DAY_INDEX;
};

export const romeDay = (at: Date): string => romeWeekdayAndTime(at).date;

/** ACC-YYYY-NNNNNN: read aloud at the desk and on the phone. */
export const accessCode = (year: number, n: number): string => `ACC-${year}-${String(n).padStart(6, '0')}`;

async function authorise(ctx: Ctx, action: 'access.register' | 'access.read' | 'access.list', recordId?: string) {
  const actor = ctx.actor;
  if (!roleMay(accessPermissions, actor, action)) {
    await recordDenied(ctx, { action, ...(recordId ? { recordType: 'access', recordId: recordId.slice(0, 64) } : {}) });
    throw new Forbidden(action);
  }
  return actor;
}

/** Each named person must be a person of the tenant, checked through the people module. */
async function unknownPersons(ctx: Ctx, ids: string[]): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const [i, id] of ids.entries()) {
    if (!isUuid(id)) {
      errors.push({ field: `persons.${i}`, code: 'invalid' });
      continue;
    }
    // A confidential file answers "restricted": the person exists, which is all the register needs.
    const found = await getPerson(ctx, id).then(
      () => true,
      (e: unknown) => {
        if (e instanceof DomainError && e.status === 404) return false;
        throw e;
      },
    );
    if (!found) errors.push({ field: `persons.${i}`, code: 'unknown' });
  }
  return errors;
}

/**
 * Registers one access with its persons concerned and requests. Under the IASS counting rule a
 * named person counts once per office per Rome calendar day: if one already has an access there
 * today, the requests are attached to it instead. Everything, with its audit event, in one transaction.
 */
export async function registerAccess(ctx: Ctx, input: RegisterAccessInput): Promise<RegisterResult> {
  const actor = await authorise(ctx, 'access.register');
  const now = ctx.clock.now();
  const errors = validateAccessInput(input, now);
  const officeId = input.officeId ?? actor.officeIds[0];
  if (!officeId) errors.push({ field: 'officeId', code: 'required' });
  else if (!isUuid(officeId)) errors.push({ field: 'officeId', code: 'invalid' });
  if (errors.length > 0) return { kind: 'invalid', errors };
  if (!officeId) throw new Error('unreachable');
  if (!inOfficeScope(actor, officeId)) {
    await recordDenied(ctx, {
      action: 'access.register',
      recordType: 'office',
      recordId: officeId,
      details: { reason: 'other-office' },
    });
    throw new Forbidden('access.register');
  }
  const personErrors = await unknownPersons(ctx, input.persons ?? []);
  if (personErrors.length > 0) return { kind: 'invalid', errors: personErrors };
  // A concurrent registration of the same person can win the unique index between our check and
  // our insert; the second attempt then finds that access and attaches to it.
  for (let attempt = 0; ; attempt++) {
    try {
      return await withTenant(ctx.db, actor.tenantId, (trx) => registerIn(trx, ctx, actor, officeId, input));
    } catch (err) {
      if (attempt < 2 && isOneADayViolation(err)) continue;
      throw err;
    }
  }
}

async function registerIn(
  trx: Trx,
  ctx: Ctx,
  actor: Operator,
  officeId: string,
  input: RegisterAccessInput,
): Promise<RegisterResult> {
  const tenantId = actor.tenantId;
  const now = ctx.clock.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  const day = romeDay(occurredAt);
  const today = romeDay(now);
  const errors: FieldError[] = [];
  if (!(await repo.officeExists(trx, tenantId, officeId))) errors.push({ field: 'officeId', code: 'unknown' });
  const taxonomy = await loadCurrentTaxonomy(trx, tenantId);
  const current = new Set(taxonomy.areas.map((a) => a.id));
  input.requests.forEach((r, i) => {
    if (!current.has(r.needAreaId)) errors.push({ field: `requests.${i}.needAreaId`, code: 'not-current' });
  });
  if (errors.length > 0) return { kind: 'invalid', errors };

  const personIds = input.persons ?? [];
  const requests = input.requests.map((r) => ({
    id: newId(),
    need_area_id: r.needAreaId,
    reason: r.reason.trim(),
    created_at: now,
  }));
  const urgency = input.urgency ?? 'ordinary';
  const urgencyReason = urgency === 'ordinary' ? null : (input.urgencyReason?.trim() ?? null);
  const existing = await repo.findAccessOfPersonsOnDay(trx, tenantId, officeId, day, personIds);

  if (existing) {
    const counted = new Set(await repo.personsCountedOnDay(trx, tenantId, officeId, day, personIds));
    const joining = personIds.filter((id) => !counted.has(id));
    await repo.insertAccessPersons(
      trx,
      tenantId,
      existing,
      joining.map((id) => ({ id: newId(), person_id: id, anonymous_sex: null, anonymous_age_band: null })),
    );
    await repo.insertRequests(trx, tenantId, existing.id, requests);
    const raised = moreUrgent(existing.urgency, urgency);
    const updated = await repo.updateAccessTriage(trx, tenantId, existing.id, existing.version, {
      // A new request on a closed access reopens it: the request still needs an outcome.
      status: existing.status === 'closed' ? 'open' : existing.status,
      closed_at: existing.status === 'closed' ? null : existing.closed_at,
      urgency: raised,
      urgency_reason: raised === existing.urgency ? existing.urgency_reason : urgencyReason,
      pronto_intervento: existing.pronto_intervento || (input.prontoIntervento ?? false),
      documents_demanded: union(existing.documents_demanded, input.documentsDemanded ?? []),
      barriers: union(existing.barriers, input.barriers ?? []),
      conditions_imposed: existing.conditions_imposed ?? (input.conditionsImposed?.trim() || null),
      mandated_by: existing.mandated_by === 'none' ? (input.mandatedBy ?? 'none') : existing.mandated_by,
    });
    // The row is locked (FOR UPDATE) since it was read, so its version cannot have moved.
    if (!updated) throw new Error('attached access changed under its lock');
    const row = await repo.findAccess(trx, tenantId, existing.id);
    if (!row) throw new Error('attached access vanished');
    const access = await loadAccessView(trx, tenantId, row, today);
    await recordEvent(trx, ctx, {
      action: 'access.register',
      recordType: 'access',
      recordId: existing.id,
      details: { attached: true, officeId, requestIds: requests.map((r) => r.id), personIds: joining },
    });
    return { kind: 'attached', access };
  }

  const year = Number(day.slice(0, 4));
  const id = newId();
  const code = accessCode(year, await repo.nextCodeNumber(trx, tenantId, year));
  await repo.insertAccess(trx, {
    id,
    tenant_id: tenantId,
    code,
    office_id: officeId,
    access_day: day,
    occurred_at: occurredAt,
    channel: input.channel,
    presented_by: input.presentedBy,
    referrer: input.referrer,
    urgency,
    urgency_reason: urgencyReason,
    pronto_intervento: input.prontoIntervento ?? false,
    registered_by: actor.userId,
    documents_demanded: union([], input.documentsDemanded ?? []),
    conditions_imposed: input.conditionsImposed?.trim() || null,
    barriers: union([], input.barriers ?? []),
    mandated_by: input.mandatedBy ?? 'none',
  });
  const persons = input.anonymous
    ? [
        {
          id: newId(),
          person_id: null,
          anonymous_sex: input.anonymous.sex ?? null,
          anonymous_age_band: input.anonymous.ageBand ?? null,
        },
      ]
    : personIds.map((p) => ({ id: newId(), person_id: p, anonymous_sex: null, anonymous_age_band: null }));
  await repo.insertAccessPersons(trx, tenantId, { id, office_id: officeId, access_day: day }, persons);
  await repo.insertRequests(trx, tenantId, id, requests);
  const row = await repo.findAccess(trx, tenantId, id);
  if (!row) throw new Error('new access vanished');
  const access = await loadAccessView(trx, tenantId, row, today);
  await recordEvent(trx, ctx, {
    action: 'access.register',
    recordType: 'access',
    recordId: id,
    details: {
      attached: false,
      officeId,
      code,
      requestIds: requests.map((r) => r.id),
      personIds,
      anonymous: Boolean(input.anonymous),
    },
  });
  return { kind: 'created', access };
}
