import { beforeAll, describe, expect, it } from 'vitest';
import { referralWorld } from '../../../test/support/referrals.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { referralsPermissions } from './referrals.policy.ts';

// Permission test for `partner.capacity`: every role, through the API; partners of another organization are refused.
let w: Awaited<ReturnType<typeof referralWorld>>;
beforeAll(async () => {
  w = await referralWorld();
});
const allowed = (role: Role) => referralsPermissions['partner.capacity'].includes(role);

describe('partner.capacity', () => {
  it('is granted to partners only', () => {
    expect(ROLES.filter(allowed)).toEqual(['partner']);
  });

  it.each(ROLES)('%s: allowed succeeds (audited); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];

    const res = await w.api('PUT', '/api/v1/partner/capacity', op.token, { status: 'no_capacity' });
    const events = await w.events(op.userId, 'partner.capacity');
    if (allowed(role)) {
      expect(res.statusCode).toBe(204);
      expect(events.at(-1)).toMatchObject({ outcome: 'ok' });
    } else {
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied' });
    }
  });

  it("is stored for the partner's own organization only", async () => {
    await w.api('PUT', '/api/v1/partner/capacity', w.otherPartner.token, { status: 'has_capacity' });
    const rows = await w.db
      .selectFrom('partner_capacity')
      .select(['organization_id', 'status'])
      .orderBy('status')
      .execute();
    expect(rows).toEqual([
      { organization_id: w.otherOrg, status: 'has_capacity' },
      { organization_id: w.org, status: 'no_capacity' },
    ]);
  });
});
