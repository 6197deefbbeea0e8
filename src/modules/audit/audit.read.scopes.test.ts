import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  buildToken,
  type TestOperator,
} from '../../../test/support/factories.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { auditPermissions } from './audit.policy.ts';

// Permission test for `audit.read`: every role, through the API (bearer) and the page (session).
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
const operators = {} as Record<Role, TestOperator & { token: string }>;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  for (const role of ROLES) {
    const op = await buildOperator(db, tenant, role, { offices: [office] });
    operators[role] = { ...op, token: await buildToken(db, op) };
  }
  app = await buildTestApp(db);
});

const events = (userId: string, outcome: 'ok' | 'denied') =>
  db
    .selectFrom('audit_event')
    .select(['tenant_id', 'actor_kind'])
    .where('actor_user_id', '=', userId)
    .where('action', '=', 'audit.read')
    .where('outcome', '=', outcome)
    .execute();

const allowed = ROLES.filter((r) => auditPermissions['audit.read'].includes(r));
const refused = ROLES.filter((r) => !auditPermissions['audit.read'].includes(r));

describe('audit.read', () => {
  it('is granted to the auditor only', () => {
    expect(allowed).toEqual(['auditor']);
    expect(refused).toHaveLength(ROLES.length - 1);
  });

  it.each(allowed)('%s reads the log through the API and the page, and the reading is audited', async (role) => {
    const op = operators[role];
    const api = await app.inject({
      url: '/api/v1/audit-events',
      headers: { authorization: `Bearer ${op.token}` },
    });
    expect(api.statusCode).toBe(200);
    expect(api.json().items.length).toBeGreaterThan(0);

    const browser = new Browser(app);
    await browser.login(op.username, op.password);
    const page = await browser.get('/operatori/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('user.create');

    const ok = await events(op.userId, 'ok');
    expect(ok.map((e) => e.actor_kind).sort()).toEqual(['token', 'user']);
    expect(await events(op.userId, 'denied')).toHaveLength(0);
  });

  it.each(refused)('%s is refused on the API and the page, and each refusal is audited', async (role) => {
    const op = operators[role];
    const api = await app.inject({
      url: '/api/v1/audit-events',
      headers: { authorization: `Bearer ${op.token}` },
    });
    expect(api.statusCode).toBe(403);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ status: 403 });
    expect(api.body).not.toContain('"items"');

    const browser = new Browser(app);
    await browser.login(op.username, op.password);
    const home = await browser.get('/operatori');
    expect(home.body).not.toContain('href="/operatori/audit"');
    const page = await browser.get('/operatori/audit');
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Accesso non consentito');
    expect(page.body).not.toContain('user.create');

    const denied = await events(op.userId, 'denied');
    expect(denied.map((e) => e.actor_kind).sort()).toEqual(['token', 'user']);
    expect(denied.every((e) => e.tenant_id === op.tenant.id)).toBe(true);
    expect(await events(op.userId, 'ok')).toHaveLength(0);
  });

  it('needs an operator: no token is 401 on the API, no session sends the page to sign-in', async () => {
    const api = await app.inject({ url: '/api/v1/audit-events' });
    expect(api.statusCode).toBe(401);
    const page = await app.inject({ url: '/operatori/audit' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/accedi');
  });

  it("an auditor sees their own tenant's events only", async () => {
    const other = await buildTenant(db);
    const otherOffice = await buildOffice(db, other);
    const otherReader = await buildOperator(db, other, 'front_office');
    const otherAuditor = await buildOperator(db, other, 'auditor');
    const read = await app.inject({
      url: `/api/v1/offices/${otherOffice.id}`,
      headers: { authorization: `Bearer ${await buildToken(db, otherReader)}` },
    });
    expect(read.statusCode).toBe(200);

    const byRecord = async (token: string, recordId: string) =>
      (
        await app.inject({
          url: `/api/v1/audit-events?recordId=${recordId}`,
          headers: { authorization: `Bearer ${token}` },
        })
      ).json().items as { action: string }[];
    const mine = operators.auditor.token;
    expect(await byRecord(await buildToken(db, otherAuditor), otherOffice.id)).toEqual([
      expect.objectContaining({ action: 'office.read' }),
    ]);
    expect(await byRecord(mine, otherOffice.id)).toEqual([]);
    expect(await byRecord(mine, otherReader.userId)).toEqual([]);
    // …while events of the auditor's own tenant are there.
    expect((await byRecord(mine, operators.front_office.userId)).length).toBeGreaterThan(0);
  });
});
