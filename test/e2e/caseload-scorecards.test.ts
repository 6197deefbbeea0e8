import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/platform/context.ts';
import { buildOperator, buildToken, operatorCtx, type TestOperator } from '../support/factories.ts';
import { savePerson } from '../support/people.ts';
import { anOrganization } from '../support/referrals.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

// A coordinator's two overview pages in a real browser, no page script, axe clean: the partner scorecards
// (reached from the referral list) and the caseload filtered by area and by worker, with its summary.
let site: Site;
let coordinator: TestOperator;
let browser: Launched;
let page: Page;

beforeAll(async () => {
  site = await startSite();
  coordinator = await buildOperator(site.db, site.tenant, 'coordinator', { offices: site.offices });
  const ctx = operatorCtx(
    site.db,
    site.worker,
    systemClock,
    site.offices.map((o) => o.id),
  );
  const personId = (await savePerson(ctx, { givenNames: 'Giulia', familyNames: 'Brambilla' })).id;
  const worker = await buildToken(site.db, site.worker);
  const coord = await buildToken(site.db, coordinator);
  const api = async (url: string, token: string, payload: object, status: number) => {
    const res = await site.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });
    if (res.statusCode !== status) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string; version: number }>();
  };
  const consent = await api(
    `/api/v1/people/${personId}/consents`,
    worker,
    { purpose: 'share_with_partner', scope: 'Caritas Monza' },
    201,
  );
  const org = await anOrganization(site.db, site.tenant.id, 'Caritas Monza');
  const draft = await api(
    '/api/v1/referrals',
    worker,
    {
      personId,
      destinationType: 'partner',
      organizationId: org,
      reason: 'Pacco alimentare',
      urgency: 'ordinary',
      legalBasis: 'consent',
      consentId: consent.id,
      sharedFields: ['givenNames'],
    },
    201,
  );
  await api(`/api/v1/referrals/${draft.id}/send`, worker, { version: draft.version }, 200);
  for (const area of ['adults', 'elderly']) {
    const p = await api('/api/v1/cases', worker, { personId, area, reasons: 'Sfratto', urgency: 'ordinary' }, 201);
    await api(
      `/api/v1/cases/${p.id}/decision`,
      coord,
      { decision: 'accept', version: p.version, responsibleWorkerId: site.worker.userId },
      200,
    );
  }
  browser = await launch({ baseURL: site.baseURL, blockPageScripts: true });
  page = browser.page;
  await signIn(page, coordinator);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('coordinator overviews', () => {
  it('the partner scorecards, from the referral list', async () => {
    await go(page, '/operatori/invii');
    await expectAccessible(page, 'referral list');
    const res = await navigateBy(page, () => page.click('main a[href="/operatori/invii/schede-partner"]'));
    expect(res.status()).toBe(200);
    expect(await page.locator('#scorecards caption').textContent()).toContain('ultimi 365 giorni');
    expect(await page.locator('#scorecards tbody th[scope="row"]').allTextContents()).toEqual(['Caritas Monza']);
    await expectAccessible(page, 'partner scorecards');
  });

  it('the caseload, filtered by area and then by worker, with open cases per worker and area', async () => {
    await go(page, '/operatori/casi');
    expect(await page.locator('#caseload-summary tfoot td').allTextContents()).toEqual(['0', '1', '1', '0', '2']);
    await expectAccessible(page, 'caseload with summary');
    await page.selectOption('#f-area', 'elderly');
    const byArea = await navigateBy(page, () => page.click('main form[method="get"] button[type="submit"]'));
    expect(byArea.status()).toBe(200);
    expect(new URL(page.url()).searchParams.get('area')).toBe('elderly');
    expect(await page.locator('#caseload-summary tfoot td').allTextContents()).toEqual(['0', '0', '1', '0', '1']);
    await page.selectOption('#f-area', '');
    await page.selectOption('#f-operatore', site.worker.userId);
    const byWorker = await navigateBy(page, () => page.click('main form[method="get"] button[type="submit"]'));
    expect(byWorker.status()).toBe(200);
    expect(new URL(page.url()).searchParams.get('operatore')).toBe(site.worker.userId);
    expect(await page.locator('#caseload-summary tfoot td').last().textContent()).toBe('2');
    await expectAccessible(page, 'caseload filtered by worker');
  });
});
