import { evaluateRuleSet, OPERATORS } from './rules.engine.ts';
import { DOCUMENTS, type Expr, INPUTS, type RuleSetDefinition, type TestCase } from './rules.types.ts';

export interface RuleError {
  field: string;
  code: string;
}

const CODE = /^[a-z0-9_-]{2,60}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown) =>
  isObject(v) && typeof v.it === 'string' && typeof v.en === 'string' && v.it.trim() !== '' && v.en.trim() !== '';

function checkExpr(expr: unknown, names: Set<string>, tables: Set<string>, field: string, errors: RuleError[]): void {
  if (typeof expr === 'number' || typeof expr === 'boolean') return;
  if (typeof expr === 'string') {
    if (!names.has(expr)) errors.push({ field, code: `unknownName:${expr}` });
    return;
  }
  if (!Array.isArray(expr) || typeof expr[0] !== 'string' || !OPERATORS.includes(expr[0])) {
    errors.push({ field, code: 'badExpression' });
    return;
  }
  if (expr[0] === 'table') {
    if (expr.length !== 4 || !tables.has(expr[2] as string)) errors.push({ field, code: 'badTable' });
    checkExpr(expr[1], names, tables, field, errors);
    checkExpr(expr[3], names, tables, field, errors);
    return;
  }
  const arity: Record<string, number> = { not: 1, round: 1, if: 3 };
  const expected = arity[expr[0]];
  if (expected !== undefined ? expr.length - 1 !== expected : expr.length < 3) {
    errors.push({ field, code: 'badArity' });
  }
  for (const a of expr.slice(1)) checkExpr(a, names, tables, field, errors);
}

function checkTest(def: RuleSetDefinition, test: TestCase, i: number, errors: RuleError[]): void {
  const field = `/tests/${i}`;
  if (!isObject(test) || typeof test.name !== 'string' || !isObject(test.inputs) || !isObject(test.expect)) {
    errors.push({ field, code: 'badTest' });
    return;
  }
  for (const [name, value] of Object.entries(test.inputs)) {
    if (!(name in INPUTS) || (typeof value !== 'number' && typeof value !== 'boolean')) {
      errors.push({ field: `${field}/inputs/${name}`, code: 'unknownInput' });
      return;
    }
  }
  const outcome = evaluateRuleSet(def, test.inputs, { version: 0, effectiveFrom: '' });
  const got = { result: outcome.result, amount: outcome.amount?.value ?? null, missing: [...outcome.missing].sort() };
  const want = test.expect;
  const fails =
    got.result !== want.result ||
    (want.amount !== undefined && got.amount !== want.amount) ||
    (want.missing !== undefined && JSON.stringify(got.missing) !== JSON.stringify([...want.missing].sort()));
  if (fails) errors.push({ field, code: `testFails:${test.name}` });
}

/**
 * Checks a rule set before it is published: shape, known names and operators, known documents, at
 * least one test case per outcome it can give — and every test case of its table passes.
 */
export function validateRuleSet(value: unknown): RuleError[] {
  const errors: RuleError[] = [];
  if (!isObject(value)) return [{ field: '/', code: 'notAnObject' }];
  const def = value as unknown as RuleSetDefinition;
  if (typeof def.measure !== 'string' || !CODE.test(def.measure)) errors.push({ field: '/measure', code: 'badCode' });
  if (def.kind !== 'municipal' && def.kind !== 'national') errors.push({ field: '/kind', code: 'invalid' });
  if (def.status !== 'indicative' && def.status !== 'demo') errors.push({ field: '/status', code: 'invalid' });
  for (const key of ['title', 'summary', 'nextSteps', 'needWords'] as const) {
    if (!isText(def[key])) errors.push({ field: `/${key}`, code: 'required' });
  }
  if (!isObject(def.parameters)) return [...errors, { field: '/parameters', code: 'required' }];
  const names = new Set<string>(Object.keys(INPUTS));
  const tables = new Set<string>();
  for (const [name, p] of Object.entries(def.parameters)) {
    const ok =
      isObject(p) &&
      isText(p.label) &&
      (typeof p.value === 'number' ||
        (Array.isArray(p.value) && p.value.length > 0 && p.value.every((n) => typeof n === 'number')));
    if (!ok || names.has(name)) errors.push({ field: `/parameters/${name}`, code: 'invalid' });
    else if (Array.isArray(p.value)) tables.add(name);
    else names.add(name);
  }
  for (const [i, d] of (def.derived ?? []).entries()) {
    if (!isObject(d) || typeof d.name !== 'string' || !isText(d.label) || names.has(d.name)) {
      errors.push({ field: `/derived/${i}`, code: 'invalid' });
      continue;
    }
    checkExpr(d.expr, names, tables, `/derived/${i}/expr`, errors);
    names.add(d.name);
  }
  if (!Array.isArray(def.conditions) || def.conditions.length === 0) {
    errors.push({ field: '/conditions', code: 'required' });
  } else {
    const ids = new Set<string>();
    for (const [i, c] of def.conditions.entries()) {
      if (!isObject(c) || typeof c.id !== 'string' || ids.has(c.id) || !isText(c.label)) {
        errors.push({ field: `/conditions/${i}`, code: 'invalid' });
        continue;
      }
      ids.add(c.id);
      checkExpr(c.test, names, tables, `/conditions/${i}/test`, errors);
    }
  }
  if (def.amount !== undefined) {
    const a = def.amount;
    if (!isObject(a) || !isText(a.label) || !['month', 'year', 'once'].includes(a.per as string)) {
      errors.push({ field: '/amount', code: 'invalid' });
    } else {
      checkExpr(a.expr, names, tables, '/amount/expr', errors);
      if (a.months !== undefined) checkExpr(a.months as Expr, names, tables, '/amount/months', errors);
    }
  }
  if (!Array.isArray(def.documents) || def.documents.some((d) => !(d in DOCUMENTS))) {
    errors.push({ field: '/documents', code: 'unknownDocument' });
  }
  if (!Array.isArray(def.tests) || def.tests.length === 0) errors.push({ field: '/tests', code: 'required' });
  if (errors.length > 0) return errors;
  for (const outcome of ['eligible', 'not_eligible', 'cannot_tell'] as const) {
    if (!def.tests.some((t) => t.expect?.result === outcome))
      errors.push({ field: '/tests', code: `noCase:${outcome}` });
  }
  for (const [i, t] of def.tests.entries()) checkTest(def, t, i, errors);
  return errors;
}
