import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/platform/i18n/index.ts';
import { TEST_PASSWORD } from '../support/factories.ts';
import { expectAccessible, go, type Launched, launch, navigateBy, scriptCount } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

const itT = translator('it');
const enT = translator('en');

interface Scenario {
  name: string;
  as?: 'worker' | 'auditor';
  lang?: 'en';
  open: (page: Page, site: Site) => Promise<Response>;
  status: number;
  h1: string;
  /** Further checks that the page shows the state under test. */
  shows?: (page: Page) => Promise<void>;
}

async function postLogin(page: Page, username: string, password: string) {
  await go(page, '/accedi');
  await page.fill('#username', username);
  await page.fill('#password', password);
  return navigateBy(page, () => page.click('main form button[type="submit"]'));
}

async function postPassword(page: Page, fields: { current: string; next: string; confirm: string }) {
  await go(page, '/operatori/password');
  await page.fill('#current', fields.current);
  await page.fill('#next', fields.next);
  await page.fill('#confirm', fields.confirm);
  return navigateBy(page, () => page.click('main form button[type="submit"]'));
}

const SCENARIOS: Scenario[] = [
  {
    name: 'home',
    open: (p) => go(p, '/'),
    status: 200,
    h1: itT('home.title'),
    shows: async (p) => expect(await p.locator('main .card').count()).toBe(2),
  },
  { name: 'privacy', open: (p) => go(p, '/privacy'), status: 200, h1: itT('privacy.title') },
  { name: 'legal notes', open: (p) => go(p, '/note-legali'), status: 200, h1: itT('legal.title') },
  { name: 'accessibility statement', open: (p) => go(p, '/accessibilita'), status: 200, h1: itT('a11y.title') },
  { name: 'login', open: (p) => go(p, '/accedi'), status: 200, h1: itT('login.title') },
  {
    name: 'login with a wrong password',
    open: (p) => postLogin(p, 'nessuno.qui', 'not the password'),
    status: 401,
    h1: itT('login.title'),
    shows: async (p) => {
      expect(await p.locator('[role="alert"]').textContent()).toContain(itT('login.failed'));
      expect(await p.locator('[role="alert"]').isVisible()).toBe(true);
    },
  },
  {
    name: 'login after logout (notice)',
    open: (p) => go(p, '/accedi?uscito=1'),
    status: 200,
    h1: itT('login.title'),
    shows: async (p) => expect(await p.locator('[role="status"]').textContent()).toContain(itT('login.loggedOut')),
  },
  { name: 'not found', open: (p) => go(p, '/non-esiste/affatto'), status: 404, h1: itT('error.notFound') },
  {
    name: 'expired form (CSRF)',
    open: async (p, s) => {
      await go(p, '/accedi');
      await p.fill('#username', s.worker.username);
      await p.fill('#password', s.worker.password);
      await p.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('input[name="_csrf"]');
        if (input) input.value = `${input.value}x`;
      });
      return navigateBy(p, () => p.click('main form button[type="submit"]'));
    },
    status: 403,
    h1: 'Il modulo è scaduto',
  },
  {
    name: 'operator home (social worker)',
    as: 'worker',
    open: (p) => go(p, '/operatori'),
    status: 200,
    h1: itT('ops.welcome', { name: '' }).trim(),
    shows: async (p) => expect(await p.locator('main section h2').count()).toBe(2),
  },
  {
    name: 'password form',
    as: 'worker',
    open: (p) => go(p, '/operatori/password'),
    status: 200,
    h1: itT('password.title'),
  },
  {
    name: 'password form, confirmation mismatch',
    as: 'worker',
    open: (p) =>
      postPassword(p, { current: TEST_PASSWORD, next: 'a brand new long password', confirm: 'something else' }),
    status: 422,
    h1: itT('password.title'),
    shows: async (p) => {
      await expect.poll(() => p.locator('#confirm').getAttribute('aria-invalid')).toBe('true');
      expect(await p.locator('#confirm-error').textContent()).toBe(itT('password.mismatch'));
      expect(await p.locator('#confirm-error').isVisible()).toBe(true);
      expect(await p.locator('[role="alert"]').count()).toBe(1);
    },
  },
  {
    name: 'password form, new password too short',
    as: 'worker',
    open: (p) => postPassword(p, { current: TEST_PASSWORD, next: 'corta', confirm: 'corta' }),
    status: 422,
    h1: itT('password.title'),
    shows: async (p) => {
      expect(await p.locator('#next').getAttribute('aria-describedby')).toBe('next-hint next-error');
      expect(await p.locator('#next-error').textContent()).toBe(itT('password.tooShort'));
    },
  },
  {
    name: 'password form, wrong current password',
    as: 'worker',
    open: (p) => postPassword(p, { current: 'not it at all', next: 'a brand new long password', confirm: 'x' }),
    status: 422,
    h1: itT('password.title'),
    shows: async (p) => expect(await p.locator('#current-error').textContent()).toBe(itT('password.wrongCurrent')),
  },
  {
    name: 'forbidden: social worker opens the audit log',
    as: 'worker',
    open: (p) => go(p, '/operatori/audit'),
    status: 403,
    h1: itT('error.forbidden'),
  },
  {
    name: 'operator home (auditor)',
    as: 'auditor',
    open: (p) => go(p, '/operatori'),
    status: 200,
    h1: itT('ops.welcome', { name: '' }).trim(),
  },
  {
    name: 'audit log with rows',
    as: 'auditor',
    open: (p) => go(p, '/operatori/audit'),
    status: 200,
    h1: itT('audit.title'),
    shows: async (p) => expect(await p.locator('main table tbody tr').count()).toBeGreaterThan(2),
  },
  {
    name: 'audit log filtered',
    as: 'auditor',
    open: (p) => go(p, '/operatori/audit?outcome=ok&action=session.login'),
    status: 200,
    h1: itT('audit.title'),
    shows: async (p) => {
      const actions = await p.locator('main table tbody tr td:nth-child(4)').allTextContents();
      expect(actions.length).toBeGreaterThan(0);
      expect(new Set(actions)).toEqual(new Set(['session.login']));
    },
  },
  {
    name: 'audit log with a malformed date',
    as: 'auditor',
    open: (p) => go(p, '/operatori/audit?from=31-12-2024'),
    status: 400,
    h1: itT('audit.title'),
    shows: async (p) => expect(await p.locator('#f-from-error').textContent()).toBe(itT('audit.badDate')),
  },
  { name: 'home (English)', lang: 'en', open: (p) => go(p, '/'), status: 200, h1: enT('home.title') },
  { name: 'login (English)', lang: 'en', open: (p) => go(p, '/accedi'), status: 200, h1: enT('login.title') },
  {
    name: 'login with a wrong password (English)',
    lang: 'en',
    open: (p) => postLogin(p, 'nessuno.qui', 'not the password'),
    status: 401,
    h1: enT('login.title'),
    shows: async (p) => expect(await p.locator('[role="alert"]').textContent()).toContain(enT('login.failed')),
  },
  { name: 'not found (English)', lang: 'en', open: (p) => go(p, '/missing'), status: 404, h1: enT('error.notFound') },
  {
    name: 'operator home (English)',
    as: 'worker',
    lang: 'en',
    open: (p) => go(p, '/operatori'),
    status: 200,
    h1: enT('ops.welcome', { name: '' }).trim(),
  },
];

let site: Site;
beforeAll(async () => {
  site = await startSite();
});

// Pages carry no script at all (decision 29), so one pass is what visitors with and without
// JavaScript both get; the test checks that no script has crept in.
describe('axe, WCAG 2.1 AA', () => {
  let browser: Launched;
  beforeAll(async () => {
    browser = await launch({ baseURL: site.baseURL });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const scenario of SCENARIOS) {
    it(scenario.name, async () => {
      const { page, context } = browser;
      await context.clearCookies();
      if (scenario.lang) await go(page, `/lingua/${scenario.lang}?torna=/`);
      if (scenario.as) await signIn(page, site[scenario.as]);
      const response = await scenario.open(page, site);
      expect(response.status()).toBe(scenario.status);
      expect(await page.getAttribute('html', 'lang')).toBe(scenario.lang ?? 'it');
      expect(await page.locator('h1').textContent()).toContain(scenario.h1);
      await scenario.shows?.(page);
      expect(await scriptCount(page)).toBe(0);
      await expectAccessible(page, scenario.name);
    });
  }
});

describe('the axe check itself', () => {
  let browser: Launched;
  beforeAll(async () => {
    browser = await launch({ baseURL: site.baseURL });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fails, naming rule and element, on a page with known violations', async () => {
    const { page } = browser;
    await go(page, '/privacy');
    await page.evaluate(() => {
      const main = document.querySelector('main');
      const img = document.createElement('img');
      img.src = '/assets/bi/svg/sprites.svg';
      img.id = 'img-without-alt';
      const input = document.createElement('input');
      input.id = 'input-without-label';
      main?.append(img, input);
    });
    const failure = await expectAccessible(page, 'a broken page').then(
      () => undefined,
      (err: Error) => err.message,
    );
    expect(failure).toContain('image-alt');
    expect(failure).toContain('#img-without-alt');
    expect(failure).toContain('label');
    expect(failure).toContain('#input-without-label');
  });
});
