import type { Trx } from '../../platform/db/database.ts';
import * as repo from './duplicates.repository.ts';
import { PERSON_REFERENCES, type PersonReference, type RowKey, type RowSnapshot } from './duplicates.repository.ts';

/**
 * The mechanics of a merge and of its undoing. What moved is written down row by row in
 * person_merge.moved, so an unmerge touches exactly those rows and nothing an operator added since.
 *
 * - move:   the row now points at the survivor; `key` finds it after the move.
 * - close:  a current household membership moved to a survivor who already had one; it was closed
 *           on `leftOn` (a person is in one household at a time) and is reopened on unmerge.
 * - aside:  the row could not move without breaking a rule (the survivor already had it, or a link
 *           between the two records would point at itself); it was deleted and is re-inserted as it was.
 * - repair: a "not the same person" pair was re-made with the survivor, ordered (a < b).
 */
export type MoveRecord =
  | { op: 'move'; table: string; column: string; key: RowKey }
  | { op: 'close'; table: string; column: string; key: RowKey; leftOn: string }
  | { op: 'aside'; table: string; row: RowSnapshot }
  | { op: 'repair'; table: string; row: RowSnapshot; key: RowKey };

/** person_merge.moved: the rows that moved and the survivor's columns filled from the merged record. */
export interface MergeLedger {
  rows: MoveRecord[];
  filled: RowSnapshot;
}

function keyOf(ref: PersonReference, row: RowSnapshot): RowKey {
  return Object.fromEntries(ref.key.map((k) => [k, String(row[k])]));
}

async function moveOne(
  trx: Trx,
  ref: PersonReference,
  row: RowSnapshot,
  from: string,
  to: string,
  today: string,
): Promise<MoveRecord> {
  const key = keyOf(ref, row);
  if (ref.strategy === 'pair') {
    const other = String(row[ref.column === 'person_a' ? 'person_b' : 'person_a']);
    await repo.deleteRow(trx, ref.table, key);
    if (other !== to) {
      const ordered: RowKey = to < other ? { person_a: to, person_b: other } : { person_a: other, person_b: to };
      if (!(await repo.rowExists(trx, ref.table, ordered))) {
        await repo.insertSnapshot(trx, ref.table, { ...row, ...ordered });
        return { op: 'repair', table: ref.table, row, key: ordered };
      }
    }
    return { op: 'aside', table: ref.table, row };
  }
  if (ref.strategy === 'household' && row.left_on === null && (await repo.hasCurrentHousehold(trx, to))) {
    const leftOn = await repo.moveAndCloseMembership(trx, key.id ?? '', from, to, today);
    if (leftOn) return { op: 'close', table: ref.table, column: ref.column, key, leftOn };
  }
  const after: RowKey = ref.column in key ? { ...key, [ref.column]: to } : key;
  const moved = await repo.unlessClash(trx, () => repo.repointRow(trx, ref.table, ref.column, key, from, to));
  if (moved === true) return { op: 'move', table: ref.table, column: ref.column, key: after };
  if (moved === false) throw new Error(`${ref.table} row vanished while locked`);
  await repo.deleteRow(trx, ref.table, key);
  return { op: 'aside', table: ref.table, row };
}

/** Moves every row that points at `from` to `to`; `today` (Rome) closes a second current household. */
export async function moveReferences(
  trx: Trx,
  tenantId: string,
  from: string,
  to: string,
  today: string,
): Promise<MoveRecord[]> {
  const moved: MoveRecord[] = [];
  for (const ref of PERSON_REFERENCES) {
    for (const row of await repo.rowsReferencing(trx, ref, tenantId, from)) {
      moved.push(await moveOne(trx, ref, row, from, to, today));
    }
  }
  return moved;
}

async function restoreOne(trx: Trx, r: MoveRecord, merged: string, survivor: string): Promise<boolean> {
  switch (r.op) {
    case 'move':
      return (
        (await repo.unlessClash(trx, () => repo.repointRow(trx, r.table, r.column, r.key, survivor, merged))) === true
      );
    case 'close':
      return (
        (await repo.unlessClash(trx, () => repo.reopenMembership(trx, r.key.id ?? '', survivor, merged, r.leftOn))) ===
        true
      );
    case 'aside':
      return (await repo.unlessClash(trx, () => repo.insertSnapshot(trx, r.table, r.row).then(() => true))) === true;
    case 'repair':
      await repo.deleteRow(trx, r.table, r.key);
      return (await repo.unlessClash(trx, () => repo.insertSnapshot(trx, r.table, r.row).then(() => true))) === true;
  }
}

/**
 * Puts every recorded row back, newest move first. A row that is no longer where the merge left it
 * (deleted or changed since) is not forced back: it is returned, so the operator is told.
 */
export async function restoreReferences(
  trx: Trx,
  rows: MoveRecord[],
  merged: string,
  survivor: string,
): Promise<{ table: string; op: MoveRecord['op'] }[]> {
  const missed: { table: string; op: MoveRecord['op'] }[] = [];
  for (const r of [...rows].reverse()) {
    if (!(await restoreOne(trx, r, merged, survivor))) missed.push({ table: r.table, op: r.op });
  }
  return missed;
}

const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The survivor keeps everything it has; what it lacks is taken from the merged record, in groups
 * that belong together. Names are never touched (the operator chose which record's names to keep).
 *
 * - sex; birthplace (code and name); citizenships, languages, phone, email when empty;
 * - birth date: the merged one when the survivor has none, or the missing month/day when both agree
 *   as far as the survivor's goes;
 * - tax code (with its mismatch reason) when the survivor has none;
 * - interpreter needed: yes if either record says so;
 * - contact preference: the merged record's explicit wish (e.g. "do not contact") beats the default 'any';
 * - address (kind, street, number, postcode, municipality, neighbourhood, office) when the survivor's is unknown;
 * - confidential: if either file is confidential, the merged file is too — merging must not expose it.
 */
export function fillFromMerged(s: RowSnapshot, m: RowSnapshot): RowSnapshot {
  const out: RowSnapshot = {};
  const take = (...columns: string[]) => {
    for (const c of columns) out[c] = m[c] ?? null;
  };
  const lacks = (c: string) => empty(s[c]) && !empty(m[c]);
  if (lacks('sex')) take('sex');
  if (!empty(m.birth_year)) {
    if (empty(s.birth_year)) take('birth_year', 'birth_month', 'birth_day');
    else if (s.birth_year === m.birth_year && lacks('birth_month')) take('birth_month', 'birth_day');
    else if (s.birth_year === m.birth_year && s.birth_month === m.birth_month && lacks('birth_day')) take('birth_day');
  }
  if (lacks('birthplace_code')) take('birthplace_code', 'birthplace_name');
  if (lacks('tax_code')) take('tax_code', 'tax_code_mismatch_reason');
  for (const c of ['citizenships', 'languages', 'phone', 'email']) if (lacks(c)) take(c);
  if (m.interpreter_needed === true && s.interpreter_needed !== true) take('interpreter_needed');
  if (s.contact_preference === 'any' && m.contact_preference !== 'any') take('contact_preference');
  if (s.address_kind === 'unknown' && m.address_kind !== 'unknown') {
    take(
      'address_kind',
      'street',
      'house_number',
      'postcode',
      'municipality_code',
      'municipality_name',
      'neighbourhood_id',
      'office_id',
    );
  }
  if (m.confidential === true && s.confidential !== true) take('confidential');
  return out;
}

/**
 * The survivor's columns to put back on unmerge: those the merge filled and nobody changed since.
 * A column an operator edited after the merge keeps the edit (it is listed in `kept`).
 */
export function survivorRestore(
  current: RowSnapshot,
  before: RowSnapshot,
  filled: RowSnapshot,
): { restore: RowSnapshot; kept: string[] } {
  const restore: RowSnapshot = {};
  const kept: string[] = [];
  for (const [column, value] of Object.entries(filled)) {
    if (JSON.stringify(current[column] ?? null) === JSON.stringify(value ?? null))
      restore[column] = before[column] ?? null;
    else kept.push(column);
  }
  return { restore, kept };
}

/** How many rows of each table a merge moved — for the audit trail and the API answer. */
export function countByTable(rows: MoveRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.table] = (counts[r.table] ?? 0) + 1;
  return counts;
}
