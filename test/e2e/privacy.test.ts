import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakGlass, createPerson } from '../../src/modules/people/index.ts';
import type { Ctx } from '../../src/platform/context.ts';
import { buildOperator, operatorCtx, type TestOperator } from '../support/factories.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

/**
 * The privacy part of the person file in a real Chromium, with axe (WCAG 2.1 AA) on each page and
 * state: the privacy notice and consent forms (empty, filled, with errors), the assigned workers of a
 * confidential file, and the coordinator's review of break-the-glass openings. The page's own scripts are
 * blocked: every form must work without them.
 */
let site: Site;
let browser: Launched;
let page: Page;
let coordinator: TestOperator;

const ctxFor = (op: TestOperator): Ctx => operatorCtx(site.db, op);

async function aPerson(familyNames: string, confidential = false): Promise<string> {
  const r = await createPerson(ctxFor(site.worker), { givenNames: 'Prova', familyNames, confidential });
  if (r.kind !== 'saved') throw new Error(`not saved: ${r.kind}`);
  return r.person.id;
}

const submit = (selector: string) => navigateBy(page, () => page.click(selector));

beforeAll(async () => {
  site = await startSite();
  coordinator = await buildOperator(site.db, site.tenant, 'coordinator');
  browser = await launch({ baseURL: site.baseURL, blockPageScripts: true });
  page = browser.page;
  await signIn(page, site.worker);
});
afterAll(async () => {
  await browser?.close();
});

describe('privacy and consents, in a browser', () => {
  it('records the privacy notice and a consent, and shows form errors accessibly', async () => {
    const id = await aPerson('Browser Privacy');
    const url = `/operatori/persone/${id}/privacy`;
    expect((await go(page, url)).status()).toBe(200);
    await expectAccessible(page, 'privacy page, empty');

    await page.fill('#pn-noticeVersion', 'versione uno!');
    const bad = await submit('form[action$="/informativa"] button[type="submit"]');
    expect(bad.status()).toBe(422);
    expect(await page.locator('#pn-errors a[href="#pn-noticeVersion"]').count()).toBe(1);
    await expectAccessible(page, 'privacy notice form with errors');

    await page.fill('#pn-noticeVersion', '2026-01');
    await page.selectOption('#pn-channel', 'phone');
    const ok = await submit('form[action$="/informativa"] button[type="submit"]');
    // Back to the person file (303); whatever that page is, the notice is on record.
    expect(new URL(ok.url()).pathname).toBe(`/operatori/persone/${id}`);

    await go(page, url);
    await page.selectOption('#cs-purpose', 'share_with_partner');
    const noScope = await submit('form[action$="/consensi"] button[type="submit"]');
    expect(noScope.status()).toBe(422);
    await expectAccessible(page, 'consent form with errors');
    await page.fill('#cs-scope', 'Caritas Ambrosiana');
    await submit('form[action$="/consensi"] button[type="submit"]');

    await go(page, url);
    expect(await page.locator('#privacy-notice-heading ~ p.fw-semibold').textContent()).toContain('2026-01');
    expect(await page.locator('table:has(caption) td', { hasText: 'Caritas Ambrosiana' }).count()).toBe(1);
    await expectAccessible(page, 'privacy page with a notice and an active consent');
  });

  it('shows the assigned workers of a confidential file', async () => {
    const id = await aPerson('Browser Riservata', true);
    expect((await go(page, `/operatori/persone/${id}/operatori-assegnati`)).status()).toBe(200);
    await expectAccessible(page, 'assigned workers');
    expect((await go(page, `/operatori/persone/${id}/privacy`)).status()).toBe(200);
    expect(await page.locator('#assignments-heading').count()).toBe(1);
    await expectAccessible(page, 'privacy page of a confidential file');
  });

  it("lists break-the-glass openings for the coordinator's review", async () => {
    const id = await aPerson('Browser Vetro', true);
    const desk = await buildOperator(site.db, site.tenant, 'front_office');
    await breakGlass(ctxFor(desk), id, 'Persona allo sportello, richiesta urgente');
    const other = await launch({ baseURL: site.baseURL, blockPageScripts: true });
    try {
      await signIn(other.page, coordinator);
      expect((await go(other.page, '/operatori/riservati')).status()).toBe(200);
      await expectAccessible(other.page, 'review of openings');
      await navigateBy(other.page, () => other.page.click('main form button[type="submit"]'));
      expect(new URL(other.page.url()).pathname).toBe('/operatori/riservati');
      expect(await other.page.locator('main').textContent()).toContain('Visto da');
      await expectAccessible(other.page, 'review of openings, one seen');
    } finally {
      await other.close();
    }
  });
});
