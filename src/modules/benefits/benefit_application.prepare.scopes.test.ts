import { beforeAll, describe, expect, it } from 'vitest';
import { ELIGIBLE_INPUTS } from '../../../test/support/benefits.ts';
import { savePerson } from '../../../test/support/people.ts';
import { ROLES } from '../../platform/context.ts';
import { openApplication, recordCheck } from './applications.service.ts';
import { benefitsScopes } from './benefits.scopes.fixture.ts';

// Permission test for `benefit_application.prepare` (open an application, request and record checks).
let s: Awaited<ReturnType<typeof benefitsScopes>>;
let personId: string;
beforeAll(async () => {
  s = await benefitsScopes();
  personId = (await savePerson(s.ctx('social_worker'), { givenNames: 'Ada', familyNames: 'Scopi' })).id;
});

describe('benefit_application.prepare', () => {
  it('is granted to coordinators and social workers', () => {
    expect(ROLES.filter(s.allowed('benefit_application.prepare'))).toEqual(['coordinator', 'social_worker']);
  });

  it.each(ROLES)('%s: allowed opens (audited ok); refused gets 403, writes nothing, audited denied', async (role) => {
    const op = s.operators[role];
    const attempt = openApplication(s.ctx(role), {
      personId,
      measure: 'contributo-ordinario',
      inputs: { ...ELIGIBLE_INPUTS },
    });
    const mine = () =>
      s.db.selectFrom('benefit_application').select('id').where('prepared_by', '=', op.userId).execute();
    if (s.allowed('benefit_application.prepare')(role)) {
      expect(await attempt).toMatchObject({ kind: 'opened' });
      expect(await mine()).toHaveLength(1);
      expect((await s.events(op.userId, 'benefit_application.prepare')).map((e) => e.outcome)).toEqual(['ok']);
    } else {
      await expect(attempt).rejects.toMatchObject({ status: 403 });
      expect(await mine()).toEqual([]);
      expect((await s.events(op.userId, 'benefit_application.prepare')).map((e) => e.outcome)).toEqual(['denied']);
    }
  });

  it('another tenant’s person cannot be used, another tenant’s application is 404 for checks', async () => {
    const result = await openApplication(s.outsiderCtx(), { personId, measure: 'contributo-ordinario', inputs: {} });
    expect(result).toMatchObject({ kind: 'invalid' });
    const app = await s.anApplication();
    await expect(recordCheck(s.outsiderCtx(), app.id, { kind: 'residence' })).rejects.toMatchObject({ status: 404 });
  });
});
