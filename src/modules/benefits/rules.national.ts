import type { RuleSetDefinition } from './rules.types.ts';

/**
 * National measures, for orientation only (the secretariat does not decide them): 2025 thresholds from
 * shared/DOMAIN.md §5, marked indicative. Values the sources do not give are flagged `demo`.
 */

const ISEE_KNOWN = { it: 'Valore ISEE', en: 'ISEE value' };

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

export const AUU: RuleSetDefinition = {
  measure: 'assegno-unico',
  kind: 'national',
  status: 'indicative',
  title: { it: 'Assegno Unico Universale per i figli', en: 'Universal Child Allowance (Assegno Unico)' },
  summary: {
    it: 'Assegno mensile INPS per ogni figlio sotto i 21 anni. L’importo massimo spetta con ISEE fino a circa 17.227 euro (2025).',
    en: 'Monthly INPS allowance for each child under 21. The maximum amount applies with an ISEE up to about €17,227 (2025).',
  },
  source: 'D.Lgs. 230/2021; shared/DOMAIN.md §5 (2025)',
  parameters: {
    iseeMaxBracket: {
      value: 17227,
      unit: 'eur',
      label: { it: 'soglia ISEE per l’importo massimo', en: 'ISEE threshold for the maximum amount' },
    },
    maxPerChild: {
      value: 201,
      unit: 'eur_month',
      demo: true,
      label: { it: 'importo massimo per figlio', en: 'maximum amount per child' },
    },
    minPerChild: {
      value: 57.5,
      unit: 'eur_month',
      demo: true,
      label: { it: 'importo minimo per figlio', en: 'minimum amount per child' },
    },
  },
  conditions: [
    {
      id: 'children',
      label: { it: 'Almeno un figlio sotto i 21 anni', en: 'At least one child under 21' },
      test: ['>=', 'childrenUnder21', 1],
    },
  ],
  amount: {
    label: { it: 'Importo mensile indicativo', en: 'Indicative monthly amount' },
    per: 'month',
    expr: ['*', ['if', ['<=', 'isee', 'iseeMaxBracket'], 'maxPerChild', 'minPerChild'], 'childrenUnder21'],
  },
  documents: ['isee', 'identity_document'],
  nextSteps: {
    it: 'Domanda all’INPS online, con un CAF o un patronato. Senza ISEE si riceve l’importo minimo.',
    en: 'Apply to INPS online, or through a CAF or patronato. Without an ISEE you receive the minimum amount.',
  },
  needWords: { it: 'famiglia', en: 'family' },
  tests: [
    {
      name: 'two children, ISEE exactly at the maximum bracket',
      inputs: { childrenUnder21: 2, isee: 17227 },
      expect: { result: 'eligible', amount: 402 },
    },
    {
      name: 'two children, ISEE one euro above',
      inputs: { childrenUnder21: 2, isee: 17228 },
      expect: { result: 'eligible', amount: 115 },
    },
    {
      name: 'children, ISEE unknown: applies, amount depends on the ISEE',
      inputs: { childrenUnder21: 1 },
      expect: { result: 'eligible', amount: null },
    },
    { name: 'no children', inputs: { childrenUnder21: 0, isee: 5000 }, expect: { result: 'not_eligible' } },
    {
      name: 'children not known',
      inputs: { isee: 5000 },
      expect: { result: 'cannot_tell', missing: ['childrenUnder21'] },
    },
  ],
};

export const BONUS_SOCIALI: RuleSetDefinition = {
  measure: 'bonus-sociali',
  kind: 'national',
  status: 'indicative',
  title: { it: 'Bonus sociali per le bollette', en: 'Social bonuses on utility bills' },
  summary: {
    it: 'Sconto automatico su luce, gas e acqua per chi ha l’ISEE sotto la soglia: basta presentare la DSU. Soglie 2025.',
    en: 'Automatic discount on electricity, gas and water bills for households under the ISEE threshold: filing the DSU is enough. 2025 thresholds.',
  },
  source: 'ARERA; shared/DOMAIN.md §5 (2025)',
  parameters: {
    iseeMax: { value: 9530, unit: 'eur', label: { it: 'soglia ISEE', en: 'ISEE threshold' } },
    iseeMaxLargeFamily: {
      value: 20000,
      unit: 'eur',
      label: { it: 'soglia ISEE con 4 o più figli', en: 'ISEE threshold with 4 or more children' },
    },
    largeFamilyChildren: { value: 4, unit: 'count', label: { it: 'figli a carico', en: 'dependent children' } },
  },
  conditions: [
    {
      id: 'isee',
      label: {
        it: 'ISEE entro la soglia (più alta con 4 o più figli)',
        en: 'ISEE within the threshold (higher with 4 or more children)',
      },
      test: [
        'or',
        ['<=', 'isee', 'iseeMax'],
        ['and', ['>=', 'childrenUnder21', 'largeFamilyChildren'], ['<=', 'isee', 'iseeMaxLargeFamily']],
      ],
    },
  ],
  documents: ['isee'],
  nextSteps: {
    it: 'Non serve una domanda: basta presentare la DSU per l’ISEE (online o con un CAF). Lo sconto arriva in bolletta.',
    en: 'No application needed: file the DSU for the ISEE (online or at a CAF). The discount appears on the bills.',
  },
  needWords: { it: 'bollette', en: 'bills' },
  tests: [
    {
      name: 'ISEE exactly at the threshold',
      inputs: { isee: 9530, childrenUnder21: 0 },
      expect: { result: 'eligible' },
    },
    { name: 'ISEE one euro above', inputs: { isee: 9531, childrenUnder21: 1 }, expect: { result: 'not_eligible' } },
    { name: 'four children, ISEE 20,000', inputs: { isee: 20000, childrenUnder21: 4 }, expect: { result: 'eligible' } },
    {
      name: 'four children, ISEE 20,001',
      inputs: { isee: 20001, childrenUnder21: 4 },
      expect: { result: 'not_eligible' },
    },
    { name: 'ISEE not known', inputs: { childrenUnder21: 4 }, expect: { result: 'cannot_tell', missing: ['isee'] } },
  ],
};

export const MOROSITA: RuleSetDefinition = {
  measure: 'morosita-incolpevole',
  kind: 'national',
  status: 'indicative',
  title: { it: 'Fondo morosità incolpevole', en: 'Fund for tenants in arrears through no fault of their own' },
  summary: {
    it: 'Aiuto per chi rischia lo sfratto perché non riesce più a pagare l’affitto dopo aver perso reddito. Soglie 2025.',
    en: 'Help for tenants facing eviction because they can no longer pay the rent after losing income. 2025 thresholds.',
  },
  source: 'D.L. 102/2013; shared/DOMAIN.md §5 (2025)',
  parameters: {
    iseeMax: { value: 26000, unit: 'eur', label: { it: 'soglia ISEE', en: 'ISEE threshold' } },
    iseMax: { value: 35000, unit: 'eur', label: { it: 'soglia ISE', en: 'ISE threshold' } },
  },
  conditions: [
    { id: 'renting', label: { it: 'Abita in affitto', en: 'Lives in a rented home' }, test: ['==', 'renting', true] },
    { id: 'arrears', label: { it: 'Ha affitti arretrati', en: 'Has rent arrears' }, test: ['==', 'rentArrears', true] },
    {
      id: 'eviction',
      label: { it: 'Ha ricevuto un avviso di sfratto', en: 'Has received an eviction notice' },
      test: ['==', 'evictionNotice', true],
    },
    { id: 'isee', label: ISEE_KNOWN, test: ['<=', 'isee', 'iseeMax'] },
    { id: 'ise', label: { it: 'Valore ISE', en: 'ISE value' }, test: ['<=', 'ise', 'iseMax'] },
  ],
  documents: ['isee', 'lease', 'eviction_notice', 'rent_receipts', 'income_proof'],
  nextSteps: {
    it: 'Rivolgiti subito al Segretariato sociale o all’Ufficio casa del Comune, con l’atto di sfratto: i tempi contano.',
    en: 'Contact the social secretariat or the municipal housing office straight away, with the eviction notice: time matters.',
  },
  needWords: { it: 'casa sfratto', en: 'housing eviction' },
  tests: [
    {
      name: 'tenant with eviction notice, ISEE and ISE exactly at the thresholds',
      inputs: { renting: true, rentArrears: true, evictionNotice: true, isee: 26000, ise: 35000 },
      expect: { result: 'eligible' },
    },
    {
      name: 'ISE one euro above',
      inputs: { renting: true, rentArrears: true, evictionNotice: true, isee: 20000, ise: 35001 },
      expect: { result: 'not_eligible' },
    },
    {
      name: 'owner of the home',
      inputs: { renting: false, rentArrears: false, evictionNotice: false },
      expect: { result: 'not_eligible', missing: [] },
    },
    {
      name: 'ISEE and ISE not known',
      inputs: { renting: true, rentArrears: true, evictionNotice: true },
      expect: { result: 'cannot_tell', missing: ['isee', 'ise'] },
    },
  ],
};
