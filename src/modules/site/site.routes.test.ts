import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, operatorCtx, type TestOperator } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import { breakGlass, createPerson } from '../people/index.ts';

let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let coordinator: TestOperator;
let worker: TestOperator;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  coordinator = await buildOperator(db, tenant, 'coordinator');
  worker = await buildOperator(db, tenant, 'social_worker');
  app = await buildTestApp(db);
});

const home = async (op: TestOperator) => {
  const browser = new Browser(app);
  await browser.login(op.username, op.password);
  return (await browser.get('/operatori')).body;
};

describe('operator home', () => {
  it('shows the coordinator how many confidential openings wait for review, and nobody else', async () => {
    expect(await home(coordinator)).toContain('/operatori/riservati');
    const before = await home(coordinator);
    const owner = await buildOperator(db, coordinator.tenant, 'social_worker');
    const created = await createPerson(operatorCtx(db, owner), {
      givenNames: 'Riservata',
      familyNames: 'Home',
      confidential: true,
    });
    if (created.kind !== 'saved') throw new Error(created.kind);
    await breakGlass(operatorCtx(db, worker), created.person.id, 'Richiesta urgente della scuola');
    const after = await home(coordinator);
    expect(before).not.toMatch(/badge bg-danger/);
    expect(after).toMatch(/badge bg-danger[^>]*>1</);
    expect(await home(worker)).not.toContain('/operatori/riservati');
  });

  it('links the people search for the front door only', async () => {
    expect(await home(worker)).toContain('href="/operatori/persone"');
    const auditor = await buildOperator(db, coordinator.tenant, 'auditor');
    expect(await home(auditor)).not.toContain('href="/operatori/persone"');
  });

  it('links each work page to the roles that may use it, and sends a partner to the partner area', async () => {
    const pages = ['agenda', 'invii', 'casi', 'aiuti', 'richieste-assistenza', 'valutazioni', 'notifiche'];
    const links = (body: string) => pages.filter((page) => body.includes(`href="/operatori/${page}"`));
    expect(links(await home(coordinator))).toEqual([
      'agenda',
      'invii',
      'casi',
      'aiuti',
      'richieste-assistenza',
      'valutazioni',
    ]);
    const desk = await buildOperator(db, coordinator.tenant, 'front_office');
    expect(links(await home(desk))).toEqual(['agenda', 'richieste-assistenza']);
    const admin = await buildOperator(db, coordinator.tenant, 'admin');
    expect(links(await home(admin))).toContain('notifiche');
    const settings = (body: string) =>
      ['impostazioni', 'argomenti'].filter((page) => body.includes(`href="/operatori/agenda/${page}"`));
    expect(settings(await home(admin))).toEqual(['impostazioni', 'argomenti']);
    expect(settings(await home(coordinator))).toEqual(['impostazioni']);
    expect(settings(await home(desk))).toEqual([]);
    const researcher = await buildOperator(db, coordinator.tenant, 'researcher');
    expect(links(await home(researcher))).toEqual([]);
    const partner = await buildOperator(db, coordinator.tenant, 'partner');
    const browser = new Browser(app);
    await browser.login(partner.username, partner.password);
    const landing = await browser.get('/operatori');
    expect(landing.statusCode).toBe(303);
    expect(landing.headers.location).toBe('/partner');
  });
});
