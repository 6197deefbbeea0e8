import { freshDatabase } from '../../../test/support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  operatorCtx,
  type TestOperator,
} from '../../../test/support/factories.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { buildAccess } from './interview.fixture.ts';
import { interviewPermissions } from './interview.policy.ts';

/** Shared set-up of the interview/outcome permission tests: one operator per role, all at one office. */
export async function interviewScopes() {
  const { db } = await freshDatabase();
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  const otherTenant = await buildTenant(db);
  const operators = {} as Record<Role, TestOperator>;
  for (const role of ROLES) operators[role] = await buildOperator(db, tenant, role, { offices: [office] });
  const outsider = await buildOperator(db, otherTenant, 'social_worker');
  const ctx = (role: Role) => operatorCtx(db, operators[role], undefined, [office.id]);
  const outsiderCtx = () => operatorCtx(db, outsider);
  const allowed = (action: keyof typeof interviewPermissions) => (role: Role) =>
    interviewPermissions[action].includes(role);
  const anAccess = (options: Parameters<typeof buildAccess>[4] = {}) =>
    buildAccess(db, tenant, office, operators.front_office, options);
  const events = (userId: string, action: string) =>
    db
      .selectFrom('audit_event')
      .select(['outcome', 'record_id'])
      .where('actor_user_id', '=', userId)
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  return { db, tenant, office, operators, ctx, outsiderCtx, allowed, anAccess, events };
}
