import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, type TestOperator } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';

let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let worker: TestOperator;
let colleague: TestOperator;
let researcher: TestOperator;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  worker = await buildOperator(db, tenant, 'social_worker');
  colleague = await buildOperator(db, tenant, 'front_office');
  researcher = await buildOperator(db, tenant, 'researcher');
  app = await buildTestApp(db);
});

async function signedIn(op: TestOperator) {
  const b = new Browser(app);
  await b.login(op.username, op.password);
  return b;
}

/** Posts a form with repeated fields (identifier rows) and the CSRF token of the search page. */
async function post(b: Browser, url: string, fields: Record<string, string | string[]>) {
  const page = await b.get('/operatori/persone');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const body = new URLSearchParams({ _csrf: csrf });
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return app.inject({
    method: 'POST',
    url,
    cookies: Object.fromEntries(['sid', 'csrf', 'lang'].map((n) => [n, b.cookie(n) ?? ''])),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

const idFrom = (location: unknown) => /\/operatori\/persone\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? '';
const count = async () =>
  Number((await db.selectFrom('person').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('people pages', () => {
  it('links the people page from the operator home only for roles that may search', async () => {
    expect((await (await signedIn(worker)).get('/operatori')).body).toContain('href="/operatori/persone"');
    const r = await signedIn(researcher);
    expect((await r.get('/operatori')).body).not.toContain('href="/operatori/persone"');
    expect((await r.get('/operatori/persone')).statusCode).toBe(403);
    expect((await r.get('/operatori/persone/nuova')).statusCode).toBe(403);
  });

  it('creates a person with a partial birth date, documents and "do not contact", then shows the file', async () => {
    const b = await signedIn(worker);
    const res = await post(b, '/operatori/persone/nuova', {
      familyNames: "D'Angelo",
      givenNames: 'Maria Grazia',
      sex: 'F',
      birthMonth: '3',
      birthYear: '1985',
      birthplaceCode: 'f704',
      citizenships: 'it, ma',
      identifierKind: ['passport', 'stp'],
      identifierValue: ['ya1234567', ''],
      identifierIssuer: ['Questura di Monza', ''],
      identifierValidUntil: ['2030-01-31', ''],
      languages: 'it, ar',
      interpreterNeeded: 'on',
      phone: '333 1234567',
      contactPreference: 'do_not_contact',
      addressKind: 'no_fixed_abode',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/operatori\/persone\/[0-9a-f-]{36}\?salvata=1$/);
    const file = await b.get(String(res.headers.location));
    expect(file.statusCode).toBe(200);
    const html = file.body;
    expect(html).toContain("<h1>D'Angelo Maria Grazia</h1>");
    expect(html).toContain('03/1985');
    expect(html).toContain('MONZA (F704)'); // the name resolved from the Belfiore code
    expect(html).toContain('YA1234567');
    expect(html).toContain('NON CONTATTARE');
    expect(html).toContain('IT, MA');
    expect(html).toContain('Sede competente');
    expect(html).toContain('non determinata');
    expect(html).toContain('Cronologia');
    expect(html).toContain('Scheda creata');
    expect(html).toContain('Nucleo familiare');
  });

  it('shows every problem at once (422), each tied to its field, and saves nothing', async () => {
    const b = await signedIn(worker);
    const before = await count();
    const res = await post(b, '/operatori/persone/nuova', {
      familyNames: '',
      givenNames: 'Anna',
      birthYear: 'mcm',
      taxCode: 'RSSMRA85T10A562T',
      email: 'non-una-mail',
      citizenships: 'Italia',
      addressKind: 'residence',
    });
    expect(res.statusCode).toBe(422);
    const html = res.body;
    expect(html).toContain('id="error-summary"');
    expect(html).toContain('<a href="#familyNames">Cognome o cognomi: campo obbligatorio.</a>');
    for (const anchor of ['#familyNames', '#birthDay', '#taxCode', '#email', '#citizenships', '#street'])
      expect(html).toContain(`href="${anchor}"`);
    expect(html).toMatch(/id="taxCode"[^>]*aria-describedby="taxCode-hint taxCode-error"/);
    expect(html).toContain('l’ultimo carattere, di controllo, non torna');
    expect(html).toContain('value="Anna"'); // what was typed stays
    expect(await count()).toBe(before);
  });

  it('warns when the tax code disagrees, and saves once a reason is given', async () => {
    const b = await signedIn(worker);
    const fields = {
      familyNames: 'Rossi',
      givenNames: 'Mario',
      sex: 'F',
      birthDay: '10',
      birthMonth: '12',
      birthYear: '1985',
      taxCode: 'RSSMRA85T10A562S',
      addressKind: 'unknown',
    };
    const warned = await post(b, '/operatori/persone/nuova', fields);
    expect(warned.statusCode).toBe(422);
    expect(warned.body).toContain('Il codice fiscale non corrisponde ai dati dichiarati');
    expect(warned.body).toContain('sesso: il codice indica Maschio');
    expect(warned.body).toMatch(/<textarea[^>]*id="taxCodeMismatchReason"[^>]*required/);
    const saved = await post(b, '/operatori/persone/nuova', {
      ...fields,
      taxCodeMismatchReason: 'Così sulla tessera sanitaria',
    });
    expect(saved.statusCode).toBe(303);
    const file = await b.get(String(saved.headers.location));
    expect(file.body).toContain('Così sulla tessera sanitaria');
  });

  it('proposes likely duplicates with reasons in words, and saves after "none of these"', async () => {
    const b = await signedIn(worker);
    const first = await post(b, '/operatori/persone/nuova', {
      familyNames: 'Kovalenko',
      givenNames: 'Olga',
      birthDay: '2',
      birthMonth: '1',
      birthYear: '1955',
    });
    const firstId = idFrom(first.headers.location);
    const again = { familyNames: 'Kovalenco', givenNames: 'Olga', birthDay: '2', birthMonth: '1', birthYear: '1955' };
    const proposed = await post(b, '/operatori/persone/nuova', again);
    expect(proposed.statusCode).toBe(409);
    expect(proposed.body).toContain('Potrebbe essere una persona già in archivio');
    expect(proposed.body).toContain('nome simile e stessa data di nascita');
    expect(proposed.body).toContain(`href="/operatori/persone/${firstId}" target="_blank"`);
    expect(proposed.body).toContain(`name="acknowledgedDuplicates" value="${firstId}"`);
    expect(proposed.body).toContain('Nessuna di queste: salva come nuova persona');
    const saved = await post(b, '/operatori/persone/nuova', { ...again, acknowledgedDuplicates: firstId });
    expect(saved.statusCode).toBe(303);
    expect(idFrom(saved.headers.location)).not.toBe(firstId);
  });

  it('searches by a misspelled surname through a POST; no result offers to register', async () => {
    const b = await signedIn(worker);
    await post(b, '/operatori/persone/nuova', { familyNames: 'Brambilla', givenNames: 'Giuseppe', birthYear: '1940' });
    const found = await post(b, '/operatori/persone/cerca', { q: 'brambila' });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Brambilla Giuseppe');
    expect(found.body).toContain('<td>1940</td>');
    const none = await post(b, '/operatori/persone/cerca', { q: 'Zzyzx Qwerty' });
    expect(none.body).toContain('Nessuna persona trovata');
    expect(none.body).toContain('href="/operatori/persone/nuova"');
    expect((await post(b, '/operatori/persone/cerca', { q: 'a' })).statusCode).toBe(422);
    // Without the form's token the search is refused.
    expect((await b.post('/operatori/persone/cerca', { q: 'brambilla' })).statusCode).toBe(403);
  });

  it('edits with the version read; a stale edit keeps the typed values and shows the current ones', async () => {
    const b = await signedIn(worker);
    const created = await post(b, '/operatori/persone/nuova', { familyNames: 'Verdi', givenNames: 'Luisa' });
    const id = idFrom(created.headers.location);
    const form = await b.get(`/operatori/persone/${id}/modifica`);
    expect(form.body).toContain('name="version" value="1"');
    expect(form.body).toContain('value="Verdi"');

    const other = await signedIn(colleague);
    const first = await post(other, `/operatori/persone/${id}/modifica`, {
      familyNames: 'Verdi',
      givenNames: 'Luisa',
      phone: '039 123456',
      version: '1',
    });
    expect(first.statusCode).toBe(303);

    const stale = await post(b, `/operatori/persone/${id}/modifica`, {
      familyNames: 'Verdi',
      givenNames: 'Luisa Maria',
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Nel frattempo qualcun altro ha modificato questa scheda');
    expect(stale.body).toContain('value="Luisa Maria"'); // nothing typed is lost
    expect(stale.body).toContain('+39039123456'); // the current value is shown
    expect(stale.body).toContain('name="version" value="2"');
    const person = await db.selectFrom('person').select(['given_names']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(person.given_names).toBe('Luisa');

    const retried = await post(b, `/operatori/persone/${id}/modifica`, {
      familyNames: 'Verdi',
      givenNames: 'Luisa Maria',
      version: '2',
    });
    expect(retried.statusCode).toBe(303);
  });

  it('asks for a reason before opening a confidential file, and the opening is audited', async () => {
    const owner = await signedIn(worker);
    const created = await post(owner, '/operatori/persone/nuova', {
      familyNames: 'Protetta',
      givenNames: 'Persona',
      confidential: 'on',
    });
    const id = idFrom(created.headers.location);
    expect((await owner.get(`/operatori/persone/${id}`)).statusCode).toBe(200);

    const other = await signedIn(colleague);
    const closed = await other.get(`/operatori/persone/${id}`);
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain('il coordinatore la verifica');
    expect(closed.body).not.toContain('Protetta');
    expect((await other.get(`/operatori/persone/${id}/modifica`)).statusCode).toBe(403);
    const short = await post(other, `/operatori/persone/${id}/motivo`, { reason: 'boh' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('almeno 10 caratteri');
    const opened = await post(other, `/operatori/persone/${id}/motivo`, { reason: 'La persona è allo sportello ora' });
    expect(opened.statusCode).toBe(303);
    expect((await other.get(`/operatori/persone/${id}`)).body).toContain('Protetta Persona');
    const events = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('record_id', '=', id)
      .where('actor_user_id', '=', colleague.userId)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toContain('person.break_glass:ok');
  });

  it('answers 404 for an unknown file', async () => {
    const b = await signedIn(worker);
    expect((await b.get('/operatori/persone/0190a3c1-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await b.get('/operatori/persone/not-a-uuid')).statusCode).toBe(404);
  });

  it('speaks English when asked', async () => {
    const b = await signedIn(worker);
    await b.get('/lingua/en?torna=/');
    const res = await post(b, '/operatori/persone/nuova', { familyNames: '', givenNames: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('The form has errors');
    expect(res.body).toContain('Family name(s)');
  });
});
