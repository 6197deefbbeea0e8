import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  type TestOffice,
  type TestOperator,
  type TestTenant,
} from '../../../test/support/factories.ts';
import { ROLES, type Role, systemClock } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { officesPermissions } from './offices.policy.ts';
import { officesToday } from './offices.service.ts';

// Permission test for `office.today`: every role, through the operator home page `/operatori`.
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let tenant: TestTenant;
let assigned: TestOffice;
let elsewhere: TestOffice;
const operators = {} as Record<Role, TestOperator>;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  tenant = await buildTenant(db);
  assigned = await buildOffice(db, tenant);
  elsewhere = await buildOffice(db, tenant);
  for (const role of ROLES) operators[role] = await buildOperator(db, tenant, role, { offices: [assigned] });
  app = await buildTestApp(db);
});

const heading = (o: TestOffice) => `Accessi di oggi — ${o.name}`;
const todayEvents = (userId: string) =>
  db
    .selectFrom('audit_event')
    .select(['outcome', 'record_id'])
    .where('actor_user_id', '=', userId)
    .where('action', '=', 'office.today')
    .orderBy('seq')
    .execute();

async function home(op: TestOperator) {
  const browser = new Browser(app);
  await browser.login(op.username, op.password);
  const res = await browser.get('/operatori');
  if (op.role === 'partner') {
    // A partner organization's user lands in the partner area instead of the operator home.
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/partner');
    return '';
  }
  expect(res.statusCode).toBe(200);
  return res.body;
}

const allowed = ROLES.filter((r) => officesPermissions['office.today'].includes(r));
const refused = ROLES.filter((r) => !officesPermissions['office.today'].includes(r));

describe('office.today', () => {
  it('is granted to the desk roles, not to researchers and auditors', () => {
    expect(allowed).toEqual(['admin', 'coordinator', 'social_worker', 'front_office']);
    expect(refused).toEqual(['researcher', 'auditor', 'partner']);
  });

  it.each(allowed)('%s sees today at their own office only, and each office shown is audited', async (role) => {
    const op = operators[role];
    const body = await home(op);
    expect(body).toContain(heading(assigned));
    expect(body).not.toContain(elsewhere.name);
    expect(await todayEvents(op.userId)).toEqual([{ outcome: 'ok', record_id: assigned.id }]);
  });

  it.each(refused)('%s gets the home page without the list; the service refuses and audits', async (role) => {
    const op = operators[role];
    const body = await home(op);
    expect(body).not.toContain('Accessi di oggi — '); // no office section (the menu links "Accessi di oggi")
    expect(body).not.toContain(assigned.name);
    // The page does not even try, so nothing is on record for the page view…
    expect(await todayEvents(op.userId)).toEqual([]);

    // …and the service itself is the wall if someone calls it for this role.
    const ctx = {
      actor: {
        kind: 'user' as const,
        userId: op.userId,
        username: op.username,
        displayName: `Operatore ${op.username}`,
        tenantId: tenant.id,
        role,
        officeIds: [assigned.id],
      },
      requestId: `scopes-${role}`,
      clock: systemClock,
      db,
    };
    const refusal = await officesToday(ctx).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ status: 403 });
    expect(await todayEvents(op.userId)).toEqual([{ outcome: 'denied', record_id: null }]);
  });

  it.each(['admin', 'coordinator'] as const)('%s without an assigned office oversees every office', async (role) => {
    const op = await buildOperator(db, tenant, role);
    const body = await home(op);
    expect(body).toContain(heading(assigned));
    expect(body).toContain(heading(elsewhere));
    expect((await todayEvents(op.userId)).map((e) => e.record_id).sort()).toEqual([assigned.id, elsewhere.id].sort());
  });

  it.each(['social_worker', 'front_office'] as const)('%s without an assigned office sees none', async (role) => {
    const op = await buildOperator(db, tenant, role);
    const body = await home(op);
    expect(body).toContain('Non sei assegnato a nessuna sede.');
    expect(body).not.toContain('Accessi di oggi — '); // no office section (the menu links "Accessi di oggi")
    expect(await todayEvents(op.userId)).toEqual([]);
  });

  it("never shows another tenant's offices, even to an admin who oversees all", async () => {
    const other = await buildTenant(db);
    const foreign = await buildOffice(db, other);
    const body = await home(await buildOperator(db, tenant, 'admin'));
    expect(body).not.toContain(foreign.name);
  });
});
