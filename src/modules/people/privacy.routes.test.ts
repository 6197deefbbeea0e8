import { renderToString } from 'preact-render-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, buildToken, type TestOperator } from '../../../test/support/factories.ts';
import { systemClock } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { translator } from '../../platform/i18n/index.ts';
import { privacyFileSection } from './privacy.routes.tsx';

let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let worker: TestOperator;
let token: string;
let colleagueToken: string;
let colleague: TestOperator;
let foreignToken: string;
let foreigner: TestOperator;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  worker = await buildOperator(db, tenant, 'social_worker');
  colleague = await buildOperator(db, tenant, 'front_office');
  foreigner = await buildOperator(db, await buildTenant(db), 'social_worker');
  token = await buildToken(db, worker);
  colleagueToken = await buildToken(db, colleague);
  foreignToken = await buildToken(db, foreigner);
  app = await buildTestApp(db);
});

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, bearer = token) =>
  app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${bearer}` },
    ...(payload ? { payload: payload as object } : {}),
  });

async function newPerson(familyNames: string, confidential = false): Promise<string> {
  const res = await call('POST', '/api/v1/people', { givenNames: 'Prova', familyNames, confidential });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
}

const pointers = (res: { json: <T>() => T }) =>
  res
    .json<{ errors: { pointer: string }[] }>()
    .errors.map((e) => e.pointer)
    .sort();

describe('privacy API', () => {
  it('records and lists privacy notices; 422 names each bad field, from the schema or the rules', async () => {
    const id = await newPerson('Api Informativa');
    const created = await call('POST', `/api/v1/people/${id}/privacy-notices`, {
      noticeVersion: '2026-01',
      channel: 'phone',
      acknowledgedOn: '2026-01-15',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ noticeVersion: '2026-01', channel: 'phone', acknowledgedOn: '2026-01-15' });
    const list = await call('GET', `/api/v1/people/${id}/privacy-notices`);
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);

    const schema = await call('POST', `/api/v1/people/${id}/privacy-notices`, { channel: 'pigeon' });
    expect(schema.statusCode).toBe(422);
    expect(schema.headers['content-type']).toContain('application/problem+json');
    expect(pointers(schema)).toEqual(['/channel', '/noticeVersion']);
    const rules = await call('POST', `/api/v1/people/${id}/privacy-notices`, {
      noticeVersion: '2026-01',
      channel: 'post',
      acknowledgedOn: '2999-01-01',
    });
    expect(rules.statusCode).toBe(422);
    expect(rules.json()).toMatchObject({ errors: [{ pointer: '/acknowledgedOn', detail: 'dateFuture' }] });
    expect((await call('GET', `/api/v1/people/${id}/privacy-notices`)).json<{ items: unknown[] }>().items).toHaveLength(
      1,
    );
  });

  it('gives, lists and revokes consents; a second revocation is a conflict', async () => {
    const id = await newPerson('Api Consenso');
    const given = await call('POST', `/api/v1/people/${id}/consents`, {
      purpose: 'share_with_partner',
      scope: 'Caritas Ambrosiana',
      expiresOn: null,
    });
    expect(given.statusCode).toBe(201);
    const consent = given.json<{ id: string; state: string }>();
    expect(consent.state).toBe('active');
    const bad = await call('POST', `/api/v1/people/${id}/consents`, { purpose: 'other', scope: '', expiresOn: 'soon' });
    expect(bad.statusCode).toBe(422);
    expect(pointers(bad)).toEqual(['/expiresOn']);
    const badRule = await call('POST', `/api/v1/people/${id}/consents`, { purpose: 'other', scope: ' ' });
    expect(badRule.json()).toMatchObject({ status: 422, errors: [{ pointer: '/scope', detail: 'required' }] });

    // No body at all: revoked today.
    const revoked = await call('POST', `/api/v1/people/${id}/consents/${consent.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ state: 'revoked' });
    const again = await call('POST', `/api/v1/people/${id}/consents/${consent.id}/revoke`, {});
    expect(again.statusCode).toBe(409);
    const unknown = await call('POST', `/api/v1/people/${id}/consents/${id}/revoke`, {});
    expect(unknown.statusCode).toBe(404);
    const list = await call('GET', `/api/v1/people/${id}/consents`);
    expect(list.json<{ items: { state: string }[] }>().items.map((c) => c.state)).toEqual(['revoked']);
  });

  it('manages assignments of a confidential file', async () => {
    const id = await newPerson('Api Riservata', true);
    const closed = await call('GET', `/api/v1/people/${id}/consents`, undefined, colleagueToken);
    expect(closed.statusCode).toBe(403);
    expect(closed.json()).toMatchObject({ type: expect.stringContaining('/confidential') });
    const refused = await call(
      'POST',
      `/api/v1/people/${id}/assignments`,
      { userId: colleague.userId },
      colleagueToken,
    );
    expect(refused.statusCode).toBe(403);

    const added = await call('POST', `/api/v1/people/${id}/assignments`, { userId: colleague.userId });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ userId: colleague.userId, role: 'front_office' });
    expect((await call('POST', `/api/v1/people/${id}/assignments`, { userId: colleague.userId })).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/people/${id}/consents`, undefined, colleagueToken)).statusCode).toBe(200);
    const notWorker = await call('POST', `/api/v1/people/${id}/assignments`, { userId: foreigner.userId });
    expect(notWorker.json()).toMatchObject({ status: 422, errors: [{ pointer: '/userId', detail: 'notAWorker' }] });
    const badId = await call('POST', `/api/v1/people/${id}/assignments`, { userId: 'someone' });
    expect(badId.statusCode).toBe(422);
    expect(pointers(badId)).toEqual(['/userId']);

    const list = await call('GET', `/api/v1/people/${id}/assignments`);
    expect(
      list
        .json<{ items: { userId: string }[] }>()
        .items.map((a) => a.userId)
        .sort(),
    ).toEqual([worker.userId, colleague.userId].sort());
    expect((await call('DELETE', `/api/v1/people/${id}/assignments/${worker.userId}`)).statusCode).toBe(204);
    const last = await call(
      'DELETE',
      `/api/v1/people/${id}/assignments/${colleague.userId}`,
      undefined,
      colleagueToken,
    );
    expect(last.statusCode).toBe(409);
    const gone = await call('DELETE', `/api/v1/people/${id}/assignments/${worker.userId}`, undefined, colleagueToken);
    expect(gone.statusCode).toBe(404);
  });

  it("answers 404 for another tenant's person, and audits the attempt as denied", async () => {
    const id = await newPerson('Api Straniera');
    const attempts = [
      await call('GET', `/api/v1/people/${id}/privacy-notices`, undefined, foreignToken),
      await call('POST', `/api/v1/people/${id}/privacy-notices`, { noticeVersion: '1', channel: 'post' }, foreignToken),
      await call('GET', `/api/v1/people/${id}/consents`, undefined, foreignToken),
      await call('POST', `/api/v1/people/${id}/consents`, { purpose: 'research_contact', scope: '' }, foreignToken),
      await call('GET', `/api/v1/people/${id}/assignments`, undefined, foreignToken),
      await call('POST', `/api/v1/people/${id}/assignments`, { userId: foreigner.userId }, foreignToken),
      await call('DELETE', `/api/v1/people/${id}/assignments/${worker.userId}`, undefined, foreignToken),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    expect(attempts.every((r) => String(r.headers['content-type']).includes('application/problem+json'))).toBe(true);
    const denied = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'record_id'])
      .where('actor_user_id', '=', foreigner.userId)
      .where('outcome', '=', 'denied')
      .orderBy('seq')
      .execute();
    expect(denied.map((d) => d.action)).toEqual([
      'privacy.read',
      'privacy.notice.record',
      'privacy.read',
      'consent.give',
      'privacy.read',
      'person.assign',
      'person.unassign',
    ]);
    expect(denied.every((d) => d.record_id === id)).toBe(true);
  });

  it('is in the OpenAPI document with its schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(Object.keys(doc.paths['/api/v1/people/{id}/privacy-notices'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/people/{id}/consents'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/api/v1/people/{id}/consents/{consentId}/revoke']).toHaveProperty('post');
    expect(Object.keys(doc.paths['/api/v1/people/{id}/assignments'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(doc.paths['/api/v1/people/{id}/assignments/{userId}']).toHaveProperty('delete');
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['PrivacyNotice', 'Consent', 'Assignment']),
    );
  });
});

describe('privacy pages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = new Browser(app);
    await browser.login(worker.username, worker.password);
  });

  it('says the notice was received and read — never that the person consented', async () => {
    const id = await newPerson('Pagina Informativa');
    const page = await browser.get(`/operatori/persone/${id}/privacy`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('ha ricevuto e letto l’informativa');
    expect(page.body).not.toMatch(/acconsent/i);
    const english = await app.inject({
      method: 'GET',
      url: `/operatori/persone/${id}/privacy`,
      cookies: { sid: browser.cookie('sid') ?? '', lang: 'en' },
    });
    expect(english.body).toContain('received and read the privacy notice');
    expect(english.body).not.toMatch(/consented/i);
  });

  it('records a notice and goes back to the file; bad input shows the form again with its errors', async () => {
    const id = await newPerson('Pagina Modulo');
    const url = `/operatori/persone/${id}/privacy`;
    const ok = await browser.submit(url, `/operatori/persone/${id}/informativa`, {
      acknowledgedOn: '2026-02-01',
      noticeVersion: '2026-01',
      channel: 'in_person',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/operatori/persone/${id}`);
    expect((await browser.get(url)).body).toContain('01/02/2026');

    const bad = await browser.submit(url, `/operatori/persone/${id}/informativa`, {
      acknowledgedOn: '2026-02-30',
      noticeVersion: 'versione 1!',
      channel: '',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#pn-acknowledgedOn"');
    expect(bad.body).toContain('href="#pn-channel"');
    expect(bad.body).toMatch(/id="pn-noticeVersion"[^>]*value="versione 1!"/);
    expect(bad.body).toMatch(/aria-describedby="pn-noticeVersion-hint pn-noticeVersion-error"/);
    expect(bad.body).toContain('Canale: Campo obbligatorio.');
  });

  it('gives and revokes a consent through the forms', async () => {
    const id = await newPerson('Pagina Consenso');
    const url = `/operatori/persone/${id}/privacy`;
    const bad = await browser.submit(url, `/operatori/persone/${id}/consensi`, {
      purpose: 'share_with_partner',
      scope: '',
      givenOn: '',
      expiresOn: '',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#cs-scope"');
    const ok = await browser.submit(url, `/operatori/persone/${id}/consensi`, {
      purpose: 'share_with_partner',
      scope: 'Banco Alimentare',
      givenOn: '',
      expiresOn: '',
    });
    expect(ok.statusCode).toBe(303);
    const page = await browser.get(url);
    expect(page.body).toContain('Banco Alimentare');
    const consentId = /consensi\/([0-9a-f-]{36})\/revoca/.exec(page.body)?.[1] ?? '';
    const tooEarly = await browser.submit(url, `/operatori/persone/${id}/consensi/${consentId}/revoca`, {
      revokedOn: '2000-01-01',
    });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.body).toContain(`href="#rv-${consentId}"`);
    const revoked = await browser.submit(url, `/operatori/persone/${id}/consensi/${consentId}/revoca`, {
      revokedOn: '',
    });
    expect(revoked.statusCode).toBe(303);
    expect((await browser.get(url)).body).toContain('Revocato il');
  });

  it('refuses a form posted without its CSRF token', async () => {
    const id = await newPerson('Pagina Csrf');
    const res = await browser.post(`/operatori/persone/${id}/informativa`, { noticeVersion: '1', channel: 'post' });
    expect(res.statusCode).toBe(403);
    expect((await call('GET', `/api/v1/people/${id}/privacy-notices`)).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('assigns workers through the page, and explains a refusal', async () => {
    const id = await newPerson('Pagina Assegnati', true);
    const url = `/operatori/persone/${id}/operatori-assegnati`;
    const page = await browser.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${colleague.userId}"`);
    const empty = await browser.submit(url, url, { userId: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#as-userId"');
    expect((await browser.submit(url, url, { userId: colleague.userId })).statusCode).toBe(303);
    const remove = `${url}/${worker.userId}/rimuovi`;
    expect((await browser.submit(url, remove, {})).statusCode).toBe(303);
    // The colleague is now the only one: removing them would leave the file with nobody.
    const colleagueBrowser = new Browser(app);
    await colleagueBrowser.login(colleague.username, colleague.password);
    const last = await colleagueBrowser.submit(url, `${url}/${colleague.userId}/rimuovi`, {});
    expect(last.statusCode).toBe(422);
    expect(last.body).toContain('È l’ultimo operatore assegnato');
  });
});

describe('privacyFileSection', () => {
  const pageFor = (op: TestOperator) => ({
    t: translator('it'),
    locale: 'it' as const,
    path: '/operatori/persone/x',
    tenantName: 'Comune',
    operator: undefined,
    csrf: 'token-for-forms',
    ctx: {
      actor: {
        kind: 'user' as const,
        userId: op.userId,
        username: op.username,
        displayName: op.username,
        tenantId: op.tenant.id,
        role: op.role,
        officeIds: [],
      },
      requestId: 'file-section',
      clock: systemClock,
      db,
    },
  });

  it('renders the notice, consents and (on a confidential file) assigned workers, with their forms', async () => {
    const id = await newPerson('Sezione Riservata', true);
    const node = await privacyFileSection({ person: { id }, page: pageFor(worker) });
    const html = node ? renderToString(node) : '';
    expect(html).toContain('id="privacy-notice-heading"');
    expect(html).toContain('id="consents-heading"');
    expect(html).toContain('id="assignments-heading"');
    expect(html).toContain(`action="/operatori/persone/${id}/informativa"`);
    expect(html).toContain('value="token-for-forms"');
    const plain = await privacyFileSection({
      person: { id: await newPerson('Sezione Normale') },
      page: pageFor(worker),
    });
    expect(plain ? renderToString(plain) : '').not.toContain('assignments-heading');
  });

  it('shows nothing for a confidential file the operator has not opened', async () => {
    const id = await newPerson('Sezione Chiusa', true);
    expect(await privacyFileSection({ person: { id }, page: pageFor(colleague) })).toBeNull();
  });
});
