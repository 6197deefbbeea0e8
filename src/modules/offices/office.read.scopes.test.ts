import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  buildToken,
  type TestOffice,
  type TestOperator,
} from '../../../test/support/factories.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { officesPermissions } from './offices.policy.ts';

// Permission test for `office.read`: every role, through the API (bearer token only).
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let mine: TestOffice;
let theirs: TestOffice;
const operators = {} as Record<Role, TestOperator & { token: string }>;
const STAFF = ROLES.filter((r) => r !== 'partner');

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  mine = await buildOffice(db, tenant);
  theirs = await buildOffice(db, await buildTenant(db));
  for (const role of ROLES) {
    const op = await buildOperator(db, tenant, role);
    operators[role] = { ...op, token: await buildToken(db, op) };
  }
  app = await buildTestApp(db);
});

const api = (url: string, token: string) => app.inject({ url, headers: { authorization: `Bearer ${token}` } });

const events = (userId: string, recordId: string) =>
  db
    .selectFrom('audit_event')
    .select(['outcome', 'tenant_id', 'details'])
    .where('actor_user_id', '=', userId)
    .where('action', '=', 'office.read')
    .where('record_id', '=', recordId)
    .execute();

describe('office.read', () => {
  it('is granted to every staff role, not to partner users', () => {
    expect([...officesPermissions['office.read']].sort()).toEqual([...STAFF].sort());
  });

  it('a partner user is refused the list and an office (403; the single read audited denied)', async () => {
    const op = operators.partner;
    expect((await api('/api/v1/offices', op.token)).statusCode).toBe(403);
    expect((await api(`/api/v1/offices/${mine.id}`, op.token)).statusCode).toBe(403);
    expect(await events(op.userId, mine.id)).toEqual([expect.objectContaining({ outcome: 'denied' })]);
  });

  it.each(STAFF)('%s lists and reads the offices of their tenant; the single read is audited', async (role) => {
    const op = operators[role];
    const list = await api('/api/v1/offices', op.token);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([mine.id]);

    const one = await api(`/api/v1/offices/${mine.id}`, op.token);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: mine.id, code: mine.code, name: mine.name });
    expect(await events(op.userId, mine.id)).toEqual([
      expect.objectContaining({ outcome: 'ok', tenant_id: op.tenant.id }),
    ]);
  });

  it.each(STAFF)("%s gets 404 for another tenant's office, and the attempt is audited as denied", async (role) => {
    const op = operators[role];
    const res = await api(`/api/v1/offices/${theirs.id}`, op.token);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).not.toContain(theirs.name);
    expect(await events(op.userId, theirs.id)).toEqual([
      expect.objectContaining({ outcome: 'denied', tenant_id: op.tenant.id, details: { reason: 'not-found' } }),
    ]);
  });

  it.each(ROLES)('%s cannot use the API with a session cookie: the API takes bearer tokens only', async (role) => {
    const op = operators[role];
    const browser = new Browser(app);
    await browser.login(op.username, op.password);
    expect(browser.cookie('sid')).toBeTruthy();
    const res = await browser.get(`/api/v1/offices/${mine.id}`);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('an unknown or malformed id is a 404 on record too', async () => {
    const op = operators.front_office;
    for (const id of ['0190f2b4-0000-7000-8000-000000000000', 'not-a-uuid']) {
      expect((await api(`/api/v1/offices/${id}`, op.token)).statusCode).toBe(404);
      expect(await events(op.userId, id)).toEqual([expect.objectContaining({ outcome: 'denied' })]);
    }
  });
});
