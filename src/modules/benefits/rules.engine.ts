import {
  type AmountPer,
  type Expr,
  INPUTS,
  type InputName,
  type Inputs,
  type Outcome,
  type RuleSetDefinition,
  type Text,
} from './rules.types.ts';

/**
 * The evaluator of rule sets: three-valued (true / false / unknown) so that a missing input makes a
 * condition "cannot tell" only when the answer really depends on it, and every step is traced.
 */

type Value = number | boolean | undefined;
interface Result {
  value: Value;
  /** Inputs that were missing and made the value unknown. */
  missing: Set<InputName>;
}

export interface TraceValue {
  name: string;
  kind: 'input' | 'parameter' | 'derived';
  label: Text;
  value: number | boolean | null;
}

export interface TraceStep {
  condition: string;
  label: Text;
  outcome: 'met' | 'not_met' | 'unknown';
  values: TraceValue[];
}

export interface Evaluation {
  measure: string;
  version: number;
  effectiveFrom: string;
  status: RuleSetDefinition['status'];
  kind: RuleSetDefinition['kind'];
  title: Text;
  result: Outcome;
  missing: InputName[];
  amount: { value: number; per: AmountPer; months: number | null; total: number | null } | null;
  /** Inputs the amount needs but were not given (the measure may still apply). */
  amountMissing: InputName[];
  trace: TraceStep[];
  derived: TraceValue[];
}

const ARITH: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => (b === 0 ? Number.NaN : a / b),
  min: Math.min,
  max: Math.max,
};
const COMPARE: Record<string, (a: number | boolean, b: number | boolean) => boolean> = {
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};
export const OPERATORS = [...Object.keys(ARITH), ...Object.keys(COMPARE), 'and', 'or', 'not', 'if', 'round', 'table'];

const known = (value: Value): Result => ({ value, missing: new Set() });
const unknown = (...parts: Result[]): Result => ({
  value: undefined,
  missing: new Set(parts.flatMap((p) => (p.value === undefined ? [...p.missing] : []))),
});

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** A scope resolves names: derived values first, then inputs, then parameters. */
export interface Scope {
  derived: Map<string, Result>;
  inputs: Inputs;
  definition: RuleSetDefinition;
}

function lookup(scope: Scope, name: string): Result {
  const derived = scope.derived.get(name);
  if (derived) return derived;
  if (name in INPUTS) {
    const v = scope.inputs[name as InputName];
    return v === undefined ? { value: undefined, missing: new Set([name as InputName]) } : known(v);
  }
  const param = scope.definition.parameters[name];
  if (param && !Array.isArray(param.value)) return known(param.value);
  throw new Error(`unknown name ${name}`);
}

export function evaluate(expr: Expr, scope: Scope): Result {
  if (typeof expr === 'number' || typeof expr === 'boolean') return known(expr);
  if (typeof expr === 'string') return lookup(scope, expr);
  const [op, ...args] = expr;
  if (op === 'table') {
    // ["table", index, tableParam, extraParam]: value at position index (1-based), the last one plus
    // `extra` for each step beyond the table (the ISEE equivalence scale is read this way).
    const index = evaluate(args[0] as Expr, scope);
    const table = scope.definition.parameters[args[1] as string]?.value;
    const extra = evaluate(args[2] as Expr, scope);
    if (index.value === undefined || extra.value === undefined) return unknown(index, extra);
    if (!Array.isArray(table)) throw new Error('table needs a table parameter');
    const i = Math.max(1, Math.floor(Number(index.value)));
    const last = table[table.length - 1] ?? 0;
    return known(i <= table.length ? (table[i - 1] ?? 0) : last + Number(extra.value) * (i - table.length));
  }
  const results = args.map((a) => evaluate(a, scope));
  if (op === 'and') {
    if (results.some((r) => r.value === false)) return known(false);
    return results.every((r) => r.value !== undefined) ? known(true) : unknown(...results);
  }
  if (op === 'or') {
    if (results.some((r) => r.value === true)) return known(true);
    return results.every((r) => r.value !== undefined) ? known(false) : unknown(...results);
  }
  if (op === 'if') {
    const [cond, then, otherwise] = results as [Result, Result, Result];
    if (cond.value === undefined) return unknown(cond);
    return cond.value ? then : otherwise;
  }
  if (results.some((r) => r.value === undefined)) return unknown(...results);
  const values = results.map((r) => r.value as number | boolean);
  if (op === 'not') return known(!values[0]);
  if (op === 'round') return known(round2(Number(values[0])));
  const compare = COMPARE[op];
  if (compare) return known(compare(values[0] as number, values[1] as number));
  const arith = ARITH[op];
  if (arith) return known((values as number[]).reduce((a, b) => arith(a, b)));
  throw new Error(`unknown operator ${op}`);
}

/** The names an expression reads, in order of first appearance. */
export function namesIn(expr: Expr, out: string[] = []): string[] {
  if (typeof expr === 'string') {
    if (!out.includes(expr)) out.push(expr);
  } else if (Array.isArray(expr)) {
    for (const a of expr.slice(1)) namesIn(a, out);
  }
  return out;
}

function traceValue(scope: Scope, name: string): TraceValue {
  const def = scope.definition;
  const derived = def.derived?.find((d) => d.name === name);
  if (derived) return { name, kind: 'derived', label: derived.label, value: scope.derived.get(name)?.value ?? null };
  if (name in INPUTS) {
    const v = scope.inputs[name as InputName];
    return { name, kind: 'input', label: INPUTS[name as InputName].label, value: v ?? null };
  }
  const param = def.parameters[name];
  const value = param && !Array.isArray(param.value) ? param.value : null;
  return { name, kind: 'parameter', label: param?.label ?? { it: name, en: name }, value };
}

/**
 * Evaluates one rule set version. Not eligible as soon as one condition is false (whatever is missing);
 * otherwise cannot tell while a condition is unknown (listing the missing inputs); otherwise eligible.
 */
export function evaluateRuleSet(
  definition: RuleSetDefinition,
  inputs: Inputs,
  version: { version: number; effectiveFrom: string },
): Evaluation {
  const scope: Scope = { derived: new Map(), inputs, definition };
  for (const d of definition.derived ?? []) scope.derived.set(d.name, evaluate(d.expr, scope));
  const trace: TraceStep[] = [];
  const missing = new Set<InputName>();
  for (const c of definition.conditions) {
    const r = evaluate(c.test, scope);
    if (r.value === undefined) for (const m of r.missing) missing.add(m);
    trace.push({
      condition: c.id,
      label: c.label,
      outcome: r.value === undefined ? 'unknown' : r.value ? 'met' : 'not_met',
      values: namesIn(c.test).map((n) => traceValue(scope, n)),
    });
  }
  const result: Outcome = trace.some((s) => s.outcome === 'not_met')
    ? 'not_eligible'
    : missing.size > 0
      ? 'cannot_tell'
      : 'eligible';
  let amount: Evaluation['amount'] = null;
  const amountMissing = new Set<InputName>();
  if (definition.amount && result !== 'not_eligible') {
    const a = evaluate(definition.amount.expr, scope);
    const months = definition.amount.months ? evaluate(definition.amount.months, scope) : undefined;
    if (a.value === undefined || (months && months.value === undefined)) {
      for (const m of [...a.missing, ...(months?.missing ?? [])]) amountMissing.add(m);
    } else if (result === 'eligible') {
      const value = round2(Math.max(0, Number(a.value)));
      const n = months ? Number(months.value) : null;
      const per = definition.amount.per;
      amount = {
        value,
        per,
        months: n,
        total: per === 'once' ? value : per === 'month' && n !== null ? round2(value * n) : null,
      };
    }
  }
  const derivedNames = (definition.derived ?? []).map((d) => d.name);
  return {
    measure: definition.measure,
    version: version.version,
    effectiveFrom: version.effectiveFrom,
    status: definition.status,
    kind: definition.kind,
    title: definition.title,
    result,
    missing: result === 'cannot_tell' ? [...missing] : [],
    amount,
    amountMissing: [...amountMissing],
    trace,
    derived: derivedNames.map((n) => traceValue(scope, n)),
  };
}
