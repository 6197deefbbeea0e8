import type { Parameter, RuleSetDefinition } from './rules.types.ts';

/**
 * Municipal contributions of the demo (Comune di Monza): every value here is invented for the demo and
 * flagged so. A real installation publishes its own regulation's values as new versions.
 */

const ISEE_SCALE: Record<'iseeScale' | 'iseeScaleExtra', Parameter> = {
  iseeScale: {
    value: [1, 1.57, 2.04, 2.46, 2.85],
    unit: 'ratio',
    label: { it: 'scala di equivalenza ISEE (1–5 persone)', en: 'ISEE equivalence scale (1–5 people)' },
  },
  iseeScaleExtra: {
    value: 0.35,
    unit: 'ratio',
    label: { it: 'scala: per ogni persona oltre la quinta', en: 'scale: per person beyond the fifth' },
  },
};

function ordinary(values: {
  iseeMax: number;
  minimoVitale: number;
  monthlyCap: number;
  year: number;
  tests: RuleSetDefinition['tests'];
}): RuleSetDefinition {
  return {
    measure: 'contributo-ordinario',
    kind: 'municipal',
    status: 'demo',
    title: { it: 'Contributo economico ordinario', en: 'Ordinary financial contribution' },
    summary: {
      it: `Integrazione mensile fino al minimo vitale, per al massimo 6 mesi, legata a un progetto con l’assistente sociale (${values.year}, valori dimostrativi).`,
      en: `Monthly top-up to the minimum living income, for at most 6 months, tied to a plan with the social worker (${values.year}, demo values).`,
    },
    source: 'Demo: regolamento comunale dei contributi economici (valori inventati)',
    parameters: {
      iseeMax: { value: values.iseeMax, unit: 'eur', demo: true, label: { it: 'soglia ISEE', en: 'ISEE threshold' } },
      minimoVitale: {
        value: values.minimoVitale,
        unit: 'eur_month',
        demo: true,
        label: { it: 'minimo vitale per una persona', en: 'minimum living income for one person' },
      },
      monthlyCap: {
        value: values.monthlyCap,
        unit: 'eur_month',
        demo: true,
        label: { it: 'contributo mensile massimo', en: 'maximum monthly contribution' },
      },
      maxMonths: { value: 6, unit: 'months', demo: true, label: { it: 'durata massima', en: 'maximum duration' } },
      ...ISEE_SCALE,
    },
    derived: [
      {
        name: 'scale',
        label: { it: 'scala di equivalenza del nucleo', en: 'household equivalence scale' },
        expr: ['table', 'householdSize', 'iseeScale', 'iseeScaleExtra'],
      },
      {
        name: 'floor',
        label: { it: 'minimo vitale del nucleo (al mese)', en: 'household minimum living income (monthly)' },
        expr: ['round', ['*', 'minimoVitale', 'scale']],
      },
      {
        name: 'gap',
        label: { it: 'quanto manca al minimo vitale (al mese)', en: 'shortfall from the minimum (monthly)' },
        expr: ['round', ['-', 'floor', ['/', 'familyIncome', 12]]],
      },
    ],
    conditions: [
      {
        id: 'resident',
        label: { it: 'Residente nel Comune', en: 'Resident in the municipality' },
        test: ['==', 'resident', true],
      },
      {
        id: 'isee',
        label: { it: 'ISEE entro la soglia', en: 'ISEE within the threshold' },
        test: ['<=', 'isee', 'iseeMax'],
      },
      {
        id: 'below-floor',
        label: {
          it: 'Il reddito mensile è sotto il minimo vitale del nucleo',
          en: 'Monthly income is below the household minimum',
        },
        test: ['>', 'gap', 0],
      },
    ],
    amount: {
      label: { it: 'Contributo mensile', en: 'Monthly contribution' },
      per: 'month',
      expr: ['min', 'monthlyCap', 'gap'],
      months: 'maxMonths',
    },
    documents: ['isee', 'identity_document', 'income_proof', 'lease'],
    nextSteps: {
      it: 'Prenota un colloquio al Segretariato sociale del tuo quartiere: la domanda si fa con l’assistente sociale.',
      en: 'Book an interview at your neighbourhood social secretariat office: you apply together with the social worker.',
    },
    needWords: { it: 'contributi economici', en: 'financial help' },
    tests: values.tests,
  };
}

/** 2025 version: effective 2025-01-01 to 2025-12-31. */
export const ORDINARY_2025 = ordinary({
  year: 2025,
  iseeMax: 9000,
  minimoVitale: 560,
  monthlyCap: 400,
  tests: [
    {
      name: 'three people, income 800 a month',
      inputs: { resident: true, isee: 7000, householdSize: 3, familyIncome: 9600 },
      expect: { result: 'eligible', amount: 342.4 },
    },
    {
      name: 'one person, no income: capped',
      inputs: { resident: true, isee: 0, householdSize: 1, familyIncome: 0 },
      expect: { result: 'eligible', amount: 400 },
    },
    {
      name: 'ISEE exactly at the threshold',
      inputs: { resident: true, isee: 9000, householdSize: 2, familyIncome: 6000 },
      expect: { result: 'eligible', amount: 379.2 },
    },
    {
      name: 'ISEE one euro above',
      inputs: { resident: true, isee: 9001, householdSize: 2, familyIncome: 6000 },
      expect: { result: 'not_eligible', amount: null },
    },
    {
      name: 'six people above the floor (scale 2.85 + 0.35)',
      inputs: { resident: true, isee: 8000, householdSize: 6, familyIncome: 24000 },
      expect: { result: 'not_eligible' },
    },
    {
      name: 'not resident',
      inputs: { resident: false, householdSize: 1, familyIncome: 0 },
      expect: { result: 'not_eligible', missing: [] },
    },
    {
      name: 'ISEE not known',
      inputs: { resident: true, householdSize: 3, familyIncome: 9600 },
      expect: { result: 'cannot_tell', missing: ['isee'] },
    },
  ],
});

/** 2026 version: effective from 2026-01-01 (higher minimum, higher cap). */
export const ORDINARY_2026 = ordinary({
  year: 2026,
  iseeMax: 9360,
  minimoVitale: 580,
  monthlyCap: 450,
  tests: [
    {
      name: 'three people, income 800 a month',
      inputs: { resident: true, isee: 7000, householdSize: 3, familyIncome: 9600 },
      expect: { result: 'eligible', amount: 383.2 },
    },
    {
      name: 'one person, no income: capped',
      inputs: { resident: true, isee: 0, householdSize: 1, familyIncome: 0 },
      expect: { result: 'eligible', amount: 450 },
    },
    {
      name: 'ISEE exactly at the threshold',
      inputs: { resident: true, isee: 9360, householdSize: 1, familyIncome: 3600 },
      expect: { result: 'eligible', amount: 280 },
    },
    {
      name: 'ISEE one euro above',
      inputs: { resident: true, isee: 9361, householdSize: 1, familyIncome: 3600 },
      expect: { result: 'not_eligible' },
    },
    {
      name: 'income unknown',
      inputs: { resident: true, isee: 5000, householdSize: 2 },
      expect: { result: 'cannot_tell', missing: ['familyIncome'] },
    },
  ],
});

export const ONE_OFF: RuleSetDefinition = {
  measure: 'contributo-straordinario',
  kind: 'municipal',
  status: 'demo',
  title: { it: 'Contributo straordinario una tantum', en: 'One-off emergency contribution' },
  summary: {
    it: 'Un aiuto una sola volta per una spesa urgente e imprevista (bollette, cure, riparazioni). Valori dimostrativi.',
    en: 'A single payment for an urgent, unexpected expense (bills, care, repairs). Demo values.',
  },
  source: 'Demo: regolamento comunale dei contributi economici (valori inventati)',
  parameters: {
    iseeMax: { value: 15000, unit: 'eur', demo: true, label: { it: 'soglia ISEE', en: 'ISEE threshold' } },
    cap: { value: 1000, unit: 'eur', demo: true, label: { it: 'contributo massimo', en: 'maximum contribution' } },
  },
  conditions: [
    {
      id: 'resident',
      label: { it: 'Residente nel Comune', en: 'Resident in the municipality' },
      test: ['==', 'resident', true],
    },
    {
      id: 'urgent',
      label: { it: 'C’è una spesa urgente e imprevista', en: 'There is an urgent, unexpected expense' },
      test: ['==', 'urgentExpense', true],
    },
    {
      id: 'isee',
      label: { it: 'ISEE entro la soglia', en: 'ISEE within the threshold' },
      test: ['<=', 'isee', 'iseeMax'],
    },
  ],
  amount: {
    label: { it: 'Contributo una tantum', en: 'One-off contribution' },
    per: 'once',
    expr: ['min', 'cap', 'expenseAmount'],
  },
  documents: ['isee', 'identity_document', 'expense_proof'],
  nextSteps: {
    it: 'Prenota un colloquio al Segretariato sociale portando il preventivo o la fattura della spesa.',
    en: 'Book an interview at the social secretariat and bring the quote or invoice of the expense.',
  },
  needWords: { it: 'contributi economici', en: 'financial help' },
  tests: [
    {
      name: 'expense of 800',
      inputs: { resident: true, urgentExpense: true, isee: 6000, expenseAmount: 800 },
      expect: { result: 'eligible', amount: 800 },
    },
    {
      name: 'expense above the cap, ISEE exactly at the threshold',
      inputs: { resident: true, urgentExpense: true, isee: 15000, expenseAmount: 1500 },
      expect: { result: 'eligible', amount: 1000 },
    },
    {
      name: 'ISEE one euro above',
      inputs: { resident: true, urgentExpense: true, isee: 15001, expenseAmount: 500 },
      expect: { result: 'not_eligible' },
    },
    {
      name: 'no urgent expense',
      inputs: { resident: true, urgentExpense: false },
      expect: { result: 'not_eligible', missing: [] },
    },
    {
      name: 'ISEE not known',
      inputs: { resident: true, urgentExpense: true, expenseAmount: 300 },
      expect: { result: 'cannot_tell', missing: ['isee'] },
    },
  ],
};
