import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../support/app.ts';
import { freshDatabase } from '../support/db.ts';
import { demoDirectoryWorld } from '../support/directory.ts';
import { expectAccessible, go, type Launched, launch, navigateBy, tabUntil } from './browser.ts';

let browser: Launched;
let page: Page;

beforeAll(async () => {
  const { db } = await freshDatabase();
  await demoDirectoryWorld(db);
  const app = await buildTestApp(db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  // No page script runs: the directory must work without JavaScript (axe can still be evaluated).
  browser = await launch({ baseURL: `http://127.0.0.1:${port}`, blockPageScripts: true });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('service directory in a real browser', () => {
  it('a resident types a colloquial, misspelt need by keyboard, finds the service and opens its page', async () => {
    await go(page, '/servizi');
    await expectAccessible(page, 'directory search form');
    await tabUntil(page, '#q');
    await page.keyboard.type('non riesco a pagare l’afitto');
    await navigateBy(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).searchParams.get('q')).toBe('non riesco a pagare l’afitto');
    const results = page.locator('[data-element="service-link"]');
    const top = await results.evaluateAll((links) => links.slice(0, 3).map((a) => a.textContent ?? ''));
    expect(top.join(' | ')).toMatch(/affitto|morosità/i);
    await expectAccessible(page, 'directory results');
    const target = results.filter({ hasText: 'Contributo per il pagamento dell’affitto' });
    await target.focus();
    await navigateBy(page, () => page.keyboard.press('Enter'));
    await expect(page.locator('h1[data-element="service-title"]').textContent()).resolves.toBe(
      'Contributo per il pagamento dell’affitto',
    );
    expect(await page.locator('[data-element="service-booking-access"]').getAttribute('href')).toMatch(
      /^\/prenota\?ufficio=[0-9a-f-]{36}$/,
    );
    await expectAccessible(page, 'service page');
  });

  it('shows the service page in English with untranslated Italian text marked, and axe stays clean', async () => {
    const url = page.url();
    await go(page, url);
    await page.context().addCookies([{ name: 'lang', value: 'en', url }]);
    await go(page, url);
    await expect(page.locator('h1').textContent()).resolves.toBe('Rent support grant');
    expect(await page.locator('[data-element="service-addressed"] [lang="it"]').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'service page in English');
  });
});
