import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { demoDirectoryWorld } from '../../../test/support/directory.ts';
import { buildOperator, type TestOperator } from '../../../test/support/factories.ts';
import { asSystem, type Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { linkPartnerUser } from '../referrals/index.ts';
import { validateAgainst } from './hsds.schemas.ts';

// Upkeep pages end to end over HTTP: organizations, new services, places/phones/hours, topic codes,
// partners' suggestions and their moderation; history rows, audit, HSDS validity, 409/422.
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let coordinator: TestOperator;
let partner: TestOperator;
let world: Awaited<ReturnType<typeof demoDirectoryWorld>>;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  world = await demoDirectoryWorld(db);
  coordinator = await buildOperator(db, world.tenant, 'coordinator');
  partner = await buildOperator(db, world.tenant, 'partner');
  app = await buildTestApp(db);
}, 120_000);

const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';
const history = (id: string) =>
  db
    .selectFrom('hsds_metadata')
    .select('data')
    .where('resource_id', '=', id)
    .execute()
    .then((r) => r.map((x) => x.data as Record<string, string>));
const audit = (userId: string) =>
  db
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'record_id', 'details'])
    .where('actor_user_id', '=', userId)
    .orderBy('occurred_at')
    .execute();

async function signedIn(op: TestOperator) {
  const b = new Browser(app);
  await b.login(op.username, op.password);
  return b;
}

describe('directory upkeep pages', () => {
  let orgId: string;
  let serviceId: string;

  it('creates an organization (422 without its description, nothing written) and edits it', async () => {
    const b = await signedIn(coordinator);
    const url = '/operatori/organizzazioni/nuova';
    const bad = await b.submit(url, url, { version: '0', 'org-name': 'Associazione Il Ponte', 'org-website': 'ponte' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="error-summary"');
    expect(bad.body).toContain('aria-describedby="org-description-error"');
    expect(bad.body).toContain('aria-describedby="org-website-hint org-website-error"');
    const made = await b.submit(url, url, {
      version: '0',
      'org-name': 'Associazione Il Ponte',
      'org-description': 'Associazione di volontariato del quartiere San Rocco (dato dimostrativo).',
      'org-website': 'https://ponte.example.org',
    });
    expect(made.statusCode).toBe(303);
    orgId = /organizzazioni\/([0-9a-f-]{36})\/modifica/.exec(made.headers.location as string)?.[1] ?? '';
    const edit = await b.get(`/operatori/organizzazioni/${orgId}/modifica`);
    const form = {
      version: version(edit.body),
      'org-name': 'Associazione Il Ponte ODV',
      'org-description': 'Associazione di volontariato del quartiere San Rocco (dato dimostrativo).',
      'org-website': 'https://ponte.example.org',
    };
    expect(
      (
        await b.submit(
          `/operatori/organizzazioni/${orgId}/modifica`,
          `/operatori/organizzazioni/${orgId}/modifica`,
          form,
        )
      ).statusCode,
    ).toBe(303);
    const stale = await b.post(`/operatori/organizzazioni/${orgId}/modifica`, form);
    expect([403, 409]).toContain(stale.statusCode); // the CSRF token was consumed or the version is stale
    const staleWithToken = await b.submit(
      `/operatori/organizzazioni/${orgId}/modifica`,
      `/operatori/organizzazioni/${orgId}/modifica`,
      { ...form, 'org-name': 'Altro nome' },
    );
    expect(staleWithToken.statusCode).toBe(409);
    const fields = (await history(orgId)).map((h) => `${h.last_action_type}:${h.field_name}`);
    expect(fields).toEqual(expect.arrayContaining(['create:name', 'create:description', 'update:name']));
    const hsds = await app.inject({ method: 'GET', url: `/hsds/organizations/${orgId}` });
    expect(hsds.statusCode).toBe(200);
    expect(validateAgainst('organization', hsds.json())).toEqual([]);
  });

  it('creates a service of that organization (422 without one), then adds a place, a phone and hours', async () => {
    const b = await signedIn(coordinator);
    const url = '/operatori/servizi/nuovo';
    const bad = await b.submit(url, url, { 'svc-organization': '', 'svc-name': 'Doposcuola' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('aria-describedby="svc-organization-hint svc-organization-error"');
    const made = await b.submit(url, url, {
      'svc-organization': orgId,
      'svc-name': 'Doposcuola solidale',
      'svc-description': 'Aiuto nei compiti per ragazzi delle medie.',
    });
    expect(made.statusCode).toBe(303);
    serviceId = /servizi\/([0-9a-f-]{36})\/modifica/.exec(made.headers.location as string)?.[1] ?? '';
    const placesUrl = `/operatori/servizi/${serviceId}/sedi-orari`;
    const page = await b.get(placesUrl);
    expect(page.statusCode).toBe(200);
    const v = version(page.body);
    const rows = {
      version: v,
      'loc-0-id': '',
      'loc-0-name': 'Oratorio San Rocco',
      'loc-0-address': 'Via Esempio 1',
      'loc-0-postal': '20900',
      'loc-0-city': 'Monza',
      'loc-0-province': 'mb',
      'phone-0-id': '',
      'phone-0-number': '039 000 9999',
      'phone-0-description': 'Segreteria',
      'hours-0-id': '',
      'hours-0-days': 'WE',
      'hours-0-opens': '14:30',
      'hours-0-closes': '17:00',
    };
    const badHours = await b.submit(placesUrl, placesUrl, {
      ...rows,
      'hours-0-closes': '13:00',
      'phone-0-number': 'x',
    });
    expect(badHours.statusCode).toBe(422);
    expect(badHours.body).toContain('aria-describedby="hours-0-closes-error"');
    expect(badHours.body).toContain('href="#phone-0-number"');
    expect(await db.selectFrom('hsds_phone').select('id').where('service_id', '=', serviceId).execute()).toEqual([]);
    const saved = await b.submit(placesUrl, placesUrl, rows);
    expect(saved.statusCode).toBe(303);
    const stale = await b.submit(placesUrl, placesUrl, { ...rows, 'phone-0-number': '039 111 1111' });
    expect(stale.statusCode).toBe(409);
    const pub = await app.inject({ method: 'GET', url: `/servizi/${serviceId}` });
    expect(pub.body).toContain('039 000 9999');
    expect(pub.body).toContain('Via Esempio 1');
    expect(pub.body).toContain('14:30');
    const hsds = await app.inject({ method: 'GET', url: `/hsds/services/${serviceId}` });
    expect(hsds.statusCode).toBe(200);
    expect(validateAgainst('service', hsds.json())).toEqual([]);
    expect(hsds.json()).toMatchObject({
      phones: [{ number: '039 000 9999' }],
      schedules: [{ byday: 'WE', opens_at: '14:30:00', closes_at: '17:00:00', freq: 'WEEKLY' }],
    });
    const fields = (await history(serviceId)).map((h) => h.field_name);
    expect(fields).toEqual(expect.arrayContaining(['name', 'locations', 'phones', 'schedules']));
    const events = (await audit(coordinator.userId)).filter((e) => e.record_id === serviceId);
    expect(events.map((e) => (e.details as { op: string }).op)).toEqual(['create', 'places']);
  });

  it('removes and edits rows; a removed place is only unlinked', async () => {
    const b = await signedIn(coordinator);
    const placesUrl = `/operatori/servizi/${serviceId}/sedi-orari`;
    // A monthly rule (as an import may bring) is neither shown nor touched by the weekly form.
    const monthly = newId();
    await asSystem(db, (trx) =>
      trx
        .insertInto('hsds_schedule')
        .values({
          id: monthly,
          tenant_id: world.tenant.id,
          service_id: serviceId,
          data: JSON.stringify({ freq: 'MONTHLY', byday: '1MO', opens_at: '10:00', closes_at: '11:00' }),
        })
        .execute(),
    );
    const page = await b.get(placesUrl);
    expect(page.body).not.toContain(monthly);
    const id = (name: string) => new RegExp(`name="${name}" value="([0-9a-f-]{36})"`).exec(page.body)?.[1] ?? '';
    const res = await b.submit(placesUrl, placesUrl, {
      version: version(page.body),
      'loc-0-id': id('loc-0-id'),
      'loc-0-remove': '1',
      'loc-0-address': 'Via Esempio 1',
      'loc-0-postal': '20900',
      'loc-0-city': 'Monza',
      'loc-0-province': 'MB',
      'phone-0-id': id('phone-0-id'),
      'phone-0-number': '039 000 8888',
      'hours-0-id': id('hours-0-id'),
      'hours-0-remove': '1',
      'hours-0-days': 'WE',
      'hours-0-opens': '14:30',
      'hours-0-closes': '17:00',
    });
    expect(res.statusCode).toBe(303);
    expect(
      await db.selectFrom('hsds_service_at_location').select('id').where('service_id', '=', serviceId).execute(),
    ).toEqual([]);
    expect(await db.selectFrom('hsds_location').select('id').where('id', '=', id('loc-0-id')).execute()).toHaveLength(
      1,
    );
    expect(await db.selectFrom('hsds_schedule').select('id').where('service_id', '=', serviceId).execute()).toEqual([
      { id: monthly },
    ]);
    const phones = await db.selectFrom('hsds_phone').select('data').where('service_id', '=', serviceId).execute();
    expect(phones.map((p) => (p.data as { number: string }).number)).toEqual(['039 000 8888']);
  });

  it('puts the topic code in the booking link (demo: the secretariat is booked as a first meeting)', async () => {
    const seeded = await db
      .selectFrom('hsds_service')
      .select(['id', 'appointment_topic_code'])
      .where(({ ref }) => ref('data', '->>').key('name' as never), '=', 'Segretariato Sociale')
      .executeTakeFirstOrThrow();
    expect(seeded.appointment_topic_code).toBe('primo-colloquio');
    const seededPage = await app.inject({ method: 'GET', url: `/servizi/${seeded.id}` });
    expect(seededPage.body).toMatch(/href="\/prenota\?ufficio=[0-9a-f-]{36}&amp;argomento=primo-colloquio"/);
    const b = await signedIn(coordinator);
    const url = `/operatori/servizi/${serviceId}/modifica`;
    const page = await b.get(url);
    const form = {
      version: version(page.body),
      'it.name': 'Doposcuola solidale',
      status: 'active',
      topic: 'Non Valido!',
    };
    const bad = await b.submit(url, url, form);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('aria-describedby="topic-hint topic-error"');
    expect((await b.submit(url, url, { ...form, topic: 'informazioni' })).statusCode).toBe(303);
    await asSystem(db, (trx) =>
      trx
        .insertInto('directory_service_office')
        .values({ tenant_id: world.tenant.id, service_id: serviceId, office_id: world.sanRocco.id, position: 0 })
        .execute(),
    );
    const pub = await app.inject({ method: 'GET', url: `/servizi/${serviceId}` });
    expect(pub.body).toContain(`href="/prenota?ufficio=${world.sanRocco.id}&amp;argomento=informazioni"`);
  });

  it('moderates a partner suggestion: reject needs a reason; accept applies it as the moderator’s edit', async () => {
    await asSystem(db, (trx) => linkPartnerUser(trx, world.tenant.id, partner.userId, orgId));
    const p = await signedIn(partner);
    const home = await p.get('/partner');
    expect(home.body).toContain('href="/partner/servizi"');
    const url = `/partner/servizi/${serviceId}/proposta`;
    const sent = await p.submit(url, url, {
      'sug-description': 'Aiuto nei compiti per ragazzi delle medie e delle superiori.',
      'sug-phone': '039 000 7777',
      'sug-hours-0-id': '',
      'sug-hours-0-days': 'TU',
      'sug-hours-0-opens': '15:00',
      'sug-hours-0-closes': '18:00',
    });
    expect(sent.statusCode).toBe(303);
    const second = await p.submit(url, url, { 'sug-note': 'Chiusi ad agosto.' });
    expect(second.statusCode).toBe(303);
    const [first, other] = await db
      .selectFrom('directory_suggestion')
      .selectAll()
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(first?.proposed).toMatchObject({
      phone: '039 000 7777',
      hours: [{ byday: 'TU', opens: '15:00', closes: '18:00' }],
    });

    const c = await signedIn(coordinator);
    const queue = await c.get('/operatori/servizi/proposte');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`/operatori/servizi/proposte/${first?.id}`);
    const hub = await c.get('/operatori/servizi/gestione');
    expect(hub.body).toContain('2 da esaminare');
    const reviewUrl = `/operatori/servizi/proposte/${other?.id}`;
    const noReason = await c.submit(reviewUrl, reviewUrl, { version: '1', decision: 'reject', reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('aria-describedby="sug-reason-hint sug-reason-error"');
    expect(
      (
        await c.submit(reviewUrl, reviewUrl, {
          version: '1',
          decision: 'reject',
          reason: 'Indicatelo nella descrizione.',
        })
      ).statusCode,
    ).toBe(303);
    const acceptUrl = `/operatori/servizi/proposte/${first?.id}`;
    const review = await c.get(acceptUrl);
    expect(review.body).toContain('039 000 7777');
    expect((await c.submit(acceptUrl, acceptUrl, { version: '1', decision: 'accept' })).statusCode).toBe(303);
    expect((await c.submit(acceptUrl, acceptUrl, { version: '1', decision: 'accept' })).statusCode).toBe(409);

    const hsds = await app.inject({ method: 'GET', url: `/hsds/services/${serviceId}` });
    expect(validateAgainst('service', hsds.json())).toEqual([]);
    expect(hsds.json()).toMatchObject({
      description: 'Aiuto nei compiti per ragazzi delle medie e delle superiori.',
      phones: [{ number: '039 000 7777' }],
      // The weekly hours are replaced; the monthly rule added above stays.
      schedules: expect.arrayContaining([
        expect.objectContaining({ byday: 'TU', opens_at: '15:00:00', closes_at: '18:00:00' }),
        expect.objectContaining({ freq: 'MONTHLY', byday: '1MO' }),
      ]),
    });
    expect(hsds.json().schedules).toHaveLength(2);
    const rows = (await history(serviceId)).filter((h) => h.last_action_type === 'update from partner suggestion');
    expect(rows.map((r) => r.field_name).sort()).toEqual(['description', 'phones', 'schedules']);
    expect(rows.every((r) => r.updated_by === coordinator.userId)).toBe(true);
    const decided = await db
      .selectFrom('directory_suggestion')
      .select(['status', 'created_by', 'decided_by'])
      .where('id', '=', first?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(decided).toEqual({ status: 'accepted', created_by: partner.userId, decided_by: coordinator.userId });
    const status = await p.get('/partner/servizi');
    expect(status.body).toContain('data-status="accepted"');
    expect(status.body).toContain('data-status="rejected"');
    expect(status.body).toContain('Indicatelo nella descrizione.');
    const ops = (await audit(coordinator.userId)).map((e) => (e.details as { op?: string }).op);
    expect(ops).toEqual(expect.arrayContaining(['suggestion.accept', 'suggestion.reject']));
  });

  it('refuses every upkeep page to a social worker and a partner (403, audited denied)', async () => {
    const worker = await buildOperator(db, world.tenant, 'social_worker');
    for (const op of [worker, partner]) {
      const b = await signedIn(op);
      for (const url of [
        '/operatori/servizi/gestione',
        '/operatori/servizi/nuovo',
        '/operatori/organizzazioni',
        `/operatori/organizzazioni/${orgId}/modifica`,
        `/operatori/servizi/${serviceId}/sedi-orari`,
        '/operatori/servizi/proposte',
      ])
        expect((await b.get(url)).statusCode, url).toBe(403);
      const denied = (await audit(op.userId)).filter((e) => e.action === 'directory.manage');
      expect(denied.length).toBeGreaterThanOrEqual(6);
      expect(denied.every((e) => e.outcome === 'denied')).toBe(true);
    }
  });

  it('speaks English when the operator chose English', async () => {
    const b = await signedIn(coordinator);
    await b.get('/lingua/en?torna=%2F');
    const places = await b.get(`/operatori/servizi/${serviceId}/sedi-orari`);
    expect(places.body).toContain('<html lang="en"');
    expect(places.body).toContain('Places, phones and hours');
    expect(places.body).toContain('Opening hours');
    const queue = await b.get('/operatori/servizi/proposte');
    expect(queue.body).toContain('Partners’ suggested changes');
    const p = await signedIn(partner);
    await p.get('/lingua/en?torna=%2F');
    const form = await p.get(`/partner/servizi/${serviceId}/proposta`);
    expect(form.body).toContain('Suggest a change');
    expect(form.body).toContain('Monday');
  });
});
