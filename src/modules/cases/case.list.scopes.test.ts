import { beforeAll, describe, expect, it } from 'vitest';
import { aCase, secondLevelWorld } from '../../../test/support/referrals.ts';
import { ROLES } from '../../platform/context.ts';
import { casesPermissions } from './cases.policy.ts';

// Permission test for `case.list`: caseloads and overdue reviews, every role, through the API.
let w: Awaited<ReturnType<typeof secondLevelWorld>>;
let id: string;
beforeAll(async () => {
  w = await secondLevelWorld();
  id = (await aCase(w)).id;
});

describe('case.list', () => {
  it('is granted to social workers and coordinators only', () => {
    expect(ROLES.filter((r) => casesPermissions['case.list'].includes(r))).toEqual(['coordinator', 'social_worker']);
  });

  it.each(ROLES)('%s: allowed lists a caseload (audited with ids); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];
    const res = await w.api('GET', '/api/v1/cases', op.token);
    const tasks = await w.api('GET', '/api/v1/cases/overdue-reviews', op.token);
    const events = await w.events(op.userId, 'case.list');
    if (casesPermissions['case.list'].includes(role)) {
      expect(res.statusCode).toBe(200);
      expect(tasks.statusCode).toBe(200);
      expect(res.json().items.map((c: { id: string }) => c.id)).toEqual([id]);
      expect(events[0]).toMatchObject({ outcome: 'ok', details: { ids: [id] } });
    } else {
      expect(res.statusCode).toBe(403);
      expect(tasks.statusCode).toBe(403);
      expect(events.map((e) => e.outcome)).toEqual(['denied', 'denied']);
    }
  });

  it("a social worker sees only their own caseload; asking for another worker's is 403", async () => {
    const mine = await w.api('GET', '/api/v1/cases', w.otherWorker.token);
    expect(mine.json().items).toEqual([]);
    const theirs = await w.api(
      'GET',
      `/api/v1/cases?workerId=${w.operators.social_worker.userId}`,
      w.otherWorker.token,
    );
    expect(theirs.statusCode).toBe(403);
    const coord = await w.api(
      'GET',
      `/api/v1/cases?workerId=${w.operators.social_worker.userId}`,
      w.operators.coordinator.token,
    );
    expect(coord.json().items.map((c: { id: string }) => c.id)).toEqual([id]);
  });
});
