import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  buildToken,
  operatorCtx,
  type TestOffice,
  type TestOperator,
  type TestTenant,
} from '../../../test/support/factories.ts';
import { buildDirectoryService } from '../../../test/support/outcome-services.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { accessWorld } from './access.fixture.ts';
import { buildAccess } from './interview.fixture.ts';
import { recordOutcome } from './outcome.service.ts';

// Issue 4: an information or orientation outcome may name a service of the network directory.
describe('outcome → directory service (service)', () => {
  let db: Db;
  let tenant: TestTenant;
  let office: TestOffice;
  let sw: TestOperator;
  let fo: TestOperator;
  let mine: string;
  let closed: string;
  let foreign: string;

  beforeAll(async () => {
    ({ db } = await freshDatabase());
    tenant = await buildTenant(db);
    office = await buildOffice(db, tenant);
    sw = await buildOperator(db, tenant, 'social_worker');
    fo = await buildOperator(db, tenant, 'front_office');
    mine = await buildDirectoryService(db, tenant.id, 'Emporio solidale');
    closed = await buildDirectoryService(db, tenant.id, 'Vecchio sportello', 'defunct');
    const other = await buildTenant(db);
    foreign = await buildDirectoryService(db, other.id, 'Servizio di un altro comune');
  });

  const outcomesOf = (requestId: string) =>
    db.selectFrom('outcome').select(['kind', 'service_id']).where('request_id', '=', requestId).execute();

  it('stores the service of an information outcome and names its id in the audit details', async () => {
    const { accessId, requestIds } = await buildAccess(db, tenant, office, fo);
    const req = requestIds[0] as string;
    const r = await recordOutcome(operatorCtx(db, fo, undefined, [office.id]), accessId, req, {
      kind: 'information',
      serviceId: mine,
    });
    expect(r).toMatchObject({ kind: 'recorded', outcome: { serviceId: mine } });
    expect(await outcomesOf(req)).toEqual([{ kind: 'information', service_id: mine }]);
    const event = await db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'outcome.record')
      .where('record_id', '=', req)
      .executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ kind: 'information', serviceId: mine });
  });

  it.each([
    ['of another tenant', () => foreign],
    ['unknown', () => newId()],
    ['defunct', () => closed],
    ['not an id', () => 'emporio'],
  ])('refuses a service %s: invalid on /serviceId, nothing written', async (_label, service) => {
    const { accessId, requestIds } = await buildAccess(db, tenant, office, fo);
    const req = requestIds[0] as string;
    const r = await recordOutcome(operatorCtx(db, sw, undefined, [office.id]), accessId, req, {
      kind: 'orientation',
      serviceId: service(),
    });
    expect(r).toEqual({ kind: 'invalid', errors: [{ field: '/serviceId', code: 'unknownService' }] });
    expect(await outcomesOf(req)).toEqual([]);
  });

  it('refuses a service on a referral outcome, writing nothing; the database refuses it too', async () => {
    const { accessId, requestIds } = await buildAccess(db, tenant, office, fo);
    const req = requestIds[0] as string;
    const r = await recordOutcome(operatorCtx(db, sw, undefined, [office.id]), accessId, req, {
      kind: 'referral',
      serviceId: mine,
    });
    expect(r).toEqual({ kind: 'invalid', errors: [{ field: '/serviceId', code: 'serviceNotForKind' }] });
    expect(await outcomesOf(req)).toEqual([]);
    const row = (kind: string, serviceId: string) => ({
      id: newId(),
      tenant_id: tenant.id,
      request_id: req,
      kind,
      service_id: serviceId,
      recorded_by: sw.userId,
      recorded_at: new Date(),
    });
    await expect(db.insertInto('outcome').values(row('referral', mine)).execute()).rejects.toMatchObject({
      constraint: 'outcome_service_kind',
    });
    await expect(db.insertInto('outcome').values(row('information', foreign)).execute()).rejects.toMatchObject({
      constraint: 'outcome_service_fk',
    });
  });
});

describe('outcome → directory service (access page)', () => {
  let world: Awaited<ReturnType<typeof accessWorld>>;
  let app: Awaited<ReturnType<typeof buildTestApp>>;
  let service: string;
  const NEW = '/operatori/accessi/nuovo';

  beforeAll(async () => {
    world = await accessWorld();
    service = await buildDirectoryService(world.db, world.tenant.id, 'Sportello Affitto Monza');
    await buildDirectoryService(world.db, world.tenant.id, 'Servizio chiuso', 'inactive');
    app = await buildTestApp(world.db);
  });

  /** Registers an anonymous walk-in through the quick capture page; its access page and first request. */
  async function newAccess(b: Browser) {
    const saved = await b.submit(NEW, NEW, {
      officeId: world.office.id,
      channel: 'walk_in',
      presentedBy: 'person',
      referrer: 'self',
      q: '',
      who: 'anonymous',
      needAreaId: world.area.housing ?? '',
      reason: 'Cerca aiuto per l’affitto',
      urgency: 'ordinary',
      urgencyReason: '',
      action: 'save',
    });
    const id = /\/operatori\/accessi\/([0-9a-f-]{36})/.exec(String(saved.headers.location))?.[1] ?? '';
    const page = await b.get(`/operatori/accessi/${id}`);
    const requestId = /\/richieste\/([0-9a-f-]{36})\/esiti/.exec(page.body)?.[1] ?? '';
    return { id, page, requestId };
  }

  it('lists the active services in a labelled select and shows the recorded outcome linked to /servizi/<id>', async () => {
    const b = new Browser(app);
    await b.login(world.desk.username, world.desk.password);
    const { id, page, requestId } = await newAccess(b);
    expect(page.body).toContain(`<label for="serviceId-${requestId}">Servizio della rete (facoltativo)</label>`);
    expect(page.body).toContain(`<option value="${service}">Sportello Affitto Monza</option>`);
    expect(page.body).not.toContain('Servizio chiuso');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const url = `/operatori/accessi/${id}/richieste/${requestId}/esiti`;

    const bad = await b.post(url, { _csrf: csrf, kind: 'information', serviceId: newId() });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain(`href="#serviceId-${requestId}"`);
    expect(bad.body).toContain('Scegli un servizio dell’elenco.');
    const wrongKind = await b.post(url, {
      _csrf: csrf,
      kind: 'closed_no_action',
      reasonCode: 'unreachable',
      serviceId: service,
    });
    expect(wrongKind.statusCode).toBe(422);
    expect(wrongKind.body).toContain('Un servizio si indica solo per “informazione” e “orientamento”.');

    const ok = await b.post(url, { _csrf: csrf, kind: 'information', detail: '', reasonCode: '', serviceId: service });
    expect(ok.statusCode).toBe(303);
    const shown = await b.get(String(ok.headers.location));
    expect(shown.body).toContain(`<a href="/servizi/${service}">Sportello Affitto Monza</a>`);
  });

  it('API: takes serviceId on information, answers 422 on /serviceId for an unknown one, lists it on the access', async () => {
    const b = new Browser(app);
    await b.login(world.desk.username, world.desk.password);
    const { id: accessId, requestId } = await newAccess(b);
    const token = await buildToken(world.db, world.desk);
    const post = (body: object) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/accesses/${accessId}/requests/${requestId}/outcomes`,
        headers: { authorization: `Bearer ${token}` },
        payload: body,
      });
    const unknown = await post({ kind: 'information', serviceId: newId() });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([{ pointer: '/serviceId', detail: 'unknownService' }]);
    const badId = await post({ kind: 'information', serviceId: 'emporio' });
    expect(badId.statusCode).toBe(422);
    expect(JSON.stringify(badId.json())).toContain('serviceId');
    const ok = await post({ kind: 'orientation', serviceId: service });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'orientation', serviceId: service });
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/accesses/${accessId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.json().requests[0].outcomes).toMatchObject([
      { kind: 'orientation', serviceId: service, serviceName: 'Sportello Affitto Monza' },
    ]);
  });
});
