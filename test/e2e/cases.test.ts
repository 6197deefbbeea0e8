import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/context.ts';
import { buildOperator, operatorCtx, type TestOperator } from '../support/factories.ts';
import { savePerson } from '../support/people.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

// Taking charge in a real browser, no page script: the secretariat's worker proposes from the person's
// file; the coordinator accepts, naming the responsible worker; the worker writes the care plan and saves
// a second version; hands the case over to a colleague; the colleague closes it with a coded reason.
let site: Site;
let coordinator: TestOperator;
let colleague: TestOperator;
let browser: Launched;
let page: Page;
let personId: string;
let caseUrl = '';

const submit = (selector: string) => navigateBy(page, () => page.click(selector));
const as = async (op: TestOperator) => {
  await page.context().clearCookies();
  await signIn(page, op);
};

beforeAll(async () => {
  site = await startSite();
  coordinator = await buildOperator(site.db, site.tenant, 'coordinator', { offices: site.offices });
  colleague = await buildOperator(site.db, site.tenant, 'social_worker', { offices: site.offices });
  const ctx = operatorCtx(
    site.db,
    site.worker,
    systemClock,
    site.offices.map((o) => o.id),
  );
  personId = (await savePerson(ctx, { givenNames: 'Luca', familyNames: 'Fumagalli' })).id;
  browser = await launch({ baseURL: site.baseURL, blockPageScripts: true });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('taking charge, from proposal to closing', () => {
  it('the worker proposes from the person’s file (an empty form is 422 with a summary)', async () => {
    await signIn(page, site.worker);
    await go(page, `/operatori/persone/${personId}`);
    await navigateBy(page, () => page.click('#casi a:has-text("Proponi la presa in carico")'));
    await expectAccessible(page, 'proposal form');
    const bad = await submit('main form button[type="submit"]');
    expect(bad.status()).toBe(422);
    expect(await page.locator('#error-summary').textContent()).toContain('Campo obbligatorio');
    await expectAccessible(page, 'proposal form with errors');
    await page.selectOption('#f-area', 'adults');
    await page.fill('#f-reasons', 'Perdita del lavoro, sfratto esecutivo a gennaio');
    await page.selectOption('#f-urgency', 'within_days');
    const sent = await submit('main form button[type="submit"]');
    expect(sent.status()).toBe(200);
    caseUrl = new URL(page.url()).pathname;
    expect(caseUrl).toMatch(/^\/operatori\/casi\/[0-9a-f-]{36}$/);
    expect(await page.locator('#case-status').textContent()).toBe('Proposto');
  });

  it('the coordinator accepts it, naming the worker responsible', async () => {
    await as(coordinator);
    await go(page, caseUrl);
    await expectAccessible(page, 'proposal to decide');
    await page.selectOption('#worker', site.worker.userId);
    await submit('button:has-text("Accogli")');
    expect(await page.locator('#case-status').textContent()).toBe('Aperto');
    expect(await page.locator('#case-responsible').textContent()).toBe(`Operatore ${site.worker.username}`);
  });

  it('the worker writes the care plan, then saves a second version from it', async () => {
    await as(site.worker);
    await go(page, caseUrl);
    await navigateBy(page, () => page.click('a:has-text("Scrivi il progetto")'));
    await expectAccessible(page, 'care plan editor');
    await page.fill('#f-goals-0-text', 'Trovare un alloggio entro marzo');
    await page.fill('#f-actions-0-service', 'Agenzia per la casa');
    await page.fill('#f-actions-0-owner', 'Assistente sociale');
    await page.fill('#f-actions-0-from', '2026-12-01');
    await page.fill('#f-reviewDates-0', '2027-02-15');
    await submit('main form button[type="submit"]');
    expect(await page.locator('main').textContent()).toContain('Progetto personalizzato (versione 1)');

    await navigateBy(page, () => page.click('a:has-text("Modifica il progetto")'));
    expect(await page.inputValue('#f-goals-0-text')).toBe('Trovare un alloggio entro marzo');
    // A half-filled action is refused with the error tied to its field; nothing is saved.
    await page.fill('#f-goals-1-text', 'Orientamento al lavoro con il CPI');
    await page.fill('#f-actions-1-service', 'Centro per l’impiego');
    const bad = await submit('main form button[type="submit"]');
    expect(bad.status()).toBe(422);
    expect(await page.getAttribute('#f-actions-1-owner', 'aria-describedby')).toContain('f-actions-1-owner-error');
    await expectAccessible(page, 'care plan editor with errors');
    await page.fill('#f-actions-1-owner', 'Operatore CPI');
    await page.fill('#f-actions-1-from', '2026-12-10');
    await page.fill('#f-agreedOn', '2026-11-27');
    await submit('main form button[type="submit"]');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Progetto personalizzato (versione 2)');
    expect(main).toContain('Orientamento al lavoro con il CPI');
    await expectAccessible(page, 'case with plan version 2');
  });

  it('the worker hands the case over to a colleague with a note', async () => {
    await page.selectOption('#f-t-toWorkerId', colleague.userId);
    await page.fill('#f-t-note', 'Passaggio per ferie lunghe: vedere il diario');
    await submit('button:has-text("Trasferisci")');
    const history = (await page.locator('main table').last().textContent()) ?? '';
    expect(history).toContain('Trasferito');
    expect(history).toContain('Passaggio per ferie lunghe');
    expect(history).toContain(`Trasferito: Operatore ${colleague.username}`);
    expect(await page.locator('#case-responsible').textContent()).toBe(`Operatore ${colleague.username}`);
  });

  it('the colleague closes it with a coded reason; the person’s file shows it closed', async () => {
    await as(colleague);
    await go(page, caseUrl);
    const bad = await submit('button:has-text("Chiudi il caso")');
    expect(bad.status()).toBe(422);
    await expectAccessible(page, 'close without reason');
    await page.selectOption('#f-c-reasonCode', 'goals_met');
    await submit('button:has-text("Chiudi il caso")');
    expect(await page.locator('#case-status').textContent()).toBe('Chiuso');
    expect(await page.locator('#case-closed-reason').textContent()).toBe('Obiettivi raggiunti');
    await expectAccessible(page, 'closed case');
    await go(page, `/operatori/persone/${personId}`);
    const cells = await page.locator('#person-cases tbody tr').first().locator('th, td').allTextContents();
    expect(cells.slice(1, 4)).toEqual(['Chiuso', 'Adulti', `Operatore ${colleague.username}`]);
    await expectAccessible(page, 'person file with the case');
  });
});
