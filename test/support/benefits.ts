import { seedRuleSets } from '../../src/modules/benefits/rules.service.ts';
import type { Db } from '../../src/platform/db/database.ts';
import type { TestTenant } from './factories.ts';

/** Publishes the seed rule sets (all measures) into a test tenant. */
export async function seedBenefitRules(db: Db, tenant: TestTenant): Promise<void> {
  await seedRuleSets(db, tenant.id);
}

/** A fixed clock on a Rome day (noon UTC, so the Rome date is the same day). */
export const clockOn = (day: string) => ({ now: () => new Date(`${day}T12:00:00Z`) });

/** Self-check answers of a single parent renting with one child, who does not know the ISEE. */
export const PARENT_WITHOUT_ISEE: Record<string, string> = {
  age1: '34',
  age2: '6',
  iseeKnown: 'no',
  income: '6000',
  housing: 'rent',
  rent: '450',
  arrears: 'no',
  eviction: 'no',
  work: 'unemployed',
  adi: 'no',
  resident: 'yes',
  urgent: 'no',
};
