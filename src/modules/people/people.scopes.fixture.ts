import { buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, buildToken, type TestOperator } from '../../../test/support/factories.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { peoplePermissions } from './people.policy.ts';

/** Shared set-up of the people permission tests: one operator with a token per role, in one tenant. */
export async function peopleScopes() {
  const { db } = await freshDatabase();
  const tenant = await buildTenant(db);
  const other = await buildTenant(db);
  const operators = {} as Record<Role, TestOperator & { token: string }>;
  for (const role of ROLES) {
    const op = await buildOperator(db, tenant, role);
    operators[role] = { ...op, token: await buildToken(db, op) };
  }
  const outsider = await buildOperator(db, other, 'coordinator');
  const outsiderToken = await buildToken(db, outsider);
  const app = await buildTestApp(db);
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  const allowed = (action: keyof typeof peoplePermissions) => (role: Role) => peoplePermissions[action].includes(role);
  /** A person created by the tenant's coordinator, for the tests to read and change. */
  const aPerson = async (familyNames: string) => {
    const res = await api('POST', '/api/v1/people', operators.coordinator.token, { givenNames: 'Prova', familyNames });
    return res.json<{ id: string; version: number }>();
  };
  const events = (userId: string, action: string) =>
    db
      .selectFrom('audit_event')
      .select(['outcome', 'record_id'])
      .where('actor_user_id', '=', userId)
      .where('action', '=', action)
      .execute();
  return { db, tenant, operators, outsiderToken, api, allowed, aPerson, events };
}
