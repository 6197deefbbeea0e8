import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { buildOperator, type TestOperator } from '../../../test/support/factories.ts';
import { accessWorld } from './access.fixture.ts';
import { seedDemoQuestionnaire } from './questionnaire.service.ts';

let world: Awaited<ReturnType<typeof accessWorld>>;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let worker: TestOperator;
let coordinator: TestOperator;
const NEW = '/operatori/accessi/nuovo';

beforeAll(async () => {
  world = await accessWorld();
  await seedDemoQuestionnaire(world.db);
  worker = await buildOperator(world.db, world.tenant, 'social_worker', { offices: [world.office] });
  coordinator = await buildOperator(world.db, world.tenant, 'coordinator', { offices: [world.office] });
  app = await buildTestApp(world.db);
});

async function signedIn(op: TestOperator) {
  const b = new Browser(app);
  await b.login(op.username, op.password);
  return b;
}

const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const hidden = (body: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(body)?.[1] ?? '';

/** A walk-in registered at the desk (anonymous); its id. */
async function walkIn(): Promise<string> {
  const desk = await signedIn(world.desk);
  const res = await desk.submit(NEW, NEW, {
    officeId: world.office.id,
    channel: 'walk_in',
    presentedBy: 'person',
    referrer: 'self',
    who: 'anonymous',
    needAreaId: world.area.housing ?? '',
    reason: 'Sfratto',
    urgency: 'ordinary',
    action: 'save',
  });
  return /\/operatori\/accessi\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1] ?? '';
}

describe('interview pages', () => {
  it('starts an interview, shows conditional questions after an update, reports errors (422), then saves', async () => {
    const id = await walkIn();
    const b = await signedIn(worker);
    const accessPage = await b.get(`/operatori/accessi/${id}`);
    expect(accessPage.body).toContain(`action="/operatori/accessi/${id}/colloquio/avvia"`);
    const started = await b.post(`/operatori/accessi/${id}/colloquio/avvia`, { _csrf: csrfOf(accessPage.body) });
    expect(started.statusCode).toBe(303);
    const status = await world.db.selectFrom('access').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(status.status).toBe('in_interview');

    const form = await b.get(`/operatori/accessi/${id}/colloquio`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Colloquio di segretariato sociale');
    expect(form.body).toContain('id="q-vive_con"');
    expect(form.body).not.toContain('id="q-minori_in_casa"');
    expect(form.body).toContain('id="summary"');
    const common = {
      _csrf: csrfOf(form.body),
      startedAt: hidden(form.body, 'startedAt'),
      questionnaireVersionId: hidden(form.body, 'questionnaireVersionId'),
      kind: 'immediate',
    };
    const url = `/operatori/accessi/${id}/colloquio`;

    const refreshed = await b.post(url, { ...common, a_vive_con: 'famiglia', action: 'refresh' });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.body).toContain('id="q-minori_in_casa"');
    expect(refreshed.body).not.toContain('id="q-numero_minori"');
    expect(refreshed.body).toMatch(/id="q-vive_con-famiglia"[^>]*checked/);

    const invalid = await b.post(url, {
      ...common,
      a_vive_con: 'famiglia',
      a_minori_in_casa: 'yes',
      a_numero_minori: 'due',
      durationMinutes: '30',
      action: 'save',
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('Ci sono errori nel modulo');
    expect(invalid.body).toContain('href="#help-yes"');
    expect(invalid.body).toContain('href="#q-numero_minori"');
    expect(invalid.body).toContain('href="#q-bisogno_descrizione"');
    expect(invalid.body).toMatch(/id="q-numero_minori"[^>]*aria-describedby="q-numero_minori-error"/);
    expect(invalid.body).toContain('value="due"');
    expect(await world.db.selectFrom('interview').select('id').where('access_id', '=', id).execute()).toHaveLength(0);

    const saved = await b.post(url, {
      ...common,
      a_vive_con: 'famiglia',
      a_minori_in_casa: 'yes',
      a_numero_minori: '2',
      a_reddito: 'lavoro',
      a_bisogno_descrizione: 'Sfratto tra un mese',
      durationMinutes: '40',
      help: 'yes',
      summary: 'Nota riservata di prova',
      action: 'save',
    });
    expect(saved.statusCode).toBe(303);
    const row = await world.db
      .selectFrom('interview as i')
      .innerJoin('questionnaire_version as q', 'q.id', 'i.questionnaire_version_id')
      .select(['i.answers', 'i.duration_minutes', 'i.confidential_summary', 'q.version'])
      .where('i.access_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.answers).toEqual({
      vive_con: 'famiglia',
      minori_in_casa: true,
      numero_minori: 2,
      reddito: ['lavoro'],
      bisogno_descrizione: 'Sfratto tra un mese',
    });
    expect(row.duration_minutes).toBe(40);
    expect(row.version).toBe(1);
    const view = await b.get(String(saved.headers.location));
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Colloquio registrato.');
    expect(view.body).toContain('Con la famiglia');
    expect(view.body).toContain('Nota riservata di prova');
    expect(view.body).toContain('40 minuti');
  });

  it('drops the answer to a question hidden by a changed answer', async () => {
    const id = await walkIn();
    const b = await signedIn(worker);
    const form = await b.get(`/operatori/accessi/${id}/colloquio`);
    const saved = await b.post(`/operatori/accessi/${id}/colloquio`, {
      _csrf: csrfOf(form.body),
      startedAt: hidden(form.body, 'startedAt'),
      questionnaireVersionId: hidden(form.body, 'questionnaireVersionId'),
      kind: 'booked',
      a_vive_con: 'solo',
      a_minori_in_casa: 'yes',
      a_bisogno_descrizione: 'Solitudine',
      help: 'no',
      action: 'save',
    });
    expect(saved.statusCode).toBe(303);
    const row = await world.db
      .selectFrom('interview')
      .select(['answers', 'kind'])
      .where('access_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.answers).toEqual({ vive_con: 'solo', bisogno_descrizione: 'Solitudine' });
    expect(row.kind).toBe('booked');
  });

  it('keeps the confidential summary from the coordinator and the front office, and the form from both', async () => {
    const id = await walkIn();
    const b = await signedIn(worker);
    const form = await b.get(`/operatori/accessi/${id}/colloquio`);
    await b.post(`/operatori/accessi/${id}/colloquio`, {
      _csrf: csrfOf(form.body),
      startedAt: hidden(form.body, 'startedAt'),
      questionnaireVersionId: hidden(form.body, 'questionnaireVersionId'),
      kind: 'immediate',
      a_vive_con: 'solo',
      a_bisogno_descrizione: 'Bollette',
      help: 'yes',
      summary: 'Segreto professionale',
      action: 'save',
    });
    for (const op of [coordinator, world.desk]) {
      const other = await signedIn(op);
      const access = await other.get(`/operatori/accessi/${id}`);
      expect(access.body).toContain(`href="/operatori/accessi/${id}/colloqui"`);
      expect(access.body).not.toContain('/colloquio/avvia');
      const list = await other.get(`/operatori/accessi/${id}/colloqui`);
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('Bollette');
      expect(list.body).not.toContain('Segreto professionale');
      expect(list.body).not.toContain('Sintesi professionale riservata');
      expect((await other.get(`/operatori/accessi/${id}/colloquio`)).statusCode).toBe(403);
    }
  });

  it('offers no save button once the access is closed, and a late save is refused (409)', async () => {
    const id = await walkIn();
    await world.db
      .updateTable('access')
      .set({ status: 'closed', closed_at: new Date() })
      .where('id', '=', id)
      .execute();
    const b = await signedIn(worker);
    const form = await b.get(`/operatori/accessi/${id}/colloquio`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('L’accesso è chiuso');
    expect(form.body).not.toContain('value="save"');
    const late = await b.post(`/operatori/accessi/${id}/colloquio`, {
      _csrf: csrfOf(form.body),
      startedAt: hidden(form.body, 'startedAt'),
      questionnaireVersionId: hidden(form.body, 'questionnaireVersionId'),
      kind: 'immediate',
      a_vive_con: 'solo',
      a_bisogno_descrizione: 'Tardi',
      help: 'no',
      action: 'save',
    });
    expect(late.statusCode).toBe(409);
  });
});
