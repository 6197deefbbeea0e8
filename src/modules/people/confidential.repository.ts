import type { Executor } from '../../platform/db/database.ts';

export async function findPersonFile(db: Executor, tenantId: string, personId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'confidential', 'merged_into'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

export async function listAssignments(db: Executor, tenantId: string, personId: string) {
  return db
    .selectFrom('person_assignment as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .leftJoin('membership as m', (j) => j.onRef('m.user_id', '=', 'a.user_id').onRef('m.tenant_id', '=', 'a.tenant_id'))
    .select(['a.user_id', 'a.assigned_at', 'u.display_name', 'm.role'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.person_id', '=', personId)
    .orderBy('a.assigned_at')
    .execute();
}
export type AssignmentRow = Awaited<ReturnType<typeof listAssignments>>[number];

/** Active operators of the tenant whose role works with people's files. */
export async function listWorkers(db: Executor, tenantId: string, roles: readonly string[]) {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.display_name', 'm.role'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.role', 'in', [...roles])
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .execute();
}

export async function findWorker(db: Executor, tenantId: string, userId: string, roles: readonly string[]) {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['m.user_id'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.user_id', '=', userId)
    .where('m.role', 'in', [...roles])
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

/** True when the row was added, false when the worker was already assigned. */
export async function insertAssignment(db: Executor, tenantId: string, personId: string, userId: string, at: Date) {
  const row = await db
    .insertInto('person_assignment')
    .values({ tenant_id: tenantId, person_id: personId, user_id: userId, assigned_at: at })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteAssignment(db: Executor, tenantId: string, personId: string, userId: string) {
  const row = await db
    .deleteFrom('person_assignment')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('user_id', '=', userId)
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Serialises assignment changes on one person, so two removals cannot leave a confidential file with nobody. */
export async function lockPersonFile(db: Executor, tenantId: string, personId: string) {
  await db
    .selectFrom('person')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .forUpdate()
    .execute();
}

/** Break-the-glass openings, those not yet reviewed first, then newest first. */
export async function listOpenings(db: Executor, tenantId: string, limit: number) {
  return db
    .selectFrom('confidential_access as c')
    .innerJoin('app_user as u', 'u.id', 'c.user_id')
    .leftJoin('app_user as r', 'r.id', 'c.reviewed_by')
    .select([
      'c.id',
      'c.person_id',
      'c.user_id',
      'c.reason',
      'c.opened_at',
      'c.expires_at',
      'c.reviewed_by',
      'c.reviewed_at',
      'u.display_name as user_name',
      'r.display_name as reviewer_name',
    ])
    .where('c.tenant_id', '=', tenantId)
    .orderBy((eb) => eb('c.reviewed_at', 'is', null), 'desc')
    .orderBy('c.opened_at', 'desc')
    .limit(limit)
    .execute();
}
export type OpeningRow = Awaited<ReturnType<typeof listOpenings>>[number];

export async function findOpening(db: Executor, tenantId: string, id: string) {
  return db
    .selectFrom('confidential_access')
    .select(['id', 'person_id', 'user_id', 'reviewed_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Marks an opening reviewed once; a second review (or a concurrent one) changes nothing. */
export async function markOpeningReviewed(db: Executor, tenantId: string, id: string, reviewerId: string, at: Date) {
  const row = await db
    .updateTable('confidential_access')
    .set({ reviewed_by: reviewerId, reviewed_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('reviewed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Openings waiting for review by this coordinator: nobody reviews their own. */
export async function countUnreviewedOpenings(db: Executor, tenantId: string, excludeUserId: string): Promise<number> {
  const row = await db
    .selectFrom('confidential_access')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('reviewed_at', 'is', null)
    .where('user_id', '!=', excludeUserId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
