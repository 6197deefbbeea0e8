import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { benefitsScopes } from './benefits.scopes.fixture.ts';
import { listFunds, setFund } from './decisions.service.ts';

// Permission test for `benefit_fund.read`: fund balances (no personal data).
let s: Awaited<ReturnType<typeof benefitsScopes>>;
beforeAll(async () => {
  s = await benefitsScopes();
  await setFund(s.ctx('admin'), { measure: 'contributo-ordinario', year: 2026, amount: 7000 });
});

describe('benefit_fund.read', () => {
  it('is granted to every staff role but researchers', () => {
    expect(ROLES.filter(s.allowed('benefit_fund.read'))).toEqual([
      'admin',
      'coordinator',
      'social_worker',
      'front_office',
      'auditor',
    ]);
  });

  it.each(ROLES)('%s: allowed sees the tenant’s funds; refused gets 403, audited denied', async (role) => {
    if (s.allowed('benefit_fund.read')(role)) {
      expect(await listFunds(s.ctx(role), 2026)).toMatchObject([{ measure: 'contributo-ordinario', amount: 7000 }]);
    } else {
      await expect(listFunds(s.ctx(role))).rejects.toMatchObject({ status: 403 });
      expect((await s.events(s.operators[role].userId, 'benefit_fund.read')).map((e) => e.outcome)).toEqual(['denied']);
    }
  });

  it('another tenant sees none of them', async () => {
    expect(await listFunds(s.outsiderCtx())).toEqual([]);
  });
});
