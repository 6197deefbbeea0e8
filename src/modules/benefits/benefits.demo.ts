import { asSystem, type Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import { seedRuleSets } from './rules.service.ts';

const DEMO_TENANT = 'monza';

/** Demo budgets for 2026 (invented amounts, flagged as demo in docs/BENEFITS.md). */
export const DEMO_FUNDS = [
  { measure: 'contributo-ordinario', year: 2026, amount: 180_000 },
  { measure: 'contributo-straordinario', year: 2026, amount: 40_000 },
] as const;

/**
 * Demo data for the Comune di Monza: the seed rule sets (national 2025 thresholds, indicative; municipal
 * contributions, demo values) and the 2026 funds of the municipal measures. Idempotent: only measures with
 * no rule version and funds that do not exist yet are added.
 */
export async function seedDemoBenefits(db: Db): Promise<void> {
  const tenant = await db.selectFrom('tenant').select('id').where('code', '=', DEMO_TENANT).executeTakeFirst();
  if (!tenant) return;
  await seedRuleSets(db, tenant.id);
  await asSystem(db, async (trx) => {
    const existing = await trx
      .selectFrom('benefit_fund')
      .select(['measure', 'year'])
      .where('tenant_id', '=', tenant.id)
      .execute();
    const added = DEMO_FUNDS.filter((f) => !existing.some((e) => e.measure === f.measure && e.year === f.year)).map(
      (f) => ({
        ...f,
        id: newId(),
      }),
    );
    for (const f of added) {
      await trx
        .insertInto('benefit_fund')
        .values({ ...f, tenant_id: tenant.id })
        .execute();
    }
    for (const f of added) {
      await recordEvent(
        trx,
        { actor: { kind: 'system', tenantId: tenant.id }, requestId: 'demo-seed' },
        { action: 'benefit_fund.manage', recordType: 'benefit_fund', recordId: f.id, details: { ...f, demo: true } },
      );
    }
  });
}
