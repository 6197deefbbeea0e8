import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { benefitsScopes } from './benefits.scopes.fixture.ts';
import { decideApplication, setFund } from './decisions.service.ts';

// Permission test for `benefit_application.decide`: every role on an application a social worker prepared.
let s: Awaited<ReturnType<typeof benefitsScopes>>;
beforeAll(async () => {
  s = await benefitsScopes();
  await setFund(s.ctx('admin'), { measure: 'contributo-ordinario', year: 2026, amount: 100_000 });
});

describe('benefit_application.decide', () => {
  it('is granted to coordinators only', () => {
    expect(ROLES.filter(s.allowed('benefit_application.decide'))).toEqual(['coordinator']);
  });

  it.each(ROLES)(
    '%s: allowed approves (audited ok); refused gets 403, nothing changes, audited denied',
    async (role) => {
      const app = await s.anApplication();
      const op = s.operators[role];
      const attempt = decideApplication(s.ctx(role), app.id, { decision: 'approved', version: app.version });
      const status = async () =>
        (await s.db.selectFrom('benefit_application').select('status').where('id', '=', app.id).executeTakeFirst())
          ?.status;
      if (s.allowed('benefit_application.decide')(role)) {
        expect((await attempt).status).toBe('approved');
        expect((await s.events(op.userId, 'benefit_application.decide')).map((e) => e.outcome)).toEqual(['ok']);
      } else {
        await expect(attempt).rejects.toMatchObject({ status: 403 });
        expect(await status()).toBe('open');
        const events = await s.events(op.userId, 'benefit_application.decide');
        expect(events.map((e) => e.outcome)).toEqual(['denied']);
      }
    },
  );

  it('the preparer never decides (four eyes), another tenant’s coordinator gets 404', async () => {
    const app = await s.anApplication();
    await expect(
      decideApplication(s.outsiderCtx(), app.id, {
        decision: 'rejected',
        reasonCode: 'other_support_in_place',
        version: 1,
      }),
    ).rejects.toMatchObject({ status: 404 });
    // The social worker who prepared it lacks the permission anyway; the four-eyes rule is in applications.test.ts
    // and in the database: a CHECK refuses decided_by = prepared_by.
    await expect(
      s.db
        .updateTable('benefit_application')
        .set({
          status: 'rejected',
          decision: 'rejected',
          decision_reason: 'x',
          decided_by: s.operators.social_worker.userId,
        })
        .where('id', '=', app.id)
        .execute(),
    ).rejects.toThrow(/check constraint/);
  });
});
