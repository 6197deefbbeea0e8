import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/**
 * Every column, in every table, that points at a person. A merge moves these rows from the merged
 * record to the survivor and an unmerge puts them back, so a later module that hangs rows on a person
 * (accesses, referrals, cases, applications…) adds its (table, column) here and nothing else.
 *
 * - `key`: the columns that identify a row (its primary key);
 * - `strategy`: 'move' updates the column in place — if that would break a unique or check
 *   constraint (the survivor already has the same row, or a link between the two would point at
 *   itself) the row is set aside instead and put back on unmerge; 'household' keeps one current
 *   household per person (see mergePeople); 'pair' keeps not_duplicate's (a < b) ordering.
 */
export interface PersonReference {
  table: string;
  column: string;
  key: readonly string[];
  strategy: 'move' | 'household' | 'pair';
}

const ID = ['id'] as const;
export const PERSON_REFERENCES: readonly PersonReference[] = [
  { table: 'person_identifier', column: 'person_id', key: ID, strategy: 'move' },
  { table: 'household_member', column: 'person_id', key: ID, strategy: 'household' },
  { table: 'person_link', column: 'person_id', key: ID, strategy: 'move' },
  { table: 'person_link', column: 'other_person_id', key: ID, strategy: 'move' },
  { table: 'privacy_notice_ack', column: 'person_id', key: ID, strategy: 'move' },
  { table: 'consent', column: 'person_id', key: ID, strategy: 'move' },
  { table: 'person_assignment', column: 'person_id', key: ['person_id', 'user_id'], strategy: 'move' },
  { table: 'confidential_access', column: 'person_id', key: ID, strategy: 'move' },
  { table: 'not_duplicate', column: 'person_a', key: ['person_a', 'person_b'], strategy: 'pair' },
  { table: 'not_duplicate', column: 'person_b', key: ['person_a', 'person_b'], strategy: 'pair' },
];

/** A row as PostgreSQL's to_jsonb gives it: exact (timestamps keep their microseconds), restorable as is. */
export type RowSnapshot = Record<string, unknown>;
export type RowKey = Record<string, string>;

const tableOf = (name: string) => sql.table(name);

function whereKey(key: RowKey): RawBuilder<unknown> {
  return sql.join(
    Object.entries(key).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
    sql` AND `,
  );
}

export async function rowsReferencing(
  db: Executor,
  ref: PersonReference,
  tenantId: string,
  personId: string,
): Promise<RowSnapshot[]> {
  const { rows } = await sql<{ row: RowSnapshot }>`
    SELECT to_jsonb(t) AS row FROM ${tableOf(ref.table)} t
    WHERE t.tenant_id = ${tenantId} AND ${sql.ref(`t.${ref.column}`)} = ${personId}
    ORDER BY ${sql.join(ref.key.map((k) => sql.ref(`t.${k}`)))}
    FOR UPDATE`.execute(db);
  return rows.map((r) => r.row);
}

/** Points one row at another person; false if the row is not (or no longer) where expected. */
export async function repointRow(
  db: Executor,
  table: string,
  column: string,
  key: RowKey,
  from: string,
  to: string,
): Promise<boolean> {
  const result = await sql`
    UPDATE ${tableOf(table)} SET ${sql.ref(column)} = ${to}
    WHERE ${whereKey(key)} AND ${sql.ref(column)} = ${from}`.execute(db);
  return (result.numAffectedRows ?? 0n) > 0n;
}

export async function deleteRow(db: Executor, table: string, key: RowKey): Promise<boolean> {
  const result = await sql`DELETE FROM ${tableOf(table)} WHERE ${whereKey(key)}`.execute(db);
  return (result.numAffectedRows ?? 0n) > 0n;
}

/** Puts a row back exactly as it was snapshotted (every column, same id). */
export async function insertSnapshot(db: Executor, table: string, row: RowSnapshot): Promise<void> {
  await sql`
    INSERT INTO ${tableOf(table)}
    SELECT * FROM jsonb_populate_record(NULL::${tableOf(table)}, ${JSON.stringify(row)}::jsonb)`.execute(db);
}

export async function rowExists(db: Executor, table: string, key: RowKey): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM ${tableOf(table)} WHERE ${whereKey(key)}`.execute(db);
  return rows.length > 0;
}

const CONSTRAINT_VIOLATIONS = new Set(['23505', '23514']); // unique_violation, check_violation

/**
 * Runs `fn` under a savepoint. If it breaks a unique or check constraint the savepoint is rolled back
 * and 'clash' returned, so the caller can do something else in the same transaction.
 */
export async function unlessClash<T>(db: Executor, fn: () => Promise<T>): Promise<T | 'clash'> {
  await sql`SAVEPOINT person_merge_row`.execute(db);
  try {
    const value = await fn();
    await sql`RELEASE SAVEPOINT person_merge_row`.execute(db);
    return value;
  } catch (err) {
    if (!CONSTRAINT_VIOLATIONS.has((err as { code?: string }).code ?? '')) throw err;
    await sql`ROLLBACK TO SAVEPOINT person_merge_row`.execute(db);
    return 'clash';
  }
}

// ---- household membership -------------------------------------------------------------------------

export async function hasCurrentHousehold(db: Executor, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('household_member')
    .select('id')
    .where('person_id', '=', personId)
    .where('left_on', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Moves a current membership to `to` and closes it on `leftOn` (or on the day it began, if later). */
export async function moveAndCloseMembership(db: Executor, id: string, from: string, to: string, leftOn: string) {
  const row = await sql<{ left_on: string }>`
    UPDATE household_member SET person_id = ${to}, left_on = greatest(joined_on, ${leftOn}::date)
    WHERE id = ${id} AND person_id = ${from} AND left_on IS NULL
    RETURNING left_on::text`.execute(db);
  return row.rows[0]?.left_on;
}

export async function reopenMembership(db: Executor, id: string, from: string, to: string, leftOn: string) {
  const result = await sql`
    UPDATE household_member SET person_id = ${to}, left_on = NULL
    WHERE id = ${id} AND person_id = ${from} AND left_on = ${leftOn}::date`.execute(db);
  return (result.numAffectedRows ?? 0n) > 0n;
}

// ---- persons ---------------------------------------------------------------------------------------

export interface LockedPerson {
  id: string;
  version: number;
  confidential: boolean;
  merged_into: string | null;
  /** Every column but the generated search keys, as to_jsonb gives it. */
  row: RowSnapshot;
}

/** Locks the persons (in id order, so two merges cannot deadlock) and returns them. */
export async function lockPeople(db: Executor, tenantId: string, ids: string[]): Promise<LockedPerson[]> {
  const { rows } = await sql<LockedPerson>`
    SELECT p.id, p.version, p.confidential, p.merged_into, to_jsonb(p) - 'name_key' - 'family_key' - 'given_key' AS row
    FROM person p WHERE p.tenant_id = ${tenantId} AND p.id = ANY(${ids}::uuid[])
    ORDER BY p.id FOR UPDATE`.execute(db);
  return rows;
}

/**
 * Sets the given columns of a person from a jsonb object (values as to_jsonb wrote them, so arrays
 * and dates round-trip exactly), bumps the version and the update time.
 */
export async function setPersonColumns(
  db: Executor,
  tenantId: string,
  id: string,
  values: RowSnapshot,
  at: Date,
): Promise<number> {
  const columns = Object.keys(values);
  const assignments = columns.map((c) => sql`${sql.ref(c)} = r.${sql.ref(c)}`);
  const { rows } = await sql<{ version: number }>`
    UPDATE person p SET ${sql.join([...assignments, sql`version = p.version + 1`, sql`updated_at = ${at}`])}
    FROM jsonb_populate_record(NULL::person, ${JSON.stringify(values)}::jsonb) r
    WHERE p.tenant_id = ${tenantId} AND p.id = ${id}
    RETURNING p.version`.execute(db);
  const version = rows[0]?.version;
  if (version === undefined) throw new Error('person vanished while locked');
  return version;
}

// ---- merge records -----------------------------------------------------------------------------------

export async function insertMerge(
  db: Executor,
  m: {
    id: string;
    tenantId: string;
    survivorId: string;
    mergedId: string;
    mergedBy: string;
    mergedAt: Date;
    moved: unknown;
    survivorBefore: unknown;
  },
) {
  await db
    .insertInto('person_merge')
    .values({
      id: m.id,
      tenant_id: m.tenantId,
      survivor_id: m.survivorId,
      merged_id: m.mergedId,
      merged_by: m.mergedBy,
      merged_at: m.mergedAt,
      moved: JSON.stringify(m.moved),
      survivor_before: JSON.stringify(m.survivorBefore),
    })
    .execute();
}

export async function lockMerge(db: Executor, tenantId: string, id: string) {
  return db
    .selectFrom('person_merge')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function markMergeUndone(db: Executor, id: string, by: string, at: Date) {
  await db.updateTable('person_merge').set({ undone_by: by, undone_at: at }).where('id', '=', id).execute();
}

/** Merges a person took part in, newest first, with the names of both records and of the operators. */
export async function listMergesOf(db: Executor, tenantId: string, personId: string) {
  return db
    .selectFrom('person_merge as m')
    .innerJoin('person as s', 's.id', 'm.survivor_id')
    .innerJoin('person as d', 'd.id', 'm.merged_id')
    .innerJoin('app_user as u', 'u.id', 'm.merged_by')
    .leftJoin('app_user as v', 'v.id', 'm.undone_by')
    .select([
      'm.id',
      'm.survivor_id',
      'm.merged_id',
      'm.merged_at',
      'm.undone_at',
      's.family_names as survivor_family',
      's.given_names as survivor_given',
      'd.family_names as merged_family',
      'd.given_names as merged_given',
      'u.display_name as merged_by_name',
      'v.display_name as undone_by_name',
    ])
    .where('m.tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('m.survivor_id', '=', personId), eb('m.merged_id', '=', personId)]))
    .orderBy('m.merged_at', 'desc')
    .execute();
}
export type MergeListRow = Awaited<ReturnType<typeof listMergesOf>>[number];

// ---- "not the same person" -----------------------------------------------------------------------------

export async function insertNotDuplicate(
  db: Executor,
  row: { tenantId: string; a: string; b: string; decidedBy: string; at: Date },
): Promise<boolean> {
  const [personA, personB] = row.a < row.b ? [row.a, row.b] : [row.b, row.a];
  const inserted = await db
    .insertInto('not_duplicate')
    .values({
      tenant_id: row.tenantId,
      person_a: personA,
      person_b: personB,
      decided_by: row.decidedBy,
      decided_at: row.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('person_a')
    .executeTakeFirst();
  return inserted !== undefined;
}
