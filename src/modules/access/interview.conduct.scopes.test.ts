import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { interviewScopes } from './interview.scopes.fixture.ts';
import { recordInterview } from './interview.service.ts';

// Permission test for `interview.conduct`: every role, through the service.
let s: Awaited<ReturnType<typeof interviewScopes>>;
beforeAll(async () => {
  s = await interviewScopes();
});
const input = () => ({ kind: 'immediate' as const, startedAt: new Date().toISOString(), helpAtFirstInterview: true });

describe('interview.conduct', () => {
  it('is granted to social workers only', () => {
    expect(ROLES.filter(s.allowed('interview.conduct'))).toEqual(['social_worker']);
  });

  it.each(ROLES)('%s: allowed records (audited); refused gets 403, writes nothing, audited denied', async (role) => {
    const { accessId } = await s.anAccess();
    const op = s.operators[role];
    const attempt = recordInterview(s.ctx(role), accessId, input());
    const stored = async () => s.db.selectFrom('interview').select('id').where('access_id', '=', accessId).execute();
    if (s.allowed('interview.conduct')(role)) {
      expect(await attempt).toMatchObject({ kind: 'recorded' });
      expect(await stored()).toHaveLength(1);
      expect(await s.events(op.userId, 'interview.conduct')).toEqual([{ outcome: 'ok', record_id: accessId }]);
    } else {
      await expect(attempt).rejects.toMatchObject({ status: 403 });
      expect(await stored()).toEqual([]);
      expect((await s.events(op.userId, 'interview.conduct')).at(-1)).toEqual({
        outcome: 'denied',
        record_id: accessId,
      });
    }
  });

  it("answers 404 for another tenant's access", async () => {
    const { accessId } = await s.anAccess();
    await expect(recordInterview(s.outsiderCtx(), accessId, input())).rejects.toMatchObject({ status: 404 });
  });
});
