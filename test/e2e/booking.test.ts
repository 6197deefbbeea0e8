import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutboxWorker, startOutboxWorker } from '../../src/modules/notifications/index.ts';
import { smtpMailer } from '../../src/platform/mail.ts';
import { buildTestApp } from '../support/app.ts';
import { buildBookableOffice, fixedClock } from '../support/appointments.ts';
import { freshDatabase } from '../support/db.ts';
import { buildTenant } from '../support/factories.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';

let browser: Launched;
let page: Page;
let smtp: TestSmtp;
let baseURL: string;
let outbox: OutboxWorker | undefined;

beforeAll(async () => {
  const { db } = await freshDatabase();
  const tenant = await buildTenant(db, { name: 'Comune di Prova' });
  await buildBookableOffice(db, tenant, {
    topics: [
      { code: 'colloquio', durationMinutes: 30 },
      { code: 'contributi', durationMinutes: 60 },
    ],
  });
  smtp = await startTestSmtp();
  // Friday 27 November 2026, 09:00 in Rome: the booking month is November, first free day Monday 30.
  const clock = fixedClock('2026-11-27T08:00:00Z');
  const mailer = smtpMailer(smtp.url, 'Comune di Prova <servizi@comune.example.it>');
  const app = await buildTestApp(db, { clock, env: { DEFAULT_TENANT: tenant.code }, mailer });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  baseURL = `http://127.0.0.1:${port}`;
  // The notifications outbox worker, as `serve` runs it (every 15 s there; here every 200 ms).
  outbox = startOutboxWorker({ db, mailer, clock }, { intervalMs: 200, baseUrl: baseURL });
  // A phone-sized screen; no page script runs (the flow must work without JavaScript), axe still evaluates.
  browser = await launch({
    baseURL: `http://127.0.0.1:${port}`,
    blockPageScripts: true,
    viewport: { width: 390, height: 844 },
  });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await outbox?.stop();
  await browser?.close();
});

/** Ticks a radio or checkbox the way a person does: by its label (Bootstrap Italia draws its own box). */
const choose = (id: string) => page.locator(`label[for="${id}"]`).click();
const chooseValue = async (name: string, value: string) =>
  choose((await page.locator(`input[name="${name}"][value="${value}"]`).getAttribute('id')) ?? '');
const next = (label = 'Avanti') =>
  navigateBy(page, () => page.getByRole('button', { name: label, exact: true }).click());

describe('booking an appointment in a real browser', () => {
  it('a resident completes the six steps from the footer link, gets the e-mail with a valid ICS, then cancels with the code', async () => {
    await go(page, '/');
    await navigateBy(page, () => page.click('footer a[data-element="appointment-booking"]'));
    expect(await page.locator('h1').textContent()).toBe('Prenota un appuntamento');
    await expectAccessible(page, 'step 1 office');
    await choose('office');
    await next();

    expect(await page.locator('[aria-current="step"]').textContent()).toContain('Data e orario');
    await expectAccessible(page, 'step 2 month');
    // Today (Friday 27) still has times after the two hours' notice; the resident prefers Monday.
    await chooseValue('day', '2026-11-30');
    // Enter in the day's radio button shows that day's times (it must not change month).
    await page.locator('input[name="day"][value="2026-11-30"]').focus();
    await navigateBy(page, () => page.keyboard.press('Enter'));
    expect(await page.locator('#slot').count()).toBe(1);
    await expectAccessible(page, 'step 2 free times');
    await choose('slot');
    await next();

    await expectAccessible(page, 'step 3 details');
    await next();
    expect(await page.locator('.alert-danger').textContent()).toContain('Scegli il motivo dell’appuntamento.');
    await expectAccessible(page, 'step 3 with errors');
    await choose('topic');
    await page.fill('#details', 'Vorrei informazioni sui servizi per anziani');
    await next();

    await expectAccessible(page, 'step 4 applicant');
    await page.fill('#name', 'Giulia Bianchi');
    await page.fill('#email', 'giulia@example.org');
    await choose('privacy');
    await next();

    await expectAccessible(page, 'step 5 summary');
    expect(await page.locator('main').textContent()).toContain('Giulia Bianchi');
    // Going back keeps what was typed.
    await next('Indietro');
    expect(await page.inputValue('#name')).toBe('Giulia Bianchi');
    await next();
    await next('Conferma la prenotazione');

    await expectAccessible(page, 'step 6 confirmation');
    const code = (await page.locator('[data-testid="booking-code"]').textContent()) ?? '';
    expect(code).toMatch(/^APP-2026-\d{6}$/);
    expect(page.url()).not.toMatch(/giulia|Bianchi/i);
    expect(await page.locator('[data-element="feedback"]').count()).toBe(1);
    const ics = await page.request.get((await page.locator('a[href$="appuntamento.ics"]').getAttribute('href')) ?? '');
    expect(await ics.text()).toContain('DTSTART:20261130T080000Z');

    const confirmation = await smtp.waitFor((m) => m.subject.includes(code));
    const event = confirmation.attachments.find((a) => a.filename === `${code}.ics`)?.body ?? '';
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(event)?.[1]?.trim();
    expect(field('BEGIN')).toBe('VCALENDAR');
    expect(field('DTSTART')).toBe('20261130T080000Z'); // Monday 30 November 09:00 in Rome
    expect(field('DTEND')).toBe('20261130T083000Z');
    expect(field('UID')).toMatch(/@segretariato$/);
    expect(event).toMatch(/END:VEVENT\r\nEND:VCALENDAR\r\n$/);
    expect(confirmation.text).not.toContain('anziani');
    expect(confirmation.text).toContain(`${baseURL}/prenota/gestisci`);

    // The feedback widget: stars, then the follow-up question, anonymous.
    await choose('rating-5');
    await next('Invia valutazione');
    await expectAccessible(page, 'feedback follow-up');
    await page.getByText('Le indicazioni erano chiare', { exact: true }).click();
    await next('Avanti');
    expect(await page.locator('main').textContent()).toContain(
      'Grazie, il tuo parere ci aiuterà a migliorare il servizio!',
    );

    // Manage the booking: code + e-mail, then the code received by e-mail.
    await go(page, '/prenota/gestisci');
    await expectAccessible(page, 'manage: code and e-mail');
    await page.fill('#code', code);
    await page.fill('#email', 'giulia@example.org');
    await next('Invia il codice di verifica');
    await expectAccessible(page, 'manage: verification code');
    const mail = await smtp.waitFor((m) => m.subject === 'Codice di verifica per la tua prenotazione');
    const secret = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
    await page.fill('#secret', secret);
    await next('Verifica');
    await expectAccessible(page, 'manage: booking');
    expect(await page.locator('main').textContent()).toContain(code);
    await next('Annulla la prenotazione');
    await expectAccessible(page, 'manage: cancel question');
    await next('Sì, annulla la prenotazione');
    expect(await page.locator('main').textContent()).toContain('La prenotazione è stata annullata.');
    expect(await page.locator('main').textContent()).toContain('Annullata');
    await expectAccessible(page, 'manage: cancelled');
    const cancelled = await smtp.waitFor((m) => m.subject === `Appuntamento annullato — ${code}`);
    expect(cancelled.attachments[0]?.body).toContain('STATUS:CANCELLED');
  });

  it('the same six steps work with JavaScript enabled in the browser (the pages carry no script)', async () => {
    const withJs = await launch({ baseURL, viewport: { width: 390, height: 844 } });
    const p = withJs.page;
    try {
      const click = (label: string) => navigateBy(p, () => p.getByRole('button', { name: label, exact: true }).click());
      const tick = (id: string) => p.locator(`label[for="${id}"]`).click();
      await go(p, '/prenota');
      await tick('office');
      await click('Avanti');
      const day = (await p.locator('input[name="day"][value="2026-11-30"]').getAttribute('id')) ?? '';
      await tick(day);
      await click('Mostra gli orari');
      await tick('slot');
      await click('Avanti');
      await tick('topic');
      await click('Avanti');
      await p.fill('#name', 'Paolo Riva');
      await p.fill('#phone', '039 555 1234');
      await tick('privacy');
      await click('Avanti');
      await click('Conferma la prenotazione');
      expect(await p.locator('[data-testid="booking-code"]').textContent()).toMatch(/^APP-2026-\d{6}$/);
    } finally {
      await withJs.close();
    }
  });
});
