import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboxWorker, startOutboxWorker } from '../../src/modules/notifications/index.ts';
import { asSystem } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';
import { smtpMailer } from '../../src/platform/mail.ts';
import { buildTestApp } from '../support/app.ts';
import { buildBookableOffice, fixedClock } from '../support/appointments.ts';
import { freshDatabase } from '../support/db.ts';
import { buildRequestWorld } from '../support/requests.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';

let smtp: TestSmtp;
let outbox: OutboxWorker | undefined;
let baseURL: string;
let suggestedOffice: string;
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  const { db } = await freshDatabase();
  const { tenant } = await buildRequestWorld(db);
  // Two bookable offices; "Via Iseo" lies in the second one's neighbourhood.
  await buildBookableOffice(db, tenant);
  const office = await buildBookableOffice(db, tenant);
  suggestedOffice = office.id;
  await asSystem(db, async (trx) => {
    const id = newId();
    await trx
      .insertInto('neighbourhood')
      .values({ id, tenant_id: tenant.id, code: 'sud', name: 'Sud', office_id: office.id })
      .execute();
    await trx
      .insertInto('street_area')
      .values({
        id: newId(),
        tenant_id: tenant.id,
        municipality_code: 'F704',
        street_key: sql<string>`f_name_key('Via Iseo')`,
        street_name: 'Via Iseo',
        neighbourhood_id: id,
        demo: true,
      })
      .execute();
  });
  smtp = await startTestSmtp();
  // Friday 27 November 2026, 09:00 in Rome.
  const clock = fixedClock('2026-11-27T08:00:00Z');
  const mailer = smtpMailer(smtp.url, 'Comune di Prova <servizi@comune.example.it>');
  const app = await buildTestApp(db, { clock, env: { DEFAULT_TENANT: tenant.code }, mailer });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseURL = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // The notifications outbox worker, as `serve` runs it (every 15 s there; here every 200 ms).
  outbox = startOutboxWorker({ db, mailer, clock }, { intervalMs: 200, baseUrl: baseURL });
}, 120_000);

afterAll(async () => {
  await outbox?.stop();
});

/** The whole flow: home → form (with an error first) → confirmation → e-mail → status lookup. */
async function flow(page: Page, email: string, a11y: boolean) {
  const click = (label: string) =>
    navigateBy(page, () => page.getByRole('button', { name: label, exact: true }).click());
  await go(page, '/');
  await navigateBy(page, () => page.click('a[data-element="request-assistance"]'));
  expect(await page.locator('h1').textContent()).toBe('Richiedi assistenza');
  if (a11y) await expectAccessible(page, 'request form');
  await page.fill('#firstName', 'Giovanna');
  await page.fill('#lastName', 'Sala');
  await page.fill('#email', email);
  await page.selectOption('#service', 'casa');
  await page.fill('#message', 'Ho ricevuto lo sfratto e cerco aiuto per una nuova casa.');
  // Sent without the privacy acknowledgement: the form comes back with the error, the values kept.
  const refused = await click('Invia la richiesta');
  expect(refused.status()).toBe(422);
  expect(await page.locator('.alert-danger').textContent()).toContain('informativa privacy');
  expect(await page.inputValue('#firstName')).toBe('Giovanna');
  if (a11y) await expectAccessible(page, 'request form with errors');
  await page.locator('label[for="privacy"]').click();
  await click('Invia la richiesta');
  const number = (await page.locator('[data-testid="request-number"]').textContent()) ?? '';
  expect(number).toMatch(/^RA-2026-\d{6}$/);
  expect(await page.locator('[data-testid="taken-in-charge"]').textContent()).toBe('venerdì 27 novembre 2026');
  expect(await page.locator('[data-testid="due-on"]').textContent()).toBe('domenica 27 dicembre 2026');
  expect(await page.locator('[data-element="feedback"]').count()).toBeGreaterThan(0);
  if (a11y) await expectAccessible(page, 'request confirmation');
  const mail = await smtp.waitFor((m) => m.to.includes(email));
  expect(mail.text).toContain(number);
  expect(mail.text).not.toContain('sfratto');

  await navigateBy(page, () => page.click('a[href="/richiesta-assistenza/stato"]'));
  await page.fill('#number', number);
  await page.fill('#email', email);
  await click('Vedi lo stato');
  expect(await page.locator('[data-testid="request-status"]').textContent()).toContain('Ricevuta');
  if (a11y) await expectAccessible(page, 'request status');
  return number;
}

describe('request for assistance in a real browser, phone-sized', () => {
  let browser: Launched | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it('without JavaScript: form, error, confirmation with number and dates, e-mail, status; axe clean', async () => {
    browser = await launch({ baseURL, blockPageScripts: true, viewport: PHONE });
    await flow(browser.page, 'giovanna.sala@example.org', true);
  });

  it('with JavaScript enabled in the browser (the pages carry no script)', async () => {
    const withJs = await launch({ baseURL, viewport: PHONE });
    try {
      const first = await flow(withJs.page, 'paolo.riva@example.org', true);
      expect(first).toMatch(/^RA-2026-\d{6}$/);
    } finally {
      await withJs.close();
    }
  });

  it('booking step 1 suggests the office from the street, without JavaScript; axe clean', async () => {
    const b = await launch({ baseURL, blockPageScripts: true, viewport: PHONE });
    try {
      const p = b.page;
      await go(p, '/prenota');
      await p.fill('#street', 'via iseo');
      await navigateBy(p, () => p.getByRole('button', { name: 'Suggerisci l’ufficio', exact: true }).click());
      expect(await p.locator('#street-result').textContent()).toContain('ti suggeriamo');
      expect(await p.locator(`input[name="office"][value="${suggestedOffice}"]`).isChecked()).toBe(true);
      await expectAccessible(p, 'booking step 1 with a suggested office');
      await navigateBy(p, () => p.getByRole('button', { name: 'Avanti', exact: true }).click());
      expect(await p.locator('[aria-current="step"]').textContent()).toContain('Data e orario');
    } finally {
      await b.close();
    }
  });
});
