import type { Ctx, Operator } from '../../platform/context.ts';
import { type Executor, withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { directoryPermissions } from './directory.policy.ts';
import { refreshSearch } from './hsds.repository.ts';
import * as places from './places.repository.ts';
import { byday, type HourRow, hoursText, kept, validateHours, validatePhones } from './places.service.ts';
import * as repo from './suggestion.repository.ts';
import * as upkeep from './upkeep.repository.ts';
import { type FieldError, manager } from './upkeep.service.ts';

export type { Proposed, SuggestionRow } from './suggestion.repository.ts';

/** The fields a partner may propose new values for: four texts, the main phone, the weekly hours. */
export const SUGGEST_TEXTS = [
  'description',
  'eligibility_description',
  'application_process',
  'fees_description',
] as const;
export type SuggestText = (typeof SUGGEST_TEXTS)[number];

/** Proposed values; a field left out (undefined) is not proposed (today's value stays). */
export interface SuggestionForm {
  texts: Record<SuggestText, string | undefined>;
  phone: string | undefined;
  hours: HourRow[] | undefined;
  note: string;
}
export type SuggestResult = { kind: 'saved'; id: string } | { kind: 'invalid'; errors: FieldError[] };
export type DecideResult = { kind: 'saved' } | { kind: 'invalid'; errors: FieldError[] } | { kind: 'conflict' };

const str = (v: unknown) => (typeof v === 'string' ? v : '');

async function partner(ctx: Ctx, recordId?: string): Promise<Operator> {
  if (!roleMay(directoryPermissions, ctx.actor, 'directory.suggest')) {
    await recordDenied(ctx, { action: 'directory.suggest', recordType: 'service', ...(recordId ? { recordId } : {}) });
    throw new Forbidden('directory.suggest');
  }
  return ctx.actor;
}

/** The service, if it belongs to the partner's organization; otherwise audited `denied` and 403. */
async function ownService(trx: Executor, ctx: Ctx, org: string | null, serviceId: string) {
  const s = isUuid(serviceId) ? await upkeep.serviceForUpdate(trx, serviceId) : undefined;
  if (!s || !org || s.organization_id !== org) {
    await recordDenied(ctx, {
      action: 'directory.suggest',
      recordType: 'service',
      ...(isUuid(serviceId) ? { recordId: serviceId } : {}),
      details: { reason: !s ? 'not-found' : 'other-organization' },
    });
    throw new Forbidden('directory.suggest');
  }
  return s;
}

async function currentValues(trx: Executor, s: { id: string; data: Record<string, unknown> }) {
  const phones = await places.phonesOf(trx, s.id);
  const hours = await places.hoursOf(trx, s.id);
  return {
    texts: Object.fromEntries(SUGGEST_TEXTS.map((f) => [f, str(s.data[f])])) as Record<SuggestText, string>,
    phone: phones[0]?.number ?? '',
    hours,
  };
}

/** The partner area's list: its organization's services and its suggestions with their status. */
export async function partnerDirectory(ctx: Ctx, org: string | null) {
  const actor = await partner(ctx);
  return withTenant(ctx.db, actor.tenantId, async (trx) => ({
    services: org ? await repo.servicesOfOrganization(trx, org) : [],
    suggestions: org ? await repo.suggestionsOfOrganization(trx, org) : [],
  }));
}

/** The suggestion form of one of the partner's services, filled with today's values. */
export async function suggestionFormFor(ctx: Ctx, org: string | null, serviceId: string) {
  const actor = await partner(ctx, isUuid(serviceId) ? serviceId : undefined);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const s = await ownService(trx, ctx, org, serviceId);
    const now = await currentValues(trx, s);
    const form: SuggestionForm = {
      texts: now.texts,
      phone: now.phone,
      hours: now.hours.map((h) => ({
        id: '',
        days: h.byday.split(','),
        opens: h.opens,
        closes: h.closes,
        remove: false,
      })),
      note: '',
    };
    return { serviceId, name: str(s.data.name), form };
  });
}

/**
 * A partner proposes new values for its own organization's service. Only what differs from today's
 * values is kept; nothing different and no note is 422. Audited `directory.suggest` (field names only).
 */
export async function suggestChange(
  ctx: Ctx,
  org: string | null,
  serviceId: string,
  form: SuggestionForm,
): Promise<SuggestResult> {
  const actor = await partner(ctx, isUuid(serviceId) ? serviceId : undefined);
  const now = ctx.clock.now();
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const s = await ownService(trx, ctx, org, serviceId);
    const errors: FieldError[] = [];
    for (const f of SUGGEST_TEXTS)
      if ((form.texts[f] ?? '').length > 4000) errors.push({ field: `sug-${f}`, code: 'tooLong' });
    validatePhones([{ id: '', number: form.phone ?? '', description: '', remove: false }], errors, 'sug-phone');
    validateHours(form.hours ?? [], errors, 'sug-hours');
    if (form.note.length > 2000) errors.push({ field: 'sug-note', code: 'tooLong' });
    if (errors.length)
      return {
        kind: 'invalid',
        errors: errors.map((e) => ({ ...e, field: e.field.replace('sug-phone-0-number', 'sug-phone') })),
      };
    const current = await currentValues(trx, s);
    const proposed: repo.Proposed = {};
    const texts: Record<string, string> = {};
    for (const f of SUGGEST_TEXTS) {
      const v = form.texts[f]?.trim();
      if (v !== undefined && v !== current.texts[f]) texts[f] = v;
    }
    if (Object.keys(texts).length) proposed.texts = texts;
    if (form.phone !== undefined && form.phone.trim() !== current.phone) proposed.phone = form.phone.trim();
    if (form.hours) {
      const hours = kept(form.hours).map((h) => ({ byday: byday(h.days), opens: h.opens, closes: h.closes }));
      if (hoursText(hours) !== hoursText(current.hours)) proposed.hours = hours;
    }
    const fields = [
      ...Object.keys(texts),
      ...(proposed.phone !== undefined ? ['phone'] : []),
      ...(proposed.hours ? ['hours'] : []),
    ];
    if (fields.length === 0 && !form.note.trim())
      return { kind: 'invalid', errors: [{ field: 'sug-description', code: 'nothing' }] };
    const id = newId();
    await repo.insertSuggestion(trx, {
      id,
      tenantId: actor.tenantId,
      serviceId: s.id,
      organizationId: org as string,
      proposed,
      note: form.note.trim(),
      by: actor.userId,
      now,
    });
    await recordEvent(trx, ctx, {
      action: 'directory.suggest',
      recordType: 'service',
      recordId: s.id,
      details: { suggestionId: id, fields },
    });
    return { kind: 'saved', id };
  });
}

/** The moderation queue: pending suggestions (oldest first) and the latest decided ones. */
export async function listSuggestions(ctx: Ctx) {
  const actor = await manager(ctx);
  return withTenant(ctx.db, actor.tenantId, async (trx) => ({
    pending: await repo.pendingSuggestions(trx),
    decided: await repo.decidedSuggestions(trx, 20),
  }));
}

export async function pendingCount(ctx: Ctx): Promise<number> {
  const actor = await manager(ctx);
  return withTenant(ctx.db, actor.tenantId, (trx) => repo.countPending(trx));
}

/** One suggestion with today's values of the fields it changes. */
export async function suggestionForReview(ctx: Ctx, id: string) {
  const actor = await manager(ctx, isUuid(id) ? id : undefined);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const g = isUuid(id) ? await repo.suggestion(trx, id) : undefined;
    if (!g) throw new NotFound('suggestion');
    const s = await upkeep.serviceForUpdate(trx, g.service_id);
    if (!s) throw new NotFound('service');
    return { suggestion: g, current: await currentValues(trx, s) };
  });
}

/**
 * Accepts (applies the proposed values as an edit by the moderator: HSDS metadata rows with
 * `last_action_type` "update from partner suggestion") or rejects (reason required) a pending suggestion.
 * Deciding twice, or a suggestion changed since it was read, is a conflict. Audited `directory.manage`.
 */
export async function decideSuggestion(
  ctx: Ctx,
  id: string,
  version: number,
  decision: 'accept' | 'reject',
  reason: string,
): Promise<DecideResult> {
  const actor = await manager(ctx, isUuid(id) ? id : undefined);
  const now = ctx.clock.now();
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const g = isUuid(id) ? await repo.suggestion(trx, id, true) : undefined;
    if (!g) throw new NotFound('suggestion');
    if (decision === 'reject' && !reason.trim())
      return { kind: 'invalid', errors: [{ field: 'sug-reason', code: 'required' }] };
    if (reason.length > 2000) return { kind: 'invalid', errors: [{ field: 'sug-reason', code: 'tooLong' }] };
    if (g.status !== 'pending' || g.version !== version) return { kind: 'conflict' };
    const fields = decision === 'accept' ? await apply(trx, actor, g, now) : [];
    await repo.decide(
      trx,
      id,
      version,
      decision === 'accept' ? 'accepted' : 'rejected',
      decision === 'reject' ? reason.trim() : null,
      actor.userId,
      now,
    );
    await recordEvent(trx, ctx, {
      action: 'directory.manage',
      recordType: 'service',
      recordId: g.service_id,
      details: { op: `suggestion.${decision}`, suggestionId: id, fields },
    });
    return { kind: 'saved' };
  });
}

/** Applies an accepted suggestion to the service; returns the changed field names. */
async function apply(trx: Executor, actor: Operator, g: repo.SuggestionRow, now: Date): Promise<string[]> {
  const s = await upkeep.serviceForUpdate(trx, g.service_id);
  if (!s) throw new NotFound('service');
  const changes: { field: string; before: string; after: string }[] = [];
  const data: Record<string, unknown> = { ...s.data };
  for (const [f, after] of Object.entries(g.proposed.texts ?? {})) {
    if (!(SUGGEST_TEXTS as readonly string[]).includes(f) || after === str(s.data[f])) continue;
    changes.push({ field: f, before: str(s.data[f]), after });
    if (after) data[f] = after;
    else delete data[f];
  }
  // Written first: a service saved by someone else since it was read rolls the whole decision back.
  if (!(await upkeep.writeService(trx, s.id, s.version, data, s.translations ?? {}, now)))
    throw new DomainError(409, 'stale-service', 'The service was changed by someone else: try again');
  const real: string[] = [];
  if (g.proposed.phone !== undefined) {
    const phones = await places.phonesOf(trx, s.id);
    const first = phones[0];
    if ((first?.number ?? '') !== g.proposed.phone) {
      changes.push({ field: 'phones', before: first?.number ?? '', after: g.proposed.phone });
      if (!g.proposed.phone && first) await places.deletePhone(trx, s.id, first.id);
      else if (g.proposed.phone)
        await places.savePhone(
          trx,
          actor.tenantId,
          s.id,
          { id: first?.id ?? '', number: g.proposed.phone, description: first?.description ?? '' },
          0,
          now,
        );
      real.push('phone');
    }
  }
  if (g.proposed.hours) {
    const before = await places.hoursOf(trx, s.id);
    if (hoursText(before) !== hoursText(g.proposed.hours)) {
      changes.push({ field: 'schedules', before: hoursText(before), after: hoursText(g.proposed.hours) });
      await repo.deleteServiceHours(
        trx,
        s.id,
        before.map((h) => h.id),
      );
      for (const [i, h] of g.proposed.hours.entries())
        await places.saveHour(trx, actor.tenantId, s.id, { id: '', ...h }, i, now);
      real.push('hours');
    }
  }
  if (real.length) await places.touchService(trx, s.id, s.version + 1, now, real);
  await upkeep.recordChanges(trx, actor.tenantId, s.id, changes, actor.userId, now, {
    action: 'update from partner suggestion',
  });
  await refreshSearch(trx, [s.id]);
  return changes.map((c) => c.field);
}
