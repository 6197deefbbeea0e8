import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { demoDirectoryWorld } from '../../../test/support/directory.ts';
import { buildOperator, type TestOperator } from '../../../test/support/factories.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { asSystem, type Db } from '../../platform/db/database.ts';
import { linkPartnerUser } from '../referrals/index.ts';
import { directoryPermissions } from './directory.policy.ts';

// Permission test for `directory.suggest`: every role through the partner pages; a partner of another
// organization is refused (403, audited) and nothing is stored.
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let serviceId: string;
let otherPartner: TestOperator;
const operators = {} as Record<Role, TestOperator>;
const allowed = (role: Role) => (directoryPermissions['directory.suggest'] as readonly string[]).includes(role);

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const world = await demoDirectoryWorld(db);
  for (const role of ROLES) operators[role] = await buildOperator(db, world.tenant, role);
  const service = await db
    .selectFrom('hsds_service')
    .select(['id', 'organization_id'])
    .where(({ ref }) => ref('data', '->>').key('name' as never), '=', 'Telesoccorso')
    .executeTakeFirstOrThrow();
  serviceId = service.id;
  const other = await db
    .selectFrom('organization')
    .select('id')
    .where('id', '<>', service.organization_id as string)
    .executeTakeFirstOrThrow();
  otherPartner = await buildOperator(db, world.tenant, 'partner');
  await asSystem(db, async (trx) => {
    await linkPartnerUser(trx, world.tenant.id, operators.partner.userId, service.organization_id as string);
    await linkPartnerUser(trx, world.tenant.id, otherPartner.userId, other.id);
  });
  app = await buildTestApp(db);
}, 120_000);

const events = (userId: string) =>
  db
    .selectFrom('audit_event')
    .select(['outcome', 'record_id', 'details'])
    .where('actor_user_id', '=', userId)
    .where('action', '=', 'directory.suggest')
    .orderBy('occurred_at')
    .execute();
const stored = () => db.selectFrom('directory_suggestion').selectAll().execute();

describe('directory.suggest', () => {
  it('is granted to partners only', () => {
    expect(ROLES.filter(allowed)).toEqual(['partner']);
  });

  it.each(ROLES)(
    '%s: allowed suggests a change to its own service (audited); refused gets 403 (audited)',
    async (role) => {
      const op = operators[role];
      const browser = new Browser(app);
      await browser.login(op.username, op.password);
      const url = `/partner/servizi/${serviceId}/proposta`;
      const list = await browser.get('/partner/servizi');
      const form = await browser.get(url);
      const before = (await stored()).length;
      const res = await browser.submit('/partner/servizi', url, {
        'sug-description': 'Un apparecchio al collo per chiamare aiuto, anche di notte.',
        'sug-note': 'Nuova descrizione',
      });
      if (allowed(role)) {
        expect(list.statusCode).toBe(200);
        expect(form.statusCode).toBe(200);
        expect(res.statusCode).toBe(303);
        const rows = await stored();
        expect(rows).toHaveLength(before + 1);
        expect(rows.at(-1)).toMatchObject({ service_id: serviceId, status: 'pending', created_by: op.userId });
        expect((await events(op.userId)).at(-1)).toMatchObject({
          outcome: 'ok',
          record_id: serviceId,
          details: { fields: ['description'] },
        });
        const status = await browser.get('/partner/servizi');
        expect(status.body).toContain('data-status="pending"');
      } else {
        expect(list.statusCode).toBe(403);
        expect(form.statusCode).toBe(403);
        expect(res.statusCode).toBe(403);
        expect(await stored()).toHaveLength(before);
        const denied = await events(op.userId);
        expect(denied.length).toBeGreaterThanOrEqual(3);
        expect(denied.every((e) => e.outcome === 'denied')).toBe(true);
      }
    },
  );

  it("refuses a partner of another organization (403, audited 'other-organization'), storing nothing", async () => {
    const browser = new Browser(app);
    await browser.login(otherPartner.username, otherPartner.password);
    const url = `/partner/servizi/${serviceId}/proposta`;
    expect((await browser.get(url)).statusCode).toBe(403);
    const before = (await stored()).length;
    const res = await browser.submit('/partner/servizi', url, { 'sug-description': 'Rubato', 'sug-note': 'x' });
    expect(res.statusCode).toBe(403);
    expect(await stored()).toHaveLength(before);
    const list = await browser.get('/partner/servizi');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(serviceId);
    expect(await events(otherPartner.userId)).toMatchObject([
      { outcome: 'denied', record_id: serviceId, details: { reason: 'other-organization' } },
      { outcome: 'denied', record_id: serviceId, details: { reason: 'other-organization' } },
    ]);
  });

  it('answers a suggestion that changes nothing with 422 and the error summary', async () => {
    const browser = new Browser(app);
    await browser.login(operators.partner.username, operators.partner.password);
    const url = `/partner/servizi/${serviceId}/proposta`;
    const before = (await stored()).length;
    const res = await browser.submit(url, url, { 'sug-note': '  ', 'sug-phone': '12' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('aria-describedby="sug-phone-error"');
    const nothing = await browser.submit(url, url, { 'sug-note': '  ' });
    expect(nothing.statusCode).toBe(422);
    expect(nothing.body).toContain('id="error-summary"');
    expect(await stored()).toHaveLength(before);
  });
});
