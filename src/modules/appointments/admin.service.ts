import { type Ctx, type Operator, ROLES } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { inOfficeScope } from '../access/index.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import * as ad from './admin.repository.ts';
import { appointmentsPermissions } from './agenda.policy.ts';

/** Calendar settings: an office's slot grid, closures and extra openings, operators' hours; the topics. */

export type AdminErrors = Record<string, string>; // field → message key of admin.messages.ts
export type SaveOutcome = { kind: 'saved' } | { kind: 'invalid'; errors: AdminErrors };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const validDay = (d: string) =>
  DAY.test(d) && !Number.isNaN(Date.parse(`${d}T12:00:00Z`)) && new Date(`${d}T12:00:00Z`).toISOString().startsWith(d);
const int = (v: string) => (/^\d{1,4}$/.test(v.trim()) ? Number(v) : Number.NaN);

/** schedule.manage: admins for every office, coordinators for the offices in their scope. */
async function allowOffice(ctx: Ctx, officeId: string | undefined): Promise<Operator> {
  const actor = ctx.actor;
  if (!roleMay(appointmentsPermissions, actor, 'schedule.manage')) {
    await recordDenied(ctx, {
      action: 'schedule.manage',
      ...(officeId ? { recordType: 'office', recordId: officeId } : {}),
    });
    throw new Forbidden('schedule.manage');
  }
  if (officeId && actor.role !== 'admin' && !inOfficeScope(actor, officeId)) {
    await recordDenied(ctx, {
      action: 'schedule.manage',
      recordType: 'office',
      recordId: officeId,
      details: { reason: 'other-office' },
    });
    throw new Forbidden('schedule.manage');
  }
  return actor;
}

export interface OfficeSettings {
  offices: { id: string; name: string }[];
  office: { id: string; name: string };
  grid: { slotMinutes: number; capacity: number; bookable: boolean; version: number };
  exceptions: {
    id: string;
    day: string;
    kind: 'closed' | 'extra';
    opens: string | null;
    closes: string | null;
    note: string | null;
  }[];
  availability: { id: string; userName: string; weekday: number; opens: string; closes: string }[];
  operators: { id: string; name: string }[];
}

/** The settings page of one office (the first in scope when none is named). */
export async function officeSettings(
  ctx: Ctx,
  officeId: string | undefined,
  today: string,
): Promise<OfficeSettings | undefined> {
  const actor = await allowOffice(ctx, undefined);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const all = (await ad.officesWithGrid(trx, actor.tenantId)).filter(
      (o) => actor.role === 'admin' || inOfficeScope(actor, o.id),
    );
    const o = all.find((x) => x.id === officeId) ?? all[0];
    if (!o) return undefined;
    const hm = (t: string | null) => (t ? t.slice(0, 5) : null);
    return {
      offices: all.map((x) => ({ id: x.id, name: x.name })),
      office: { id: o.id, name: o.name },
      grid: {
        slotMinutes: o.slot_minutes ?? 30,
        capacity: o.capacity ?? 1,
        bookable: o.bookable ?? false,
        version: o.version ?? 0,
      },
      exceptions: (await ad.exceptionsOf(trx, actor.tenantId, o.id, today)).map((e) => ({
        id: e.id,
        day: e.day,
        kind: e.kind as 'closed' | 'extra',
        opens: hm(e.opens),
        closes: hm(e.closes),
        note: e.note,
      })),
      availability: (await ad.availabilityAt(trx, actor.tenantId, o.id)).map((v) => ({
        id: v.id,
        userName: v.display_name,
        weekday: v.weekday,
        opens: v.opens.slice(0, 5),
        closes: v.closes.slice(0, 5),
      })),
      operators: (await ad.frontDoorOperators(trx, actor.tenantId)).map((u) => ({ id: u.id, name: u.display_name })),
    };
  });
}

async function write(
  ctx: Ctx,
  actor: Operator,
  action: string,
  officeId: string,
  fn: (trx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<Record<string, unknown> | false>,
) {
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const details = await fn(trx);
    if (details === false) throw new DomainError(409, 'stale', 'Changed meanwhile');
    await recordEvent(trx, ctx, { action, recordType: 'office', recordId: officeId, details });
  });
}

/** Slot length (10–240 minutes, a multiple of 5), places per slot (1–50), bookable; at the version read. */
export async function saveGrid(
  ctx: Ctx,
  officeId: string,
  input: { slotMinutes: string; capacity: string; bookable: boolean; version: string },
): Promise<SaveOutcome> {
  const actor = await allowOffice(ctx, isUuid(officeId) ? officeId : undefined);
  const errors: AdminErrors = {};
  const slotMinutes = int(input.slotMinutes);
  const capacity = int(input.capacity);
  if (!(slotMinutes >= 10 && slotMinutes <= 240 && slotMinutes % 5 === 0)) errors.slotMinutes = 'error.slotMinutes';
  if (!(capacity >= 1 && capacity <= 50)) errors.capacity = 'error.capacity';
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  await write(ctx, actor, 'schedule.grid', officeId, async (trx) =>
    (await ad.saveGrid(trx, actor.tenantId, officeId, Number(input.version) || 0, {
      slotMinutes,
      capacity,
      bookable: input.bookable,
    }))
      ? { slotMinutes, capacity, bookable: input.bookable }
      : false,
  );
  return { kind: 'saved' };
}

/** A closure (whole day, or hours cut out) or an extra opening (hours required) of an office. */
export async function addException(
  ctx: Ctx,
  officeId: string,
  input: { day: string; kind: string; opens: string; closes: string; note: string },
): Promise<SaveOutcome> {
  const actor = await allowOffice(ctx, isUuid(officeId) ? officeId : undefined);
  const errors: AdminErrors = {};
  if (!validDay(input.day)) errors.day = 'error.day';
  if (input.kind !== 'closed' && input.kind !== 'extra') errors.kind = 'error.kind';
  const opens = input.opens.trim();
  const closes = input.closes.trim();
  if ((opens || closes || input.kind === 'extra') && !(TIME.test(opens) && TIME.test(closes) && closes > opens)) {
    errors.opens = 'error.times';
  }
  if (input.note.length > 200) errors.note = 'error.note';
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  await write(ctx, actor, 'schedule.exception', officeId, async (trx) => {
    const id = await ad.insertException(trx, actor.tenantId, {
      officeId,
      day: input.day,
      kind: input.kind as 'closed' | 'extra',
      opens: opens || null,
      closes: closes || null,
      note: input.note.trim() || null,
    });
    return { id, day: input.day, kind: input.kind };
  });
  return { kind: 'saved' };
}

/** An operator's weekly hours at an office (a front-door operator of the tenant). */
export async function addAvailability(
  ctx: Ctx,
  officeId: string,
  input: { userId: string; weekday: string; opens: string; closes: string },
): Promise<SaveOutcome> {
  const actor = await allowOffice(ctx, isUuid(officeId) ? officeId : undefined);
  const errors: AdminErrors = {};
  const weekday = int(input.weekday);
  if (!(weekday >= 1 && weekday <= 7)) errors.weekday = 'error.weekday';
  if (!(TIME.test(input.opens) && TIME.test(input.closes) && input.closes > input.opens)) errors.opens = 'error.times';
  const operators = await withTenant(ctx.db, actor.tenantId, (trx) => ad.frontDoorOperators(trx, actor.tenantId));
  if (!operators.some((o) => o.id === input.userId)) errors.userId = 'error.operator';
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  await write(ctx, actor, 'schedule.availability', officeId, async (trx) => {
    const id = await ad.insertAvailability(trx, actor.tenantId, { ...input, officeId, weekday });
    return { id, userId: input.userId, weekday };
  });
  return { kind: 'saved' };
}

/** Removes an exception or an availability row (of an office in scope); the office id. */
export async function removeRow(ctx: Ctx, kind: 'exception' | 'availability', id: string): Promise<string> {
  const actor = await allowOffice(ctx, undefined);
  const table = kind === 'exception' ? 'office_schedule_exception' : 'operator_availability';
  const officeId = isUuid(id)
    ? await withTenant(ctx.db, actor.tenantId, (trx) => ad.officeOfRow(trx, table, actor.tenantId, id))
    : undefined;
  if (!officeId) throw new NotFound(kind);
  await allowOffice(ctx, officeId);
  await write(ctx, actor, `schedule.${kind}.remove`, officeId, async (trx) =>
    (await ad.deleteRow(trx, table, actor.tenantId, id)) ? { id } : false,
  );
  return officeId;
}

export interface TopicInput {
  code: string;
  labelIt: string;
  labelEn: string;
  durationMinutes: string;
  roles: string[];
  officeIds: string[];
  needAreaCode: string;
  active: boolean;
  version: string;
}

/** Creates (no id) or updates (id + version read) a topic. Admins only (topic.manage). */
export async function saveTopic(ctx: Ctx, id: string | null, input: TopicInput): Promise<SaveOutcome> {
  const actor = ctx.actor;
  if (!roleMay(appointmentsPermissions, actor, 'topic.manage')) {
    await recordDenied(ctx, { action: 'topic.manage' });
    throw new Forbidden('topic.manage');
  }
  const errors: AdminErrors = {};
  const code = input.code.trim();
  const duration = int(input.durationMinutes);
  if (!/^[a-z0-9_.-]{2,60}$/.test(code)) errors.code = 'error.code';
  if (!input.labelIt.trim() || input.labelIt.length > 120) errors.labelIt = 'error.label';
  if (!input.labelEn.trim() || input.labelEn.length > 120) errors.labelEn = 'error.label';
  if (!(duration >= 10 && duration <= 240)) errors.durationMinutes = 'error.duration';
  if (input.roles.length === 0 || input.roles.some((r) => !ROLES.includes(r as never))) errors.roles = 'error.roles';
  const need = input.needAreaCode.trim();
  if (need && !/^[a-z0-9_.-]{2,60}$/.test(need)) errors.needAreaCode = 'error.code';
  const tenantId = actor.tenantId;
  await withTenant(ctx.db, tenantId, async (trx) => {
    const offices = new Set((await ad.officesWithGrid(trx, tenantId)).map((o) => o.id));
    if (input.officeIds.length === 0 || input.officeIds.some((o) => !offices.has(o)))
      errors.officeIds = 'error.offices';
    if (!errors.code && (await ad.codeTaken(trx, tenantId, code, id))) errors.code = 'error.codeTaken';
  });
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  await withTenant(ctx.db, tenantId, async (trx) => {
    const saved = await ad.saveTopic(trx, tenantId, id && isUuid(id) ? id : null, Number(input.version) || 0, {
      code,
      labelIt: input.labelIt.trim(),
      labelEn: input.labelEn.trim(),
      durationMinutes: duration,
      roles: [...new Set(input.roles)],
      officeIds: [...new Set(input.officeIds)],
      needAreaCode: need || null,
      active: input.active,
    });
    if (!saved) throw new DomainError(409, 'stale', 'The topic changed meanwhile');
    await recordEvent(trx, ctx, {
      action: 'topic.manage',
      recordType: 'appointment_topic',
      recordId: saved,
      details: { code, created: !id },
    });
  });
  return { kind: 'saved' };
}

export async function listTopics(ctx: Ctx) {
  const actor = ctx.actor;
  if (!roleMay(appointmentsPermissions, actor, 'topic.manage')) {
    await recordDenied(ctx, { action: 'topic.manage' });
    throw new Forbidden('topic.manage');
  }
  return withTenant(ctx.db, actor.tenantId, async (trx) => ({
    topics: await ad.topicsAll(trx, actor.tenantId),
    offices: (await ad.officesWithGrid(trx, actor.tenantId)).map((o) => ({ id: o.id, name: o.name })),
  }));
}
