import type { RuleSetDefinition } from './rules.types.ts';

/**
 * National measures, for orientation only (the secretariat does not decide them): 2025 thresholds from
 * shared/DOMAIN.md §5, marked indicative. Values the sources do not give are flagged `demo`.
 */

const ISEE_KNOWN = { it: 'Valore ISEE', en: 'ISEE value' };

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
