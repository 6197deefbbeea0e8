import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { NotFound } from '../../platform/errors.ts';
import { recordEvent } from '../audit/index.ts';
import * as cond from './conditions.repository.ts';
import { refreshSearch } from './hsds.repository.ts';
import { touchService } from './places.repository.ts';
import * as repo from './upkeep.repository.ts';
import { type FieldError, manager } from './upkeep.service.ts';

/** Languages an operator ticks (ISO 639-1); rows of other codes, from an import, are kept as they are. */
export const LANGUAGES = ['it', 'en', 'fr', 'es', 'ar', 'zh', 'uk', 'ro', 'sq'] as const;
/** The target groups the directory stores (migration 0006's check). */
export const TARGET_GROUPS = [
  'families',
  'minors',
  'young_people',
  'adults',
  'older_people',
  'people_with_disabilities',
  'migrants',
  'women',
  'unemployed',
  'homeless',
  'carers',
  'everyone',
] as const;
export const MAX_AGE = 130;

export interface DocumentRow {
  id: string;
  document: string;
  documentEn: string;
  remove: boolean;
}
export interface CostRow {
  id: string;
  option: string;
  free: boolean;
  amount: string;
  description: string;
  optionEn: string;
  descriptionEn: string;
  remove: boolean;
}
export interface ConditionsForm {
  documents: DocumentRow[];
  costs: CostRow[];
  languages: string[];
  minAge: string;
  maxAge: string;
  targetGroups: string[];
  offices: string[];
}
export interface ConditionsError {
  field: string;
  code: FieldError['code'] | 'age' | 'ageOrder' | 'amount';
}

const AMOUNT = /^\d{1,6}([.,]\d{1,2})?$/;
const amountOf = (c: Pick<CostRow, 'free' | 'amount'>): number | null =>
  c.free ? 0 : c.amount.trim() ? Number(c.amount.trim().replace(',', '.')) : null;
const ageOf = (v: string): number | null => (v.trim() === '' ? null : Number(v.trim()));
const isBlankNew = (r: { id: string; remove: boolean } & Record<string, unknown>) =>
  r.id === '' && Object.entries(r).every(([k, v]) => k === 'remove' || k === 'id' || v === '' || v === false);

export function validateConditions(f: ConditionsForm, offices: Set<string>): ConditionsError[] {
  const errors: ConditionsError[] = [];
  f.documents.forEach((d, i) => {
    if (d.remove || isBlankNew({ ...d })) return;
    if (!d.document.trim()) errors.push({ field: `doc-${i}-document`, code: 'required' });
    else if (d.document.length > 500) errors.push({ field: `doc-${i}-document`, code: 'tooLong' });
    if (d.documentEn.length > 500) errors.push({ field: `doc-${i}-documentEn`, code: 'tooLong' });
  });
  f.costs.forEach((c, i) => {
    if (c.remove || isBlankNew({ ...c })) return;
    if (c.amount.trim() && !AMOUNT.test(c.amount.trim())) errors.push({ field: `cost-${i}-amount`, code: 'amount' });
    else if (c.free && c.amount.trim() && amountOf({ free: false, amount: c.amount }) !== 0)
      errors.push({ field: `cost-${i}-amount`, code: 'invalid' });
    if (!c.free && !c.amount.trim() && !c.option.trim()) errors.push({ field: `cost-${i}-option`, code: 'required' });
    if (c.option.length > 200) errors.push({ field: `cost-${i}-option`, code: 'tooLong' });
    if (c.description.length > 500) errors.push({ field: `cost-${i}-description`, code: 'tooLong' });
    if (c.optionEn.length > 200) errors.push({ field: `cost-${i}-optionEn`, code: 'tooLong' });
    if (c.descriptionEn.length > 500) errors.push({ field: `cost-${i}-descriptionEn`, code: 'tooLong' });
  });
  if (f.languages.some((l) => !(LANGUAGES as readonly string[]).includes(l)))
    errors.push({ field: 'languages', code: 'invalid' });
  const age = (v: string, field: string) => {
    if (v.trim() && !(/^\d{1,3}$/.test(v.trim()) && Number(v) <= MAX_AGE)) errors.push({ field, code: 'age' });
  };
  age(f.minAge, 'minAge');
  age(f.maxAge, 'maxAge');
  const min = ageOf(f.minAge);
  const max = ageOf(f.maxAge);
  if (!errors.some((e) => e.code === 'age') && min !== null && max !== null && max < min)
    errors.push({ field: 'maxAge', code: 'ageOrder' });
  if (f.targetGroups.some((g) => !(TARGET_GROUPS as readonly string[]).includes(g)))
    errors.push({ field: 'targetGroups', code: 'invalid' });
  if (f.offices.some((o) => !offices.has(o))) errors.push({ field: 'offices', code: 'invalid' });
  return errors;
}

const en = (t: string) => (t ? `(en: ${t})` : '');
const costText = (c: Omit<cond.StoredCost, 'id'>) =>
  [
    c.option,
    c.amount === null ? '' : `${c.amount} EUR`,
    c.description,
    en([c.optionEn, c.descriptionEn].join(' ').trim()),
  ]
    .filter(Boolean)
    .join(' ');
const documentText = (d: Omit<cond.StoredDocument, 'id'>) => [d.document, en(d.documentEn)].filter(Boolean).join(' ');
const ageText = (v: unknown) => (typeof v === 'number' ? String(v) : '');

/** A service's conditions as the form shows them, with the tenant's offices to choose from. */
export async function conditionsForEdit(ctx: Ctx, id: string) {
  const actor = await manager(ctx, id);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const s = await repo.serviceForUpdate(trx, id);
    if (!s) throw new NotFound('service');
    const form: ConditionsForm = {
      documents: (await cond.documentsOf(trx, id)).map((d) => ({ ...d, remove: false })),
      costs: (await cond.costsOf(trx, id)).map((c) => ({
        id: c.id,
        option: c.option,
        free: c.amount === 0,
        amount: c.amount === null || c.amount === 0 ? '' : String(c.amount),
        description: c.description,
        optionEn: c.optionEn,
        descriptionEn: c.descriptionEn,
        remove: false,
      })),
      languages: await cond.languagesOf(trx, id, LANGUAGES),
      minAge: ageText(s.data.minimum_age),
      maxAge: ageText(s.data.maximum_age),
      targetGroups: await cond.targetGroupsOf(trx, id),
      offices: await cond.officesOf(trx, id),
    };
    const offices = await cond.tenantOffices(trx);
    return { id, version: s.version, name: typeof s.data.name === 'string' ? s.data.name : '', form, offices };
  });
}

export type ConditionsResult =
  | { kind: 'saved' }
  | { kind: 'invalid'; errors: ConditionsError[] }
  | { kind: 'conflict' };

/**
 * Saves a service's documents, cost options, languages, age limits, target groups and offices together if
 * the service is still at `version`. One HSDS metadata row per list (or age) that changed; audited with
 * the field names only. All or nothing: bad input writes nothing.
 */
export async function saveConditions(
  ctx: Ctx,
  id: string,
  version: number,
  form: ConditionsForm,
): Promise<ConditionsResult> {
  const actor = await manager(ctx, id);
  const now = ctx.clock.now();
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const s = await repo.serviceForUpdate(trx, id);
    if (!s) throw new NotFound('service');
    const officeIds = new Set((await cond.tenantOffices(trx)).map((o) => o.id));
    const errors = validateConditions(form, officeIds);
    const before = {
      documents: await cond.documentsOf(trx, id),
      costs: await cond.costsOf(trx, id),
      languages: await cond.languagesOf(trx, id, LANGUAGES),
      targetGroups: await cond.targetGroupsOf(trx, id),
      offices: await cond.officesOf(trx, id),
    };
    // A row id the service does not have (tampered or stale form) is an error, not a silent insert.
    form.documents.forEach((d, i) => {
      if (d.id && !before.documents.some((b) => b.id === d.id))
        errors.push({ field: `doc-${i}-document`, code: 'invalid' });
    });
    form.costs.forEach((c, i) => {
      if (c.id && !before.costs.some((b) => b.id === c.id)) errors.push({ field: `cost-${i}-option`, code: 'invalid' });
    });
    if (errors.length) return { kind: 'invalid', errors };
    const kept = <T extends { id: string; remove: boolean }>(rows: T[]) =>
      rows.filter((r) => !r.remove && !isBlankNew({ ...r }));
    // Stored rows the form does not mention (a form read before another row was added) stay as they are.
    const mentioned = new Set([...form.documents, ...form.costs].map((r) => r.id).filter(Boolean));
    const documents = [
      ...kept(form.documents).map((d) => ({ id: d.id, document: d.document.trim(), documentEn: d.documentEn.trim() })),
      ...before.documents.filter((d) => !mentioned.has(d.id)),
    ];
    const costs = [
      ...kept(form.costs).map((c) => ({
        id: c.id,
        option: c.option.trim(),
        amount: amountOf(c),
        description: c.description.trim(),
        optionEn: c.optionEn.trim(),
        descriptionEn: c.descriptionEn.trim(),
      })),
      ...before.costs.filter((c) => !mentioned.has(c.id)),
    ];
    const languages = LANGUAGES.filter((l) => form.languages.includes(l));
    const groups = TARGET_GROUPS.filter((g) => form.targetGroups.includes(g));
    const offices = [...new Set(form.offices)];
    const minAge = ageOf(form.minAge);
    const maxAge = ageOf(form.maxAge);
    const changes = [
      {
        field: 'required_documents',
        before: before.documents.map(documentText).join('; '),
        after: documents.map(documentText).join('; '),
      },
      { field: 'cost_options', before: before.costs.map(costText).join('; '), after: costs.map(costText).join('; ') },
      { field: 'languages', before: before.languages.join(','), after: languages.join(',') },
      { field: 'minimum_age', before: ageText(s.data.minimum_age), after: minAge === null ? '' : String(minAge) },
      { field: 'maximum_age', before: ageText(s.data.maximum_age), after: maxAge === null ? '' : String(maxAge) },
      { field: 'target_groups', before: before.targetGroups.join(','), after: groups.join(',') },
      // Offices in the order ticked: compared as sets (the page lists them in its own order).
      { field: 'offices', before: [...before.offices].sort().join(','), after: [...offices].sort().join(',') },
    ].filter((c) => c.before !== c.after);
    if (changes.length === 0) return { kind: 'saved' };
    const changed = new Set(changes.map((c) => c.field));
    if (!(await touchService(trx, id, version, now))) return { kind: 'conflict' };
    if (changed.has('required_documents')) {
      for (const d of form.documents) if (d.id && d.remove) await cond.deleteDocument(trx, id, d.id);
      for (const [i, d] of documents.entries()) await cond.saveDocument(trx, actor.tenantId, id, d, i, now);
    }
    if (changed.has('cost_options')) {
      for (const c of form.costs) if (c.id && c.remove) await cond.deleteCost(trx, id, c.id);
      for (const [i, c] of costs.entries()) await cond.saveCost(trx, actor.tenantId, id, c, i, now);
    }
    if (changed.has('languages')) await cond.replaceLanguages(trx, actor.tenantId, id, LANGUAGES, languages, now);
    if (changed.has('minimum_age') || changed.has('maximum_age')) await cond.writeAges(trx, id, minAge, maxAge);
    if (changed.has('target_groups')) await cond.replaceTargetGroups(trx, actor.tenantId, id, groups);
    if (changed.has('offices')) await cond.replaceOffices(trx, actor.tenantId, id, offices);
    await repo.recordChanges(trx, actor.tenantId, id, changes, actor.userId, now);
    await refreshSearch(trx, [id]);
    await recordEvent(trx, ctx, {
      action: 'directory.manage',
      recordType: 'service',
      recordId: id,
      details: { op: 'conditions', fields: changes.map((c) => c.field) },
    });
    return { kind: 'saved' };
  });
}
