import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, operatorCtx, type TestOperator } from '../../../test/support/factories.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { asSystem } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { actOnDeadLetter, outboxOverview } from './admin.service.ts';
import { notificationsPermissions } from './notifications.policy.ts';
import { enqueueMail } from './outbox.service.ts';

// Permission test for `notification.manage`: every role, through the service; another tenant's admin reaches nothing.
const { db } = await freshDatabase();
const at = new Date('2026-11-27T08:00:00Z');
const allowed = (role: Role) => notificationsPermissions['notification.manage'].includes(role);
let operators: Record<Role, TestOperator>;
let outsider: TestOperator;
let tenantId: string;

/** A dead letter of the tenant (queued, then failed for good). */
async function deadLetter(): Promise<string> {
  const key = `scope-${newId()}`;
  return asSystem(db, async (trx) => {
    await enqueueMail(trx, {
      tenantId,
      kind: 'test.scope',
      to: 'x@example.org',
      subject: 's',
      text: 't',
      dedupeKey: key,
      at,
    });
    const row = await trx
      .updateTable('notification_outbox')
      .set({ status: 'dead', dead_at: at, attempts: 6, last_error_code: '451' })
      .where('dedupe_key', '=', key)
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

const events = (userId: string, action: string) =>
  db
    .selectFrom('audit_event')
    .select(['outcome', 'record_id'])
    .where('actor_user_id', '=', userId)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

const statusOf = async (id: string) =>
  (await db.selectFrom('notification_outbox').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

beforeAll(async () => {
  const tenant = await buildTenant(db);
  tenantId = tenant.id;
  operators = Object.fromEntries(
    await Promise.all(ROLES.map(async (r) => [r, await buildOperator(db, tenant, r)] as const)),
  ) as Record<Role, TestOperator>;
  outsider = await buildOperator(db, await buildTenant(db), 'admin');
});

describe('notification.manage', () => {
  it('is granted to administrators only', () => {
    expect(ROLES.filter(allowed)).toEqual(['admin']);
  });

  it.each(ROLES)(
    '%s: allowed sees the queue and retries a dead letter (audited); refused 403, audited denied',
    async (role) => {
      const op = operators[role];
      const ctx = operatorCtx(db, op, { now: () => at });
      const id = await deadLetter();
      if (allowed(role)) {
        const overview = await outboxOverview(ctx);
        expect(overview.dead.map((d) => d.id)).toContain(id);
        expect(overview.dead.find((d) => d.id === id)).toMatchObject({
          to: 'x***@example.org',
          errorCode: '451',
          attempts: 6,
        });
        expect(await actOnDeadLetter(ctx, id, 'retry')).toBe(true);
        expect(await statusOf(id)).toBe('pending');
        expect(await events(op.userId, 'notification.list')).toEqual([{ outcome: 'ok', record_id: null }]);
        expect(await events(op.userId, 'notification.retry')).toEqual([{ outcome: 'ok', record_id: id }]);
      } else {
        await expect(outboxOverview(ctx)).rejects.toMatchObject({ status: 403 });
        await expect(actOnDeadLetter(ctx, id, 'discard')).rejects.toMatchObject({ status: 403 });
        expect(await statusOf(id)).toBe('dead');
        expect(await events(op.userId, 'notification.manage')).toEqual([
          { outcome: 'denied', record_id: null },
          { outcome: 'denied', record_id: id },
        ]);
      }
    },
  );

  it("another tenant's administrator neither sees nor touches the tenant's dead letters", async () => {
    const id = await deadLetter();
    const ctx = operatorCtx(db, outsider, { now: () => at });
    expect((await outboxOverview(ctx)).dead).toEqual([]);
    expect(await actOnDeadLetter(ctx, id, 'discard')).toBe(false);
    expect(await statusOf(id)).toBe('dead');
  });
});
