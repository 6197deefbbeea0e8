import { beforeAll, describe, expect, it } from 'vitest';
import { aCase, secondLevelWorld } from '../../../test/support/referrals.ts';
import { ROLES } from '../../platform/context.ts';
import { casesPermissions } from './cases.policy.ts';

// Permission test for `case.read`: every role, through the API; scope = responsible, team, proposer, coordinator.
let w: Awaited<ReturnType<typeof secondLevelWorld>>;
let id: string;
beforeAll(async () => {
  w = await secondLevelWorld();
  id = (await aCase(w)).id;
});

describe('case.read', () => {
  it('is granted to social workers and coordinators only', () => {
    expect(ROLES.filter((r) => casesPermissions['case.read'].includes(r))).toEqual(['coordinator', 'social_worker']);
  });

  it.each(ROLES)('%s: allowed reads the case (audited); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];
    const res = await w.api('GET', `/api/v1/cases/${id}`, op.token);
    const events = await w.events(op.userId, 'case.read');
    if (casesPermissions['case.read'].includes(role)) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id, status: 'open', reasons: 'Perdita del lavoro e sfratto' });
      expect(events.at(-1)).toMatchObject({ outcome: 'ok', record_id: id });
    } else {
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('sfratto');
      expect(events.at(-1)).toMatchObject({ outcome: 'denied', record_id: id });
    }
  });

  it('a social worker not on the case gets 404 (audited denied); another tenant too', async () => {
    for (const op of [w.otherWorker, w.outsider]) {
      const res = await w.api('GET', `/api/v1/cases/${id}`, op.token);
      expect(res.statusCode).toBe(404);
      expect((await w.events(op.userId, 'case.read')).at(-1)).toMatchObject({
        outcome: 'denied',
        details: { reason: 'not-found' },
      });
    }
  });
});
