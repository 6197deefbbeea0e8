import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkPartnerUser } from '../../src/modules/referrals/index.ts';
import { asSystem, type Db } from '../../src/platform/db/database.ts';
import { buildTestApp } from '../support/app.ts';
import { freshDatabase } from '../support/db.ts';
import { demoDirectoryWorld } from '../support/directory.ts';
import { buildOperator, type TestOperator } from '../support/factories.ts';
import { expectAccessible, go, type Launched, launch, navigateBy, tabUntil } from './browser.ts';
import { signIn } from './site.ts';

let db: Db;
let browser: Launched;
let page: Page;
let coordinator: TestOperator;
let partner: TestOperator;
let orgId: string;
let orgName: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const world = await demoDirectoryWorld(db);
  coordinator = await buildOperator(db, world.tenant, 'coordinator');
  partner = await buildOperator(db, world.tenant, 'partner');
  const org = await db.selectFrom('organization').select(['id', 'data']).orderBy('id').executeTakeFirstOrThrow();
  orgId = org.id;
  orgName = (org.data as { name: string }).name;
  await asSystem(db, (trx) => linkPartnerUser(trx, world.tenant.id, partner.userId, orgId));
  const app = await buildTestApp(db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  // No page script runs: the upkeep pages must work without JavaScript (axe can still be evaluated).
  browser = await launch({ baseURL: `http://127.0.0.1:${port}`, blockPageScripts: true });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const signOut = () => navigateBy(page, () => page.click('form[action="/esci"] button'));
const submit = (label: string) => navigateBy(page, () => page.getByRole('button', { name: label }).click());

describe('directory upkeep in a real browser', () => {
  let serviceId = '';

  it('a coordinator creates a service with a phone and opening hours; it shows on the public page', async () => {
    await signIn(page, coordinator);
    await go(page, '/operatori/servizi');
    await navigateBy(page, () => page.getByRole('link', { name: /Gestione dell’elenco/ }).click());
    await expectAccessible(page, 'upkeep hub');
    await navigateBy(page, () => page.getByRole('link', { name: 'Nuovo servizio' }).click());
    await expectAccessible(page, 'new service form');
    // By keyboard: organization, name, description, then the button.
    await tabUntil(page, '#svc-organization');
    await page.selectOption('#svc-organization', orgId);
    await tabUntil(page, '#svc-name');
    await page.keyboard.type('Sportello compiti del sabato');
    await tabUntil(page, '#svc-description');
    await page.keyboard.type('Aiuto nei compiti per ragazzi delle medie, il sabato mattina.');
    await tabUntil(page, 'main form button[type="submit"]');
    await navigateBy(page, () => page.keyboard.press('Enter'));
    expect(new URL(page.url()).pathname).toMatch(/^\/operatori\/servizi\/[0-9a-f-]{36}\/modifica$/);
    serviceId = new URL(page.url()).pathname.split('/')[3] ?? '';
    await expectAccessible(page, 'service edit form');

    await navigateBy(page, () => page.getByRole('link', { name: 'Sedi, telefoni e orari' }).click());
    await expectAccessible(page, 'places form');
    await page.fill('#phone-0-number', '039 000 5151');
    await page.click('label[for="hours-0-day-SA"]');
    await page.fill('#hours-0-opens', '11:00');
    await page.fill('#hours-0-closes', '09:00');
    const failed = await submit('Salva sedi, telefoni e orari');
    expect(failed.status()).toBe(422);
    await expect(page.locator('#error-summary').textContent()).resolves.toContain('Correggi');
    await expectAccessible(page, 'places form with errors');
    await page.fill('#hours-0-opens', '09:00');
    await page.fill('#hours-0-closes', '12:00');
    await page.click('label[for="hours-1-day-WE"]');
    await page.fill('#hours-1-opens', '15:00');
    await page.fill('#hours-1-closes', '17:30');
    const saved = await submit('Salva sedi, telefoni e orari');
    expect(saved.status()).toBe(200);
    expect(new URL(page.url()).search).toBe('?salvato=1');

    await go(page, `/servizi/${serviceId}`);
    await expect(page.locator('h1[data-element="service-title"]').textContent()).resolves.toBe(
      'Sportello compiti del sabato',
    );
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('039 000 5151');
    expect(body).toMatch(/09:00/);
    expect(body).toMatch(/17:30/);
    await expectAccessible(page, 'public page of the new service');
    await signOut();
  });

  it('a partner suggests a change, the coordinator accepts it, the public page shows it', async () => {
    await signIn(page, partner, '/partner');
    await navigateBy(page, () => page.getByRole('link', { name: /Proponi modifiche/ }).click());
    await expectAccessible(page, 'partner services');
    await navigateBy(page, () => page.locator(`a[href="/partner/servizi/${serviceId}/proposta"]`).click());
    await expectAccessible(page, 'suggestion form');
    await page.fill('#sug-phone', '039 000 6262');
    await page.fill('#sug-note', `Nuovo numero della segreteria di ${orgName}.`);
    await submit('Invia la proposta');
    expect(new URL(page.url()).pathname).toBe('/partner/servizi');
    await expect(page.locator('td[data-status]').first().getAttribute('data-status')).resolves.toBe('pending');
    await expectAccessible(page, 'partner services with a pending suggestion');
    await signOut();

    await signIn(page, coordinator);
    await go(page, '/operatori/servizi/proposte');
    await expectAccessible(page, 'moderation queue');
    await navigateBy(page, () =>
      page
        .getByRole('link', { name: /Esamina/ })
        .first()
        .click(),
    );
    await expectAccessible(page, 'suggestion review');
    await submit('Accetta e applica');
    expect(new URL(page.url()).pathname).toBe('/operatori/servizi/proposte');
    await expectAccessible(page, 'moderation queue after accepting');

    await go(page, `/servizi/${serviceId}`);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('039 000 6262');
    expect(body).not.toContain('039 000 5151');
    await expectAccessible(page, 'public page after the accepted suggestion');
    await signOut();

    await signIn(page, partner, '/partner');
    await go(page, '/partner/servizi');
    await expect(page.locator('td[data-status]').first().getAttribute('data-status')).resolves.toBe('accepted');
  });
});
