import { describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, TEST_PASSWORD } from '../../../test/support/factories.ts';
import { anOrganization } from '../../../test/support/referrals.ts';
import { DEMO_PARTNER_USERNAME, seedDemoReferrals } from './demo.seed.ts';

describe('seedDemoReferrals', () => {
  it('creates one partner user for the first demo organization, with the demo password, once', async () => {
    const { db } = await freshDatabase();
    const tenant = await buildTenant(db, { code: 'monza' });
    await buildOperator(db, tenant, 'coordinator');
    const org = await anOrganization(db, tenant.id, 'Caritas Monza (demo)');
    await seedDemoReferrals(db);
    await seedDemoReferrals(db);
    const rows = await db
      .selectFrom('partner_user as p')
      .innerJoin('app_user as u', 'u.id', 'p.user_id')
      .select(['u.username', 'p.organization_id'])
      .execute();
    expect(rows).toEqual([{ username: DEMO_PARTNER_USERNAME, organization_id: org }]);
    const browser = new Browser(await buildTestApp(db));
    await browser.login(DEMO_PARTNER_USERNAME, TEST_PASSWORD);
    const home = await browser.get('/partner');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('checked');
  });
});
