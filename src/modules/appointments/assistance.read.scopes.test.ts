import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { buildOffice, buildOperator, operatorCtx } from '../../../test/support/factories.ts';
import { buildRequestWorld, validRequest } from '../../../test/support/requests.ts';
import { type Ctx, ROLES } from '../../platform/context.ts';
import { Forbidden } from '../../platform/errors.ts';
import { requestPermissions } from './request.policy.ts';
import { listAssistanceRequests, submitRequest } from './request.service.ts';
import { requestFormFrom } from './request.validation.ts';

// Permission test for `assistance.read`: every role, through the service.
const { db, url } = await freshDatabase();
const { tenant, office } = await buildRequestWorld(db);
const elsewhere = await buildOffice(db, tenant);
const clock = fixedClock('2026-11-27T08:00:00Z');
const publicCtx: Ctx = { actor: { kind: 'anonymous', tenantId: tenant.id }, requestId: 'test', clock, db };
const sent = await submitRequest(publicCtx, requestFormFrom(validRequest()), 'it');
if (sent.kind !== 'created') throw new Error('not created');
const id = sent.receipt.id;
const events = async (userId: string) =>
  (
    await ownerQuery(
      url,
      `SELECT outcome, details FROM audit_event WHERE actor_user_id = $1 AND action = 'assistance.read' ORDER BY seq`,
      [userId],
    )
  ).rows;
const page = { limit: 50, offset: 0 };

describe('assistance.read', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter((r) => requestPermissions['assistance.read'].includes(r))).toEqual([
      'coordinator',
      'social_worker',
      'front_office',
    ]);
  });

  it.each(ROLES)(
    '%s: allowed lists the requests of their office (audited with ids); refused Forbidden, audited',
    async (role) => {
      const op = await buildOperator(db, tenant, role, { offices: role === 'admin' ? [] : [office] });
      const attempt = listAssistanceRequests(operatorCtx(db, op, clock, [office.id]), page);
      if (requestPermissions['assistance.read'].includes(role)) {
        expect((await attempt).map((r) => r.id)).toEqual([id]);
        expect(await events(op.userId)).toEqual([{ outcome: 'ok', details: { ids: [id], filter: [] } }]);
      } else {
        await expect(attempt).rejects.toBeInstanceOf(Forbidden);
        expect(await events(op.userId)).toEqual([{ outcome: 'denied', details: {} }]);
      }
    },
  );

  it("another office's requests are not listed unless a coordinator has no office assigned", async () => {
    const there = await buildOperator(db, tenant, 'social_worker', { offices: [elsewhere] });
    expect(await listAssistanceRequests(operatorCtx(db, there, clock, [elsewhere.id]), page)).toEqual([]);
    const overseer = await buildOperator(db, tenant, 'coordinator');
    expect((await listAssistanceRequests(operatorCtx(db, overseer, clock, []), page)).map((r) => r.id)).toEqual([id]);
  });
});
