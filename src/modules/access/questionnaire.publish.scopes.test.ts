import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { SMALL } from './interview.fixture.ts';
import { interviewScopes } from './interview.scopes.fixture.ts';
import { publishQuestionnaire } from './questionnaire.service.ts';

// Permission test for `questionnaire.publish`: every role, through the service.
let s: Awaited<ReturnType<typeof interviewScopes>>;
beforeAll(async () => {
  s = await interviewScopes();
});

describe('questionnaire.publish', () => {
  it('is granted to admins only', () => {
    expect(ROLES.filter(s.allowed('questionnaire.publish'))).toEqual(['admin']);
  });

  it.each(ROLES)('%s: allowed publishes (audited); refused gets 403, writes nothing, audited denied', async (role) => {
    const code = `q-${role.replace('_', '-')}`;
    const op = s.operators[role];
    const attempt = publishQuestionnaire(s.ctx(role), code, SMALL);
    const stored = () => s.db.selectFrom('questionnaire_version').select('id').where('code', '=', code).execute();
    const events = () =>
      s.db
        .selectFrom('audit_event')
        .select('outcome')
        .where('actor_user_id', '=', op.userId)
        .where('action', '=', 'questionnaire.publish')
        .execute();
    if (s.allowed('questionnaire.publish')(role)) {
      expect(await attempt).toMatchObject({ kind: 'published', questionnaire: { code, version: 1 } });
      expect(await stored()).toHaveLength(1);
      expect(await events()).toEqual([{ outcome: 'ok' }]);
    } else {
      await expect(attempt).rejects.toMatchObject({ status: 403 });
      expect(await stored()).toEqual([]);
      expect(await events()).toEqual([{ outcome: 'denied' }]);
    }
  });
});
