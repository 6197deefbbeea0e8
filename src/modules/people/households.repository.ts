import type { Executor } from '../../platform/db/database.ts';

/** A membership row with enough of the person to tell people apart on a page. */
export interface MemberRow {
  id: string;
  household_id: string;
  person_id: string;
  given_names: string;
  family_names: string;
  birth_year: number | null;
  confidential: boolean;
  relationship: string;
  joined_on: string;
  left_on: string | null;
}

export interface LinkRow {
  id: string;
  other_id: string;
  given_names: string;
  family_names: string;
  birth_year: number | null;
  confidential: boolean;
  kind: string;
  since: string | null;
  until: string | null;
}

/** The unique index that keeps a person in at most one current household (0002_create_people.sql). */
export const CURRENT_MEMBERSHIP_INDEX = 'household_member_current';

export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && e.constraint === constraint;
}

/** A person who can take part in a household: in this tenant and not merged into another record. */
export async function findLivePerson(db: Executor, tenantId: string, id: string) {
  return db
    .selectFrom('person')
    .select(['id', 'confidential'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .executeTakeFirst();
}

export async function insertHousehold(db: Executor, tenantId: string, id: string, at: Date) {
  await db.insertInto('household').values({ id, tenant_id: tenantId, created_at: at }).execute();
}

export async function findHousehold(db: Executor, tenantId: string, id: string) {
  return db
    .selectFrom('household')
    .select(['id', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertMember(
  db: Executor,
  row: { id: string; tenantId: string; householdId: string; personId: string; relationship: string; joinedOn: string },
) {
  await db
    .insertInto('household_member')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      household_id: row.householdId,
      person_id: row.personId,
      relationship: row.relationship,
      joined_on: row.joinedOn,
    })
    .execute();
}

/** The household a person belongs to today, if any. */
export async function findCurrentMembership(db: Executor, tenantId: string, personId: string) {
  return db
    .selectFrom('household_member')
    .select(['id', 'household_id', 'relationship', 'joined_on'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('left_on', 'is', null)
    .executeTakeFirst();
}

function members(db: Executor, tenantId: string) {
  return db
    .selectFrom('household_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select([
      'm.id',
      'm.household_id',
      'm.person_id',
      'p.given_names',
      'p.family_names',
      'p.birth_year',
      'p.confidential',
      'm.relationship',
      'm.joined_on',
      'm.left_on',
    ])
    .where('m.tenant_id', '=', tenantId);
}

/** Every membership of a household, current and past: the reference first, then by joining date. */
export async function listMembers(db: Executor, tenantId: string, householdId: string): Promise<MemberRow[]> {
  return members(db, tenantId)
    .where('m.household_id', '=', householdId)
    .orderBy((eb) => eb.case().when('m.relationship', '=', 'reference').then(0).else(1).end())
    .orderBy('m.joined_on')
    .orderBy('p.family_names')
    .execute();
}

/** A person's past memberships (any household), newest first. */
export async function listPastMemberships(db: Executor, tenantId: string, personId: string): Promise<MemberRow[]> {
  return members(db, tenantId)
    .where('m.person_id', '=', personId)
    .where('m.left_on', 'is not', null)
    .orderBy('m.left_on', 'desc')
    .execute();
}

/** Closes a current membership; history is kept (the row stays with its dates). */
export async function closeMembership(db: Executor, tenantId: string, memberId: string, leftOn: string) {
  await db
    .updateTable('household_member')
    .set({ left_on: leftOn })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', memberId)
    .where('left_on', 'is', null)
    .execute();
}

export async function setRelationship(db: Executor, tenantId: string, memberId: string, relationship: string) {
  await db
    .updateTable('household_member')
    .set({ relationship })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', memberId)
    .execute();
}

export async function insertLink(
  db: Executor,
  row: { id: string; tenantId: string; personId: string; otherPersonId: string; kind: string; since: string },
) {
  await db
    .insertInto('person_link')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      person_id: row.personId,
      other_person_id: row.otherPersonId,
      kind: row.kind,
      since: row.since,
    })
    .execute();
}

/** Links involving a person in either direction, each presented from that person's side. */
export async function listLinksOf(db: Executor, tenantId: string, personId: string): Promise<LinkRow[]> {
  return db
    .selectFrom('person_link as l')
    .innerJoin('person as p', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('l.person_id', '=', personId), eb('p.id', '=', eb.ref('l.other_person_id'))]),
          eb.and([eb('l.other_person_id', '=', personId), eb('p.id', '=', eb.ref('l.person_id'))]),
        ]),
      ),
    )
    .select([
      'l.id',
      'p.id as other_id',
      'p.given_names',
      'p.family_names',
      'p.birth_year',
      'p.confidential',
      'l.kind',
      'l.since',
      'l.until',
    ])
    .where('l.tenant_id', '=', tenantId)
    .orderBy('l.until', 'desc')
    .orderBy('l.since')
    .execute();
}

export async function findLink(db: Executor, tenantId: string, id: string) {
  return db
    .selectFrom('person_link')
    .select(['id', 'person_id', 'other_person_id', 'since', 'until'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function endLink(db: Executor, tenantId: string, id: string, until: string) {
  await db
    .updateTable('person_link')
    .set({ until })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('until', 'is', null)
    .execute();
}
