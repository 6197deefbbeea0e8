import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishTestTaxonomy } from '../../src/modules/access/access.fixture.ts';
import { seedDemoQuestionnaire } from '../../src/modules/access/index.ts';
import { buildOperator } from '../support/factories.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

let site: Site;
let browser: Launched;
let page: Page;

beforeAll(async () => {
  site = await startSite();
  await publishTestTaxonomy(site.db, site.tenant);
  await seedDemoQuestionnaire(site.db);
  const admin = await buildOperator(site.db, site.tenant, 'admin');
  browser = await launch({ baseURL: site.baseURL, blockPageScripts: true });
  page = browser.page;
  await signIn(page, admin);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('access register administration in a real browser', () => {
  it('taxonomy and questionnaire pages, with and without errors, have no WCAG violations', async () => {
    expect((await go(page, '/operatori/amministrazione/tassonomia')).status()).toBe(200);
    await expectAccessible(page, 'taxonomy administration');
    await page.fill('#areas', 'broken line');
    const invalid = await navigateBy(page, () => page.click('main form button[type="submit"]'));
    expect(invalid.status()).toBe(422);
    await expectAccessible(page, 'taxonomy administration with errors');

    expect((await go(page, '/operatori/amministrazione/questionari')).status()).toBe(200);
    await expectAccessible(page, 'questionnaire administration');
    await page.fill('#definition', '{"title": {"it": "x"}}');
    const bad = await navigateBy(page, () => page.click('main form button[type="submit"]'));
    expect(bad.status()).toBe(422);
    expect(await page.locator('.alert-danger').textContent()).toContain('/definition/sections');
    await expectAccessible(page, 'questionnaire administration with errors');

    expect((await go(page, '/operatori/amministrazione/questionari/colloquio-segretariato/1')).status()).toBe(200);
    await expectAccessible(page, 'questionnaire definition');
  });
});
