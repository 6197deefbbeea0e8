import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, updatePerson } from '../../src/modules/people/index.ts';
import type { Ctx } from '../../src/platform/context.ts';
import { buildOperator } from '../support/factories.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

/**
 * A social worker's morning: register two people, find one by a misspelled surname, open the file,
 * add the other to the household — with axe (WCAG 2.1 AA) on every people page on the way.
 */
let site: Site;
let browser: Launched;
let page: Page;

beforeAll(async () => {
  site = await startSite();
  browser = await launch({ baseURL: site.baseURL });
  page = browser.page;
});
afterAll(async () => {
  await browser?.close();
});

const submit = (selector = 'main form button[type="submit"]') => navigateBy(page, () => page.click(selector));
const path = () => new URL(page.url()).pathname;

async function fillPerson(fields: Record<string, string>) {
  for (const [id, value] of Object.entries(fields)) await page.fill(`#${id}`, value);
}

/** The context of a second operator, who works on the same people outside the browser. */
async function colleagueCtx(): Promise<Ctx> {
  const op = await buildOperator(site.db, site.tenant, 'front_office');
  return {
    actor: {
      kind: 'user',
      userId: op.userId,
      username: op.username,
      displayName: op.username,
      tenantId: site.tenant.id,
      role: 'front_office',
      officeIds: [],
    },
    requestId: 'e2e-colleague',
    clock: { now: () => new Date() },
    db: site.db,
  };
}

describe('people and households in Chromium', () => {
  let giuseppina = '';
  let marco = '';

  it('registers two people through the form, with its error and warning states', async () => {
    await signIn(page, site.worker);
    await navigateBy(page, () => page.click('main nav a[href="/operatori/persone"]'));
    expect(path()).toBe('/operatori/persone');
    await expectAccessible(page, 'people search');

    await navigateBy(page, () => page.click('main a[href="/operatori/persone/nuova"]'));
    await expectAccessible(page, 'new person form');

    // Nothing filled in: the form comes back with a summary that links to the fields.
    const empty = await submit('main form button.btn-primary');
    expect(empty.status()).toBe(422);
    expect(await page.locator('#error-summary a[href="#familyNames"]').count()).toBe(1);
    await expectAccessible(page, 'new person form with errors');

    // A tax code that says "male" for a woman: a warning and a reason, not a refusal.
    await fillPerson({ familyNames: 'Brambilla', givenNames: 'Giuseppina', birthYear: '1950' });
    await page.click('label[for="sex-F"]');
    await page.fill('#taxCode', 'RSSMRA85T10A562S');
    const warned = await submit('main form button.btn-primary');
    expect(warned.status()).toBe(422);
    expect(await page.locator('#mismatch').innerText()).toContain('sesso');
    await expectAccessible(page, 'new person form with a tax code mismatch');
    await page.fill('#taxCode', '');
    const saved = await submit('main form button.btn-primary');
    expect(saved.status()).toBe(200);
    giuseppina = path().split('/').pop() ?? '';
    expect(await page.locator('h1').innerText()).toBe('Brambilla Giuseppina');
    await expectAccessible(page, 'person file');

    await go(page, '/operatori/persone/nuova');
    await fillPerson({ familyNames: 'Ferrario', givenNames: 'Marco', birthYear: '1982', phone: '333 765 4321' });
    await page.selectOption('#contactPreference', 'do_not_contact');
    await submit('main form button.btn-primary');
    marco = path().split('/').pop() ?? '';
    expect(await page.locator('#non-contattare').innerText()).toContain('NON CONTATTARE');
    await expectAccessible(page, 'person file, do not contact');

    // The same woman typed again with a slip: proposed as a duplicate, with the reason.
    await go(page, '/operatori/persone/nuova');
    await fillPerson({ familyNames: 'Brambila', givenNames: 'Giuseppina', birthYear: '1950' });
    const dup = await submit('main form button.btn-primary');
    expect(dup.status()).toBe(409);
    expect(await page.locator('main section.alert-warning').innerText()).toContain('nome simile');
    await expectAccessible(page, 'new person form with duplicate candidates');
  });

  it('finds a person by a misspelled surname and opens the file', async () => {
    await go(page, '/operatori/persone');
    await page.fill('#q', 'Bramilla');
    await submit();
    expect(path()).toBe('/operatori/persone/cerca');
    const link = page.locator(`main table a[href="/operatori/persone/${giuseppina}"]`);
    expect(await link.innerText()).toBe('Brambilla Giuseppina');
    await expectAccessible(page, 'search results');
    await navigateBy(page, () => link.click());
    expect(path()).toBe(`/operatori/persone/${giuseppina}`);

    await go(page, '/operatori/persone');
    await page.fill('#q', 'Nessuno Maiesistito');
    await submit();
    expect(await page.locator('main [role="status"]').innerText()).toContain('Nessuna persona trovata');
    await expectAccessible(page, 'search without results');
  });

  it('creates the household and adds the other person as a member', async () => {
    await go(page, `/operatori/persone/${giuseppina}`);
    await submit('#nucleo form button[type="submit"]');
    await navigateBy(page, () => page.click(`#nucleo a[href$="/nucleo/aggiungi"]`));
    await expectAccessible(page, 'add to household');
    await page.fill('#q', 'ferrario marco');
    await submit('main form[action$="/nucleo/cerca"] button');
    await expectAccessible(page, 'add to household, search results');
    await navigateBy(page, () => page.click(`main table a[href$="persona=${marco}"]`));
    expect(await page.locator('#chosen-title').innerText()).toContain('Ferrario Marco');
    await expectAccessible(page, 'add to household, person chosen');
    await page.selectOption('#relationship', 'child');
    await submit('main form[action$="/nucleo/componenti"] button');
    expect(path()).toBe(`/operatori/persone/${giuseppina}`);
    const members = page.locator('#nucleo table').first();
    expect(await members.innerText()).toContain('Ferrario Marco');
    expect(await members.innerText()).toContain('Figlio o figlia');
    await expectAccessible(page, 'person file with household');

    await navigateBy(page, () => page.click(`#nucleo a[href$="/nucleo/uscita/${marco}"]`));
    await expectAccessible(page, 'household leave form');
    await go(page, `/operatori/persone/${marco}`);
    expect(await page.locator('#nucleo').innerText()).toContain('Brambilla Giuseppina');
  });

  it('records the privacy notice from the person file', async () => {
    await go(page, `/operatori/persone/${giuseppina}`);
    expect(await page.locator('form[action$="/informativa"]').count()).toBe(1);
    await page.fill('#pn-noticeVersion', '2026-01');
    await page.selectOption('#pn-channel', 'in_person');
    await submit('form[action$="/informativa"] button[type="submit"]');
    expect(path()).toBe(`/operatori/persone/${giuseppina}`);
    const acks = await site.db
      .selectFrom('privacy_notice_ack')
      .select(['notice_version', 'channel'])
      .where('person_id', '=', giuseppina)
      .execute();
    expect(acks).toEqual([{ notice_version: '2026-01', channel: 'in_person' }]);
    expect(await page.locator('main').innerText()).toContain('2026-01');
    await expectAccessible(page, 'person file with the privacy notice recorded');
  });

  it('keeps typed values when someone else saved first, and asks a reason for a confidential file', async () => {
    await go(page, `/operatori/persone/${marco}/modifica`);
    await expectAccessible(page, 'edit form');
    await page.fill('#email', 'marco@example.org');
    const colleague = await colleagueCtx();
    await updatePerson(colleague, marco, { givenNames: 'Marco', familyNames: 'Ferrario', version: 1 });
    const stale = await submit('main form button.btn-primary');
    expect(stale.status()).toBe(409);
    expect(await page.inputValue('#email')).toBe('marco@example.org');
    await expectAccessible(page, 'edit form after a conflict');

    const secret = await createPerson(colleague, {
      givenNames: 'Riservata',
      familyNames: 'Persona',
      confidential: true,
    });
    if (secret.kind !== 'saved') throw new Error(secret.kind);
    const closed = await go(page, `/operatori/persone/${secret.person.id}`);
    expect(closed.status()).toBe(403);
    await expectAccessible(page, 'confidential file, reason form');
    await page.fill('#reason', 'breve');
    expect((await submit()).status()).toBe(422);
    await expectAccessible(page, 'confidential file, reason too short');
    await page.fill('#reason', 'La persona è allo sportello e chiede aiuto');
    expect((await submit()).status()).toBe(200);
    expect(await page.locator('h1').innerText()).toContain('Persona Riservata');
  });
});
