import { beforeAll, describe, expect, it } from 'vitest';
import { aReferral, referralWorld } from '../../../test/support/referrals.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { referralsPermissions } from './referrals.policy.ts';

// Permission test for `referral.list`: every role, through the API; partners of another organization are refused.
let w: Awaited<ReturnType<typeof referralWorld>>;
beforeAll(async () => {
  w = await referralWorld();
});
const allowed = (role: Role) => referralsPermissions['referral.list'].includes(role);

describe('referral.list', () => {
  it('is granted to social workers, coordinators and partners only', () => {
    expect(ROLES.filter(allowed)).toEqual(['coordinator', 'social_worker', 'partner']);
  });

  it.each(ROLES)('%s: allowed succeeds (audited); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];

    const res = await w.api('GET', '/api/v1/referrals?view=team', op.token);
    const events = await w.events(op.userId, 'referral.list');
    if (allowed(role)) {
      expect(res.statusCode).toBe(200);
      expect(events.at(-1)).toMatchObject({ outcome: 'ok' });
    } else {
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied' });
    }
  });

  it("a partner user always gets its own inbox, never the operators' lists", async () => {
    const r = await aReferral(w);
    const res = await w.api('GET', '/api/v1/referrals?view=team', w.otherPartner.token);
    expect(res.json().items.map((i: { id: string }) => i.id)).not.toContain(r.id);
    expect((await w.events(w.otherPartner.userId, 'referral.list')).at(-1)).toMatchObject({
      details: { view: 'inbox' },
    });
  });
});
