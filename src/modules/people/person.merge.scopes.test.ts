import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, buildToken, type TestOperator } from '../../../test/support/factories.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { peoplePermissions } from './people.policy.ts';

// Permission test for `person.merge` (merge and unmerge): every role, through the API.
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let tenantId: string;
let theirTenantId: string;
const operators = {} as Record<Role, TestOperator & { token: string }>;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  tenantId = tenant.id;
  theirTenantId = (await buildTenant(db)).id;
  for (const role of ROLES) {
    const op = await buildOperator(db, tenant, role);
    operators[role] = { ...op, token: await buildToken(db, op) };
  }
  app = await buildTestApp(db);
});

async function person(tenant: string, familyNames: string) {
  const id = newId();
  await db
    .insertInto('person')
    .values({ id, tenant_id: tenant, given_names: 'Ada', family_names: familyNames })
    .execute();
  return id;
}

const post = (url: string, token: string, payload?: object) =>
  app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

const events = (userId: string, recordId: string) =>
  db
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'tenant_id', 'details'])
    .where('actor_user_id', '=', userId)
    .where('record_id', '=', recordId)
    .where('action', 'in', ['person.merge', 'person.unmerge'])
    .orderBy('seq')
    .execute();

const allowed = peoplePermissions['person.merge'];

describe('person.merge', () => {
  it('is granted to coordinators and social workers only', () => {
    expect([...allowed].sort()).toEqual(['coordinator', 'social_worker']);
  });

  it.each(ROLES)('%s merges and unmerges only if allowed; a refusal is audited and changes nothing', async (role) => {
    const op = operators[role];
    const survivorId = await person(tenantId, `Scope${role}`);
    const mergedId = await person(tenantId, `Scope${role}`);
    const res = await post('/api/v1/people/merge', op.token, { survivorId, mergedId });
    const merged = await db.selectFrom('person').select('merged_into').where('id', '=', mergedId).executeTakeFirst();
    if (!allowed.includes(role)) {
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(merged?.merged_into).toBeNull();
      expect(await events(op.userId, mergedId)).toEqual([
        expect.objectContaining({ action: 'person.merge', outcome: 'denied', tenant_id: tenantId }),
      ]);
      return;
    }
    expect(res.statusCode).toBe(201);
    expect(merged?.merged_into).toBe(survivorId);
    const undo = await post(`/api/v1/people/merges/${res.json<{ mergeId: string }>().mergeId}/undo`, op.token);
    expect(undo.statusCode).toBe(200);
    expect((await events(op.userId, mergedId)).map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'person.merge:ok',
      'person.unmerge:ok',
    ]);
  });

  it.each(allowed)("%s gets 404 for another tenant's records, audited as denied", async (role) => {
    const op = operators[role];
    const mine = await person(tenantId, 'Confine');
    const theirs = await person(theirTenantId, 'Confine');
    const res = await post('/api/v1/people/merge', op.token, { survivorId: mine, mergedId: theirs });
    expect(res.statusCode).toBe(404);
    expect(await events(op.userId, theirs)).toEqual([
      { action: 'person.merge', outcome: 'denied', tenant_id: tenantId, details: { reason: 'not-found' } },
    ]);
    const unknownMerge = await post(`/api/v1/people/merges/${newId()}/undo`, op.token);
    expect(unknownMerge.statusCode).toBe(404);
  });
});
