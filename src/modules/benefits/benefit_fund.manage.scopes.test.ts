import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { benefitsScopes } from './benefits.scopes.fixture.ts';
import { setFund } from './decisions.service.ts';

// Permission test for `benefit_fund.manage`: setting the money of a measure for a year.
let s: Awaited<ReturnType<typeof benefitsScopes>>;
beforeAll(async () => {
  s = await benefitsScopes();
});

describe('benefit_fund.manage', () => {
  it('is granted to admins only', () => {
    expect(ROLES.filter(s.allowed('benefit_fund.manage'))).toEqual(['admin']);
  });

  it.each(ROLES)('%s: allowed sets the fund (audited ok); refused gets 403, audited denied', async (role) => {
    const op = s.operators[role];
    const year = 2030 + ROLES.indexOf(role);
    const attempt = setFund(s.ctx(role), { measure: 'contributo-ordinario', year, amount: 5000 });
    const stored = () =>
      s.db.selectFrom('benefit_fund').select(['tenant_id', 'amount']).where('year', '=', year).execute();
    if (s.allowed('benefit_fund.manage')(role)) {
      expect(await attempt).toMatchObject({ year, amount: 5000, committed: 0 });
      expect(await stored()).toEqual([{ tenant_id: s.tenant.id, amount: '5000.00' }]);
      expect((await s.events(op.userId, 'benefit_fund.manage')).map((e) => e.outcome)).toEqual(['ok']);
    } else {
      await expect(attempt).rejects.toMatchObject({ status: 403 });
      expect(await stored()).toEqual([]);
      expect((await s.events(op.userId, 'benefit_fund.manage')).map((e) => e.outcome)).toEqual(['denied']);
    }
  });
});
