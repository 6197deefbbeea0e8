import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, buildToken, type TestOperator } from '../../../test/support/factories.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { peoplePermissions } from './people.policy.ts';

// Permission test for `household.manage`: every role, through the API (POST /api/v1/households).
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let frontDesk: string;
let foreignToken: string;
const operators = {} as Record<Role, TestOperator>;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  for (const role of ROLES) {
    operators[role] = await buildOperator(db, tenant, role);
    tokens[role] = await buildToken(db, operators[role]);
  }
  frontDesk = tokens.front_office;
  foreignToken = await buildToken(db, await buildOperator(db, await buildTenant(db), 'social_worker'));
  app = await buildTestApp(db);
});

const call = (method: 'POST' | 'GET', url: string, bearer: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${bearer}` }, ...(payload ? { payload } : {}) });

async function newPerson(): Promise<string> {
  const res = await call('POST', '/api/v1/people', frontDesk, {
    givenNames: 'Scope',
    familyNames: `Prova ${Math.random().toString(36).slice(2, 10)}`,
  });
  return res.json<{ id: string }>().id;
}

const allowed = ROLES.filter((r) => peoplePermissions['household.manage'].includes(r));
const refused = ROLES.filter((r) => !peoplePermissions['household.manage'].includes(r));

describe('household.manage', () => {
  it('is granted to the front-door roles only', () => {
    expect(allowed).toEqual(['coordinator', 'social_worker', 'front_office']);
    expect(refused).toEqual(['admin', 'researcher', 'auditor', 'partner']);
  });

  it.each(allowed)('%s opens a household; the change is audited', async (role) => {
    const id = await newPerson();
    const res = await call('POST', '/api/v1/households', tokens[role], { referencePersonId: id });
    expect(res.statusCode).toBe(201);
    const event = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('actor_user_id', '=', operators[role].userId)
      .where('action', '=', 'household.create')
      .executeTakeFirst();
    expect(event).toEqual({ action: 'household.create', outcome: 'ok' });
  });

  it.each(refused)('%s is refused (403), the refusal is audited and nothing is written', async (role) => {
    const id = await newPerson();
    const res = await call('POST', '/api/v1/households', tokens[role], { referencePersonId: id });
    expect(res.statusCode).toBe(403);
    expect(await db.selectFrom('household_member').select('id').where('person_id', '=', id).execute()).toEqual([]);
    const events = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('actor_user_id', '=', operators[role].userId)
      .execute();
    expect(events).toEqual([{ action: 'household.manage', outcome: 'denied' }]);
  });

  it("cannot touch another tenant's person (404)", async () => {
    const id = await newPerson();
    expect((await call('POST', '/api/v1/households', foreignToken, { referencePersonId: id })).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/people/${id}/household`, foreignToken)).statusCode).toBe(404);
  });
});
