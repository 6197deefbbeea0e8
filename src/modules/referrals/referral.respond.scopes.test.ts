import { beforeAll, describe, expect, it } from 'vitest';
import { aReferral, referralWorld } from '../../../test/support/referrals.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { referralsPermissions } from './referrals.policy.ts';

// Permission test for `referral.respond`: every role, through the API; partners of another organization are refused.
let w: Awaited<ReturnType<typeof referralWorld>>;
beforeAll(async () => {
  w = await referralWorld();
});
/** A sent referral to an internal area: operators record its answer. */
async function internal() {
  const token = w.operators.coordinator.token;
  const d = (
    await w.api('POST', '/api/v1/referrals', token, {
      personId: w.person,
      destinationType: 'internal_area',
      internalArea: 'disability',
      reason: 'Valutazione',
      legalBasis: 'public_task',
      sharedFields: [],
    })
  ).json();
  return (await w.api('POST', `/api/v1/referrals/${d.id}/send`, token, { version: d.version })).json();
}
const allowed = (role: Role) => referralsPermissions['referral.respond'].includes(role);

describe('referral.respond', () => {
  it('is granted to social workers, coordinators and partners only', () => {
    expect(ROLES.filter(allowed)).toEqual(['coordinator', 'social_worker', 'partner']);
  });

  it.each(ROLES)('%s: allowed succeeds (audited); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];
    const r = role === 'partner' ? await aReferral(w) : await internal();
    const res = await w.api('POST', `/api/v1/referrals/${r.id}/responses`, op.token, {
      version: r.version,
      to: 'accepted',
    });
    const events = await w.events(op.userId, 'referral.respond');
    if (allowed(role)) {
      expect(res.statusCode).toBe(200);
      expect(events.at(-1)).toMatchObject({ outcome: 'ok' });
    } else {
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied' });
    }
  });

  it('a partner of another organization cannot answer (404, audited denied)', async () => {
    const r = await aReferral(w);
    const res = await w.api('POST', `/api/v1/referrals/${r.id}/responses`, w.otherPartner.token, {
      version: r.version,
      to: 'declined',
      reasonCode: 'no_capacity',
    });
    expect(res.statusCode).toBe(404);
    expect((await w.events(w.otherPartner.userId, 'referral.respond')).at(-1)).toMatchObject({ outcome: 'denied' });
  });
});
