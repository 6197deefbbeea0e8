import { beforeAll, describe, expect, it } from 'vitest';
import { aCase, secondLevelWorld } from '../../../test/support/referrals.ts';
import { ROLES } from '../../platform/context.ts';
import { casesPermissions } from './cases.policy.ts';

// Permission test for `care_plan.write` (plan versions, review outcomes): every role, through the API.
let w: Awaited<ReturnType<typeof secondLevelWorld>>;
let id: string;
beforeAll(async () => {
  w = await secondLevelWorld();
  id = (await aCase(w)).id;
});

const plan = (basedOnVersion: number) => ({
  basedOnVersion,
  kind: 'care_plan',
  goals: [{ text: 'Trovare un alloggio' }],
  actions: [{ service: 'Agenzia casa', owner: 'Assistente sociale', from: '2026-12-01' }],
});

describe('care_plan.write', () => {
  it('is granted to social workers and coordinators only', () => {
    expect(ROLES.filter((r) => casesPermissions['care_plan.write'].includes(r))).toEqual([
      'coordinator',
      'social_worker',
    ]);
  });

  it.each(ROLES)('%s: allowed saves a plan version (audited); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];
    const current =
      (await w.api('GET', `/api/v1/cases/${id}`, w.operators.coordinator.token)).json().plan?.version ?? 0;
    const res = await w.api('POST', `/api/v1/care-plans/${id}/versions`, op.token, plan(current));
    const events = await w.events(op.userId, 'care_plan.write');
    if (casesPermissions['care_plan.write'].includes(role)) {
      expect(res.statusCode).toBe(201);
      expect(res.json().plan).toMatchObject({ version: current + 1 });
      expect(events.at(-1)).toMatchObject({ outcome: 'ok', record_id: id, details: { version: current + 1 } });
    } else {
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied', record_id: id });
    }
  });

  it('a social worker not on the case gets 404 (audited denied)', async () => {
    const res = await w.api('POST', `/api/v1/care-plans/${id}/versions`, w.otherWorker.token, plan(0));
    expect(res.statusCode).toBe(404);
    expect((await w.events(w.otherWorker.userId, 'care_plan.write')).at(-1)).toMatchObject({ outcome: 'denied' });
  });
});
