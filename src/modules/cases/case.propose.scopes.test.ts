import { beforeAll, describe, expect, it } from 'vitest';
import { secondLevelWorld } from '../../../test/support/referrals.ts';
import { ROLES } from '../../platform/context.ts';
import { casesPermissions } from './cases.policy.ts';

// Permission test for `case.propose`: every role, through the API.
let w: Awaited<ReturnType<typeof secondLevelWorld>>;
beforeAll(async () => {
  w = await secondLevelWorld();
});

describe('case.propose', () => {
  it('is granted to social workers and coordinators only', () => {
    expect(ROLES.filter((r) => casesPermissions['case.propose'].includes(r))).toEqual(['coordinator', 'social_worker']);
  });

  it.each(ROLES)('%s: allowed proposes (201, audited); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];
    const res = await w.api('POST', '/api/v1/cases', op.token, {
      personId: w.person,
      area: 'elderly',
      reasons: 'Solitudine',
    });
    const events = await w.events(op.userId, 'case.propose');
    if (casesPermissions['case.propose'].includes(role)) {
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ status: 'proposed', area: 'elderly', personId: w.person });
      expect(events).toEqual([expect.objectContaining({ outcome: 'ok', record_id: res.json().id })]);
      expect(JSON.stringify(events)).not.toContain('Solitudine');
    } else {
      expect(res.statusCode).toBe(403);
      expect(events).toEqual([expect.objectContaining({ outcome: 'denied' })]);
    }
  });

  it("another tenant's person is unknown (422), nothing written", async () => {
    const res = await w.api('POST', '/api/v1/cases', w.outsider.token, {
      personId: w.person,
      area: 'adults',
      reasons: 'x',
      officeId: w.office.id,
    });
    expect(res.statusCode).toBe(422);
    expect(await w.db.selectFrom('social_case').select('id').where('tenant_id', '<>', w.tenant.id).execute()).toEqual(
      [],
    );
  });
});
