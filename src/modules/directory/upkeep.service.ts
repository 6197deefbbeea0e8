import type { Ctx, Operator } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { directoryPermissions } from './directory.policy.ts';
import { refreshSearch } from './hsds.repository.ts';
import * as repo from './upkeep.repository.ts';

export const STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
/** Fields an operator edits: HSDS service fields (Italian source) and their English translations. */
export const TEXT_FIELDS = [
  'name',
  'description',
  'eligibility_description',
  'application_process',
  'fees_description',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface ServiceEdit {
  it: Record<TextField, string>;
  en: Record<TextField, string>;
  status: string;
  needAreas: string[];
  /** Appointment topic code the service is booked under ('' = none): /prenota?argomento=<code>. */
  topic: string;
}
export const TOPIC_CODE = /^[a-z0-9][a-z0-9_.-]{1,59}$/;
export interface FieldError {
  field: string;
  code: 'required' | 'tooLong' | 'invalid' | 'time' | 'order' | 'days' | 'url' | 'email' | 'nothing';
}

/** The actor, if they may manage the directory; otherwise audited `denied` and 403. */
export async function manager(ctx: Ctx, recordId?: string): Promise<Operator> {
  if (!roleMay(directoryPermissions, ctx.actor, 'directory.manage')) {
    await recordDenied(ctx, { action: 'directory.manage', recordType: 'service', ...(recordId ? { recordId } : {}) });
    throw new Forbidden('directory.manage');
  }
  return ctx.actor;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A service as its edit form shows it, with the version the save must match. */
export async function serviceForEdit(ctx: Ctx, id: string) {
  const actor = await manager(ctx, id);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const s = await repo.serviceForUpdate(trx, id);
    if (!s) throw new NotFound('service');
    const en = (s.translations?.en ?? {}) as Record<string, string>;
    const edit: ServiceEdit = {
      it: Object.fromEntries(TEXT_FIELDS.map((f) => [f, str(s.data[f])])) as Record<TextField, string>,
      en: Object.fromEntries(TEXT_FIELDS.map((f) => [f, str(en[f])])) as Record<TextField, string>,
      status: str(s.data.status) || 'active',
      needAreas: await repo.needAreaCodes(trx, id),
      topic: s.appointment_topic_code ?? '',
    };
    return { id, version: s.version, edit, assuredDate: str(s.data.assured_date) || null };
  });
}

export function validateEdit(e: ServiceEdit, known: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (!e.it.name.trim()) errors.push({ field: 'it.name', code: 'required' });
  for (const lang of ['it', 'en'] as const)
    for (const f of TEXT_FIELDS) {
      const max = f === 'name' ? 200 : 4000;
      if (e[lang][f].length > max) errors.push({ field: `${lang}.${f}`, code: 'tooLong' });
    }
  if (!(STATUSES as readonly string[]).includes(e.status)) errors.push({ field: 'status', code: 'invalid' });
  if (e.needAreas.some((c) => !known.has(c))) errors.push({ field: 'needAreas', code: 'invalid' });
  if (e.topic.trim() && !TOPIC_CODE.test(e.topic.trim())) errors.push({ field: 'topic', code: 'invalid' });
  return errors;
}

export type SaveResult = { kind: 'saved' } | { kind: 'invalid'; errors: FieldError[] } | { kind: 'conflict' };

/**
 * Saves an operator's edit if the service is still at `version` (else `conflict`: someone saved in
 * between). Each changed field becomes an HSDS metadata row (the public change history); audited.
 */
export async function updateService(
  ctx: Ctx,
  id: string,
  version: number,
  e: ServiceEdit,
  verify = false,
): Promise<SaveResult> {
  const actor = await manager(ctx, id);
  const now = ctx.clock.now();
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const s = await repo.serviceForUpdate(trx, id);
    if (!s) throw new NotFound('service');
    const errors = validateEdit(e, await repo.knownNeedAreaCodes(trx));
    if (errors.length) return { kind: 'invalid', errors };
    const data: Record<string, unknown> = { ...s.data, status: e.status };
    const changes: { field: string; before: string; after: string }[] = [];
    for (const f of TEXT_FIELDS) {
      const after = e.it[f].trim();
      if (after !== str(s.data[f])) changes.push({ field: f, before: str(s.data[f]), after });
      if (after) data[f] = after;
      else delete data[f];
    }
    if (e.status !== str(s.data.status)) changes.push({ field: 'status', before: str(s.data.status), after: e.status });
    if (verify) {
      const today = now.toISOString().slice(0, 10);
      changes.push({ field: 'assured_date', before: str(s.data.assured_date), after: today });
      data.assured_date = today;
    }
    const en = Object.fromEntries(TEXT_FIELDS.filter((f) => e.en[f].trim()).map((f) => [f, e.en[f].trim()]));
    const translations = { ...(s.translations ?? {}), en };
    const topic = e.topic.trim() || null;
    if (topic !== s.appointment_topic_code)
      changes.push({ field: 'appointment_topic_code', before: s.appointment_topic_code ?? '', after: topic ?? '' });
    if (!(await repo.writeService(trx, id, version, data, translations, now, topic))) return { kind: 'conflict' };
    const before = await repo.needAreaCodes(trx, id);
    const areas = [...new Set(e.needAreas)].sort();
    if (areas.join() !== before.join()) {
      await repo.replaceNeedAreas(trx, actor.tenantId, id, areas);
      changes.push({ field: 'need_areas', before: before.join(','), after: areas.join(',') });
    }
    await repo.recordChanges(trx, actor.tenantId, id, changes, actor.userId, now);
    await refreshSearch(trx, [id]);
    await recordEvent(trx, ctx, {
      action: 'directory.manage',
      recordType: 'service',
      recordId: id,
      details: { op: verify ? 'update-verify' : 'update', fields: changes.map((c) => c.field) },
    });
    return { kind: 'saved' };
  });
}

/** Active services not verified in the last 12 months (or never), for the upkeep list. */
export async function listStale(ctx: Ctx) {
  const actor = await manager(ctx);
  const now = ctx.clock.now();
  const cutoff = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate()))
    .toISOString()
    .slice(0, 10);
  return withTenant(ctx.db, actor.tenantId, async (trx) => ({
    cutoff,
    services: await repo.staleServices(trx, cutoff),
  }));
}
