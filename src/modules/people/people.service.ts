import type { Ctx, Operator } from '../../platform/context.ts';
import { type Trx, withTenant } from '../../platform/db/database.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { type DuplicateReason, duplicateReasons } from './people.duplicates.ts';
import { BREAK_GLASS_HOURS, peoplePermissions } from './people.policy.ts';
import * as repo from './people.repository.ts';
import type { CreatePersonBody, PersonInput, UpdatePersonBody } from './people.schema.ts';
import { type FieldError, normalisePhone, type Prepared, preparePerson } from './people.validation.ts';
import { type Mismatch, placeName } from './taxcode.ts';

export type { FieldError };

export interface Person {
  id: string;
  version: number;
  givenNames: string;
  familyNames: string;
  sex: 'F' | 'M' | null;
  birthDate: { year: number | null; month: number | null; day: number | null };
  birthplace: { code: string; name: string | null } | null;
  citizenships: string[];
  taxCode: string | null;
  taxCodeMismatchReason: string | null;
  identifiers: { kind: string; value: string; issuer: string | null; validUntil: string | null }[];
  languages: string[];
  interpreterNeeded: boolean;
  phone: string | null;
  email: string | null;
  contactPreference: string;
  address: {
    kind: string;
    street: string | null;
    houseNumber: string | null;
    postcode: string | null;
    municipalityCode: string | null;
    municipalityName: string | null;
  };
  neighbourhood: { id: string; name: string } | null;
  office: { id: string; name: string } | null;
  confidential: boolean;
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DuplicateCandidate {
  id: string;
  name: string;
  birthYear: number | null;
  reasons: DuplicateReason[];
}

export type SaveResult =
  | { kind: 'saved'; person: Person }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'tax-code-mismatch'; mismatches: Mismatch[] }
  | { kind: 'duplicates'; candidates: DuplicateCandidate[] }
  | { kind: 'conflict'; current: Person };

export type ReadResult = { kind: 'person'; person: Person } | { kind: 'restricted'; id: string };

function present(row: repo.PersonRow, identifiers: repo.IdentifierRow[]): Person {
  return {
    id: row.id,
    version: row.version,
    givenNames: row.given_names,
    familyNames: row.family_names,
    sex: row.sex === 'F' || row.sex === 'M' ? row.sex : null,
    birthDate: { year: row.birth_year, month: row.birth_month, day: row.birth_day },
    birthplace: row.birthplace_code ? { code: row.birthplace_code, name: row.birthplace_name } : null,
    citizenships: row.citizenships,
    taxCode: row.tax_code,
    taxCodeMismatchReason: row.tax_code_mismatch_reason,
    identifiers: identifiers.map((i) => ({
      kind: i.kind,
      value: i.value,
      issuer: i.issuer,
      validUntil: i.valid_until,
    })),
    languages: row.languages,
    interpreterNeeded: row.interpreter_needed,
    phone: row.phone,
    email: row.email,
    contactPreference: row.contact_preference,
    address: {
      kind: row.address_kind,
      street: row.street,
      houseNumber: row.house_number,
      postcode: row.postcode,
      municipalityCode: row.municipality_code,
      municipalityName: row.municipality_name,
    },
    neighbourhood:
      row.neighbourhood_id && row.neighbourhood_name
        ? { id: row.neighbourhood_id, name: row.neighbourhood_name }
        : null,
    office: row.office_id && row.office_name ? { id: row.office_id, name: row.office_name } : null,
    confidential: row.confidential,
    mergedInto: row.merged_into,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Checks the role may do `action`; a refusal is audited and thrown. */
async function authorise(ctx: Ctx, action: keyof typeof peoplePermissions, recordId?: string): Promise<Operator> {
  const actor = ctx.actor;
  if (roleMay(peoplePermissions, actor, action)) return actor;
  await recordDenied(ctx, { action, recordType: 'person', ...(recordId ? { recordId } : {}) });
  throw new Forbidden(action);
}

async function loadPerson(trx: Trx, tenantId: string, id: string): Promise<Person | undefined> {
  const row = await repo.findPersonRow(trx, tenantId, id);
  return row && present(row, await repo.listIdentifiers(trx, tenantId, id));
}

/** The neighbourhood and office of the address, from the configurable street mapping. */
async function locate(trx: Trx, tenantId: string, p: Prepared): Promise<void> {
  const c = p.columns;
  if (!c.street || !c.municipality_code || c.address_kind === 'no_fixed_abode') return;
  const number = Number.parseInt(c.house_number ?? '', 10);
  const area = await repo.findStreetArea(
    trx,
    tenantId,
    c.municipality_code,
    c.street,
    Number.isNaN(number) ? null : number,
  );
  c.neighbourhood_id = area?.neighbourhood_id ?? null;
  c.office_id = area?.office_id ?? null;
}

async function candidatesFor(
  trx: Trx,
  tenantId: string,
  p: Prepared,
  excludeId: string | null,
): Promise<DuplicateCandidate[]> {
  const c = p.columns;
  const rows = await repo.findDuplicateCandidates(trx, tenantId, {
    familyNames: c.family_names,
    givenNames: c.given_names,
    taxCode: c.tax_code,
    phone: c.phone,
    documents: p.identifiers.map((i) => i.value),
    excludeId,
  });
  const ignore = excludeId ? new Set(await repo.listNotDuplicateOf(trx, excludeId)) : new Set<string>();
  return rows
    .filter((r) => !ignore.has(r.id))
    .map((r) => ({
      id: r.id,
      name: `${r.family_names} ${r.given_names}`,
      birthYear: r.birth_year,
      reasons: duplicateReasons(c, r),
    }))
    .filter((d) => d.reasons.length > 0);
}

/** Tax-code conflicts and data mismatches: the checks both create and update run before writing. */
async function checkTaxCode(
  trx: Trx,
  tenantId: string,
  p: Prepared,
  selfId: string | null,
  input: PersonInput,
): Promise<SaveResult | undefined> {
  const c = p.columns;
  if (c.tax_code) {
    const holder = await repo.findByTaxCode(trx, tenantId, c.tax_code);
    if (holder && holder.id !== selfId)
      return { kind: 'invalid', errors: [{ field: 'taxCode', code: 'taxCodeTaken' }] };
  }
  if (p.mismatches.length > 0 && !input.taxCodeMismatchReason?.trim())
    return { kind: 'tax-code-mismatch', mismatches: p.mismatches };
  return undefined;
}

export async function createPerson(ctx: Ctx, body: CreatePersonBody): Promise<SaveResult> {
  const actor = await authorise(ctx, 'person.create');
  const p = preparePerson(body);
  if (p.errors.length) return { kind: 'invalid', errors: p.errors };
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    await locate(trx, actor.tenantId, p);
    const taxProblem = await checkTaxCode(trx, actor.tenantId, p, null, body);
    if (taxProblem) return taxProblem;
    const acknowledged = new Set(body.acknowledgedDuplicates ?? []);
    const candidates = (await candidatesFor(trx, actor.tenantId, p, null)).filter((d) => !acknowledged.has(d.id));
    if (candidates.length > 0) return { kind: 'duplicates', candidates };
    const id = newId();
    await repo.insertPerson(trx, actor.tenantId, id, ctx.clock.now(), p.columns);
    await repo.replaceIdentifiers(
      trx,
      actor.tenantId,
      id,
      p.identifiers.map((i) => ({ ...i, id: newId() })),
    );
    // Whoever opens a confidential file is its first assigned worker.
    if (p.columns.confidential) await repo.assign(trx, actor.tenantId, id, actor.userId);
    const person = await loadPerson(trx, actor.tenantId, id);
    if (!person) throw new Error('person vanished after insert');
    await recordEvent(trx, ctx, {
      action: 'person.create',
      recordType: 'person',
      recordId: id,
      details: { acknowledgedDuplicates: [...acknowledged], taxCodeMismatch: p.mismatches },
    });
    return { kind: 'saved', person };
  });
}

export async function updatePerson(ctx: Ctx, id: string, body: UpdatePersonBody): Promise<SaveResult> {
  const actor = await authorise(ctx, 'person.update', id);
  const p = preparePerson(body);
  if (p.errors.length) return { kind: 'invalid', errors: p.errors };
  const result = await withTenant(ctx.db, actor.tenantId, async (trx): Promise<SaveResult | undefined> => {
    const before = await loadPerson(trx, actor.tenantId, id);
    if (!before || !(await mayOpen(trx, ctx, actor, before))) return undefined;
    await locate(trx, actor.tenantId, p);
    const taxProblem = await checkTaxCode(trx, actor.tenantId, p, id, body);
    if (taxProblem) return taxProblem;
    const updated = await repo.updatePerson(trx, actor.tenantId, id, body.version, ctx.clock.now(), p.columns);
    if (!updated) return { kind: 'conflict', current: before };
    await repo.replaceIdentifiers(
      trx,
      actor.tenantId,
      id,
      p.identifiers.map((i) => ({ ...i, id: newId() })),
    );
    const person = await loadPerson(trx, actor.tenantId, id);
    if (!person) throw new Error('person vanished after update');
    await recordEvent(trx, ctx, {
      action: 'person.update',
      recordType: 'person',
      recordId: id,
      details: { changed: changedFields(before, p), version: updated.version },
    });
    return { kind: 'saved', person };
  });
  if (!result) {
    await recordDenied(ctx, { action: 'person.update', recordType: 'person', recordId: id });
    throw new NotFound('person');
  }
  return result;
}

/** Names of the fields an update changes — for the audit trail, never the values. */
function changedFields(before: Person, p: Prepared): string[] {
  const c = p.columns;
  const pairs: [string, unknown, unknown][] = [
    ['givenNames', before.givenNames, c.given_names],
    ['familyNames', before.familyNames, c.family_names],
    ['sex', before.sex, c.sex],
    [
      'birthDate',
      JSON.stringify(before.birthDate),
      JSON.stringify({ year: c.birth_year, month: c.birth_month, day: c.birth_day }),
    ],
    ['birthplace', before.birthplace?.code ?? null, c.birthplace_code],
    ['taxCode', before.taxCode, c.tax_code],
    ['phone', before.phone, c.phone],
    ['email', before.email, c.email],
    ['contactPreference', before.contactPreference, c.contact_preference],
    [
      'address',
      JSON.stringify([before.address.kind, before.address.street, before.address.houseNumber]),
      JSON.stringify([c.address_kind, c.street, c.house_number]),
    ],
    ['confidential', before.confidential, c.confidential],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([name]) => name);
}

/**
 * A confidential file opens without a reason only for its assigned workers, or for someone whose
 * stated reason (break the glass) is still within its time window.
 */
export async function mayOpen(
  trx: Trx,
  ctx: Ctx,
  actor: Operator,
  person: Pick<Person, 'id' | 'confidential'>,
): Promise<boolean> {
  if (!person.confidential) return true;
  if (await repo.isAssigned(trx, person.id, actor.userId)) return true;
  return (await repo.findOpenConfidentialAccess(trx, person.id, actor.userId, ctx.clock.now())) !== undefined;
}

/** Opens a person's file. Every opening is audited; a confidential file without a right to it is 'restricted'. */
export async function getPerson(ctx: Ctx, id: string): Promise<ReadResult> {
  const actor = await authorise(ctx, 'person.read', id);
  const result = isUuid(id)
    ? await withTenant(ctx.db, actor.tenantId, async (trx): Promise<ReadResult | undefined> => {
        const person = await loadPerson(trx, actor.tenantId, id);
        if (!person) return undefined;
        if (!(await mayOpen(trx, ctx, actor, person))) return { kind: 'restricted', id };
        await recordEvent(trx, ctx, { action: 'person.read', recordType: 'person', recordId: id });
        return { kind: 'person', person };
      })
    : undefined;
  if (!result) {
    await recordDenied(ctx, {
      action: 'person.read',
      recordType: 'person',
      recordId: id.slice(0, 64),
      details: { reason: 'not-found' },
    });
    throw new NotFound('person');
  }
  if (result.kind === 'restricted') {
    await recordDenied(ctx, {
      action: 'person.read',
      recordType: 'person',
      recordId: id,
      details: { reason: 'confidential' },
    });
  }
  return result;
}

export const MIN_BREAK_GLASS_REASON = 10;

/** "Break the glass": states a reason to open a confidential file for BREAK_GLASS_HOURS. */
export async function breakGlass(
  ctx: Ctx,
  id: string,
  reason: string,
): Promise<{ kind: 'opened' } | { kind: 'reason-too-short' }> {
  const actor = await authorise(ctx, 'person.read', id);
  if (reason.trim().length < MIN_BREAK_GLASS_REASON) return { kind: 'reason-too-short' };
  const opened = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const person = isUuid(id) ? await repo.findPersonRow(trx, actor.tenantId, id) : undefined;
    if (!person) return false;
    const now = ctx.clock.now();
    const accessId = newId();
    await repo.insertConfidentialAccess(trx, {
      id: accessId,
      tenantId: actor.tenantId,
      personId: id,
      userId: actor.userId,
      reason: reason.trim(),
      openedAt: now,
      expiresAt: new Date(now.getTime() + BREAK_GLASS_HOURS * 3_600_000),
    });
    // The reason itself stays in confidential_access (it may describe the person); the log points to it.
    await recordEvent(trx, ctx, {
      action: 'person.break_glass',
      recordType: 'person',
      recordId: id,
      details: { confidentialAccess: accessId },
    });
    return true;
  });
  if (!opened) throw new NotFound('person');
  return { kind: 'opened' };
}

export interface SearchResult {
  id: string;
  name: string;
  birthYear: number | null;
  neighbourhood: string | null;
  confidential: boolean;
}

const SEARCH_LIMIT = 25;

/**
 * One box for everything a desk operator types: a tax code, a phone number, a birth date
 * (dd/mm/yyyy) or a name, optionally followed by a birth year ("rossi mario 1985").
 */
export async function searchPeople(ctx: Ctx, query: string): Promise<SearchResult[]> {
  const actor = await authorise(ctx, 'person.search');
  const q = query.trim().replace(/\s+/g, ' ');
  if (q.length < 2) return [];
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const compact = q.replace(/\s/g, '').toUpperCase();
    const date = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(q);
    const yearAtEnd = /^(.*\D)\s(\d{4})$/.exec(q);
    let rows: repo.SearchHit[];
    if (
      /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(compact) ||
      /^\d{11}$/.test(compact)
    ) {
      rows = await repo.searchByTaxCode(trx, actor.tenantId, compact, SEARCH_LIMIT);
    } else if (date) {
      rows = await repo.searchByBirthDate(
        trx,
        actor.tenantId,
        { day: Number(date[1]), month: Number(date[2]), year: Number(date[3]) },
        SEARCH_LIMIT,
      );
    } else if (/^\+?[\d\s./-]{6,}$/.test(q)) {
      // Phones are stored normalised ("+39…"): normalise what was typed the same way and match exactly (indexed).
      rows = await repo.searchByPhone(trx, actor.tenantId, normalisePhone(q) ?? q, SEARCH_LIMIT);
    } else {
      rows = await repo.searchByName(
        trx,
        actor.tenantId,
        yearAtEnd?.[1] ?? q,
        yearAtEnd ? Number(yearAtEnd[2]) : null,
        SEARCH_LIMIT,
      );
    }
    // Every result list shown is on record: who searched, and which files appeared (ids only).
    await recordEvent(trx, ctx, {
      action: 'person.search',
      recordType: 'person',
      details: { results: rows.map((r) => r.id) },
    });
    return rows.map((r) => ({
      id: r.id,
      name: `${r.family_names} ${r.given_names}`,
      birthYear: r.birth_year,
      neighbourhood: r.neighbourhood_name,
      confidential: r.confidential,
    }));
  });
}

export { placeName };
