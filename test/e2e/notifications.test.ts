import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMail } from '../../src/modules/notifications/index.ts';
import { asSystem } from '../../src/platform/db/database.ts';
import { buildOperator } from '../support/factories.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

let site: Site;
let browser: Launched;
let page: Page;

beforeAll(async () => {
  site = await startSite();
  const admin = await buildOperator(site.db, site.tenant, 'admin');
  // One dead letter (as if SMTP refused it six times), so the page shows its table and buttons.
  const at = new Date();
  await asSystem(site.db, async (trx) => {
    await enqueueMail(trx, {
      tenantId: site.tenant.id,
      kind: 'appointment.reminder',
      to: 'giulia@example.org',
      subject: 'Promemoria',
      text: 'Testo',
      dedupeKey: 'e2e-dead',
      at,
    });
    await trx
      .updateTable('notification_outbox')
      .set({ status: 'dead', dead_at: at, attempts: 6, last_error_code: '451' })
      .where('dedupe_key', '=', 'e2e-dead')
      .execute();
  });
  browser = await launch({ baseURL: site.baseURL, blockPageScripts: true });
  page = browser.page;
  await signIn(page, admin);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('notifications page in a real browser', () => {
  it('shows the queue and the dead letter accessibly; the settings form reports an error accessibly; discard works', async () => {
    await go(page, '/operatori/notifiche');
    await expectAccessible(page, 'notifications');
    expect(await page.locator('main').textContent()).toContain('g***@example.org');
    await page.fill('#hours', '0');
    await navigateBy(page, () => page.click('text=Salva le impostazioni'));
    expect(await page.locator('#hours-error').textContent()).toContain('da 1 a 168');
    await expectAccessible(page, 'notifications settings with an error');
    await navigateBy(page, () => page.click('button:has-text("Scarta")'));
    expect(await page.locator('main').textContent()).toContain('Il messaggio è stato scartato');
    expect(await page.locator('main').textContent()).toContain('Nessun messaggio non recapitato.');
    await expectAccessible(page, 'notifications after discard');
  });
});
