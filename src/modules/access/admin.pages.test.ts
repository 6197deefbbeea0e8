import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { buildOperator, type TestOperator } from '../../../test/support/factories.ts';
import { accessWorld } from './access.fixture.ts';
import { DEMO_QUESTIONNAIRE } from './questionnaire.demo.ts';
import { seedDemoQuestionnaire } from './questionnaire.service.ts';

let world: Awaited<ReturnType<typeof accessWorld>>;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let admin: TestOperator;
const TAX = '/operatori/amministrazione/tassonomia';
const Q = '/operatori/amministrazione/questionari';

beforeAll(async () => {
  world = await accessWorld();
  await seedDemoQuestionnaire(world.db);
  admin = await buildOperator(world.db, world.tenant, 'admin');
  app = await buildTestApp(world.db);
});

async function signedIn(op: TestOperator) {
  const b = new Browser(app);
  await b.login(op.username, op.password);
  return b;
}

const textareaOf = (body: string, id: string) =>
  new RegExp(`<textarea id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(body)?.[1] ?? '';
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

describe('need taxonomy administration', () => {
  it('shows the current version and its areas as editable lines', async () => {
    const res = await (await signedIn(admin)).get(TAX);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Versione in vigore: 1');
    expect(res.body).toContain('<caption>Aree di bisogno della versione in vigore</caption>');
    expect(textareaOf(res.body, 'areas')).toContain('housing | poverty_exclusion |  | Casa | Housing');
  });

  it('reports bad lines with their numbers (422) and publishes nothing', async () => {
    const b = await signedIn(admin);
    const res = await b.submit(TAX, TAX, {
      areas: 'poverty_exclusion | | 3 | Povertà | Poverty\nhousing | nowhere | | Casa | Housing\nbroken line',
      note: '',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Riga 3: servono cinque campi');
    const second = await b.submit(TAX, TAX, {
      areas: 'poverty_exclusion | | 3 | Povertà | Poverty\nhousing | nowhere | | Casa | Housing\nwork | | 9 |  | Work',
      note: '',
    });
    expect(second.statusCode).toBe(422);
    expect(second.body).toContain('Riga 2, area superiore: l’area superiore non esiste');
    expect(second.body).toContain('Riga 3, area SIUSS: valore non valido');
    expect(second.body).toContain('Riga 3, etichetta italiana: manca o è vuoto');
    expect(second.body).toContain('href="#areas"');
    const versions = await world.db.selectFrom('need_taxonomy_version').select('version').execute();
    expect(versions).toHaveLength(1);
  });

  it('publishes version 2 from the edited list; requests recorded before keep version 1', async () => {
    const b = await signedIn(admin);
    const page = await b.get(TAX);
    const edited = `${decode(textareaOf(page.body, 'areas'))}\nenergy | poverty_exclusion | | Bollette | Energy bills`;
    const res = await b.submit(TAX, TAX, { areas: edited, note: 'Aggiunta bollette' });
    expect(res.statusCode).toBe(303);
    const shown = await b.get(String(res.headers.location));
    expect(shown.body).toContain('Nuova versione pubblicata: 2.');
    expect(shown.body).toContain('Bollette');
    const old = await world.db
      .selectFrom('need_area as a')
      .innerJoin('need_taxonomy_version as v', 'v.id', 'a.taxonomy_version_id')
      .select('v.version')
      .where('a.id', '=', world.area.housing ?? '')
      .executeTakeFirstOrThrow();
    expect(old.version).toBe(1);
  });

  it('is for administrators only (403, audited)', async () => {
    const res = await (await signedIn(world.desk)).get(TAX);
    expect(res.statusCode).toBe(403);
    const denied = await world.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('actor_user_id', '=', world.desk.userId)
      .where('action', '=', 'taxonomy.publish')
      .execute();
    expect(denied.map((d) => d.outcome)).toContain('denied');
    expect((await (await signedIn(world.desk)).get(Q)).statusCode).toBe(403);
  });
});

describe('questionnaire administration', () => {
  it('lists the versions and shows a definition', async () => {
    const b = await signedIn(admin);
    const res = await b.get(Q);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('colloquio-segretariato');
    expect(res.body).toContain(`href="${Q}/colloquio-segretariato/1"`);
    const one = await b.get(`${Q}/colloquio-segretariato/1`);
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('vive_con');
  });

  it('shows JSON and definition errors (422) and then publishes the next version', async () => {
    const b = await signedIn(admin);
    const notJson = await b.submit(Q, Q, { code: 'colloquio-segretariato', definition: '{ "title": ' });
    expect(notJson.statusCode).toBe(422);
    expect(notJson.body).toContain('Il testo non è un JSON valido');
    const bad = structuredClone(DEMO_QUESTIONNAIRE) as unknown as {
      sections: { questions: { options?: unknown[]; showIf?: unknown }[] }[];
    };
    const first = bad.sections[0]?.questions[0];
    if (first) first.options = [{ value: 'solo', label: { it: 'Da solo', en: 'Alone' } }];
    const invalid = await b.submit(Q, Q, { code: 'colloquio-segretariato', definition: JSON.stringify(bad) });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('/definition/sections/0/questions/0/options: servono almeno due opzioni');
    expect(invalid.body).toContain('href="#definition"');

    const next = { ...DEMO_QUESTIONNAIRE, title: { it: 'Colloquio v2', en: 'Interview v2' } };
    const ok = await b.submit(Q, Q, { code: 'colloquio-segretariato', definition: JSON.stringify(next) });
    expect(ok.statusCode).toBe(303);
    const shown = await b.get(String(ok.headers.location));
    expect(shown.body).toContain('Pubblicata la versione 2 di colloquio-segretariato.');
    expect(shown.body).toContain('Colloquio v2');
  });
});
