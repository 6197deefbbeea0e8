import { clockOn, openEligibleApplication, seedBenefitRules } from '../../../test/support/benefits.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  operatorCtx,
  type TestOperator,
} from '../../../test/support/factories.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { benefitsPermissions } from './benefits.policy.ts';

/** Shared set-up of the benefits permission tests: one operator per role, seed rules, an outsider tenant. */
export async function benefitsScopes() {
  const { db } = await freshDatabase();
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  await seedBenefitRules(db, tenant);
  const otherTenant = await buildTenant(db);
  const operators = {} as Record<Role, TestOperator>;
  for (const role of ROLES) operators[role] = await buildOperator(db, tenant, role, { offices: [office] });
  const outsider = await buildOperator(db, otherTenant, 'coordinator');
  const clock = clockOn('2026-03-10');
  const ctx = (role: Role) => operatorCtx(db, operators[role], clock, [office.id]);
  const outsiderCtx = () => operatorCtx(db, outsider, clock);
  /** An eligible ordinary-contribution application prepared by the tenant's social worker. */
  const anApplication = () => openEligibleApplication(ctx('social_worker'));
  const allowed = (action: keyof typeof benefitsPermissions) => (role: Role) =>
    (benefitsPermissions[action] as readonly Role[]).includes(role);
  const events = (userId: string, action: string) =>
    db
      .selectFrom('audit_event')
      .select(['outcome', 'record_id'])
      .where('actor_user_id', '=', userId)
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  return { db, tenant, otherTenant, office, operators, ctx, outsiderCtx, allowed, events, anApplication };
}
