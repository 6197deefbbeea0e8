/**
 * The declarative form of a benefit rule set (docs/BENEFITS.md). A rule set is DATA: stored as JSON in
 * `benefit_rule_set`, versioned with an effective period, validated and tested before it is published.
 */

/** A text in both languages. Italian is the source. */
export interface Text {
  it: string;
  en: string;
}

/**
 * An expression: a number or boolean literal, a name (an input, a derived value or a parameter), or an
 * operation written as a JSON array `[op, ...args]`, e.g. `["<=", "isee", "iseeMax"]`.
 */
export type Expr = number | boolean | string | [string, ...Expr[]];

export type ParameterUnit = 'eur' | 'eur_month' | 'eur_year' | 'months' | 'count' | 'ratio';

export interface Parameter {
  /** A number, or a table (e.g. the equivalence scale by household size) read with the `table` operation. */
  value: number | number[];
  unit: ParameterUnit;
  label: Text;
  /** An invented value (no published figure in the sources): shown as "dato dimostrativo". */
  demo?: boolean;
}

export interface Condition {
  id: string;
  label: Text;
  /** Must evaluate to true for the measure to apply; unknown inputs make it "cannot tell". */
  test: Expr;
}

export interface Derived {
  name: string;
  label: Text;
  expr: Expr;
}

export type AmountPer = 'month' | 'year' | 'once';

export interface AmountRule {
  label: Text;
  expr: Expr;
  per: AmountPer;
  /** For monthly amounts: how many months (an expression, usually a parameter). */
  months?: Expr;
}

export type Outcome = 'eligible' | 'not_eligible' | 'cannot_tell';

export interface TestCase {
  name: string;
  inputs: Record<string, number | boolean>;
  expect: { result: Outcome; amount?: number | null; missing?: string[] };
}

export interface RuleSetDefinition {
  measure: string;
  kind: 'municipal' | 'national';
  /** indicative: real published thresholds, for orientation; demo: invented values for the demo. */
  status: 'indicative' | 'demo';
  title: Text;
  summary: Text;
  source?: string;
  parameters: Record<string, Parameter>;
  derived?: Derived[];
  conditions: Condition[];
  amount?: AmountRule;
  /** Document codes (see DOCUMENTS) a resident should bring. */
  documents: string[];
  nextSteps: Text;
  /** Words for the services directory search (`/servizi?q=`), per language. */
  needWords: Text;
  tests: TestCase[];
}

export type InputKind = 'count' | 'eur' | 'eur_month' | 'eur_year' | 'flag';

/** The named inputs a rule may read. Rules name nothing else (besides their own parameters and derived values). */
export const INPUTS = {
  householdSize: { kind: 'count', label: { it: 'persone nel nucleo familiare', en: 'people in the household' } },
  minors: { kind: 'count', label: { it: 'minorenni nel nucleo', en: 'children under 18 in the household' } },
  childrenUnder21: { kind: 'count', label: { it: 'figli sotto i 21 anni', en: 'children under 21' } },
  members60plus: { kind: 'count', label: { it: 'persone con 60 anni o più', en: 'people aged 60 or over' } },
  adults18to59: { kind: 'count', label: { it: 'persone tra 18 e 59 anni', en: 'people aged 18 to 59' } },
  disabledMembers: { kind: 'count', label: { it: 'persone con disabilità', en: 'people with a disability' } },
  isee: { kind: 'eur', label: { it: 'valore ISEE', en: 'ISEE value' } },
  ise: { kind: 'eur', label: { it: 'valore ISE', en: 'ISE value' } },
  familyIncome: { kind: 'eur_year', label: { it: 'reddito familiare annuo', en: 'yearly household income' } },
  renting: { kind: 'flag', label: { it: 'abita in affitto', en: 'lives in a rented home' } },
  monthlyRent: { kind: 'eur_month', label: { it: 'affitto mensile', en: 'monthly rent' } },
  rentArrears: { kind: 'flag', label: { it: 'affitti arretrati', en: 'rent arrears' } },
  evictionNotice: { kind: 'flag', label: { it: 'avviso di sfratto', en: 'eviction notice' } },
  jobSeeker: { kind: 'flag', label: { it: 'senza lavoro e in cerca', en: 'out of work and looking' } },
  receivesAdi: { kind: 'flag', label: { it: 'riceve già l’Assegno di inclusione', en: 'already receives ADI' } },
  resident: { kind: 'flag', label: { it: 'residente nel Comune', en: 'resident in the municipality' } },
  urgentExpense: { kind: 'flag', label: { it: 'spesa urgente e imprevista', en: 'urgent, unexpected expense' } },
  expenseAmount: { kind: 'eur', label: { it: 'importo della spesa urgente', en: 'amount of the urgent expense' } },
} as const satisfies Record<string, { kind: InputKind; label: Text }>;

export type InputName = keyof typeof INPUTS;
export type Inputs = Partial<Record<InputName, number | boolean>>;
export const INPUT_NAMES = Object.keys(INPUTS) as InputName[];

/** Documents a rule may ask for. Demanding a document is recorded as a control fact on an application. */
export const DOCUMENTS = {
  isee: {
    it: 'attestazione ISEE in corso di validità (o la ricevuta della DSU)',
    en: 'a valid ISEE certificate (or the DSU receipt)',
  },
  identity_document: { it: 'documento d’identità', en: 'identity document' },
  residence_permit: { it: 'permesso di soggiorno (se cittadino non UE)', en: 'residence permit (non-EU citizens)' },
  lease: { it: 'contratto di affitto registrato', en: 'registered lease' },
  eviction_notice: { it: 'atto di intimazione di sfratto', en: 'the eviction notice' },
  rent_receipts: { it: 'ricevute dell’affitto pagato', en: 'rent receipts' },
  income_proof: { it: 'ultime buste paga o certificazioni dei redditi', en: 'recent payslips or income statements' },
  expense_proof: { it: 'preventivo o fattura della spesa urgente', en: 'quote or invoice of the urgent expense' },
  employment_centre: { it: 'iscrizione al Centro per l’impiego (DID)', en: 'registration at the job centre (DID)' },
} as const satisfies Record<string, Text>;

export type DocumentCode = keyof typeof DOCUMENTS;
