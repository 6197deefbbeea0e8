import { randomBytes } from 'node:crypto';
import { asSystem, type Db, withTenant } from '../../platform/db/database.ts';
import { listOrganizations } from '../directory/index.ts';
import { createOperator } from '../identity/index.ts';
import { linkPartnerUser } from './referrals.repository.ts';
import { setCapacity } from './settings.repository.ts';

export const DEMO_PARTNER_USERNAME = 'partner.demo';

/**
 * Demo data for referrals (idempotent): a partner user for the first organization of the demo directory,
 * with the demo operators' password (copied from an existing demo operator, so the printed demo password
 * works), the organization's capacity, and the default deadlines as explicit settings. Nothing if the
 * demo tenant or the directory is missing.
 */
export async function seedDemoReferrals(db: Db): Promise<void> {
  const tenant = await db.selectFrom('tenant').select(['id', 'code']).where('code', '=', 'monza').executeTakeFirst();
  if (!tenant) return;
  if (await db.selectFrom('app_user').select('id').where('username', '=', DEMO_PARTNER_USERNAME).executeTakeFirst())
    return;
  const org = (await withTenant(db, tenant.id, (trx) => listOrganizations(trx)))[0];
  if (!org) return;
  const template = await db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', 'm.user_id', 'u.id')
    .select('u.password_hash')
    .where('m.tenant_id', '=', tenant.id)
    .where('u.password_hash', 'is not', null)
    .orderBy('u.created_at')
    .executeTakeFirst();
  const { userId } = await createOperator(
    { db, clock: { now: () => new Date() }, requestId: 'demo-seed-referrals' },
    {
      username: DEMO_PARTNER_USERNAME,
      displayName: `Referente ${org.name} (demo)`,
      password: `demo-${randomBytes(12).toString('hex')}`,
      tenantCode: tenant.code,
      role: 'partner',
      officeCodes: [],
    },
  );
  await asSystem(db, async (trx) => {
    if (template?.password_hash)
      await trx
        .updateTable('app_user')
        .set({ password_hash: template.password_hash })
        .where('id', '=', userId)
        .execute();
    await linkPartnerUser(trx, tenant.id, userId, org.id);
    await setCapacity(trx, tenant.id, org.id, 'has_capacity', userId, new Date());
  });
}
