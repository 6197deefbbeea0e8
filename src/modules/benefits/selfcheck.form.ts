import type { Inputs } from './rules.types.ts';

/**
 * The resident's self-check form: what the resident types (strings from a POST body) → the named
 * inputs of the rules. Nothing here is stored. Answers a resident does not know stay out of the inputs,
 * so the rules report them as missing instead of guessing.
 */

export const MEMBER_ROWS = 8;
export const HOUSING = ['rent', 'own', 'other'] as const;
export const WORK = ['employed', 'unemployed', 'retired', 'other'] as const;
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export const YES_NO = ['yes', 'no'] as const;

export type SelfCheckForm = Record<string, string>;
export type SelfCheckError =
  | 'membersRequired'
  | 'ageInvalid'
  | 'iseeRequired'
  | 'amountInvalid'
  | 'choiceRequired'
  | 'rentRequired';
export type SelfCheckErrors = Record<string, SelfCheckError>;

const AMOUNT = /^\d{1,7}([.,]\d{1,2})?$/;

/** Accepts "8500", "8.500", "8500,50" and "8,500.50"-free forms: digits with an optional decimal part. */
export function parseAmount(text: string | undefined): number | undefined | 'invalid' {
  const s = (text ?? '').trim().replace(/\s|€/g, '');
  if (s === '') return undefined;
  const normalised = /^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s) ? s.replaceAll('.', '') : s;
  if (!AMOUNT.test(normalised)) return 'invalid';
  return Number(normalised.replace(',', '.'));
}

export interface Parsed {
  inputs: Inputs;
  errors: SelfCheckErrors;
}

export function parseSelfCheck(form: SelfCheckForm): Parsed {
  const errors: SelfCheckErrors = {};
  const ages: { age: number; disabled: boolean }[] = [];
  for (let i = 1; i <= MEMBER_ROWS; i++) {
    const text = (form[`age${i}`] ?? '').trim();
    if (text === '') continue;
    const age = Number(text);
    if (!/^\d{1,3}$/.test(text) || age > 120) errors[`age${i}`] = 'ageInvalid';
    else ages.push({ age, disabled: form[`disabled${i}`] === 'yes' });
  }
  if (ages.length === 0 && !errors.age1) errors.age1 = 'membersRequired';

  const inputs: Inputs = {
    householdSize: ages.length,
    minors: ages.filter((m) => m.age < 18).length,
    // Children under 21: the people other than the one filling in (row 1).
    childrenUnder21: ages.slice(1).filter((m) => m.age < 21).length,
    members60plus: ages.filter((m) => m.age >= 60).length,
    adults18to59: ages.filter((m) => m.age >= 18 && m.age < 60).length,
    disabledMembers: ages.filter((m) => m.disabled).length,
  };

  const amount = (field: string, name: keyof Inputs) => {
    const v = parseAmount(form[field]);
    if (v === 'invalid') errors[field] = 'amountInvalid';
    else if (v !== undefined) inputs[name] = v;
  };
  const choice = <T extends string>(field: string, allowed: readonly T[]): T | undefined => {
    const v = form[field];
    if (v && (allowed as readonly string[]).includes(v)) return v as T;
    errors[field] = 'choiceRequired';
    return undefined;
  };

  const iseeKnown = choice('iseeKnown', YES_NO);
  if (iseeKnown === 'yes') {
    amount('isee', 'isee');
    if (inputs.isee === undefined && !errors.isee) errors.isee = 'iseeRequired';
    amount('ise', 'ise');
  }
  amount('income', 'familyIncome');

  const housing = choice('housing', HOUSING);
  inputs.renting = housing === undefined ? undefined : housing === 'rent';
  if (housing === 'rent') {
    amount('rent', 'monthlyRent');
    const arrears = choice('arrears', YES_NO);
    const eviction = choice('eviction', YES_NO);
    if (arrears) inputs.rentArrears = arrears === 'yes';
    if (eviction) inputs.evictionNotice = eviction === 'yes';
  } else if (housing) {
    inputs.rentArrears = false;
    inputs.evictionNotice = false;
  }

  const work = choice('work', WORK);
  if (work) inputs.jobSeeker = work === 'unemployed';
  const adi = choice('adi', YES_NO_UNKNOWN);
  if (adi && adi !== 'unknown') inputs.receivesAdi = adi === 'yes';
  const resident = choice('resident', YES_NO_UNKNOWN);
  if (resident && resident !== 'unknown') inputs.resident = resident === 'yes';
  const urgent = choice('urgent', YES_NO);
  if (urgent) inputs.urgentExpense = urgent === 'yes';
  if (urgent === 'yes') amount('expense', 'expenseAmount');

  for (const key of Object.keys(inputs) as (keyof Inputs)[]) if (inputs[key] === undefined) delete inputs[key];
  return { inputs, errors };
}
