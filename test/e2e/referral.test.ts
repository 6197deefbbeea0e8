import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/context.ts';
import { buildOperator, buildToken, operatorCtx } from '../support/factories.ts';
import { savePerson } from '../support/people.ts';
import { anOrganization, aPartner } from '../support/referrals.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

/**
 * Ticks or unticks a box the way a person does, by its label (Bootstrap Italia draws its own box over
 * the input). A click forced on the hidden input skipped the wait for a stable layout and could land
 * elsewhere while the web fonts swapped in; the label click waits, and the state is then checked.
 */
async function tick(page: Page, selector: string, checked: boolean): Promise<void> {
  const input = page.locator(selector);
  if ((await input.isChecked()) !== checked) await page.locator(`label[for="${selector.slice(1)}"]`).click();
  expect(await input.isChecked(), selector).toBe(checked);
}

// The closed loop in a real browser: an operator refers a person to a partner sharing two fields; the
// partner signs in, sees only those two fields, accepts, later completes with an outcome; the operator
// sees the loop closed. No page script runs; axe at every step.
let site: Site;
let operator: Launched;
let partnerBrowser: Launched;
let op: Page;
let partnerPage: Page;
let personId: string;
let partner: Awaited<ReturnType<typeof aPartner>>;

beforeAll(async () => {
  site = await startSite();
  const ctx = operatorCtx(
    site.db,
    site.worker,
    systemClock,
    site.offices.map((o) => o.id),
  );
  personId = (
    await savePerson(ctx, {
      givenNames: 'Giulia',
      familyNames: 'Brambilla',
      phone: '+39 333 1234567',
      email: 'giulia@example.org',
    })
  ).id;
  const token = await buildToken(site.db, site.worker);
  const consent = await site.app.inject({
    method: 'POST',
    url: `/api/v1/people/${personId}/consents`,
    headers: { authorization: `Bearer ${token}` },
    payload: { purpose: 'share_with_partner', scope: 'Caritas Monza — nome e telefono' },
  });
  if (consent.statusCode !== 201) throw new Error(consent.body);
  const org = await anOrganization(site.db, site.tenant.id, 'Caritas Monza');
  await buildOperator(site.db, site.tenant, 'coordinator'); // a second-level colleague, unused here
  partner = await aPartner(site.db, site.tenant, org);
  operator = await launch({ baseURL: site.baseURL, blockPageScripts: true });
  op = operator.page;
  await signIn(op, site.worker);
  partnerBrowser = await launch({ baseURL: site.baseURL, blockPageScripts: true });
  partnerPage = partnerBrowser.page;
}, 120_000);

afterAll(async () => {
  await operator?.close();
  await partnerBrowser?.close();
});

let referralUrl = '';

describe('a referral with a closed loop', () => {
  it('the operator refers the person to the partner, sharing two fields under the consent', async () => {
    await go(op, `/operatori/persone/${personId}/invii/nuovo`);
    await expectAccessible(op, 'new referral');
    // An empty form comes back with an error summary, in Italian, status 422.
    await tick(op, '#f-shared-reason', false);
    const bad = await navigateBy(op, () => op.click('main form button[type="submit"]'));
    expect(bad.status()).toBe(422);
    expect(await op.locator('#error-summary').textContent()).toContain('Campo obbligatorio');
    await expectAccessible(op, 'new referral with errors');
    await tick(op, '#f-destinationType-partner', true);
    await op.selectOption('#f-organizationId', { label: 'Caritas Monza (disponibilità non indicata)' });
    await op.fill('#f-reason', 'Pacco alimentare e orientamento al lavoro');
    await tick(op, '#f-legalBasis-consent', true);
    await op.selectOption('#f-consentId', { label: 'Caritas Monza — nome e telefono' });
    await tick(op, '#f-shared-reason', false);
    await tick(op, '#f-shared-givenNames', true);
    await tick(op, '#f-shared-phone', true);
    const sent = await navigateBy(op, () => op.click('main form button[type="submit"]'));
    expect(sent.status()).toBe(200);
    referralUrl = new URL(op.url()).pathname;
    expect(referralUrl).toMatch(/^\/operatori\/invii\/[0-9a-f-]{36}$/);
    expect(await op.locator('#referral-status').textContent()).toBe('Inviato');
    await expectAccessible(op, 'referral sent');
  });

  it('the partner signs in and sees only the two shared fields', async () => {
    // A partner organization's user lands in the partner area, not on the operator home.
    await signIn(partnerPage, partner, '/partner');
    await expectAccessible(partnerPage, 'partner inbox');
    await navigateBy(partnerPage, () => partnerPage.click('main table a'));
    const body = (await partnerPage.locator('main').textContent()) ?? '';
    expect(body).toContain('Giulia');
    expect(body).toContain('+393331234567');
    for (const hidden of ['Brambilla', 'giulia@example.org', 'Pacco alimentare']) expect(body).not.toContain(hidden);
    expect(await partnerPage.locator('#referral-status').textContent()).toBe('Ricevuto');
    await expectAccessible(partnerPage, 'partner referral');
  });

  it('the partner accepts, then completes with an outcome', async () => {
    await navigateBy(partnerPage, () => partnerPage.click('button:has-text("Accetta l’invio")'));
    expect(await partnerPage.locator('#referral-status').textContent()).toBe('Accettato');
    await expectAccessible(partnerPage, 'partner referral accepted');
    await partnerPage.selectOption('#complete-outcome', 'got_help');
    await navigateBy(partnerPage, () => partnerPage.click('button:has-text("Concludi con un esito")'));
    expect(await partnerPage.locator('#referral-status').textContent()).toBe('Concluso');
  });

  it('the operator sees the closed loop: completed, with the outcome and the history', async () => {
    await go(op, referralUrl);
    expect(await op.locator('#referral-status').textContent()).toBe('Concluso');
    expect(await op.locator('#referral-outcome').textContent()).toBe('Ha ricevuto aiuto');
    const history = (await op.locator('main table').last().textContent()) ?? '';
    for (const step of ['Bozza', 'Inviato', 'Ricevuto', 'Accettato', 'Concluso']) expect(history).toContain(step);
    await go(op, '/operatori/invii?vista=mine');
    expect(await op.locator('main table').textContent()).toContain('Concluso');
    await expectAccessible(op, 'referrals sent by me');
  });

  it('the operator sees the closed loop on the person’s timeline', async () => {
    await go(op, `/operatori/persone/${personId}`);
    const row = op.locator('#person-referrals tbody tr').first();
    const cells = await row.locator('th, td').allTextContents();
    expect(cells[0]).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(cells.slice(1, 4)).toEqual(['Caritas Monza', 'Concluso', 'Ha ricevuto aiuto']);
    await expectAccessible(op, 'person file with referrals');
    // From the file, the referral page is one link away.
    await navigateBy(op, () => row.locator('a').click());
    expect(new URL(op.url()).pathname).toBe(referralUrl);
  });

  it('a referral to an internal area: the operator records its answer on the referral page', async () => {
    await go(op, `/operatori/persone/${personId}/invii/nuovo`);
    await tick(op, '#f-destinationType-internal_area', true);
    await op.selectOption('#f-internalArea', 'adults');
    await op.fill('#f-reason', 'Valutazione per presa in carico adulti');
    await tick(op, '#f-legalBasis-public_task', true);
    await navigateBy(op, () => op.click('main form button[type="submit"]'));
    expect(await op.locator('#referral-status').textContent()).toBe('Inviato');
    await expectAccessible(op, 'internal referral with the answer forms');
    await navigateBy(op, () => op.click('button:has-text("Accetta l’invio")'));
    expect(await op.locator('#referral-status').textContent()).toBe('Accettato');
    const noReason = await navigateBy(op, () => op.click('button:has-text("Annulla l’invio")'));
    expect(noReason.status()).toBe(422);
    await expectAccessible(op, 'cancel without a reason');
  });
});

describe('the referrals admin page', () => {
  it('is accessible, and a refused partner account comes back with an error summary', async () => {
    const admin = await buildOperator(site.db, site.tenant, 'admin');
    await partnerPage.context().clearCookies();
    await signIn(partnerPage, admin);
    await go(partnerPage, '/operatori/amministrazione/invii');
    await expectAccessible(partnerPage, 'referrals admin page');
    const bad = await navigateBy(partnerPage, () => partnerPage.click('button:has-text("Crea l’utente")'));
    expect(bad.status()).toBe(422);
    expect(await partnerPage.locator('#error-summary').textContent()).toContain('Campo obbligatorio');
    await expectAccessible(partnerPage, 'referrals admin page with errors');
  });
});
