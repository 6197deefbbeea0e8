import { beforeAll, describe, expect, it } from 'vitest';
import { aReferral, referralWorld } from '../../../test/support/referrals.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { referralsPermissions } from './referrals.policy.ts';

// Permission test for `referral.manage`: every role, through the API; partners of another organization are refused.
let w: Awaited<ReturnType<typeof referralWorld>>;
beforeAll(async () => {
  w = await referralWorld();
});
const allowed = (role: Role) => referralsPermissions['referral.manage'].includes(role);

describe('referral.manage', () => {
  it('is granted to social workers and coordinators only', () => {
    expect(ROLES.filter(allowed)).toEqual(['coordinator', 'social_worker']);
  });

  it.each(ROLES)('%s: allowed succeeds (audited); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];
    const r = await aReferral(w, { send: false });
    const res = await w.api('POST', `/api/v1/referrals/${r.id}/send`, op.token, { version: r.version });
    const events = await w.events(op.userId, 'referral.manage');
    if (allowed(role)) {
      expect(res.statusCode).toBe(200);
      expect(events.at(-1)).toMatchObject({ outcome: 'ok' });
    } else {
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied' });
    }
  });

  it('a social worker of another office who did not send it gets 404 (audited denied)', async () => {
    const r = await aReferral(w, { send: false, token: w.operators.coordinator.token });
    const { buildOffice, buildOperator, buildToken } = await import('../../../test/support/factories.ts');
    const elsewhere = await buildOperator(w.db, w.tenant, 'social_worker', {
      offices: [await buildOffice(w.db, w.tenant)],
    });
    const token = await buildToken(w.db, elsewhere);
    const res = await w.api('POST', `/api/v1/referrals/${r.id}/cancel`, token, { version: r.version, reason: 'x' });
    expect(res.statusCode).toBe(404);
    expect((await w.events(elsewhere.userId, 'referral.manage')).at(-1)).toMatchObject({
      outcome: 'denied',
      details: { reason: 'not-found' },
    });
  });
});
