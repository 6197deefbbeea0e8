import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import { getOrganizationSummary, listOrganizations } from '../directory/index.ts';
import { createOperator } from '../identity/index.ts';
import * as admin from './admin.repository.ts';
import { authorise, type FieldError } from './referrals.access.ts';
import { DEFAULT_DEADLINES, DESTINATION_TYPES } from './referrals.model.ts';
import { linkPartnerUser } from './referrals.repository.ts';
import { type Deadlines, deadlinesFor, setDeadlines } from './settings.repository.ts';

type DestinationType = (typeof DESTINATION_TYPES)[number];
export type AdminResult = { kind: 'ok' } | { kind: 'invalid'; errors: FieldError[] };

export interface ReferralSettings {
  partners: { userId: string; displayName: string; username: string; organizationId: string | null }[];
  organizations: { id: string; name: string }[];
  deadlines: Record<DestinationType, Deadlines>;
}

/** What the admin page shows: partner accounts with their organization, the directory's organizations, deadlines. */
export async function getReferralSettings(ctx: Ctx): Promise<ReferralSettings> {
  const actor = await authorise(ctx, 'referral.settings');
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const deadlines = {} as Record<DestinationType, Deadlines>;
    for (const type of DESTINATION_TYPES) deadlines[type] = await deadlinesFor(trx, actor.tenantId, type);
    return {
      partners: await admin.listPartnerAccounts(trx, actor.tenantId),
      organizations: (await listOrganizations(trx)).map((o) => ({ id: o.id, name: o.name })),
      deadlines,
    };
  });
}

const LIMITS = { responseDays: [1, 90], remindDaysBefore: [0, 30], followUpDays: [1, 180] } as const;

/** Response deadlines per destination type (days); every type at once. Audited with the values. */
export async function saveDeadlines(ctx: Ctx, input: Record<string, string | undefined>): Promise<AdminResult> {
  const actor = await authorise(ctx, 'referral.settings');
  const errors: FieldError[] = [];
  const values = {} as Record<DestinationType, Deadlines>;
  for (const type of DESTINATION_TYPES) {
    const d = { ...DEFAULT_DEADLINES[type] } as Deadlines;
    for (const [key, [min, max]] of Object.entries(LIMITS) as [keyof Deadlines, readonly [number, number]][]) {
      const raw = (input[`${key}_${type}`] ?? '').trim();
      const n = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!raw) errors.push({ field: `/${key}_${type}`, code: 'required' });
      else if (Number.isNaN(n) || n < min || n > max) errors.push({ field: `/${key}_${type}`, code: 'range' });
      else d[key] = n;
    }
    if (d.remindDaysBefore >= d.responseDays && !errors.some((e) => e.field.endsWith(`_${type}`)))
      errors.push({ field: `/remindDaysBefore_${type}`, code: 'range' });
    values[type] = d;
  }
  if (errors.length > 0) return { kind: 'invalid', errors };
  await withTenant(ctx.db, actor.tenantId, async (trx) => {
    for (const type of DESTINATION_TYPES) await setDeadlines(trx, actor.tenantId, type, values[type]);
    await recordEvent(trx, ctx, {
      action: 'referral.settings',
      recordType: 'tenant',
      recordId: actor.tenantId,
      details: { move: 'deadlines', deadlines: values },
    });
  });
  return { kind: 'ok' };
}

/** Links an existing partner account of the tenant to an organization of the directory (or moves it). */
export async function linkPartner(ctx: Ctx, input: { userId: string; organizationId: string }): Promise<AdminResult> {
  const actor = await authorise(ctx, 'referral.settings');
  const errors: FieldError[] = [];
  if (!input.userId) errors.push({ field: '/userId', code: 'required' });
  else if (!isUuid(input.userId)) errors.push({ field: '/userId', code: 'invalid' });
  if (!input.organizationId) errors.push({ field: '/organizationId', code: 'required' });
  else if (!isUuid(input.organizationId)) errors.push({ field: '/organizationId', code: 'invalid' });
  if (errors.length > 0) return { kind: 'invalid', errors };
  return withTenant(ctx.db, actor.tenantId, async (trx): Promise<AdminResult> => {
    if (!(await admin.isPartnerAccount(trx, actor.tenantId, input.userId)))
      errors.push({ field: '/userId', code: 'notAPartner' });
    if (!(await getOrganizationSummary(trx, input.organizationId)))
      errors.push({ field: '/organizationId', code: 'unknown' });
    if (errors.length > 0) return { kind: 'invalid', errors };
    await linkPartnerUser(trx, actor.tenantId, input.userId, input.organizationId);
    await recordEvent(trx, ctx, {
      action: 'referral.settings',
      recordType: 'user',
      recordId: input.userId,
      details: { move: 'link-partner', organizationId: input.organizationId },
    });
    return { kind: 'ok' };
  });
}

export interface NewPartner {
  displayName: string;
  username: string;
  password: string;
  organizationId: string;
}

/**
 * Creates a partner account (identity's createOperator, audited `user.create` there) and links it to the
 * organization (audited here). The organization is checked first, so a refused form creates no account.
 */
export async function createPartner(ctx: Ctx, input: NewPartner): Promise<AdminResult> {
  const actor = await authorise(ctx, 'referral.settings');
  const errors: FieldError[] = [];
  const displayName = input.displayName.trim();
  if (!displayName) errors.push({ field: '/displayName', code: 'required' });
  else if (displayName.length > 200) errors.push({ field: '/displayName', code: 'tooLong' });
  if (!input.username.trim()) errors.push({ field: '/username', code: 'required' });
  if (!input.password) errors.push({ field: '/password', code: 'required' });
  if (!input.organizationId) errors.push({ field: '/organizationId', code: 'required' });
  else if (!isUuid(input.organizationId)) errors.push({ field: '/organizationId', code: 'invalid' });
  const tenant = await withTenant(ctx.db, actor.tenantId, async (trx) => ({
    code: await admin.tenantCode(trx, actor.tenantId),
    orgKnown: isUuid(input.organizationId) ? !!(await getOrganizationSummary(trx, input.organizationId)) : false,
  }));
  if (input.organizationId && isUuid(input.organizationId) && !tenant.orgKnown)
    errors.push({ field: '/organizationId', code: 'unknown' });
  if (errors.length > 0 || !tenant.code) return { kind: 'invalid', errors };
  let userId: string;
  try {
    ({ userId } = await createOperator(
      { db: ctx.db, clock: ctx.clock, requestId: ctx.requestId },
      {
        username: input.username,
        displayName,
        password: input.password,
        tenantCode: tenant.code,
        role: 'partner',
        officeCodes: [],
      },
    ));
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const field = e.code === 'weak-password' ? '/password' : '/username';
    const code = e.code === 'username-taken' ? 'taken' : e.code === 'weak-password' ? 'weakPassword' : 'invalid';
    return { kind: 'invalid', errors: [{ field, code }] };
  }
  return linkPartner(ctx, { userId, organizationId: input.organizationId });
}
