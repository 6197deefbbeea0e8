import type { Clock, Ctx } from '../../platform/context.ts';
import { type Db, type Trx, withTenant } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { romeWeekdayAndTime } from '../../platform/time.ts';
import { recordEvent } from '../audit/index.ts';
import { parseRegisterCsv } from './import.csv.ts';
import { type HouseholdCounts, syncFamily } from './import.households.ts';
import * as repo from './import.repository.ts';
import { type ImportRow, type RowError, readRow } from './import.rows.ts';
import type { PersonColumns } from './people.repository.ts';
import * as people from './people.repository.ts';
import type { Mismatch } from './taxcode.ts';

export type { RowError };

export interface ImportDeps {
  db: Db;
  clock: Clock;
  requestId: string;
}

export interface ImportOptions {
  tenantCode: string;
  csv: Uint8Array;
  /** Import the valid rows and report the others; without it one bad row stops the whole import. */
  skipInvalid?: boolean;
  /** Do everything, report what would happen, and roll every batch back. */
  dryRun?: boolean;
  onProgress?: (p: { phase: 'checking' | 'importing'; done: number; total: number }) => void;
  batchSize?: number;
}

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  errors: RowError[];
  /** Rows imported although the tax code disagrees with the register's own data. */
  warnings: { line: number; mismatches: Mismatch[] }[];
  ignoredColumns: string[];
  households: HouseholdCounts;
  /** False when invalid rows stopped the import (nothing was written). */
  imported: boolean;
  dryRun: boolean;
}

/**
 * One transaction per batch of about this many rows (a register family is never split). Each
 * audited write takes the audit chain's lock until commit, so batches keep other operators' work
 * moving during a long import; every row is validated before the first batch is written.
 */
export const BATCH_ROWS = 500;

class DryRun extends Error {}

/** Map.groupBy arrived in Node 21; we support Node 20. Keeps first-appearance order. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Every row checked first, with the errors a clerk can fix: line, column, what is wrong. */
function validate(rows: ReturnType<typeof parseRegisterCsv>['rows'], today: Date, report: ImportOptions['onProgress']) {
  const valid: ImportRow[] = [];
  const errors: RowError[] = [];
  const warnings: ImportSummary['warnings'] = [];
  rows.forEach((raw, i) => {
    const r = readRow(raw, today);
    if ('errors' in r) errors.push(...r.errors);
    else {
      valid.push(r.row);
      if (r.mismatches.length) warnings.push({ line: r.row.line, mismatches: r.mismatches });
    }
    if ((i + 1) % 1000 === 0) report?.({ phase: 'checking', done: i + 1, total: rows.length });
  });
  // The tax code is the key: a code twice in the file is ambiguous, so every row holding it is refused.
  const byCode = groupBy(valid, (r) => r.taxCode);
  const references = groupBy(
    valid.filter((r) => r.family?.relationship === 'reference'),
    (r) => r.family?.code,
  );
  const refused = new Set<ImportRow>();
  for (const same of byCode.values()) if (same.length > 1) for (const r of same) refused.add(r);
  for (const same of references.values()) if (same.length > 1) for (const r of same) refused.add(r);
  for (const r of refused) {
    const twice = (byCode.get(r.taxCode)?.length ?? 0) > 1;
    errors.push({
      line: r.line,
      field: twice ? 'codice_fiscale' : 'relazione_parentela',
      code: twice ? 'duplicateInFile' : 'twoReferences',
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { valid: valid.filter((r) => !refused.has(r)), errors, warnings };
}

/** Families stay together; batches close at a family boundary once they reach `size` rows. */
function batches(rows: ImportRow[], size: number): ImportRow[][] {
  const units = [...groupBy(rows, (r) => r.family?.code ?? `line:${r.line}`).values()];
  const out: ImportRow[][] = [];
  let current: ImportRow[] = [];
  for (const unit of units) {
    if (current.length > 0 && current.length + unit.length > size) {
      out.push(current);
      current = [];
    }
    current.push(...unit);
  }
  if (current.length) out.push(current);
  return out;
}

const ADDRESS = [
  'address_kind',
  'street',
  'house_number',
  'postcode',
  'municipality_code',
  'municipality_name',
] as const;

/**
 * What the register may change on a person already on file: only columns it gave a value for.
 * An empty cell never erases what an operator recorded. The register knows the residence: an
 * address the office recorded as domicile, no fixed abode or fictitious is what it actually uses,
 * so it stays.
 */
function registerColumns(row: ImportRow, existing: repo.ExistingPerson): Partial<PersonColumns> {
  const c = row.prepared.columns;
  const g = row.given;
  const out: Partial<PersonColumns> = { given_names: c.given_names, family_names: c.family_names };
  if (g.has('sesso')) out.sex = c.sex;
  if (g.has('data_nascita'))
    Object.assign(out, { birth_year: c.birth_year, birth_month: c.birth_month, birth_day: c.birth_day });
  if (g.has('codice_comune_nascita'))
    Object.assign(out, { birthplace_code: c.birthplace_code, birthplace_name: c.birthplace_name });
  if (g.has('cittadinanza')) out.citizenships = c.citizenships;
  if (row.prepared.mismatches.length && !existing.tax_code_mismatch_reason)
    out.tax_code_mismatch_reason = c.tax_code_mismatch_reason;
  if (g.has('indirizzo') && (existing.address_kind === 'residence' || existing.address_kind === 'unknown')) {
    for (const k of [...ADDRESS, 'neighbourhood_id', 'office_id'] as const) Object.assign(out, { [k]: c[k] });
  }
  return out;
}

type Tally = Pick<ImportSummary, 'created' | 'updated' | 'unchanged'> & { households: HouseholdCounts };

async function writeBatch(
  trx: Trx,
  ctx: Pick<Ctx, 'actor' | 'requestId'>,
  tenantId: string,
  rows: ImportRow[],
  claimed: Set<string>,
  at: { now: Date; today: string },
  tally: Tally,
) {
  const existing = new Map(
    (
      await repo.lockPeopleByTaxCode(
        trx,
        tenantId,
        rows.map((r) => r.taxCode),
      )
    ).map((p) => [p.tax_code, p]),
  );
  const ids = new Map<ImportRow, string>();
  for (const row of rows) {
    const c = row.prepared.columns;
    if (c.street && c.municipality_code) {
      const area = await people.findStreetArea(
        trx,
        tenantId,
        c.municipality_code,
        c.street,
        Number.parseInt(c.house_number ?? '', 10) || null,
      );
      c.neighbourhood_id = area?.neighbourhood_id ?? null;
      c.office_id = area?.office_id ?? null;
    }
    const found = existing.get(row.taxCode);
    if (!found) {
      const id = newId();
      await people.insertPerson(trx, tenantId, id, at.now, c);
      await recordEvent(trx, ctx, {
        action: 'person.create',
        recordType: 'person',
        recordId: id,
        details: { source: 'import', line: row.line },
      });
      ids.set(row, id);
      tally.created++;
      continue;
    }
    ids.set(row, found.id);
    const desired = registerColumns(row, found);
    const changed = (Object.keys(desired) as (keyof PersonColumns)[]).filter(
      (k) => JSON.stringify(found[k]) !== JSON.stringify(desired[k]),
    );
    if (changed.length === 0) {
      tally.unchanged++;
      continue;
    }
    const update = Object.fromEntries(changed.map((k) => [k, desired[k]]));
    const written = await repo.updatePersonColumns(trx, tenantId, found.id, found.version, at.now, update);
    if (!written) throw new Error('person changed while locked');
    await recordEvent(trx, ctx, {
      action: 'person.update',
      recordType: 'person',
      recordId: found.id,
      details: { source: 'import', line: row.line, changed, version: written.version },
    });
    tally.updated++;
  }
  for (const family of groupBy(
    rows.filter((r) => r.family),
    (r) => r.family?.code,
  ).values()) {
    const members = family.flatMap((r) =>
      r.family ? [{ personId: ids.get(r) ?? '', relationship: r.family.relationship, since: r.family.since }] : [],
    );
    const counts = await syncFamily(trx, ctx, tenantId, members, claimed, at);
    tally.households.created += counts.created;
    tally.households.joined += counts.joined;
    tally.households.left += counts.left;
  }
}

/**
 * Imports (or updates) the people of a population-register extract into a tenant, acting as the
 * system (the CLI). Idempotent: the tax code is the key; a second run creates nothing and changes
 * only what the register changed. See docs/IMPORT.md.
 */
export async function importPeople(deps: ImportDeps, options: ImportOptions): Promise<ImportSummary> {
  const parsed = parseRegisterCsv(options.csv);
  const tenant = await repo.findTenantByCode(deps.db, options.tenantCode);
  if (!tenant) throw new DomainError(404, 'no-tenant', `no tenant with code ${options.tenantCode}`);
  const now = deps.clock.now();
  const at = { now, today: romeWeekdayAndTime(now).date };
  const { valid, errors, warnings } = validate(parsed.rows, now, options.onProgress);
  const tally: Tally = { created: 0, updated: 0, unchanged: 0, households: { created: 0, joined: 0, left: 0 } };
  const summary = (imported: boolean): ImportSummary => ({
    rows: parsed.rows.length,
    ...tally,
    invalid: new Set(errors.map((e) => e.line)).size,
    errors,
    warnings,
    ignoredColumns: parsed.ignored,
    imported,
    dryRun: options.dryRun ?? false,
  });
  if (errors.length > 0 && !options.skipInvalid) return summary(false);

  const ctx = { actor: { kind: 'system' as const, tenantId: tenant.id }, requestId: deps.requestId };
  const claimed = new Set<string>();
  let done = 0;
  for (const batch of batches(valid, options.batchSize ?? BATCH_ROWS)) {
    try {
      await withTenant(deps.db, tenant.id, async (trx) => {
        await writeBatch(trx, ctx, tenant.id, batch, claimed, at, tally);
        await recordEvent(trx, ctx, {
          action: 'person.import',
          details: { lines: [batch[0]?.line, batch.at(-1)?.line], rows: batch.length, dryRun: options.dryRun ?? false },
        });
        if (options.dryRun) throw new DryRun();
      });
    } catch (err) {
      if (!(err instanceof DryRun)) throw err;
    }
    done += batch.length;
    options.onProgress?.({ phase: 'importing', done, total: valid.length });
  }
  return summary(true);
}
