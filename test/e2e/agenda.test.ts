import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishTestTaxonomy } from '../../src/modules/access/access.fixture.ts';
import {
  bookAppointment,
  insertTopic,
  listBookableOffices,
  saveOfficeBooking,
  saveSettings,
} from '../../src/modules/appointments/index.ts';
import { freeSlotsBetween, windowOf } from '../../src/modules/appointments/slots.service.ts';
import { systemClock } from '../../src/platform/context.ts';
import { asSystem, withTenant } from '../../src/platform/db/database.ts';
import { buildOperator, operatorCtx, type TestOperator } from '../support/factories.ts';
import { savePerson } from '../support/people.ts';
import { expectAccessible, go, type Launched, launch, navigateBy } from './browser.ts';
import { type Site, signIn, startSite } from './site.ts';

let site: Site;
let browser: Launched;
let page: Page;
let admin: TestOperator;
let personId: string;
let booking: { id: string; code: string; day: string };

/** Free start times of the central office from today on (the real clock: the site runs on it). */
async function freeTimes() {
  const office = (await listBookableOffices(site.db, site.tenant.id)).find((o) => o.id === site.offices[0]?.id);
  if (!office) throw new Error('office not bookable');
  const today = new Date().toISOString().slice(0, 10);
  return withTenant(site.db, site.tenant.id, async (trx) =>
    freeSlotsBetween(
      trx,
      site.tenant.id,
      office,
      today,
      '2099-12-31',
      1,
      await windowOf(trx, site.tenant.id, new Date()),
    ),
  );
}

beforeAll(async () => {
  site = await startSite();
  const central = site.offices[0];
  if (!central) throw new Error('no office');
  await publishTestTaxonomy(site.db, site.tenant);
  await asSystem(site.db, async (trx) => {
    await saveSettings(trx, site.tenant.id, { patronDay: '06-24' });
    await saveOfficeBooking(trx, site.tenant.id, central.id, { capacity: 2 });
    await insertTopic(trx, site.tenant.id, {
      code: 'colloquio',
      it: 'Colloquio con l’assistente sociale',
      en: 'Meeting with a social worker',
      durationMinutes: 30,
      officeIds: [central.id],
    });
  });
  admin = await buildOperator(site.db, site.tenant, 'admin');
  const ctx = operatorCtx(
    site.db,
    site.worker,
    systemClock,
    site.offices.map((o) => o.id),
  );
  personId = (await savePerson(ctx, { givenNames: 'Marta', familyNames: 'Galbiati' })).id;
  const first = (await freeTimes())[0];
  if (!first) throw new Error('no free time');
  const r = await bookAppointment(ctx, {
    officeId: central.id,
    topicCode: 'colloquio',
    startsAt: first.startsAt,
    details: '',
    name: 'Marta Galbiati',
    phone: '039 123456',
    email: '',
    language: 'it',
    channel: 'desk',
    personId,
  });
  if (r.kind !== 'booked') throw new Error('not booked');
  booking = { id: r.appointment.id, code: r.appointment.code, day: first.day };
  browser = await launch({ baseURL: site.baseURL, blockPageScripts: true });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('operator agenda in a real browser', () => {
  it('checks in a booked person: the access is created and linked from the agenda', async () => {
    await signIn(page, site.worker);
    await go(page, `/operatori/agenda?ufficio=${site.offices[0]?.id}&giorno=${booking.day}`);
    await expectAccessible(page, 'agenda day');
    await page.selectOption(`#area-${booking.id}`, { label: 'Casa' });
    const response = await navigateBy(page, () => page.click(`button[aria-label="Presentato: ${booking.code}"]`));
    expect(response.status()).toBe(200);
    expect(await page.locator('.alert-success').textContent()).toContain('Presenza registrata');
    const link = page.locator(`a[aria-label="Apri l’accesso dell’appuntamento ${booking.code}"]`);
    expect(await link.count()).toBe(1);
    await expectAccessible(page, 'agenda after check-in');
    const row = await site.db
      .selectFrom('appointment')
      .select(['status', 'access_id'])
      .where('id', '=', booking.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('attended');
    const persons = await site.db
      .selectFrom('access_person')
      .select('person_id')
      .where('access_id', '=', row.access_id ?? '')
      .execute();
    expect(persons).toEqual([{ person_id: personId }]);
    await navigateBy(page, () => link.click());
    expect(new URL(page.url()).pathname).toBe(`/operatori/accessi/${row.access_id}`);
    await go(page, `/operatori/agenda/settimana?ufficio=${site.offices[0]?.id}&settimana=${booking.day}`);
    await expectAccessible(page, 'agenda week');
    await navigateBy(page, () => page.click('form[action="/esci"] button'));
  });

  it('an admin adds a closure: that day is no longer bookable', async () => {
    const times = await freeTimes();
    const day = times.find((t) => t.day !== booking.day)?.day;
    if (!day) throw new Error('no other free day');
    expect(times.some((t) => t.day === day)).toBe(true);
    await signIn(page, admin);
    await go(page, `/operatori/agenda/impostazioni?ufficio=${site.offices[0]?.id}`);
    await expectAccessible(page, 'agenda settings');
    await page.fill('#day', 'non una data');
    await navigateBy(page, () => page.click('button:has-text("Aggiungi") >> nth=0'));
    expect(await page.locator('#error-summary-title').count()).toBe(1);
    await expectAccessible(page, 'agenda settings with errors');
    await page.fill('#day', day);
    await page.fill('#note', 'Chiusura per formazione');
    const saved = await navigateBy(page, () => page.click('button:has-text("Aggiungi") >> nth=0'));
    expect(saved.status()).toBe(200);
    expect(await page.locator(`th[scope="row"]:has-text("${day}")`).count()).toBe(1);
    expect((await freeTimes()).some((t) => t.day === day)).toBe(false);
  });
});
