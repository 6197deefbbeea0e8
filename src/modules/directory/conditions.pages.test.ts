import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { demoDirectoryWorld } from '../../../test/support/directory.ts';
import { buildOperator, type TestOperator } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import { validateAgainst } from './hsds.schemas.ts';

// The "Requisiti, costi e lingue" page over HTTP: documents, cost options, languages, ages, target
// groups and offices; history rows, audit, HSDS validity, public page, 422 / 409 / 403.
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let coordinator: TestOperator;
let world: Awaited<ReturnType<typeof demoDirectoryWorld>>;
let serviceId: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  world = await demoDirectoryWorld(db);
  coordinator = await buildOperator(db, world.tenant, 'coordinator');
  app = await buildTestApp(db);
  const s = await db
    .selectFrom('hsds_service')
    .select('id')
    .where('tenant_id', '=', world.tenant.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  serviceId = s.id;
}, 120_000);

const url = () => `/operatori/servizi/${serviceId}/condizioni`;
const decode = (v: string) =>
  v
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The fields a browser would send from the page's form (one value per name: the last ticked box). */
function formFields(body: string): Record<string, string> {
  const form = /<form method="post"[^>]*condizioni[^>]*>([\s\S]*?)<\/form>/.exec(body)?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const [, attrs = ''] of form.matchAll(/<input([^>]*)>/g)) {
    const attr = (n: string) => new RegExp(`\\s${n}="([^"]*)"`).exec(attrs)?.[1];
    const name = attr('name');
    if (!name || name === '_csrf') continue;
    const type = attr('type') ?? 'text';
    if (type === 'checkbox' && !/\schecked(\s|=|\/|$)/.test(attrs)) continue;
    out[name] = decode(attr('value') ?? '');
  }
  return out;
}
const counts = async () => ({
  docs: (await db.selectFrom('hsds_required_document').select('id').where('service_id', '=', serviceId).execute())
    .length,
  costs: (await db.selectFrom('hsds_cost_option').select('id').where('service_id', '=', serviceId).execute()).length,
  metadata: (await db.selectFrom('hsds_metadata').select('id').where('resource_id', '=', serviceId).execute()).length,
  version: (await db.selectFrom('hsds_service').select('version').where('id', '=', serviceId).executeTakeFirstOrThrow())
    .version,
});

async function signedIn(op: TestOperator) {
  const b = new Browser(app);
  await b.login(op.username, op.password);
  return b;
}

describe('requirements, costs and languages page', () => {
  it('is linked from the service edit page and the upkeep hub', async () => {
    const b = await signedIn(coordinator);
    expect((await b.get(`/operatori/servizi/${serviceId}/modifica`)).body).toContain(`href="${url()}"`);
    expect((await b.get('/operatori/servizi/gestione')).body).toContain('Requisiti, costi e lingue');
  });

  it('adds a document and a cost option, sets ages, a language, a group and an office: shown publicly', async () => {
    const b = await signedIn(coordinator);
    const page = await b.get(url());
    expect(page.statusCode).toBe(200);
    const fields = formFields(page.body);
    const before = await counts();
    const newDoc = `doc-${before.docs}`;
    const newCost = `cost-${before.costs}`;
    const saved = await b.submit(url(), url(), {
      ...fields,
      [`${newDoc}-document`]: 'Certificazione ISEE in corso di validità',
      [`${newDoc}-documentEn`]: 'Valid ISEE certificate',
      [`${newCost}-optionEn`]: 'Yearly membership fee',
      [`${newCost}-option`]: 'Quota di iscrizione annuale',
      [`${newCost}-amount`]: '30',
      [`${newCost}-description`]: 'Ridotta per chi ha ISEE sotto 10.000 euro',
      minAge: '17',
      maxAge: '64',
      languages: 'uk',
      targetGroups: 'carers',
      offices: world.sanRocco.id,
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${url()}?salvato=1`);
    const after = await counts();
    expect(after.docs).toBe(before.docs + 1);
    expect(after.costs).toBe(before.costs + 1);
    expect(after.version).toBe(before.version + 1);

    const pub = await app.inject({ method: 'GET', url: `/servizi/${serviceId}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Certificazione ISEE in corso di validità');
    expect(pub.body).toContain('Quota di iscrizione annuale');
    expect(pub.body).toContain('30 EUR');
    expect(pub.body).toContain('Età: da 17 a 64 anni');
    expect(pub.body).toContain('San Rocco');
    const english = await app.inject({
      method: 'GET',
      url: `/servizi/${serviceId}`,
      headers: { 'accept-language': 'en' },
    });
    expect(english.body).toContain('Valid ISEE certificate');
    expect(english.body).toContain('Yearly membership fee');
    expect(english.body).toContain('Age: 17 to 64');

    const history = await db
      .selectFrom('hsds_metadata')
      .select('data')
      .where('resource_id', '=', serviceId)
      .execute()
      .then((r) => r.map((x) => (x.data as Record<string, string>).field_name));
    for (const f of ['required_documents', 'cost_options', 'minimum_age', 'maximum_age', 'languages'])
      expect(history).toContain(f);
    const event = await db
      .selectFrom('audit_event')
      .select(['details', 'outcome'])
      .where('actor_user_id', '=', coordinator.userId)
      .where('record_id', '=', serviceId)
      .orderBy('occurred_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ op: 'conditions' });
    expect(JSON.stringify(event.details)).not.toContain('ISEE');

    const hsds = await app.inject({ method: 'GET', url: `/hsds/services/${serviceId}` });
    expect(hsds.statusCode).toBe(200);
    expect(validateAgainst('service', hsds.json())).toEqual([]);
    const json = hsds.json();
    expect(json.minimum_age).toBe(17);
    expect(json.maximum_age).toBe(64);
    expect(json.cost_options).toContainEqual(
      expect.objectContaining({ option: 'Quota di iscrizione annuale', amount: 30, currency: 'EUR' }),
    );
    expect(json.languages.map((l: { code: string }) => l.code)).toContain('uk');

    // The form shows what was saved; ticking "Togli" removes the cost option again.
    const again = formFields((await b.get(url())).body);
    expect(again.minAge).toBe('17');
    expect(again.languages).toBe('uk');
    expect(again[`${newDoc}-documentEn`]).toBe('Valid ISEE certificate');
    const removed = await b.submit(url(), url(), { ...again, [`${newCost}-remove`]: '1' });
    expect(removed.statusCode).toBe(303);
    expect((await counts()).costs).toBe(before.costs);
  });

  it('refuses a negative age and a maximum below the minimum with 422, writing nothing', async () => {
    const b = await signedIn(coordinator);
    const fields = formFields((await b.get(url())).body);
    const before = await counts();
    const negative = await b.submit(url(), url(), {
      ...fields,
      [`doc-${before.docs}-document`]: 'Documento che non deve essere salvato',
      minAge: '-3',
    });
    expect(negative.statusCode).toBe(422);
    expect(negative.body).toContain('id="error-summary"');
    expect(negative.body).toContain('href="#minAge"');
    expect(negative.body).toContain('aria-describedby="minAge-error"');
    const order = await b.submit(url(), url(), { ...fields, minAge: '65', maxAge: '18' });
    expect(order.statusCode).toBe(422);
    expect(order.body).toContain('L’età massima non può essere minore dell’età minima.');
    expect(order.body).toContain('aria-describedby="maxAge-error"');
    expect(await counts()).toEqual(before);
  });

  it('reports a stale version with 409 and writes nothing', async () => {
    const b = await signedIn(coordinator);
    const fields = formFields((await b.get(url())).body);
    const before = await counts();
    const stale = await b.submit(url(), url(), {
      ...fields,
      version: String(before.version - 1),
      minAge: '20',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Qualcun altro ha salvato nel frattempo');
    expect(await counts()).toEqual(before);
  });

  it('refuses a social worker (403), audited as denied', async () => {
    const worker = await buildOperator(db, world.tenant, 'social_worker');
    const b = await signedIn(worker);
    expect((await b.get(url())).statusCode).toBe(403);
    const before = await counts();
    const post = await b.post(url(), { version: String(before.version), minAge: '1' });
    expect(post.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    const denied = await db
      .selectFrom('audit_event')
      .select('outcome')
      .where('actor_user_id', '=', worker.userId)
      .where('action', '=', 'directory.manage')
      .execute();
    expect(denied.map((d) => d.outcome)).toContain('denied');
  });
});
