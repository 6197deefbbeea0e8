import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, operatorCtx, type TestOperator } from '../../../test/support/factories.ts';
import { type Ctx, ROLES, type Role, systemClock } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { peoplePermissions } from './people.policy.ts';
import { breakGlass, createPerson } from './people.service.ts';

// Permission test for `confidential.review`: every role, through the page `/operatori/riservati`
// and its "Visto" action.
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
const operators = {} as Record<Role, TestOperator>;
let opener: TestOperator;
let accessId: string;

const ctxFor = (op: TestOperator): Ctx => operatorCtx(db, op, systemClock);

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  for (const role of ROLES) operators[role] = await buildOperator(db, tenant, role);
  const owner = await buildOperator(db, tenant, 'social_worker');
  opener = await buildOperator(db, tenant, 'front_office');
  const created = await createPerson(ctxFor(owner), {
    givenNames: 'Riservata',
    familyNames: 'Scopes',
    confidential: true,
  });
  if (created.kind !== 'saved') throw new Error('person not saved');
  await breakGlass(ctxFor(opener), created.person.id, 'Richiesta urgente allo sportello');
  accessId = (await db.selectFrom('confidential_access').select('id').executeTakeFirstOrThrow()).id;
  app = await buildTestApp(db);
});

const allowed = ROLES.filter((r) => peoplePermissions['confidential.review'].includes(r));
const events = (userId: string) =>
  db
    .selectFrom('audit_event')
    .select(['action', 'outcome'])
    .where('actor_user_id', '=', userId)
    .where('action', 'in', ['confidential.list', 'confidential.review'])
    .orderBy('seq')
    .execute();

describe('confidential.review', () => {
  it('is granted to the coordinator only', () => {
    expect(allowed).toEqual(['coordinator']);
  });

  it.each(ROLES.filter((r) => !allowed.includes(r)))(
    '%s: page and action refused (403), audited denied',
    async (role) => {
      const op = operators[role];
      const browser = new Browser(app);
      await browser.login(op.username, op.password);
      const page = await browser.get('/operatori/riservati');
      expect(page.statusCode).toBe(403);
      expect(page.body).not.toContain('Richiesta urgente allo sportello');
      // The form's token comes from a page every role may open (a partner's /operatori redirects).
      const seen = await browser.submit('/operatori/password', `/operatori/riservati/${accessId}/visto`, {});
      expect(seen.statusCode).toBe(403);
      expect(await events(op.userId)).toEqual([
        { action: 'confidential.list', outcome: 'denied' },
        { action: 'confidential.review', outcome: 'denied' },
      ]);
      const row = await db.selectFrom('confidential_access').select('reviewed_at').executeTakeFirstOrThrow();
      expect(row.reviewed_at).toBeNull();
    },
  );

  it('coordinator: sees the reason, marks it seen; both audited', async () => {
    const op = operators.coordinator;
    const browser = new Browser(app);
    await browser.login(op.username, op.password);
    const page = await browser.get('/operatori/riservati');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Richiesta urgente allo sportello');
    const seen = await browser.submit('/operatori/riservati', `/operatori/riservati/${accessId}/visto`, {});
    expect(seen.statusCode).toBe(303);
    expect(await events(op.userId)).toEqual([
      { action: 'confidential.list', outcome: 'ok' },
      { action: 'confidential.list', outcome: 'ok' },
      { action: 'confidential.review', outcome: 'ok' },
    ]);
    const row = await db.selectFrom('confidential_access').select('reviewed_by').executeTakeFirstOrThrow();
    expect(row.reviewed_by).toBe(op.userId);
  });
});
