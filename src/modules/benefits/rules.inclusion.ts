import type { RuleSetDefinition } from './rules.types.ts';

/**
 * ADI and SFL (D.L. 48/2023), for orientation only: 2025 thresholds from shared/DOMAIN.md §5, marked
 * indicative. The ADI equivalence scale is simplified (documented in its label).
 */

export const ADI: RuleSetDefinition = {
  measure: 'adi',
  kind: 'national',
  status: 'indicative',
  title: { it: 'Assegno di Inclusione (ADI)', en: 'Inclusion Allowance (ADI)' },
  summary: {
    it: 'Sostegno economico INPS per nuclei con un minorenne, una persona con disabilità o con 60 anni o più. Soglie 2025.',
    en: 'INPS income support for households with a child, a disabled person or someone aged 60 or over. 2025 thresholds.',
  },
  source: 'D.L. 48/2023; shared/DOMAIN.md §5 (2025)',
  parameters: {
    iseeMax: { value: 10140, unit: 'eur', label: { it: 'soglia ISEE', en: 'ISEE threshold' } },
    incomeMax: { value: 6500, unit: 'eur_year', label: { it: 'soglia di reddito', en: 'income threshold' } },
    incomeMaxRenting: {
      value: 10140,
      unit: 'eur_year',
      label: { it: 'soglia di reddito in affitto', en: 'income threshold when renting' },
    },
    rentTopUpMax: {
      value: 3640,
      unit: 'eur_year',
      label: { it: 'integrazione affitto massima', en: 'maximum rent top-up' },
    },
    scalePerDisabled: {
      value: 0.5,
      unit: 'ratio',
      label: { it: 'scala: per persona con disabilità', en: 'scale: per disabled person' },
    },
    scalePer60plus: { value: 0.4, unit: 'ratio', label: { it: 'scala: per over 60', en: 'scale: per person 60+' } },
    scalePerMinor: { value: 0.15, unit: 'ratio', label: { it: 'scala: per minorenne', en: 'scale: per child' } },
    scaleMax: { value: 2.2, unit: 'ratio', label: { it: 'scala massima', en: 'maximum scale' } },
    months: { value: 18, unit: 'months', label: { it: 'durata', en: 'duration' } },
  },
  derived: [
    {
      name: 'scale',
      label: { it: 'scala di equivalenza ADI (semplificata)', en: 'ADI equivalence scale (simplified)' },
      expr: [
        'min',
        'scaleMax',
        [
          '+',
          1,
          ['*', 'scalePerDisabled', 'disabledMembers'],
          ['*', 'scalePer60plus', 'members60plus'],
          ['*', 'scalePerMinor', 'minors'],
        ],
      ],
    },
    {
      name: 'incomeThreshold',
      label: { it: 'soglia di reddito del nucleo', en: 'household income threshold' },
      expr: ['*', ['if', 'renting', 'incomeMaxRenting', 'incomeMax'], 'scale'],
    },
  ],
  conditions: [
    {
      id: 'household',
      label: {
        it: 'Nel nucleo c’è un minorenne, una persona con disabilità o con 60 anni o più',
        en: 'The household has a child, a disabled person or someone aged 60 or over',
      },
      test: ['or', ['>=', 'minors', 1], ['>=', 'disabledMembers', 1], ['>=', 'members60plus', 1]],
    },
    {
      id: 'isee',
      label: { it: 'ISEE entro la soglia', en: 'ISEE within the threshold' },
      test: ['<=', 'isee', 'iseeMax'],
    },
    {
      id: 'income',
      label: { it: 'Reddito familiare sotto la soglia', en: 'Household income below the threshold' },
      test: ['<', 'familyIncome', 'incomeThreshold'],
    },
  ],
  amount: {
    label: { it: 'Importo mensile indicativo', en: 'Indicative monthly amount' },
    per: 'month',
    expr: [
      'round',
      [
        '/',
        [
          '+',
          ['-', ['*', 'incomeMax', 'scale'], 'familyIncome'],
          ['if', 'renting', ['min', 'rentTopUpMax', ['*', 'monthlyRent', 12]], 0],
        ],
        12,
      ],
    ],
    months: 'months',
  },
  documents: ['isee', 'identity_document', 'residence_permit', 'lease'],
  nextSteps: {
    it: 'La domanda si presenta all’INPS online, con un CAF o un patronato, dopo aver fatto la DSU per l’ISEE.',
    en: 'Apply to INPS online, or through a CAF or patronato, after filing the DSU for the ISEE.',
  },
  needWords: { it: 'reddito', en: 'income' },
  tests: [
    {
      name: 'mother and child renting, ISEE 8,000',
      inputs: {
        minors: 1,
        disabledMembers: 0,
        members60plus: 0,
        isee: 8000,
        familyIncome: 3000,
        renting: true,
        monthlyRent: 400,
      },
      expect: { result: 'eligible', amount: 676.25 },
    },
    {
      name: 'person over 60, ISEE exactly at the threshold',
      inputs: { minors: 0, disabledMembers: 0, members60plus: 1, isee: 10140, familyIncome: 2000, renting: false },
      expect: { result: 'eligible', amount: 591.67 },
    },
    {
      name: 'ISEE one euro above the threshold',
      inputs: { minors: 0, disabledMembers: 0, members60plus: 1, isee: 10141, familyIncome: 2000, renting: false },
      expect: { result: 'not_eligible', amount: null },
    },
    {
      name: 'no child, disability or 60+: not eligible even without ISEE',
      inputs: { minors: 0, disabledMembers: 0, members60plus: 0, familyIncome: 2000, renting: false },
      expect: { result: 'not_eligible', missing: [] },
    },
    {
      name: 'ISEE not known',
      inputs: { minors: 1, disabledMembers: 0, members60plus: 0, familyIncome: 3000, renting: false },
      expect: { result: 'cannot_tell', amount: null, missing: ['isee'] },
    },
    {
      name: 'neither ISEE nor income known',
      inputs: { minors: 2, disabledMembers: 0, members60plus: 0, renting: false },
      expect: { result: 'cannot_tell', missing: ['isee', 'familyIncome'] },
    },
  ],
};

export const SFL: RuleSetDefinition = {
  measure: 'sfl',
  kind: 'national',
  status: 'indicative',
  title: { it: 'Supporto per la Formazione e il Lavoro (SFL)', en: 'Training and Work Support (SFL)' },
  summary: {
    it: 'Indennità di 500 euro al mese, fino a 12 mesi, per chi ha tra 18 e 59 anni e partecipa a corsi o progetti di lavoro. Soglie 2025.',
    en: '€500 a month, up to 12 months, for people aged 18 to 59 taking part in training or work projects. 2025 thresholds.',
  },
  source: 'D.L. 48/2023; shared/DOMAIN.md §5 (2025)',
  parameters: {
    iseeMax: { value: 10140, unit: 'eur', label: { it: 'soglia ISEE', en: 'ISEE threshold' } },
    monthly: { value: 500, unit: 'eur_month', label: { it: 'importo mensile', en: 'monthly amount' } },
    months: { value: 12, unit: 'months', label: { it: 'durata massima', en: 'maximum duration' } },
  },
  conditions: [
    {
      id: 'age',
      label: { it: 'Qualcuno ha tra 18 e 59 anni', en: 'Someone is aged 18 to 59' },
      test: ['>=', 'adults18to59', 1],
    },
    {
      id: 'work',
      label: { it: 'È senza lavoro e cerca un lavoro', en: 'Is out of work and looking for work' },
      test: ['==', 'jobSeeker', true],
    },
    {
      id: 'not-adi',
      label: { it: 'Non riceve l’Assegno di inclusione', en: 'Does not receive ADI' },
      test: ['==', 'receivesAdi', false],
    },
    {
      id: 'isee',
      label: { it: 'ISEE entro la soglia', en: 'ISEE within the threshold' },
      test: ['<=', 'isee', 'iseeMax'],
    },
  ],
  amount: {
    label: { it: 'Indennità mensile', en: 'Monthly allowance' },
    per: 'month',
    expr: 'monthly',
    months: 'months',
  },
  documents: ['isee', 'identity_document', 'employment_centre'],
  nextSteps: {
    it: 'Si fa domanda all’INPS (online, CAF o patronato) e ci si iscrive alla piattaforma SIISL; serve l’iscrizione al Centro per l’impiego.',
    en: 'Apply to INPS (online, CAF or patronato) and sign up on the SIISL platform; registration at the job centre is needed.',
  },
  needWords: { it: 'lavoro', en: 'work' },
  tests: [
    {
      name: 'job seeker, ISEE exactly at the threshold',
      inputs: { adults18to59: 1, jobSeeker: true, receivesAdi: false, isee: 10140 },
      expect: { result: 'eligible', amount: 500 },
    },
    {
      name: 'ISEE one euro above',
      inputs: { adults18to59: 1, jobSeeker: true, receivesAdi: false, isee: 10141 },
      expect: { result: 'not_eligible', amount: null },
    },
    {
      name: 'already receives ADI',
      inputs: { adults18to59: 1, jobSeeker: true, receivesAdi: true, isee: 5000 },
      expect: { result: 'not_eligible' },
    },
    {
      name: 'nobody aged 18-59',
      inputs: { adults18to59: 0, jobSeeker: true, receivesAdi: false },
      expect: { result: 'not_eligible', missing: [] },
    },
    {
      name: 'ISEE not known',
      inputs: { adults18to59: 2, jobSeeker: true, receivesAdi: false },
      expect: { result: 'cannot_tell', missing: ['isee'] },
    },
  ],
};
