import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { PersonColumns } from './people.repository.ts';

export async function findTenantByCode(db: Executor, code: string) {
  return db.selectFrom('tenant').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
}

/** The unmerged persons holding these tax codes, locked until the batch commits. */
export async function lockPeopleByTaxCode(db: Executor, tenantId: string, taxCodes: string[]) {
  if (taxCodes.length === 0) return [];
  return db
    .selectFrom('person')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('tax_code', 'in', taxCodes)
    .where('merged_into', 'is', null)
    .forUpdate()
    .execute();
}
export type ExistingPerson = Awaited<ReturnType<typeof lockPeopleByTaxCode>>[number];

/** Writes the changed columns; the version the batch read is checked and moved on. */
export async function updatePersonColumns(
  db: Executor,
  tenantId: string,
  id: string,
  version: number,
  at: Date,
  columns: Partial<PersonColumns>,
) {
  return db
    .updateTable('person')
    .set({ ...columns, version: version + 1, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
}

export async function currentMemberships(db: Executor, tenantId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('household_member')
    .select(['id', 'household_id', 'person_id', 'relationship'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', 'in', personIds)
    .where('left_on', 'is', null)
    .execute();
}
export type Membership = Awaited<ReturnType<typeof currentMemberships>>[number];

/** How many people are current members of each household. */
export async function currentSizes(db: Executor, householdIds: string[]): Promise<Map<string, number>> {
  if (householdIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('household_member')
    .select(['household_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('household_id', 'in', householdIds)
    .where('left_on', 'is', null)
    .groupBy('household_id')
    .execute();
  return new Map(rows.map((r) => [r.household_id, Number(r.n)]));
}

export async function currentReference(db: Executor, householdId: string) {
  return db
    .selectFrom('household_member')
    .select(['id', 'household_id', 'person_id', 'relationship'])
    .where('household_id', '=', householdId)
    .where('relationship', '=', 'reference')
    .where('left_on', 'is', null)
    .executeTakeFirst();
}

export async function insertHousehold(db: Executor, tenantId: string, id: string, at: Date) {
  await db.insertInto('household').values({ id, tenant_id: tenantId, created_at: at }).execute();
}

/** Someone editing the household on screen must notice that the import changed it. */
export async function bumpHouseholds(db: Executor, ids: string[]) {
  if (ids.length === 0) return;
  await db
    .updateTable('household')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', 'in', ids)
    .execute();
}

export async function closeMemberships(db: Executor, ids: string[], leftOn: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('household_member')
    .set({ left_on: sql<string>`greatest(joined_on, ${leftOn}::date)` })
    .where('id', 'in', ids)
    .execute();
}

export async function insertMemberships(
  db: Executor,
  rows: {
    id: string;
    tenant_id: string;
    household_id: string;
    person_id: string;
    relationship: string;
    joined_on: string;
  }[],
) {
  if (rows.length === 0) return;
  await db.insertInto('household_member').values(rows).execute();
}
