import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { addOutcome } from './interview.fixture.ts';
import { interviewScopes } from './interview.scopes.fixture.ts';
import { closeAccess } from './outcome.service.ts';

// Permission test for `access.close`: every role, through the service.
let s: Awaited<ReturnType<typeof interviewScopes>>;
beforeAll(async () => {
  s = await interviewScopes();
});

describe('access.close', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter(s.allowed('access.close'))).toEqual(['coordinator', 'social_worker', 'front_office']);
  });

  it.each(ROLES)('%s: allowed closes (audited); refused gets 403, stays open, audited denied', async (role) => {
    const { accessId, requestIds } = await s.anAccess({ status: 'open' });
    await addOutcome(s.db, s.tenant, requestIds[0] as string, s.operators.social_worker, 'information');
    const op = s.operators[role];
    const attempt = closeAccess(s.ctx(role), accessId);
    const status = async () =>
      (await s.db.selectFrom('access').select('status').where('id', '=', accessId).executeTakeFirstOrThrow()).status;
    if (s.allowed('access.close')(role)) {
      expect(await attempt).toHaveProperty('closedAt');
      expect(await status()).toBe('closed');
      expect(await s.events(op.userId, 'access.close')).toEqual([{ outcome: 'ok', record_id: accessId }]);
    } else {
      await expect(attempt).rejects.toMatchObject({ status: 403 });
      expect(await status()).toBe('open');
      expect(await s.events(op.userId, 'access.close')).toEqual([{ outcome: 'denied', record_id: accessId }]);
    }
  });

  it("answers 404 for another tenant's access", async () => {
    const { accessId } = await s.anAccess();
    await expect(closeAccess(s.outsiderCtx(), accessId)).rejects.toMatchObject({ status: 404 });
  });
});
