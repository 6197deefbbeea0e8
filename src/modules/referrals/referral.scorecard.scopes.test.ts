import { beforeAll, describe, expect, it } from 'vitest';
import { referralWorld } from '../../../test/support/referrals.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { referralsPermissions } from './referrals.policy.ts';

// Permission test for `referral.scorecard`: every role, through the API; partners of another organization are refused.
let w: Awaited<ReturnType<typeof referralWorld>>;
beforeAll(async () => {
  w = await referralWorld();
});
const allowed = (role: Role) => referralsPermissions['referral.scorecard'].includes(role);

describe('referral.scorecard', () => {
  it('is granted to coordinators only', () => {
    expect(ROLES.filter(allowed)).toEqual(['coordinator']);
  });

  it.each(ROLES)('%s: allowed succeeds (audited); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];

    const res = await w.api('GET', '/api/v1/referrals/scorecards', op.token);
    const events = await w.events(op.userId, 'referral.scorecard');
    if (allowed(role)) {
      expect(res.statusCode).toBe(200);
      expect(events.at(-1)).toMatchObject({ outcome: 'ok' });
    } else {
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied' });
    }
  });
});
