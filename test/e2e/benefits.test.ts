import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBenefitRules } from '../support/benefits.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, startSite } from './site.ts';

let site: Site;
let browser: Launched;
let page: Page;

beforeAll(async () => {
  site = await startSite();
  await seedBenefitRules(site.db, site.tenant);
  // No page script runs (the self-check must work without JavaScript), while axe can still be evaluated.
  browser = await launch({ baseURL: site.baseURL, blockPageScripts: true, viewport: { width: 390, height: 844 } });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Bootstrap Italia draws radios under their labels: a resident clicks the label. */
const choose = (id: string) => page.click(`label[for="${id}"]`);
const text = async (selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/\s+/g, ' ');

describe('the resident self-check in a real browser (phone viewport, no JavaScript)', () => {
  it('a resident who does not know the ISEE sees "cannot tell — ISEE missing" with next steps', async () => {
    await go(page, '/');
    await navigateBy(page, () => page.click('a[href="/verifica-aiuti"]'));
    expect(await page.locator('h1').textContent()).toBe('Verifica gli aiuti economici');
    await expectAccessible(page, 'self-check form');

    await page.fill('#age1', '34');
    await page.fill('#age2', '6');
    await choose('iseeKnown-no');
    await choose('housing');
    await page.fill('#rent', '450');
    await choose('arrears-no');
    await choose('eviction-no');
    await choose('work-unemployed');
    await choose('adi-no');
    await choose('resident');
    await choose('urgent-no');
    const response = await navigateBy(page, () => page.click('main form button[type="submit"]'));
    expect(response.status()).toBe(200);
    // The answers travelled in the POST body, never in the address.
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('h1').textContent()).toBe('Gli aiuti che potrebbero fare per te');

    const adi = '[data-measure="adi"]';
    expect(await page.locator(adi).getAttribute('data-result')).toBe('cannot_tell');
    expect(await text(adi)).toContain('Non possiamo dirlo');
    expect(await text(adi)).toMatch(/Per saperlo serve: valore ISEE(, reddito familiare annuo)?\./);
    expect(await text(adi)).toContain('Cosa fare');
    expect(
      await page.locator('[data-measure="contributo-ordinario"] a[href="/prenota?argomento=contributi"]').count(),
    ).toBe(1);
    expect(await page.locator('[data-measure="sfl"]').getAttribute('data-result')).toBe('cannot_tell');
    expect(await text('main')).toContain('Il risultato è solo indicativo');
    expect(await text('main')).toContain('presentando la DSU');
    await expectAccessible(page, 'self-check results');
  });

  it('a form with missing answers comes back with an error summary, accessible', async () => {
    await go(page, '/verifica-aiuti');
    const response = await navigateBy(page, () => page.click('main form button[type="submit"]'));
    expect(response.status()).toBe(422);
    expect(await page.locator('#error-summary-title').count()).toBe(1);
    expect(await page.locator('a[href="#age1"]').count()).toBe(1);
    await expectAccessible(page, 'self-check with errors');
  });
});
