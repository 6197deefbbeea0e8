import { sql } from 'kysely';
import type { Role } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';

export async function findUserByUsername(db: Executor, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordFailedLogin(db: Executor, userId: string, failures: number, lockUntil: Date | null) {
  return db
    .updateTable('app_user')
    .set({ failed_logins: failures, locked_until: lockUntil })
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
}

export async function resetFailedLogins(db: Executor, userId: string) {
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function setPassword(db: Executor, userId: string, hash: string, at: Date) {
  await db
    .updateTable('app_user')
    .set({ password_hash: hash, password_changed_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function insertUser(
  db: Executor,
  u: { id: string; username: string; displayName: string; passwordHash: string },
) {
  await db
    .insertInto('app_user')
    .values({ id: u.id, username: u.username, display_name: u.displayName, password_hash: u.passwordHash })
    .execute();
}

export async function insertMembership(
  db: Executor,
  m: { id: string; tenantId: string; userId: string; role: Role; officeIds: readonly string[] },
) {
  await db
    .insertInto('membership')
    .values({ id: m.id, tenant_id: m.tenantId, user_id: m.userId, role: m.role })
    .execute();
  if (m.officeIds.length > 0) {
    await db
      .insertInto('membership_office')
      .values(m.officeIds.map((officeId) => ({ tenant_id: m.tenantId, membership_id: m.id, office_id: officeId })))
      .execute();
  }
}

/** The user's membership in the preferred tenant if any, else the oldest one. */
export async function findMembershipForLogin(db: Executor, userId: string, preferredTenantId: string | undefined) {
  return db
    .selectFrom('membership')
    .select(['tenant_id', 'role'])
    .where('user_id', '=', userId)
    .orderBy(sql`tenant_id = ${preferredTenantId ?? null}::uuid`, 'desc')
    .orderBy('created_at')
    .executeTakeFirst();
}

/** Everything needed to build the actor of a session or token, in one query. */
function principal(db: Executor) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', 'm.user_id', 'u.id')
    .innerJoin('tenant as t', 't.id', 'm.tenant_id')
    .select((eb) => [
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'm.role',
      't.id as tenant_id',
      't.code as tenant_code',
      't.name as tenant_name',
      eb
        .selectFrom('membership_office as mo')
        .select(sql<string[]>`coalesce(array_agg(mo.office_id ORDER BY mo.office_id), '{}')`.as('ids'))
        .whereRef('mo.membership_id', '=', 'm.id')
        .as('office_ids'),
    ])
    .where('u.disabled_at', 'is', null);
}

export async function findSessionPrincipal(db: Executor, tokenHash: string) {
  return principal(db)
    .innerJoin('user_session as s', (j) => j.onRef('s.user_id', '=', 'u.id').onRef('s.tenant_id', '=', 'm.tenant_id'))
    .select(['s.token_hash', 's.last_seen_at', 's.expires_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findTokenPrincipal(db: Executor, tokenHash: string) {
  return principal(db)
    .innerJoin('api_token as k', (j) => j.onRef('k.user_id', '=', 'u.id').onRef('k.tenant_id', '=', 'm.tenant_id'))
    .select(['k.id as token_id', 'k.last_used_at'])
    .where('k.token_hash', '=', tokenHash)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function insertSession(
  db: Executor,
  s: { tokenHash: string; userId: string; tenantId: string; at: Date; expiresAt: Date },
) {
  await db
    .insertInto('user_session')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      tenant_id: s.tenantId,
      created_at: s.at,
      last_seen_at: s.at,
      expires_at: s.expiresAt,
    })
    .execute();
}

export async function touchSession(db: Executor, tokenHash: string, at: Date) {
  await db.updateTable('user_session').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Executor, tokenHash: string) {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteOtherSessions(db: Executor, userId: string, keepTokenHash: string) {
  await db.deleteFrom('user_session').where('user_id', '=', userId).where('token_hash', '!=', keepTokenHash).execute();
}

export async function deleteExpiredSessions(db: Executor, now: Date, idleBefore: Date) {
  await db
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleBefore)]))
    .execute();
}

export async function insertToken(
  db: Executor,
  t: { id: string; tenantId: string; userId: string; name: string; tokenHash: string; at: Date },
) {
  await db
    .insertInto('api_token')
    .values({
      id: t.id,
      tenant_id: t.tenantId,
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      created_at: t.at,
    })
    .execute();
}

export async function touchToken(db: Executor, id: string, at: Date) {
  await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function listTokens(db: Executor) {
  return db
    .selectFrom('api_token as k')
    .innerJoin('app_user as u', 'u.id', 'k.user_id')
    .select(['k.id', 'k.name', 'u.username', 'k.created_at', 'k.last_used_at', 'k.revoked_at'])
    .orderBy('k.created_at')
    .execute();
}

export async function revokeToken(db: Executor, id: string, at: Date) {
  const r = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'tenant_id'])
    .executeTakeFirst();
  return r;
}

export async function findTenantByCode(db: Executor, code: string) {
  return db.selectFrom('tenant').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
}

export async function findFirstTenant(db: Executor) {
  return db
    .selectFrom('tenant')
    .select(['id', 'code', 'name'])
    .orderBy('created_at')
    .orderBy('code')
    .executeTakeFirst();
}
