import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { interviewScopes } from './interview.scopes.fixture.ts';
import { getInterviews, recordInterview } from './interview.service.ts';

// Permission test for `interview.read`: every role, through the service.
let s: Awaited<ReturnType<typeof interviewScopes>>;
let accessId: string;
beforeAll(async () => {
  s = await interviewScopes();
  ({ accessId } = await s.anAccess());
  await recordInterview(s.ctx('social_worker'), accessId, {
    kind: 'booked',
    startedAt: new Date().toISOString(),
    helpAtFirstInterview: false,
  });
});

describe('interview.read', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter(s.allowed('interview.read'))).toEqual(['coordinator', 'social_worker', 'front_office']);
  });

  it.each(ROLES)('%s: allowed lists the interviews (audited); refused gets 403 (audited denied)', async (role) => {
    const op = s.operators[role];
    const attempt = getInterviews(s.ctx(role), accessId);
    if (s.allowed('interview.read')(role)) {
      expect(await attempt).toHaveLength(1);
      expect(await s.events(op.userId, 'interview.read')).toEqual([{ outcome: 'ok', record_id: accessId }]);
    } else {
      await expect(attempt).rejects.toMatchObject({ status: 403 });
      expect(await s.events(op.userId, 'interview.read')).toEqual([{ outcome: 'denied', record_id: accessId }]);
    }
  });

  it("answers 404 for another tenant's access", async () => {
    await expect(getInterviews(s.outsiderCtx(), accessId)).rejects.toMatchObject({ status: 404 });
  });
});
