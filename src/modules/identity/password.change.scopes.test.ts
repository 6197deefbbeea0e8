import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, buildToken, type TestTenant } from '../../../test/support/factories.ts';
import { ROLES } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { identityPermissions } from './identity.policy.ts';

// Permission test for `password.change`: every role, through the page `/operatori/password`.
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let tenant: TestTenant;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  tenant = await buildTenant(db);
  app = await buildTestApp(db);
});

const events = (userId: string) =>
  db
    .selectFrom('audit_event')
    .select(['outcome', 'actor_kind', 'record_id', 'tenant_id'])
    .where('actor_user_id', '=', userId)
    .where('action', '=', 'password.change')
    .orderBy('seq')
    .execute();

const NEXT = 'a brand new passphrase for 2026';

describe('password.change', () => {
  it('is granted to every role', () => {
    expect([...identityPermissions['password.change']].sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLES)('%s changes their own password from a session; the change is audited', async (role) => {
    const op = await buildOperator(db, tenant, role);
    const browser = new Browser(app);
    await browser.login(op.username, op.password);
    const res = await browser.submit('/operatori/password', '/operatori/password', {
      current: op.password,
      next: NEXT,
      confirm: NEXT,
    });
    expect(res.statusCode).toBe(200);
    expect((await new Browser(app).login(op.username, NEXT)).statusCode).toBe(303);
    expect(await events(op.userId)).toEqual([
      { outcome: 'ok', actor_kind: 'user', record_id: op.userId, tenant_id: tenant.id },
    ]);
  });

  it.each(ROLES)('%s cannot change the password with an API token: pages ignore bearer tokens', async (role) => {
    const op = await buildOperator(db, tenant, role);
    const authorization = `Bearer ${await buildToken(db, op)}`;
    const form = await app.inject({ url: '/operatori/password', headers: { authorization } });
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/accedi');
    const res = await app.inject({
      method: 'POST',
      url: '/operatori/password',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ current: op.password, next: NEXT, confirm: NEXT }).toString(),
    });
    expect(res.statusCode).toBe(403); // no CSRF token: refused before anything else
    expect((await new Browser(app).login(op.username, op.password)).statusCode).toBe(303);
    expect(await events(op.userId)).toEqual([]);
  });

  it('needs a signed-in operator', async () => {
    const res = await new Browser(app).get('/operatori/password');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/accedi');
  });

  it("changes only the signed-in operator's own password, whatever the form says", async () => {
    const me = await buildOperator(db, tenant, 'admin');
    const colleague = await buildOperator(db, tenant, 'front_office', { password: 'the colleague secret 42' });
    const browser = new Browser(app);
    await browser.login(me.username, me.password);
    const res = await browser.submit('/operatori/password', '/operatori/password', {
      current: me.password,
      next: NEXT,
      confirm: NEXT,
      username: colleague.username,
      userId: colleague.userId,
    });
    expect(res.statusCode).toBe(200);
    expect((await new Browser(app).login(me.username, NEXT)).statusCode).toBe(303);
    expect((await new Browser(app).login(colleague.username, colleague.password)).statusCode).toBe(303);
    expect(await events(me.userId)).toEqual([expect.objectContaining({ outcome: 'ok', record_id: me.userId })]);
    const aboutColleague = await db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', '=', 'password.change')
      .where('record_id', '=', colleague.userId)
      .execute();
    expect(aboutColleague).toEqual([]);
  });
});
