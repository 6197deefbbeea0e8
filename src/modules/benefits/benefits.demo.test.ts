import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import { seedDemoBenefits } from './benefits.demo.ts';

describe('seedDemoBenefits', () => {
  it('seeds the rule sets and the 2026 funds of Monza once (idempotent), and nothing elsewhere', async () => {
    const { db } = await freshDatabase();
    const monza = await buildTenant(db, { code: 'monza', name: 'Comune di Monza' });
    await buildTenant(db);
    await seedDemoBenefits(db);
    await seedDemoBenefits(db);
    const rules = await db.selectFrom('benefit_rule_set').select(['tenant_id', 'measure', 'version']).execute();
    expect(rules).toHaveLength(8);
    expect(new Set(rules.map((r) => r.tenant_id))).toEqual(new Set([monza.id]));
    const funds = await db
      .selectFrom('benefit_fund')
      .select(['measure', 'year', 'amount'])
      .orderBy('measure')
      .execute();
    expect(funds).toEqual([
      { measure: 'contributo-ordinario', year: 2026, amount: '180000.00' },
      { measure: 'contributo-straordinario', year: 2026, amount: '40000.00' },
    ]);
  });
});
