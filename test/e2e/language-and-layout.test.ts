import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, go, type Launched, launch, navigateBy, scriptCount } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});

describe('language switch without JavaScript', () => {
  let browser: Launched;
  beforeAll(async () => {
    browser = await launch({ baseURL: site.baseURL, javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const languageNav = (page: Page) => page.locator('header nav[aria-label]').filter({ hasText: 'English' });

  for (const [from, itH1, enH1] of [
    ['/privacy', 'Informativa sul trattamento dei dati personali', 'Privacy notice'],
    ['/accedi', 'Accesso operatori', 'Staff sign-in'],
  ] as const) {
    it(`switches ${from} to English and back, staying on the page`, async () => {
      const { page, context } = browser;
      await context.clearCookies();
      await go(page, from);
      expect(await scriptCount(page)).toBe(0);
      expect(await page.getAttribute('html', 'lang')).toBe('it');
      expect(await page.locator('h1').textContent()).toBe(itH1);
      expect(await languageNav(page).getAttribute('aria-label')).toBe('Lingua');

      await navigateBy(page, () => languageNav(page).getByRole('link', { name: 'English' }).click());
      expect(new URL(page.url()).pathname).toBe(from);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator('h1').textContent()).toBe(enH1);
      expect(await languageNav(page).locator('[aria-current="true"]').textContent()).toBe('English');
      expect((await context.cookies()).find((c) => c.name === 'lang')?.value).toBe('en');

      await navigateBy(page, () => languageNav(page).getByRole('link', { name: 'Italiano' }).click());
      expect(new URL(page.url()).pathname).toBe(from);
      expect(await page.getAttribute('html', 'lang')).toBe('it');
      expect(await page.locator('h1').textContent()).toBe(itH1);
    });
  }
});

const SHOTS = path.resolve('.tmp/screenshots');

describe('narrow screens (360×740)', () => {
  for (const pageScripts of [true, false]) {
    describe(`page scripts ${pageScripts ? 'on' : 'blocked'}`, () => {
      let browser: Launched;
      beforeAll(async () => {
        browser = await launch({
          baseURL: site.baseURL,
          blockPageScripts: !pageScripts,
          viewport: { width: 360, height: 740 },
        });
      });
      afterAll(async () => {
        await browser?.close();
      });

      const pages: { url: string; as?: 'worker' | 'auditor' }[] = [
        { url: '/' },
        { url: '/accedi' },
        { url: '/privacy' },
        { url: '/non-esiste' },
        { url: '/operatori', as: 'worker' },
        { url: '/operatori/password', as: 'worker' },
        { url: '/operatori/audit', as: 'auditor' },
      ];
      for (const { url, as } of pages) {
        it(`${url}${as ? ` (${as})` : ''}: no horizontal scroll, no axe violations`, async () => {
          const { page, context } = browser;
          await context.clearCookies();
          if (as) await signIn(page, site[as]);
          await go(page, url);
          expect(await scriptCount(page)).toBe(0);
          const size = await page.evaluate(() => ({
            scrollWidth: document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY,
            innerWidth: window.innerWidth,
          }));
          expect(size.innerWidth).toBe(360);
          expect(size.scrollWidth, `page is ${size.scrollWidth}px wide`).toBeLessThanOrEqual(size.innerWidth);
          // Elements hidden or reflowed on small screens must not lose their names.
          await expectAccessible(page, `${url} at 360px (page scripts ${pageScripts ? 'on' : 'blocked'})`);
        });
      }
    });
  }
});

describe('screenshots for a human to look at', () => {
  it('home, login and operator home, desktop and 360px, into .tmp/screenshots', async () => {
    await mkdir(SHOTS, { recursive: true });
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 900 }],
      ['360', { width: 360, height: 740 }],
    ] as const) {
      const browser = await launch({ baseURL: site.baseURL, viewport });
      try {
        for (const [label, url] of [
          ['home', '/'],
          ['login', '/accedi'],
        ] as const) {
          await go(browser.page, url);
          await browser.page.evaluate(() => document.fonts.ready.then(() => undefined));
          const file = path.join(SHOTS, `${label}-${name}.png`);
          await browser.page.screenshot({ path: file, fullPage: true });
          expect((await stat(file)).size).toBeGreaterThan(10_000);
        }
        // The header with the "Esci" button is the tightest on small screens.
        await signIn(browser.page, site.worker);
        await browser.page.screenshot({ path: path.join(SHOTS, `operator-home-${name}.png`), fullPage: true });
      } finally {
        await browser.close();
      }
    }
  });
});
