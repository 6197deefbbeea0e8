import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishTestTaxonomy } from '../../src/modules/access/access.fixture.ts';
import { seedDemoQuestionnaire } from '../../src/modules/access/index.ts';
import { systemClock } from '../../src/platform/context.ts';
import { buildOperator, operatorCtx, type TestOperator } from '../support/factories.ts';
import { savePerson } from '../support/people.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

let site: Site;
let browser: Launched;
let page: Page;
let personId: string;
let researcher: TestOperator;

beforeAll(async () => {
  site = await startSite();
  await publishTestTaxonomy(site.db, site.tenant);
  await seedDemoQuestionnaire(site.db);
  researcher = await buildOperator(site.db, site.tenant, 'researcher');
  const ctx = operatorCtx(
    site.db,
    site.worker,
    systemClock,
    site.offices.map((o) => o.id),
  );
  personId = (await savePerson(ctx, { givenNames: 'Marta', familyNames: 'Cronistoria' })).id;
  browser = await launch({ baseURL: site.baseURL, blockPageScripts: true });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('operator home, person file timeline and indicators in a real browser', () => {
  it('shows an immediate walk-in on the home and on the person file, axe clean', async () => {
    await signIn(page, site.worker);
    await go(page, '/operatori/accessi/nuovo');
    await page.fill('#q', 'Cronistoria');
    await navigateBy(page, () => page.click('button[value="search"]'));
    await page.click(`label[for="who-${personId}"]`);
    await page.selectOption('#needAreaId', { label: 'Casa (Povertà)' });
    await page.fill('#reason', 'Senza riscaldamento');
    await page.click('label[for="urgency-immediate"]');
    await page.fill('#urgencyReason', 'Anziana sola al freddo');
    await navigateBy(page, () => page.click('button[value="save"]'));
    const code = ((await page.locator('h1').textContent()) ?? '').replace('Accesso ', '');

    await go(page, '/operatori');
    const home = page.locator('main');
    expect(await home.textContent()).toContain('Urgenze immediate oggi: 1');
    expect(await page.locator('main tr[data-urgency="immediate"]').first().textContent()).toContain(code);
    await expectAccessible(page, "operator home with today's accesses");

    await go(page, `/operatori/persone/${personId}`);
    const section = page.locator('#accessi');
    expect(await section.textContent()).toContain(code);
    expect(await section.textContent()).toContain('nessun esito ancora');
    await expectAccessible(page, 'person file with accesses');

    // The working list filtered by channel and need area (GET form, no personal data in the URL).
    await go(page, '/operatori/accessi');
    await page.selectOption('#channel', 'walk_in');
    await page.selectOption('#needArea', 'housing');
    await navigateBy(page, () => page.click('#filtra ~ form button[type="submit"]'));
    expect(new URL(page.url()).search).toBe('?officeId=&channel=walk_in&needArea=housing&from=&to=');
    expect(await page.locator('#filtra').locator('..').locator('table').textContent()).toContain(code);
    await expectAccessible(page, 'working lists with filter results');
  });

  it('shows the indicators page to a researcher, small cells suppressed, axe clean', async () => {
    await navigateBy(page, () => page.click('form[action="/esci"] button'));
    await signIn(page, researcher);
    const res = await go(page, '/operatori/indicatori');
    expect(res.status()).toBe(200);
    expect(await page.locator('main table').textContent()).toContain('Non pubblicabile (meno di 5)');
    await expectAccessible(page, 'indicators');
    await page.fill('#from', '');
    const invalid = await navigateBy(page, () => page.click('main form button[type="submit"]'));
    expect(invalid.status()).toBe(422);
    await expectAccessible(page, 'indicators with errors');
  });
});
