import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { demoDirectoryWorld } from '../../../test/support/directory.ts';
import { buildOperator, type TestOperator } from '../../../test/support/factories.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { roleMay } from '../../platform/policy.ts';
import { directoryPermissions } from './directory.policy.ts';

// Permission test for `directory.manage`: every role, through the operator pages.
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let serviceId: string;
const operators = {} as Record<Role, TestOperator>;
const allowed = (role: Role) =>
  roleMay(
    directoryPermissions,
    { kind: 'user', role, userId: '', username: '', displayName: '', tenantId: '', officeIds: [] },
    'directory.manage',
  );

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const world = await demoDirectoryWorld(db);
  for (const role of ROLES) operators[role] = await buildOperator(db, world.tenant, role);
  app = await buildTestApp(db);
  const row = await db
    .selectFrom('hsds_service')
    .select('id')
    .where(({ ref }) => ref('data', '->>').key('name' as never), '=', 'Telesoccorso')
    .executeTakeFirstOrThrow();
  serviceId = row.id;
}, 120_000);

const events = (userId: string) =>
  db
    .selectFrom('audit_event')
    .select(['outcome', 'record_id', 'details'])
    .where('actor_user_id', '=', userId)
    .where('action', '=', 'directory.manage')
    .execute();

const form = (version: string, name: string) => ({
  version,
  'it.name': name,
  'it.description': 'Un apparecchio per chiamare aiuto 24 ore su 24.',
  'en.name': 'Personal alarm',
  status: 'active',
  needAreas: 'isolation',
});

describe('directory.manage', () => {
  it('is granted to admins and coordinators only', () => {
    expect(ROLES.filter(allowed)).toEqual(['admin', 'coordinator']);
  });

  it.each(ROLES)(
    '%s: allowed edits and verifies a service (audited, change history); refused gets 403 (audited)',
    async (role) => {
      const op = operators[role];
      const browser = new Browser(app);
      await browser.login(op.username, op.password);
      const url = `/operatori/servizi/${serviceId}/modifica`;
      const page = await browser.get(url);
      const stale = await browser.get('/operatori/servizi/da-verificare');
      if (allowed(role)) {
        expect(page.statusCode).toBe(200);
        expect(stale.statusCode).toBe(200);
        const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
        const res = await browser.submit(url, url, { ...form(version, `Telesoccorso (${role})`), verify: '1' });
        expect(res.statusCode).toBe(303);
        const saved = await db
          .selectFrom('hsds_service')
          .select(['data', 'translations'])
          .where('id', '=', serviceId)
          .executeTakeFirstOrThrow();
        expect(saved.data).toMatchObject({ name: `Telesoccorso (${role})`, assured_date: expect.any(String) });
        expect(saved.translations).toMatchObject({ en: { name: 'Personal alarm' } });
        const history = await db
          .selectFrom('hsds_metadata')
          .select('data')
          .where('resource_id', '=', serviceId)
          .execute();
        expect(history.map((h) => (h.data as { field_name: string }).field_name)).toContain('name');
        expect(await events(op.userId)).toMatchObject([
          {
            outcome: 'ok',
            record_id: serviceId,
            details: { op: 'update-verify', fields: expect.arrayContaining(['name', 'assured_date']) },
          },
        ]);
      } else {
        expect(page.statusCode).toBe(403);
        expect(stale.statusCode).toBe(403);
        const res = await browser.submit('/operatori/servizi', url, form('1', 'Rubato'));
        expect(res.statusCode).toBe(403);
        const denied = await events(op.userId);
        expect(denied.length).toBeGreaterThanOrEqual(2);
        expect(denied.every((e) => e.outcome === 'denied')).toBe(true);
      }
    },
  );

  it('answers a stale save with 409 and the current version, and a bad form with 422 and an error summary', async () => {
    const browser = new Browser(app);
    await browser.login(operators.coordinator.username, operators.coordinator.password);
    const url = `/operatori/servizi/${serviceId}/modifica`;
    const stale = await browser.submit(url, url, form('1', 'Vecchia versione'));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Qualcun altro ha salvato');
    const page = await browser.get(url);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    const bad = await browser.submit(url, url, { ...form(version, ''), needAreas: 'not-an-area' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="error-summary"');
    expect(bad.body).toContain('aria-describedby="it-name-error"');
    const unchanged = await db
      .selectFrom('hsds_service')
      .select('data')
      .where('id', '=', serviceId)
      .executeTakeFirstOrThrow();
    expect((unchanged.data as { name: string }).name).not.toBe('');
  });
});

describe('operator directory search', () => {
  it('shows edit links and the stale list to coordinators, not to social workers', async () => {
    const coordinator = new Browser(app);
    await coordinator.login(operators.coordinator.username, operators.coordinator.password);
    const page = await coordinator.get('/operatori/servizi?q=telesoccorso');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/operatori/servizi/${serviceId}/modifica`);
    expect(page.body).toContain('/operatori/servizi/da-verificare');
    const worker = new Browser(app);
    await worker.login(operators.social_worker.username, operators.social_worker.password);
    const seen = await worker.get('/operatori/servizi?q=telesoccorso');
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain(`/servizi/${serviceId}`);
    expect(seen.body).not.toContain('/modifica');
  });
});

describe('synonym table (directory.manage)', () => {
  it.each(ROLES)('%s: allowed adds, uses and deletes a phrase (audited); refused gets 403', async (role) => {
    const op = operators[role];
    const browser = new Browser(app);
    await browser.login(op.username, op.password);
    const list = await browser.get('/operatori/servizi/sinonimi');
    if (!allowed(role)) {
      expect(list.statusCode).toBe(403);
      return;
    }
    expect(list.statusCode).toBe(200);
    const phrase = `parola${role.replace('_', '')}`;
    const saved = await browser.submit('/operatori/servizi/sinonimi', '/operatori/servizi/sinonimi', {
      phrase,
      expansion: 'telesoccorso',
    });
    expect(saved.statusCode).toBe(303);
    const found = await browser.get(`/operatori/servizi?q=${phrase}`);
    expect(found.body).toContain(`/servizi/${serviceId}`);
    const row = await db
      .selectFrom('directory_synonym')
      .select('id')
      .where('phrase', '=', phrase)
      .executeTakeFirstOrThrow();
    const gone = await browser.submit(
      '/operatori/servizi/sinonimi',
      `/operatori/servizi/sinonimi/${row.id}/elimina`,
      {},
    );
    expect(gone.statusCode).toBe(303);
    expect(await db.selectFrom('directory_synonym').select('id').where('phrase', '=', phrase).execute()).toEqual([]);
    const ops = (await events(op.userId)).map((e) => (e.details as { op: string }).op);
    expect(ops).toEqual(expect.arrayContaining(['synonym.save', 'synonym.delete']));
  });

  it('answers an empty phrase with 422 and the error summary, saving nothing', async () => {
    const browser = new Browser(app);
    await browser.login(operators.admin.username, operators.admin.password);
    const before = (await db.selectFrom('directory_synonym').select('id').execute()).length;
    const res = await browser.submit('/operatori/servizi/sinonimi', '/operatori/servizi/sinonimi', {
      phrase: ' ',
      expansion: 'utenze',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="error-summary"');
    expect(res.body).toContain('aria-describedby="syn-phrase-error"');
    expect((await db.selectFrom('directory_synonym').select('id').execute()).length).toBe(before);
  });
});
