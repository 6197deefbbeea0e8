import { type OpenApplicationInput, openApplication } from '../../src/modules/benefits/applications.service.ts';
import { seedRuleSets } from '../../src/modules/benefits/rules.service.ts';
import type { Ctx } from '../../src/platform/context.ts';
import type { Db } from '../../src/platform/db/database.ts';
import type { TestTenant } from './factories.ts';
import { savePerson } from './people.ts';

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

/** Inputs of a household of three living on 800 a month with ISEE 7,000: eligible for the ordinary contribution. */
export const ELIGIBLE_INPUTS = { resident: true, isee: 7000, householdSize: 3, familyIncome: 9600 } as const;

/** Opens an eligible ordinary-contribution application for a new person, prepared by `ctx`'s operator. */
export async function openEligibleApplication(ctx: Ctx, overrides: Partial<OpenApplicationInput> = {}) {
  const person = await savePerson(ctx, {
    givenNames: 'Rosa',
    familyNames: `Prova${Math.random().toString(36).slice(2, 8)}`,
  });
  const result = await openApplication(ctx, {
    personId: person.id,
    measure: 'contributo-ordinario',
    inputs: { ...ELIGIBLE_INPUTS },
    ...overrides,
  });
  if (result.kind !== 'opened') throw new Error(`expected opened, got ${JSON.stringify(result)}`);
  return result.application;
}
