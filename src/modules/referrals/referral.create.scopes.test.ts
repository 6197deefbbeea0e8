import { beforeAll, describe, expect, it } from 'vitest';
import { referralWorld } from '../../../test/support/referrals.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { referralsPermissions } from './referrals.policy.ts';

// Permission test for `referral.create`: every role, through the API; partners of another organization are refused.
let w: Awaited<ReturnType<typeof referralWorld>>;
beforeAll(async () => {
  w = await referralWorld();
});
const allowed = (role: Role) => referralsPermissions['referral.create'].includes(role);

describe('referral.create', () => {
  it('is granted to social workers and coordinators only', () => {
    expect(ROLES.filter(allowed)).toEqual(['coordinator', 'social_worker']);
  });

  it.each(ROLES)('%s: allowed succeeds (audited); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];

    const res = await w.api('POST', '/api/v1/referrals', op.token, {
      personId: w.person,
      destinationType: 'partner',
      organizationId: w.org,
      reason: 'Aiuto alimentare',
      legalBasis: 'consent',
      consentId: w.consentId,
      sharedFields: ['givenNames'],
    });
    const events = await w.events(op.userId, 'referral.create');
    if (allowed(role)) {
      expect(res.statusCode).toBe(201);
      expect(events.at(-1)).toMatchObject({ outcome: 'ok' });
    } else {
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied' });
    }
  });

  it('an unknown organization is 422 and nothing is written', async () => {
    const res = await w.api('POST', '/api/v1/referrals', w.operators.social_worker.token, {
      personId: w.person,
      destinationType: 'partner',
      organizationId: w.person,
      reason: 'x',
      legalBasis: 'public_task',
      sharedFields: [],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ pointer: '/organizationId', detail: 'unknown' }]);
  });
});
