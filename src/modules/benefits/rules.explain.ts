import type { Locale } from '../../platform/i18n/index.ts';
import type { Evaluation, TraceStep, TraceValue } from './rules.engine.ts';
import { INPUTS, type ParameterUnit, type RuleSetDefinition } from './rules.types.ts';

/**
 * Human-readable explanations of an evaluation, in Italian and English: each condition with the value,
 * the threshold and the rule version. Used by the self-check, the application page and the API.
 */

const WORDS = {
  it: {
    met: 'sì',
    not_met: 'no',
    unknown: 'non si sa',
    notGiven: 'non indicato',
    yes: 'sì',
    no: 'no',
    month: 'al mese',
    year: 'all’anno',
    months: 'mesi',
    rules: 'regole {measure} versione {version}, in vigore dal {from}',
  },
  en: {
    met: 'yes',
    not_met: 'no',
    unknown: 'unknown',
    notGiven: 'not given',
    yes: 'yes',
    no: 'no',
    month: 'a month',
    year: 'a year',
    months: 'months',
    rules: '{measure} rules version {version}, in effect from {from}',
  },
} as const;

export function formatEuro(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: Number.isInteger(value) ? 0 : 2,
    minimumFractionDigits: Number.isInteger(value) ? 0 : 2,
  }).format(value);
}

export function formatDay(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-');
  return locale === 'it' ? `${d}/${m}/${y}` : `${d}/${m}/${y}`;
}

function unitOf(v: TraceValue, definition: RuleSetDefinition | undefined): ParameterUnit | 'flag' | undefined {
  if (v.kind === 'input') {
    const kind = INPUTS[v.name as keyof typeof INPUTS]?.kind;
    return kind === 'flag' ? 'flag' : kind;
  }
  if (v.kind === 'parameter') return definition?.parameters[v.name]?.unit;
  return v.name === 'scale' ? 'ratio' : 'eur';
}

export function formatValue(v: TraceValue, locale: Locale, definition?: RuleSetDefinition): string {
  const w = WORDS[locale];
  if (v.value === null) return w.notGiven;
  if (typeof v.value === 'boolean') return v.value ? w.yes : w.no;
  const unit = unitOf(v, definition);
  if (unit === 'eur' || unit === 'eur_month' || unit === 'eur_year') {
    const suffix = unit === 'eur_month' ? ` ${w.month}` : unit === 'eur_year' ? ` ${w.year}` : '';
    return `${formatEuro(v.value, locale)}${suffix}`;
  }
  if (unit === 'months') return `${v.value} ${w.months}`;
  return new Intl.NumberFormat(locale === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 2 }).format(v.value);
}

/** "ISEE entro la soglia — valore ISEE: 8.000 €; soglia ISEE: 10.140 € → sì" */
export function explainStep(step: TraceStep, locale: Locale, definition?: RuleSetDefinition): string {
  const w = WORDS[locale];
  const values = step.values
    .filter((v) => v.kind !== 'parameter' || v.value !== null)
    .map((v) => `${v.label[locale]}: ${formatValue(v, locale, definition)}`)
    .join('; ');
  return `${step.label[locale]} — ${values} → ${w[step.outcome]}`;
}

export function explainVersion(e: Pick<Evaluation, 'title' | 'version' | 'effectiveFrom'>, locale: Locale): string {
  return WORDS[locale].rules
    .replace('{measure}', e.title[locale])
    .replace('{version}', String(e.version))
    .replace('{from}', formatDay(e.effectiveFrom, locale));
}

export function missingLabels(names: readonly string[], locale: Locale): string[] {
  return names.map((n) => INPUTS[n as keyof typeof INPUTS]?.label[locale] ?? n);
}

/** "676,25 € al mese per 18 mesi" / "1.000 € una tantum" */
export function explainAmount(amount: NonNullable<Evaluation['amount']>, locale: Locale): string {
  const value = formatEuro(amount.value, locale);
  if (amount.per === 'once') return locale === 'it' ? `${value} una tantum` : `${value} once`;
  const per = amount.per === 'month' ? WORDS[locale].month : WORDS[locale].year;
  if (amount.months === null) return `${value} ${per}`;
  return locale === 'it'
    ? `${value} ${per} per ${amount.months} mesi (in tutto ${formatEuro(amount.total ?? 0, locale)})`
    : `${value} ${per} for ${amount.months} months (${formatEuro(amount.total ?? 0, locale)} in all)`;
}

/** The whole trace as plain lines in both languages (stored with an application, shown in the API). */
export function traceText(e: Evaluation, definition?: RuleSetDefinition): { it: string[]; en: string[] } {
  const lines = (locale: Locale) => [
    explainVersion(e, locale),
    ...e.trace.map((s) => explainStep(s, locale, definition)),
  ];
  return { it: lines('it'), en: lines('en') };
}
