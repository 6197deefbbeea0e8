import { renderToString } from 'preact-render-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, buildToken, type TestOperator } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import { translator } from '../../platform/i18n/index.ts';
import { duplicatesFileSection } from './duplicates.routes.tsx';

let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let worker: TestOperator;
let workerToken: string;
let frontToken: string;
let outsiderToken: string;
let front: TestOperator;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  worker = await buildOperator(db, tenant, 'social_worker');
  front = await buildOperator(db, tenant, 'front_office');
  workerToken = await buildToken(db, worker);
  frontToken = await buildToken(db, front);
  outsiderToken = await buildToken(db, await buildOperator(db, await buildTenant(db), 'coordinator'));
  app = await buildTestApp(db);
});

const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

/** Two records of the same person, the second created after ruling out the first. */
async function lookAlikes(familyNames: string, token = workerToken) {
  const body = { givenNames: 'Marisa', familyNames, birthDate: { year: 1944, month: 8, day: 15 } };
  const first = (await call('POST', '/api/v1/people', token, body)).json<{ id: string }>();
  const second = await call('POST', '/api/v1/people', token, {
    ...body,
    familyNames: `${familyNames}i`,
    acknowledgedDuplicates: [first.id],
  });
  return [first.id, second.json<{ id: string }>().id] as const;
}

describe('duplicates API', () => {
  it('lists candidates with reasons, merges, undoes, and marks pairs as different people', async () => {
    const [a, b] = await lookAlikes('Castellazz');
    const list = await call('GET', `/api/v1/people/${a}/duplicates`, workerToken);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ items: [expect.objectContaining({ id: b, reasons: ['similarNameSameBirthDate'] })] });

    const merged = await call('POST', '/api/v1/people/merge', workerToken, { survivorId: a, mergedId: b });
    expect(merged.statusCode).toBe(201);
    const merge = merged.json<{ mergeId: string; survivorId: string; filled: string[] }>();
    expect(merge).toMatchObject({ survivorId: a, mergedId: b, moved: {}, filled: [] });
    const again = await call('POST', '/api/v1/people/merge', workerToken, { survivorId: a, mergedId: b });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');

    const undo = await call('POST', `/api/v1/people/merges/${merge.mergeId}/undo`, workerToken);
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toEqual({ survivorId: a, mergedId: b, notRestored: [], keptFields: [] });
    expect((await call('POST', `/api/v1/people/merges/${merge.mergeId}/undo`, workerToken)).statusCode).toBe(409);

    expect((await call('POST', '/api/v1/people/not-duplicates', frontToken, { a, b })).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/people/${a}/duplicates`, workerToken)).json()).toEqual({ items: [] });
    const self = await call('POST', '/api/v1/people/not-duplicates', workerToken, { a, b: a });
    expect(self.statusCode).toBe(422);
  });

  it("answers 404 for another tenant's records and 403 to the front office, as problem details, audited", async () => {
    const [a, b] = await lookAlikes('Bonfantin');
    const outsider = await call('POST', '/api/v1/people/merge', outsiderToken, { survivorId: a, mergedId: b });
    expect(outsider.statusCode).toBe(404);
    expect(outsider.headers['content-type']).toContain('application/problem+json');
    expect(outsider.body).not.toContain('Bonfantin');
    expect((await call('GET', `/api/v1/people/${a}/duplicates`, outsiderToken)).statusCode).toBe(404);
    const forbidden = await call('POST', '/api/v1/people/merge', frontToken, { survivorId: a, mergedId: b });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    const denied = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'details'])
      .where('record_id', 'in', [a, b])
      .where('outcome', '=', 'denied')
      .orderBy('seq')
      .execute();
    expect(denied.map((e) => e.action)).toEqual(['person.merge', 'person.read', 'person.merge']);
    const rows = await db.selectFrom('person').select('merged_into').where('id', 'in', [a, b]).execute();
    expect(rows.every((r) => r.merged_into === null)).toBe(true);
    const bad = await call('POST', '/api/v1/people/merge', workerToken, { survivorId: 'x', mergedId: b });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer)).toEqual(['/body/survivorId']);
  });
});

describe('duplicates pages', () => {
  it('compares two records field by field and merges keeping the chosen one (303 to its file)', async () => {
    const [a, b] = await lookAlikes('Pagliarol');
    const browser = new Browser(app);
    await browser.login(worker.username, worker.password);
    const url = `/operatori/persone/${a}/confronta/${b}`;
    const page = await browser.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nome simile e stessa data di nascita');
    // The differing row says so in words, beside the highlight.
    expect(page.body).toMatch(/Cognome<\/th><td>Pagliarol<\/td><td>Pagliaroli<\/td><td><strong>.*Diverso<\/strong>/);
    expect(page.body).toContain('Unisci: tieni questa scheda (A)');
    expect(page.body).toContain('Non è la stessa persona');

    const stale = await browser.submit(url, `${url}/unisci`, { keep: 'second', versionA: '1', versionB: '9' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('modificata nel frattempo');
    const done = await browser.submit(url, `${url}/unisci`, { keep: 'second', versionA: '1', versionB: '1' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/operatori/persone/${b}`);
    const merge = await db
      .selectFrom('person_merge')
      .select('id')
      .where('survivor_id', '=', b)
      .executeTakeFirstOrThrow();

    // The history in the file offers the undo; it posts and comes back to the surviving file.
    const undo = await browser.submit(url, `/operatori/persone/unioni/${merge.id}/annulla`, {});
    expect(undo.statusCode).toBe(303);
    expect(undo.headers.location).toBe(`/operatori/persone/${b}`);
    const twice = await browser.submit(url, `/operatori/persone/unioni/${merge.id}/annulla`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('già stata annullata');

    const different = await browser.submit(url, `${url}/non-doppione`, {});
    expect(different.statusCode).toBe(303);
    expect(different.headers.location).toBe(`/operatori/persone/${a}`);
    expect((await browser.get(url)).body).toContain('già state segnate come persone diverse');
  });

  it('shows the front office no merge buttons, and refuses a merge posted anyway', async () => {
    const [a, b] = await lookAlikes('Tagliaferr', frontToken);
    const browser = new Browser(app);
    await browser.login(front.username, front.password);
    const url = `/operatori/persone/${a}/confronta/${b}`;
    const page = await browser.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Unisci: tieni');
    expect(page.body).toContain('Solo assistenti sociali e coordinatori');
    const res = await browser.submit(url, `${url}/unisci`, { keep: 'first', versionA: '1', versionB: '1' });
    expect(res.statusCode).toBe(403);
  });

  it('gives the person file its section: candidates with reasons in words, and the merge history with undo', async () => {
    const [a, b] = await lookAlikes('Mastrototar');
    const third = await call('POST', '/api/v1/people', workerToken, {
      givenNames: 'Marisa',
      familyNames: 'Mastrototaro',
      birthDate: { year: 1944, month: 8, day: 15 },
      acknowledgedDuplicates: [a, b],
    });
    const c = third.json<{ id: string }>().id;
    const merge = await call('POST', '/api/v1/people/merge', workerToken, { survivorId: a, mergedId: c });
    expect(merge.statusCode).toBe(201);
    const { mergeId } = merge.json<{ mergeId: string }>();
    const ctx = {
      actor: {
        kind: 'user' as const,
        userId: worker.userId,
        username: worker.username,
        displayName: 'W',
        tenantId: worker.tenant.id,
        role: worker.role,
        officeIds: [],
      },
      requestId: 'test-section',
      clock: { now: () => new Date() },
      db,
    };
    const page = { t: translator('it'), locale: 'it' as const, path: '/', tenantName: 'Comune', ctx, csrf: 'tok' };
    const html = renderToString(await duplicatesFileSection({ person: { id: a }, page }));
    expect(html).toContain('>Possibili doppioni</h2>');
    expect(html).toContain('<li>Nome simile e stessa data di nascita</li>');
    expect(html).toContain(`/operatori/persone/${a}/confronta/${b}`);
    expect(html).toContain('>Unioni</h2>');
    expect(html).toContain(`action="/operatori/persone/unioni/${mergeId}/annulla"`);
    expect(html).toContain('Annulla unione');
    const merged = renderToString(await duplicatesFileSection({ person: { id: c }, page }));
    expect(merged).toContain('Questa scheda è stata unita a un’altra scheda.');
    expect(merged).toContain(`href="/operatori/persone/${a}"`);
  });
});
