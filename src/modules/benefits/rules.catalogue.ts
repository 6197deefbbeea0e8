import { type Evaluation, evaluateRuleSet } from './rules.engine.ts';
import { ADI, SFL } from './rules.inclusion.ts';
import { ONE_OFF, ORDINARY_2025, ORDINARY_2026 } from './rules.municipal.ts';
import { AUU, BONUS_SOCIALI, MOROSITA } from './rules.national.ts';
import type { Inputs, RuleSetDefinition } from './rules.types.ts';

/** One published version of a measure's rules, valid from `effectiveFrom` to `effectiveTo` (inclusive). */
export interface RuleSetVersion {
  id: string;
  measure: string;
  version: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  definition: RuleSetDefinition;
}

export type SeedVersion = Omit<RuleSetVersion, 'id' | 'measure'>;

/** The rule sets the demo (and a new installation) starts with; tests run every case of every one. */
export const SEED_RULE_SETS: SeedVersion[] = [
  { version: 1, effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31', definition: ORDINARY_2025 },
  { version: 2, effectiveFrom: '2026-01-01', effectiveTo: null, definition: ORDINARY_2026 },
  { version: 1, effectiveFrom: '2025-01-01', effectiveTo: null, definition: ONE_OFF },
  { version: 1, effectiveFrom: '2025-01-01', effectiveTo: null, definition: ADI },
  { version: 1, effectiveFrom: '2025-01-01', effectiveTo: null, definition: SFL },
  { version: 1, effectiveFrom: '2025-01-01', effectiveTo: null, definition: AUU },
  { version: 1, effectiveFrom: '2025-01-01', effectiveTo: null, definition: BONUS_SOCIALI },
  { version: 1, effectiveFrom: '2025-01-01', effectiveTo: null, definition: MOROSITA },
];

const inEffect = (v: Pick<RuleSetVersion, 'effectiveFrom' | 'effectiveTo'>, day: string) =>
  v.effectiveFrom <= day && (v.effectiveTo === null || day <= v.effectiveTo);

/**
 * The version in effect on a day: among the versions whose period covers the day, the highest number
 * (a later publication for the same period supersedes an earlier one; history stays).
 */
export function selectVersion<V extends Pick<RuleSetVersion, 'version' | 'effectiveFrom' | 'effectiveTo'>>(
  versions: readonly V[],
  day: string,
): V | undefined {
  return versions.filter((v) => inEffect(v, day)).sort((a, b) => b.version - a.version)[0];
}

/** Municipal measures first (the ones the secretariat decides), then national ones; stable within each. */
export function measuresInEffect(versions: readonly RuleSetVersion[], day: string): RuleSetVersion[] {
  const byMeasure = new Map<string, RuleSetVersion[]>();
  for (const v of versions) byMeasure.set(v.measure, [...(byMeasure.get(v.measure) ?? []), v]);
  const chosen = [...byMeasure.values()].flatMap((vs) => {
    const v = selectVersion(vs, day);
    return v ? [v] : [];
  });
  const rank = (v: RuleSetVersion) => (v.definition.kind === 'municipal' ? 0 : 1);
  return chosen.sort((a, b) => rank(a) - rank(b) || a.measure.localeCompare(b.measure));
}

export function evaluateAll(versions: readonly RuleSetVersion[], inputs: Inputs, day: string): Evaluation[] {
  return measuresInEffect(versions, day).map((v) => evaluateRuleSet(v.definition, inputs, v));
}
