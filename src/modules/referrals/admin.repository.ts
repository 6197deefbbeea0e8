import type { Executor } from '../../platform/db/database.ts';

/** The tenant's users with the partner role and the organization each is linked to (none: null). */
export async function listPartnerAccounts(db: Executor, tenantId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .leftJoin('partner_user as p', (j) =>
      j.onRef('p.user_id', '=', 'm.user_id').onRef('p.tenant_id', '=', 'm.tenant_id'),
    )
    .select(['u.id as userId', 'u.display_name as displayName', 'u.username', 'p.organization_id as organizationId'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.role', '=', 'partner')
    .orderBy('u.display_name')
    .execute();
}

export async function isPartnerAccount(db: Executor, tenantId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('membership')
    .select('user_id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('role', '=', 'partner')
    .executeTakeFirst();
  return row !== undefined;
}

export async function tenantCode(db: Executor, tenantId: string): Promise<string | undefined> {
  return (await db.selectFrom('tenant').select('code').where('id', '=', tenantId).executeTakeFirst())?.code;
}
