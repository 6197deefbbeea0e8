import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishTestTaxonomy } from '../../src/modules/access/access.fixture.ts';
import { systemClock } from '../../src/platform/context.ts';
import { operatorCtx } from '../support/factories.ts';
import { savePerson } from '../support/people.ts';
import { expectAccessible, go, type Launched, launch, navigateBy, tabUntil } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

let site: Site;
let browser: Launched;
let page: Page;
let personId: string;

beforeAll(async () => {
  site = await startSite();
  await publishTestTaxonomy(site.db, site.tenant);
  const ctx = operatorCtx(
    site.db,
    site.worker,
    systemClock,
    site.offices.map((o) => o.id),
  );
  personId = (await savePerson(ctx, { givenNames: 'Anna', familyNames: 'Verdelli' })).id;
  // No page script runs (the pages must work without JavaScript), while axe can still be evaluated.
  browser = await launch({ baseURL: site.baseURL, blockPageScripts: true });
  page = browser.page;
  await signIn(page, site.worker);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('access register pages in a real browser', () => {
  it('registers a walk-in for an existing person with one request by keyboard only', async () => {
    await go(page, '/operatori/accessi/nuovo');
    await expectAccessible(page, 'quick capture');
    let keys = 0;
    const tab = async (selector: string) => {
      keys += await tabUntil(page, selector);
    };
    const type = async (text: string) => {
      await page.keyboard.type(text);
      keys += text.length;
    };
    const press = async (key: 'Enter' | 'Space') => {
      await page.keyboard.press(key);
      keys += 1;
    };
    // Fields touched: search box, person (radio), need area, reason, submit — office (first office
    // preselected), channel (walk-in), urgency (ordinary), presented by and referrer keep their defaults.
    await tab('#q');
    await type('Verdelli');
    await navigateBy(page, () => press('Enter'));
    expect(await page.locator(`#who-${personId}`).count()).toBe(1);
    await expectAccessible(page, 'quick capture with search results');
    await tab(`#who-${personId}`);
    await press('Space');
    await tab('#needAreaId');
    await type('Casa');
    await tab('#reason');
    await type('Sfratto');
    await tab('button[value="save"]');
    const response = await navigateBy(page, () => press('Enter'));
    // Measured: 54 keystrokes — 32 Tabs (most of them getting past the skip links, header and
    // breadcrumb to the search box, and past urgency, the pronto-intervento box, presented-by and
    // referrer to the button),
    // 19 letters ("Verdelli", "Casa", "Sfratto"), 2 Enters (search, register), 1 Space (the person).
    // The bound leaves room for header links added later but fails if the form grows a lot.
    expect(keys).toBeLessThan(80);
    expect(response.status()).toBe(200);
    expect(new URL(page.url()).pathname).toMatch(/^\/operatori\/accessi\/[0-9a-f-]{36}$/);
    expect(await page.locator('h1').textContent()).toMatch(/^Accesso ACC-\d{4}-\d{6}$/);
    expect(await page.locator('main').textContent()).toContain('Sfratto');
    expect(await page.locator(`a[href="/operatori/persone/${personId}"]`).count()).toBe(1);
    expect(await page.locator('#needAreaId').count()).toBe(0);
    await expectAccessible(page, 'access page');
  });

  it('shows the attached notice, the errors and the today list without WCAG violations', async () => {
    await go(page, '/operatori/accessi/nuovo');
    await page.fill('#q', 'Verdelli');
    await navigateBy(page, () => page.click('button[value="search"]'));
    await page.click(`label[for="who-${personId}"]`);
    await page.selectOption('#needAreaId', { label: 'Scuola (Famiglie e minori)' });
    await page.fill('#reason', 'Mensa scolastica');
    await navigateBy(page, () => page.click('button[value="save"]'));
    expect(page.url()).toContain('allegato=1');
    expect(await page.locator('main').textContent()).toContain('aveva già un accesso oggi');
    await expectAccessible(page, 'access page with the attached notice');

    await go(page, '/operatori/accessi/nuovo');
    const invalid = await navigateBy(page, () => page.click('button[value="save"]'));
    expect(invalid.status()).toBe(422);
    await expectAccessible(page, 'quick capture with errors');

    const list = await go(page, '/operatori/accessi');
    expect(list.status()).toBe(200);
    expect(await page.locator('main table').first().textContent()).toContain('ACC-');
    await expectAccessible(page, "today's accesses");
  });
});
