import type { AddressInfo } from 'node:net';
import type { Page, Response } from 'playwright-core';
import { buildTestApp } from '../support/app.ts';
import { freshDatabase } from '../support/db.ts';
import { buildOffice, buildOperator, buildTenant } from '../support/factories.ts';
import { go, navigateBy } from './browser.ts';

/**
 * The real application on a fresh migrated database, listening on a random local port, with a
 * tenant, two offices and one operator per role the tests use. Closed by the harness after the file.
 */
export async function startSite() {
  const { db } = await freshDatabase();
  const tenant = await buildTenant(db, { name: 'Comune di Prova' });
  const central = await buildOffice(db, tenant, { name: 'Segretariato sociale — sede centrale' });
  const north = await buildOffice(db, tenant, {
    name: 'Sportello di quartiere San Rocco con un nome molto lungo',
    hours: [
      { weekday: 1, opens: '09:00', closes: '12:30' },
      { weekday: 1, opens: '14:00', closes: '16:30' },
      { weekday: 3, opens: '09:00', closes: '12:30' },
    ],
  });
  const worker = await buildOperator(db, tenant, 'social_worker', { offices: [central, north] });
  const auditor = await buildOperator(db, tenant, 'auditor');
  const app = await buildTestApp(db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { db, app, tenant, offices: [central, north], worker, auditor, baseURL: `http://127.0.0.1:${port}` };
}

export type Site = Awaited<ReturnType<typeof startSite>>;

/** Signs in through the real form (works with JavaScript on or off) and checks where it lands. */
export async function signIn(
  page: Page,
  operator: { username: string; password: string },
  landing = '/operatori',
): Promise<Response> {
  await go(page, '/accedi');
  await page.fill('#username', operator.username);
  await page.fill('#password', operator.password);
  const response = await navigateBy(page, () => page.click('main form button[type="submit"]'));
  if (new URL(page.url()).pathname !== landing) {
    throw new Error(`sign-in as ${operator.username} ended on ${page.url()} (${response.status()})`);
  }
  return response;
}
