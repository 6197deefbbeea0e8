import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setFund } from '../../src/modules/benefits/decisions.service.ts';
import { pdfText } from '../../src/modules/benefits/notice.pdf.ts';
import { systemClock } from '../../src/platform/context.ts';
import { seedBenefitRules } from '../support/benefits.ts';
import { buildOperator, operatorCtx, type TestOperator } from '../support/factories.ts';
import { savePerson } from '../support/people.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

let site: Site;
let browser: Launched;
let page: Page;
let coordinator: TestOperator;
let personId: string;

beforeAll(async () => {
  site = await startSite();
  await seedBenefitRules(site.db, site.tenant);
  coordinator = await buildOperator(site.db, site.tenant, 'coordinator');
  const admin = await buildOperator(site.db, site.tenant, 'admin');
  await setFund(operatorCtx(site.db, admin), {
    measure: 'contributo-ordinario',
    year: new Date().getUTCFullYear(),
    amount: 10_000,
  });
  const ctx = operatorCtx(
    site.db,
    site.worker,
    systemClock,
    site.offices.map((o) => o.id),
  );
  personId = (await savePerson(ctx, { givenNames: 'Teresa', familyNames: 'Brambillona' })).id;
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

describe('an application in a real browser: prepared by a social worker, checked, approved by a coordinator', () => {
  it('opens, records a check, is approved, and the fund decreases — axe clean on every page', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, site.worker);
    await go(page, '/operatori/aiuti/nuova');
    await expectAccessible(page, 'new application');
    await page.fill('#q', 'Brambillona');
    await navigateBy(page, () => page.click('button[value="search"]'));
    await page.click('label[for="personId"]');
    await page.selectOption('#measure', 'contributo-ordinario');
    await page.selectOption('#in-resident', 'yes');
    await page.fill('#in-isee', '7000');
    await page.fill('#in-householdSize', '3');
    await page.fill('#in-familyIncome', '9600');
    await navigateBy(page, () => page.click('button[value="open"]'));
    expect(new URL(page.url()).pathname).toMatch(/^\/operatori\/aiuti\/[0-9a-f-]{36}$/);
    const applicationUrl = new URL(page.url()).pathname;
    expect(await text('main')).toContain('Probabilmente sì');
    expect(await text('main')).toContain('383,20');
    expect(await page.locator(`a[href="/operatori/persone/${personId}"]`).count()).toBe(1);
    await expectAccessible(page, 'application page');

    await page.selectOption('#check-kind', 'residence');
    await navigateBy(page, () => page.click('form[action$="/verifiche"] button[type="submit"]'));
    await navigateBy(page, () => page.click('button[value="passed"]'));
    expect(await text('main table')).toContain('Superata');
    // The preparer is not offered the decision (and the service would refuse it).
    expect(await page.locator('button[value="approved"]').count()).toBe(0);

    await browser.context.clearCookies();
    await signIn(page, coordinator);
    await go(page, applicationUrl);
    await navigateBy(page, () => page.click('button[value="approved"]'));
    expect(await text('#status')).toBe('Approvata');
    expect(await text('#decision')).toContain('2299,20');
    await expectAccessible(page, 'approved application with payments');
    const notice = await page.request.get(`${applicationUrl}/comunicazione.pdf`);
    expect(notice.status()).toBe(200);
    expect(notice.headers()['content-type']).toBe('application/pdf');
    expect(pdfText(await notice.body()).join(' ')).toContain('Esito: domanda APPROVATA.');

    await go(page, '/operatori/aiuti');
    expect(
      await page
        .locator('#funds [data-measure="contributo-ordinario"] td[data-available]')
        .getAttribute('data-available'),
    ).toBe('7700.8');
    await expectAccessible(page, 'applications and funds');
  });
});
