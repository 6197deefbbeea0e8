import { beforeAll, describe, expect, it } from 'vitest';
import { aCase, secondLevelWorld } from '../../../test/support/referrals.ts';
import { ROLES } from '../../platform/context.ts';
import { casesPermissions } from './cases.policy.ts';

// Permission test for `case.manage` (suspend/reopen/close, transfer): every role, through the API.
let w: Awaited<ReturnType<typeof secondLevelWorld>>;
beforeAll(async () => {
  w = await secondLevelWorld();
});

describe('case.manage', () => {
  it('is granted to social workers and coordinators only', () => {
    expect(ROLES.filter((r) => casesPermissions['case.manage'].includes(r))).toEqual(['coordinator', 'social_worker']);
  });

  it.each(ROLES)('%s: allowed suspends a case (audited); refused gets 403 (audited denied)', async (role) => {
    const c = await aCase(w);
    const op = w.operators[role];
    const res = await w.api('POST', `/api/v1/cases/${c.id}/status`, op.token, {
      action: 'suspend',
      version: c.version,
    });
    const events = await w.events(op.userId, 'case.manage');
    if (casesPermissions['case.manage'].includes(role)) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'suspended' });
      expect(events.at(-1)).toMatchObject({ outcome: 'ok', record_id: c.id, details: { move: 'suspend' } });
    } else {
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied', record_id: c.id });
    }
  });

  it('a social worker not on the case cannot transfer it (404, audited denied)', async () => {
    const c = await aCase(w);
    const res = await w.api('POST', `/api/v1/cases/${c.id}/transfer`, w.otherWorker.token, {
      version: c.version,
      toWorkerId: w.otherWorker.userId,
      note: 'Passaggio',
    });
    expect(res.statusCode).toBe(404);
    expect((await w.events(w.otherWorker.userId, 'case.manage')).at(-1)).toMatchObject({ outcome: 'denied' });
  });
});
