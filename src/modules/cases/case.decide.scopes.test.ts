import { beforeAll, describe, expect, it } from 'vitest';
import { aCase, secondLevelWorld } from '../../../test/support/referrals.ts';
import { ROLES } from '../../platform/context.ts';
import { casesPermissions } from './cases.policy.ts';

// Permission test for `case.decide`: every role, through the API.
let w: Awaited<ReturnType<typeof secondLevelWorld>>;
beforeAll(async () => {
  w = await secondLevelWorld();
});

describe('case.decide', () => {
  it('is granted to coordinators only', () => {
    expect(ROLES.filter((r) => casesPermissions['case.decide'].includes(r))).toEqual(['coordinator']);
  });

  it.each(ROLES)('%s: allowed declines with reasons (audited); refused gets 403 (audited denied)', async (role) => {
    const proposal = await aCase(w, false);
    const op = w.operators[role];
    const res = await w.api('POST', `/api/v1/cases/${proposal.id}/decision`, op.token, {
      decision: 'decline',
      version: proposal.version,
      reasons: 'Competenza di altro ambito',
    });
    const events = await w.events(op.userId, 'case.decide');
    if (casesPermissions['case.decide'].includes(role)) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'declined', declineReasons: 'Competenza di altro ambito' });
      expect(events.at(-1)).toMatchObject({ outcome: 'ok', record_id: proposal.id });
    } else {
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied', record_id: proposal.id });
    }
  });

  it("another tenant's coordinator gets 404, audited denied", async () => {
    const proposal = await aCase(w, false);
    const res = await w.api('POST', `/api/v1/cases/${proposal.id}/decision`, w.outsider.token, {
      decision: 'decline',
      version: 1,
      reasons: 'x',
    });
    expect(res.statusCode).toBe(404);
    expect((await w.events(w.outsider.userId, 'case.decide')).at(-1)).toMatchObject({
      outcome: 'denied',
      details: { reason: 'not-found' },
    });
  });
});
