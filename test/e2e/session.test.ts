import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieNames, focused, go, type Launched, launch, navigateBy, scriptCount, tabUntil } from './browser.ts';
import { type Site, startSite } from './site.ts';

let site: Site;
beforeAll(async () => {
  site = await startSite();
});

const sessions = async () =>
  Number((await site.db.selectFrom('user_session').select(site.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** First Tab on a freshly loaded page reaches "Vai ai contenuti"; Enter jumps to #main-container. */
async function useSkipLink(page: Page) {
  await page.keyboard.press('Tab');
  expect(await focused(page)).toEqual({ text: 'Vai ai contenuti', href: '#main-container' });
  // Visually hidden until focused, then shown on screen for sighted keyboard users.
  const box = await page.locator('.skiplinks a[href="#main-container"]').boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(20);
  expect(box?.height ?? 0).toBeGreaterThan(10);

  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.hash === '#main-container');
  // The viewport now starts at the main content (the header is scrolled away; scrolling is smooth)…
  await expect
    .poll(async () => Math.abs((await page.locator('#main-container').boundingBox())?.y ?? 999), { timeout: 5_000 })
    .toBeLessThanOrEqual(2);
  // …and the next Tab continues from there, not from the header.
  await page.keyboard.press('Tab');
  expect(await page.locator('#main-container :focus').count()).toBe(1);
}

for (const javaScriptEnabled of [true, false]) {
  describe(`sign in and out by keyboard, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    let browser: Launched;
    beforeAll(async () => {
      // A short viewport, so the page is taller than the screen and the skip link must scroll.
      browser = await launch({ baseURL: site.baseURL, javaScriptEnabled, viewport: { width: 1280, height: 500 } });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('signs in with Tab/Enter only, then signs out from the header button', async () => {
      const { page, context } = browser;
      const before = await sessions();
      await go(page, '/accedi');
      expect(await scriptCount(page)).toBe(0);

      await useSkipLink(page);
      await tabUntil(page, '#username');
      await page.keyboard.type(site.worker.username);
      await page.keyboard.press('Tab');
      expect(await page.locator('#password:focus').count()).toBe(1);
      await page.keyboard.type(site.worker.password);
      const signedIn = await navigateBy(page, () => page.keyboard.press('Enter'));

      expect(signedIn.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/operatori');
      expect(await page.locator('h1').textContent()).toContain(`Operatore ${site.worker.username}`);
      const sid = (await context.cookies()).find((c) => c.name === 'sid');
      expect(sid?.httpOnly).toBe(true);
      expect(sid?.sameSite).toBe('Lax');
      expect(await sessions()).toBe(before + 1);

      // Sign out: skip link first again on the new page, then on to the header's "Esci" button.
      await page.keyboard.press('Tab');
      expect((await focused(page))?.text).toBe('Vai ai contenuti');
      await tabUntil(page, 'header form[action="/esci"] button');
      expect((await focused(page))?.text).toBe('Esci');
      const signedOut = await navigateBy(page, () => page.keyboard.press('Enter'));

      expect(signedOut.status()).toBe(200);
      expect(page.url()).toBe(`${site.baseURL}/accedi?uscito=1`);
      expect(await page.locator('main [role="status"]').textContent()).toContain('Sei uscito dall’area operatori.');
      expect(await cookieNames(context)).not.toContain('sid');
      expect(await sessions()).toBe(before);
      await go(page, '/operatori');
      expect(new URL(page.url()).pathname).toBe('/accedi');
    });
  });
}

describe('CSRF in the browser', () => {
  let browser: Launched;
  beforeAll(async () => {
    browser = await launch({ baseURL: site.baseURL });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a sign-in form whose _csrf was altered, shows "Il modulo è scaduto", sets no session', async () => {
    const { page, context } = browser;
    const before = await sessions();
    await go(page, '/accedi');
    expect(await cookieNames(context)).toContain('csrf');
    await page.fill('#username', site.worker.username);
    await page.fill('#password', site.worker.password);
    const original = await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('form[action="/accedi"] input[name="_csrf"]');
      if (!input?.value) throw new Error('the login form has no _csrf value');
      const value = input.value;
      input.value = `${value.slice(0, -4)}AAAA` === value ? `${value.slice(0, -4)}BBBB` : `${value.slice(0, -4)}AAAA`;
      return value;
    });
    expect(await page.locator('input[name="_csrf"]').inputValue()).not.toBe(original);

    const refused = await navigateBy(page, () => page.click('main form button[type="submit"]'));
    expect(refused.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Il modulo è scaduto');
    expect(await cookieNames(context)).not.toContain('sid');
    expect(await sessions()).toBe(before);

    // Control: the same form with its token untouched signs in.
    await go(page, '/accedi');
    await page.fill('#username', site.worker.username);
    await page.fill('#password', site.worker.password);
    await navigateBy(page, () => page.click('main form button[type="submit"]'));
    expect(new URL(page.url()).pathname).toBe('/operatori');
    expect(await cookieNames(context)).toContain('sid');
  });
});
