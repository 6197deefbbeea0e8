import type { Ctx, Operator } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { Forbidden } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { notificationsPermissions } from './notifications.policy.ts';
import * as repo from './outbox.repository.ts';
import { type NotificationSettings, saveSettings, settingsOf } from './settings.repository.ts';

export const STATUSES = ['pending', 'sending', 'sent', 'dead', 'discarded', 'skipped'] as const;
export type OutboxStatus = (typeof STATUSES)[number];

export interface DeadLetter {
  id: string;
  kind: string;
  attempts: number;
  errorCode: string | null;
  /** g***@example.org, or null once erased. */
  to: string | null;
  createdAt: Date;
  deadAt: Date | null;
  /** Past the retention: address and content gone, it can only be discarded. */
  erased: boolean;
}

export interface OutboxOverview {
  counts: { kind: string; byStatus: Record<OutboxStatus, number> }[];
  dead: DeadLetter[];
  settings: NotificationSettings;
}

async function authorise(ctx: Ctx, recordId?: string): Promise<Operator> {
  if (!roleMay(notificationsPermissions, ctx.actor, 'notification.manage')) {
    await recordDenied(ctx, {
      action: 'notification.manage',
      ...(recordId ? { recordType: 'notification', recordId } : {}),
    });
    throw new Forbidden('notification.manage');
  }
  return ctx.actor;
}

/** The queue of the administrator's tenant: counts by kind and status, the dead letters. Audited with the ids shown. */
export async function outboxOverview(ctx: Ctx): Promise<OutboxOverview> {
  const actor = await authorise(ctx);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const counts = new Map<string, Record<OutboxStatus, number>>();
    for (const r of await repo.countsByKindAndStatus(trx, actor.tenantId)) {
      const byStatus =
        counts.get(r.kind) ?? (Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>);
      byStatus[r.status as OutboxStatus] = r.n;
      counts.set(r.kind, byStatus);
    }
    const dead = (await repo.deadLetters(trx, actor.tenantId)).map((d) => ({
      id: d.id,
      kind: d.kind,
      attempts: d.attempts,
      errorCode: d.last_error_code,
      to: d.recipient_masked,
      createdAt: d.created_at,
      deadAt: d.dead_at,
      erased: d.erased_at !== null,
    }));
    const settings = await settingsOf(trx, actor.tenantId);
    await recordEvent(trx, ctx, {
      action: 'notification.list',
      recordType: 'notification',
      details: { dead: dead.map((d) => d.id) },
    });
    return { counts: [...counts].map(([kind, byStatus]) => ({ kind, byStatus })), dead, settings };
  });
}

/** Retry puts a dead letter back for one attempt now; discard erases it. False: not a dead letter (any more). */
export async function actOnDeadLetter(ctx: Ctx, id: string, act: 'retry' | 'discard'): Promise<boolean> {
  const actor = await authorise(ctx, isUuid(id) ? id : undefined);
  if (!isUuid(id)) return false;
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const now = ctx.clock.now();
    const done =
      act === 'retry'
        ? await repo.retryDead(trx, actor.tenantId, id, now)
        : await repo.discardDead(trx, actor.tenantId, id, now);
    if (!done) return false;
    await recordEvent(trx, ctx, { action: `notification.${act}`, recordType: 'notification', recordId: id });
    return true;
  });
}

export type SettingsError = { field: 'reminderHoursBefore'; key: 'hours' };

/** Saves the reminder and follow-up settings of the tenant (hours 1–168). Audited with the values (no personal data). */
export async function updateSettings(ctx: Ctx, s: NotificationSettings): Promise<SettingsError[]> {
  const actor = await authorise(ctx);
  const h = s.reminderHoursBefore;
  if (!Number.isInteger(h) || h < 1 || h > 168) return [{ field: 'reminderHoursBefore', key: 'hours' }];
  await withTenant(ctx.db, actor.tenantId, async (trx) => {
    await saveSettings(trx, actor.tenantId, s, ctx.clock.now());
    await recordEvent(trx, ctx, {
      action: 'notification.settings',
      recordType: 'notification_setting',
      details: { ...s },
    });
  });
  return [];
}
