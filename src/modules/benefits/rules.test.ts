import { describe, expect, it } from 'vitest';
import { evaluateAll, SEED_RULE_SETS, selectVersion } from './rules.catalogue.ts';
import { evaluateRuleSet } from './rules.engine.ts';
import { ORDINARY_2025 } from './rules.municipal.ts';
import type { RuleSetDefinition } from './rules.types.ts';
import { validateRuleSet } from './rules.validate.ts';

// Every test case stored with every seed rule set runs here (the same tables are re-run before any
// new version is published: validateRuleSet refuses a rule set whose own table fails).
const cases = SEED_RULE_SETS.flatMap((v) =>
  v.definition.tests.map((t) => ({ label: `${v.definition.measure} v${v.version}: ${t.name}`, v, t })),
);

describe('the test tables stored with the seed rule sets', () => {
  it.each(cases)('$label', ({ v, t }) => {
    const got = evaluateRuleSet(v.definition, t.inputs, v);
    expect(got.result).toBe(t.expect.result);
    if (t.expect.amount !== undefined) expect(got.amount?.value ?? null).toBe(t.expect.amount);
    if (t.expect.missing !== undefined) expect([...got.missing].sort()).toEqual([...t.expect.missing].sort());
  });

  it.each(SEED_RULE_SETS)('$definition.measure v$version is valid and covers every outcome', (v) => {
    expect(validateRuleSet(v.definition)).toEqual([]);
  });

  it('has boundary cases (exactly at a threshold) for every ISEE-based measure', () => {
    for (const v of SEED_RULE_SETS) {
      expect(v.definition.tests.some((t) => /exactly at/.test(t.name))).toBe(true);
    }
  });
});

describe('the evaluator', () => {
  const ordinary = (def: RuleSetDefinition = ORDINARY_2025) => ({ definition: def });

  it('traces every condition with its value, threshold and outcome', () => {
    const got = evaluateRuleSet(
      ORDINARY_2025,
      { resident: true, isee: 9000, householdSize: 2, familyIncome: 6000 },
      { version: 1, effectiveFrom: '2025-01-01' },
    );
    const isee = got.trace.find((s) => s.condition === 'isee');
    expect(isee).toMatchObject({
      outcome: 'met',
      values: [
        { name: 'isee', kind: 'input', value: 9000 },
        { name: 'iseeMax', kind: 'parameter', value: 9000 },
      ],
    });
    expect(got.derived.find((d) => d.name === 'scale')?.value).toBe(1.57);
    expect(got.amount).toEqual({ value: 379.2, per: 'month', months: 6, total: 2275.2 });
    expect(got.version).toBe(1);
  });

  it('says not eligible when a known condition fails, even if other inputs are missing', () => {
    const got = evaluateRuleSet(ordinary().definition, { resident: false }, { version: 1, effectiveFrom: '' });
    expect(got.result).toBe('not_eligible');
    expect(got.missing).toEqual([]);
    expect(got.trace.map((s) => s.outcome)).toEqual(['not_met', 'unknown', 'unknown']);
  });

  it('refuses a rule set whose own test table fails, or that names an unknown input', () => {
    const wrongCase = structuredClone(ORDINARY_2025);
    wrongCase.tests[0] = {
      name: 'wrong amount',
      inputs: { resident: true, isee: 0, householdSize: 1, familyIncome: 0 },
      expect: { result: 'eligible', amount: 999 },
    };
    expect(validateRuleSet(wrongCase)).toEqual([{ field: '/tests/0', code: expect.stringMatching(/^testFails:/) }]);
    const unknownName = structuredClone(ORDINARY_2025);
    unknownName.conditions[1] = { id: 'isee', label: { it: 'x', en: 'x' }, test: ['<=', 'salary', 'iseeMax'] };
    expect(validateRuleSet(unknownName)).toEqual([{ field: '/conditions/1/test', code: 'unknownName:salary' }]);
    expect(validateRuleSet({ measure: 'xy' })[0]).toMatchObject({ field: '/kind' });
  });
});

describe('versions and effective dates', () => {
  const ordinaryVersions = SEED_RULE_SETS.filter((v) => v.definition.measure === 'contributo-ordinario').map(
    (v, i) => ({ ...v, id: `id-${i}`, measure: v.definition.measure }),
  );

  const ORDINARY_V2 = { measure: 'contributo-ordinario', version: 2, effectiveTo: null, definition: ORDINARY_2025 };

  it('switches version on the effective date', () => {
    expect(selectVersion(ordinaryVersions, '2025-12-31')?.version).toBe(1);
    expect(selectVersion(ordinaryVersions, '2026-01-01')?.version).toBe(2);
    expect(selectVersion(ordinaryVersions, '2024-12-31')).toBeUndefined();
  });

  it('evaluates the same household differently before and after the switch, naming the version', () => {
    const inputs = { resident: true, isee: 7000, householdSize: 3, familyIncome: 9600 };
    const [dec] = evaluateAll(ordinaryVersions, inputs, '2025-12-31');
    const [jan] = evaluateAll(ordinaryVersions, inputs, '2026-01-01');
    expect([dec?.version, dec?.amount?.value]).toEqual([1, 342.4]);
    expect([jan?.version, jan?.amount?.value]).toEqual([2, 383.2]);
  });

  it('a later version published for the same period supersedes the earlier one', () => {
    const later = { ...ORDINARY_V2, id: 'x', version: 3, effectiveFrom: '2026-07-01' };
    expect(selectVersion([...ordinaryVersions, later], '2026-06-30')?.version).toBe(2);
    expect(selectVersion([...ordinaryVersions, later], '2026-07-01')?.version).toBe(3);
  });
});
