import { beforeAll, describe, expect, it } from 'vitest';
import { aReferral, referralWorld } from '../../../test/support/referrals.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { referralsPermissions } from './referrals.policy.ts';

// Permission test for `referral.read`: every role, through the API; partners of another organization are refused.
let w: Awaited<ReturnType<typeof referralWorld>>;
beforeAll(async () => {
  w = await referralWorld();
});
const allowed = (role: Role) => referralsPermissions['referral.read'].includes(role);

describe('referral.read', () => {
  it('is granted to social workers, coordinators and partners only', () => {
    expect(ROLES.filter(allowed)).toEqual(['coordinator', 'social_worker', 'partner']);
  });

  it.each(ROLES)('%s: allowed succeeds (audited); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];
    const r = await aReferral(w);
    const res = await w.api('GET', `/api/v1/referrals/${r.id}`, op.token);
    const events = await w.events(op.userId, 'referral.read');
    if (allowed(role)) {
      expect(res.statusCode).toBe(200);
      expect(events.at(-1)).toMatchObject({ outcome: 'ok' });
    } else {
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied' });
    }
  });

  it("the partner of the organization reads it (shared fields only); another organization's partner gets 404", async () => {
    const r = await aReferral(w);
    const mine = await w.api('GET', `/api/v1/referrals/${r.id}`, w.partner.token);
    expect(mine.statusCode).toBe(200);
    expect(Object.keys(mine.json().shared).sort()).toEqual(['givenNames', 'phone']);
    const other = await w.api('GET', `/api/v1/referrals/${r.id}`, w.otherPartner.token);
    expect(other.statusCode).toBe(404);
    expect((await w.events(w.otherPartner.userId, 'referral.read')).at(-1)).toMatchObject({
      outcome: 'denied',
      details: { reason: 'not-found' },
    });
  });
});
