import type { Db } from '../../platform/db/database.ts';
import { seedRuleSets } from './rules.service.ts';

const DEMO_TENANT = 'monza';

/**
 * Demo data for the Comune di Monza: the seed rule sets (national 2025 thresholds, indicative; municipal
 * contributions, demo values). Idempotent: only measures with no version yet are added.
 */
export async function seedDemoBenefits(db: Db): Promise<void> {
  const tenant = await db.selectFrom('tenant').select('id').where('code', '=', DEMO_TENANT).executeTakeFirst();
  if (!tenant) return;
  await seedRuleSets(db, tenant.id);
}
