import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishTestTaxonomy } from '../../src/modules/access/access.fixture.ts';
import { seedDemoQuestionnaire } from '../../src/modules/access/index.ts';
import { systemClock } from '../../src/platform/context.ts';
import { operatorCtx } from '../support/factories.ts';
import { savePerson } from '../support/people.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

let site: Site;
let browser: Launched;
let page: Page;
let personId: string;

beforeAll(async () => {
  site = await startSite();
  await publishTestTaxonomy(site.db, site.tenant);
  await seedDemoQuestionnaire(site.db);
  const ctx = operatorCtx(
    site.db,
    site.worker,
    systemClock,
    site.offices.map((o) => o.id),
  );
  personId = (await savePerson(ctx, { givenNames: 'Giulia', familyNames: 'Colloquini' })).id;
  // No page script runs: the conditional questions must appear without JavaScript.
  browser = await launch({ baseURL: site.baseURL, blockPageScripts: true });
  page = browser.page;
  await signIn(page, site.worker);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const main = async () => (await page.locator('main').textContent()) ?? '';

async function registerRequest(area: string, reason: string): Promise<void> {
  await go(page, '/operatori/accessi/nuovo');
  await page.fill('#q', 'Colloquini');
  await navigateBy(page, () => page.click('button[value="search"]'));
  await page.click(`label[for="who-${personId}"]`);
  await page.selectOption('#needAreaId', { label: area });
  await page.fill('#reason', reason);
  await navigateBy(page, () => page.click('button[value="save"]'));
}

async function recordOutcome(request: number, kind: string, detail: string): Promise<void> {
  const form = page.locator('main section[id^="request-"]').nth(request).locator('form');
  await form.locator('select[name="kind"]').selectOption(kind);
  await form.locator('textarea[name="detail"]').fill(detail);
  const response = await navigateBy(page, () => form.locator('button[type="submit"]').click());
  expect(response.status()).toBe(200);
  expect(await main()).toContain('Esito registrato.');
}

describe('walk-in → interview with assessment → outcomes → closed, in a real browser', () => {
  it('completes the whole path with no WCAG violation on any page', async () => {
    await registerRequest('Casa (Povertà)', 'Sfratto per morosità');
    await registerRequest('Scuola (Famiglie e minori)', 'Retta della mensa');
    expect(await main()).toContain('aveva già un accesso oggi');
    const accessUrl = new URL(page.url()).pathname;
    await expectAccessible(page, 'access page before the interview');

    // Start the interview from the access page.
    await navigateBy(page, () => page.click('button:has-text("Avvia colloquio")'));
    expect(new URL(page.url()).pathname).toBe(`${accessUrl}/colloquio`);
    expect(await page.locator('#q-minori_in_casa').count()).toBe(0);
    await expectAccessible(page, 'interview form');

    // A conditional question appears after "Aggiorna le domande", without JavaScript.
    await page.click('label[for="q-vive_con-famiglia"]');
    await navigateBy(page, () => page.click('button[value="refresh"]'));
    await page.click('label[for="q-minori_in_casa"]');
    await navigateBy(page, () => page.click('button[value="refresh"]'));
    expect(await page.locator('#q-numero_minori').count()).toBe(1);
    await expectAccessible(page, 'interview form with conditional questions');

    // Saving with required answers missing: the form again with the error summary.
    const invalid = await navigateBy(page, () => page.click('button[value="save"]'));
    expect(invalid.status()).toBe(422);
    expect(await page.locator('.alert-danger a[href="#q-bisogno_descrizione"]').count()).toBe(1);
    expect(await page.locator('.alert-danger a[href="#help-yes"]').count()).toBe(1);
    await expectAccessible(page, 'interview form with errors');

    await page.fill('#q-numero_minori', '2');
    await page.click('label[for="q-reddito"]');
    await page.click('label[for="q-reddito-sostegno_pubblico"]');
    await page.fill('#q-bisogno_descrizione', 'Rischio di perdere la casa entro due mesi');
    await page.fill('#durationMinutes', '45');
    await page.click('label[for="help-yes"]');
    await page.fill('#summary', 'Valutazione professionale riservata');
    const saved = await navigateBy(page, () => page.click('button[value="save"]'));
    expect(saved.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`${accessUrl}/colloqui`);
    const shown = await main();
    expect(shown).toContain('Colloquio registrato.');
    expect(shown).toContain('Lavoro, Sostegno pubblico');
    expect(shown).toContain('versione 1');
    expect(shown).toContain('Valutazione professionale riservata');
    await expectAccessible(page, 'interviews page');

    // Outcomes: information and referral on the first request, a take-charge proposal on the second.
    await go(page, accessUrl);
    expect(await main()).toContain('Colloqui registrati: 1.');
    await recordOutcome(0, 'information', 'Bando regionale per la morosità incolpevole');
    await recordOutcome(0, 'referral', 'Agenzia per la casa');
    await recordOutcome(1, 'take_charge_proposal', 'Proposta al servizio minori');
    await expectAccessible(page, 'access page with outcomes');

    const closed = await navigateBy(page, () => page.click('button:has-text("Chiudi accesso")'));
    expect(closed.status()).toBe(200);
    const final = await main();
    expect(final).toContain('Accesso chiuso.');
    expect(final).toContain('Proposta di presa in carico');
    expect(final).toContain('Invio ad altro servizio');
    expect(await page.locator('button:has-text("Avvia colloquio")').count()).toBe(0);
    await expectAccessible(page, 'closed access page');
  });
});
