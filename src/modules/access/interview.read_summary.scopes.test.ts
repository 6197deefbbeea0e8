import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { interviewScopes } from './interview.scopes.fixture.ts';
import { getInterviews, recordInterview } from './interview.service.ts';

// Permission test for `interview.read_summary`: every role that may list interviews, through the service.
let s: Awaited<ReturnType<typeof interviewScopes>>;
let accessId: string;
beforeAll(async () => {
  s = await interviewScopes();
  ({ accessId } = await s.anAccess());
  await recordInterview(s.ctx('social_worker'), accessId, {
    kind: 'immediate',
    startedAt: new Date().toISOString(),
    helpAtFirstInterview: true,
    confidentialSummary: 'Sintesi riservata',
  });
});

describe('interview.read_summary', () => {
  it('is granted to social workers only', () => {
    expect(ROLES.filter(s.allowed('interview.read_summary'))).toEqual(['social_worker']);
  });

  it.each(ROLES.filter((r) => ['coordinator', 'social_worker', 'front_office'].includes(r)))(
    '%s: the summary is shown only if allowed',
    async (role) => {
      const [interview] = await getInterviews(s.ctx(role), accessId);
      if (s.allowed('interview.read_summary')(role)) expect(interview?.confidentialSummary).toBe('Sintesi riservata');
      else expect(interview).not.toHaveProperty('confidentialSummary');
      const [event] = await s.db
        .selectFrom('audit_event')
        .select('details')
        .where('actor_user_id', '=', s.operators[role].userId)
        .where('action', '=', 'interview.read')
        .execute();
      expect(event?.details).toMatchObject({ withSummary: s.allowed('interview.read_summary')(role) });
    },
  );
});
