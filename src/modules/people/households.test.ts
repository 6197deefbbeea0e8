import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, buildToken, type TestOperator } from '../../../test/support/factories.ts';
import type { Ctx, Role } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { addMember, changeReference, createHousehold, getHouseholdOf, removeMember } from './households.service.ts';
import { linkPeople, unlinkPeople } from './links.service.ts';
import { breakGlass, createPerson } from './people.service.ts';

let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let tenantId: string;
let tenant: Awaited<ReturnType<typeof buildTenant>>;
let worker: TestOperator;
let token: string;
const NOW = new Date('2026-05-04T08:00:00Z');

function ctxFor(op: TestOperator, role: Role = op.role): Ctx {
  return {
    actor: {
      kind: 'user',
      userId: op.userId,
      username: op.username,
      displayName: 'W',
      tenantId,
      role,
      officeIds: [],
    },
    requestId: `test-${op.username}`,
    clock: { now: () => NOW },
    db,
  };
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  tenant = await buildTenant(db);
  tenantId = tenant.id;
  worker = await buildOperator(db, tenant, 'social_worker');
  token = await buildToken(db, worker);
  app = await buildTestApp(db, { clock: { now: () => NOW } });
});

let n = 0;
async function person(extra: Partial<Parameters<typeof createPerson>[1]> = {}): Promise<string> {
  n += 1;
  const r = await createPerson(ctxFor(worker), {
    givenNames: `Nome${n}`,
    familyNames: `Famiglia${'abcdefghij'[n % 10]}${n}x${n * 7}`,
    acknowledgedDuplicates: [],
    ...extra,
  });
  if (r.kind !== 'saved') throw new Error(`not saved: ${r.kind}`);
  return r.person.id;
}

async function household(reference: string): Promise<string> {
  const r = await createHousehold(ctxFor(worker), reference, { joinedOn: '2020-01-01' });
  if (r.kind !== 'done') throw new Error(r.kind);
  return r.household.id;
}

describe('households service', () => {
  it('creates a household with its reference person and adds members with relationship and date', async () => {
    const [ref, child] = [await person(), await person()];
    const id = await household(ref);
    const added = await addMember(ctxFor(worker), id, {
      personId: child,
      relationship: 'child',
      joinedOn: '2021-03-04',
    });
    expect(added).toMatchObject({
      kind: 'done',
      household: {
        referencePersonId: ref,
        members: [
          { personId: ref, relationship: 'reference', joinedOn: '2020-01-01', leftOn: null },
          { personId: child, relationship: 'child', joinedOn: '2021-03-04', leftOn: null },
        ],
        formerMembers: [],
      },
    });
    const events = await db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('record_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['household.create', 'household.member_add']);
    expect(events[1]?.details).toEqual({ person: child, relationship: 'child' });
  });

  it('keeps a person in at most one current household, with a clear answer instead of an error', async () => {
    const [a, b, c] = [await person(), await person(), await person()];
    const first = await household(a);
    const second = await household(b);
    expect(await addMember(ctxFor(worker), first, { personId: c, relationship: 'sibling' })).toMatchObject({
      kind: 'done',
    });
    expect(await addMember(ctxFor(worker), second, { personId: c, relationship: 'child' })).toEqual({
      kind: 'already-member',
      householdId: first,
    });
    expect(await createHousehold(ctxFor(worker), c)).toEqual({ kind: 'already-member', householdId: first });
  });

  it('turns a concurrent second membership, caught by the unique index, into "already a member"', async () => {
    const [a, b, c] = [await person(), await person(), await person()];
    const [h1, h2] = [await household(a), await household(b)];
    const results = await Promise.all([
      addMember(ctxFor(worker), h1, { personId: c, relationship: 'child' }),
      addMember(ctxFor(worker), h2, { personId: c, relationship: 'child' }),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['already-member', 'done']);
    const rows = await db.selectFrom('household_member').select('id').where('person_id', '=', c).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses bad input field by field', async () => {
    const [a, b] = [await person(), await person()];
    const h = await household(a);
    expect(await addMember(ctxFor(worker), h, { personId: b, relationship: 'reference' })).toEqual({
      kind: 'invalid',
      errors: [{ field: 'relationship', code: 'invalid' }],
    });
    expect(
      await addMember(ctxFor(worker), h, { personId: 'x', relationship: 'cousin', joinedOn: '2027-01-01' }),
    ).toEqual({
      kind: 'invalid',
      errors: [
        { field: 'relationship', code: 'invalid' },
        { field: 'personId', code: 'invalid' },
        { field: 'joinedOn', code: 'dateFuture' },
      ],
    });
    expect(await addMember(ctxFor(worker), h, { personId: b, relationship: 'child', joinedOn: '2021-02-30' })).toEqual({
      kind: 'invalid',
      errors: [{ field: 'joinedOn', code: 'dateInvalid' }],
    });
  });

  it('keeps history when a member leaves, and lets them join another household', async () => {
    const [a, b, c] = [await person(), await person(), await person()];
    const h = await household(a);
    await addMember(ctxFor(worker), h, { personId: b, relationship: 'spouse', joinedOn: '2020-06-01' });
    expect(await removeMember(ctxFor(worker), h, b, { leftOn: '2020-05-01' })).toEqual({
      kind: 'invalid',
      errors: [{ field: 'leftOn', code: 'leftBeforeJoined' }],
    });
    const left = await removeMember(ctxFor(worker), h, b, { leftOn: '2025-12-31' });
    expect(left).toMatchObject({
      kind: 'done',
      household: { members: [{ personId: a }], formerMembers: [{ personId: b, leftOn: '2025-12-31' }] },
    });
    expect(await removeMember(ctxFor(worker), h, b)).toEqual({ kind: 'not-member' });
    const other = await household(c);
    expect(await addMember(ctxFor(worker), other, { personId: b, relationship: 'partner' })).toMatchObject({
      kind: 'done',
    });
    const of = await getHouseholdOf(ctxFor(worker), b);
    expect(of).toMatchObject({
      kind: 'household',
      value: {
        household: { id: other },
        pastMemberships: [{ householdId: h, relationship: 'spouse', leftOn: '2025-12-31' }],
      },
    });
  });

  it('lets the reference person leave only after another member became the reference', async () => {
    const [a, b] = [await person(), await person()];
    const h = await household(a);
    await addMember(ctxFor(worker), h, { personId: b, relationship: 'spouse' });
    expect(await removeMember(ctxFor(worker), h, a)).toEqual({ kind: 'reference-must-change-first' });
    const changed = await changeReference(ctxFor(worker), h, { personId: b, previousReferenceRelationship: 'spouse' });
    expect(changed).toMatchObject({ kind: 'done', household: { referencePersonId: b } });
    expect(await removeMember(ctxFor(worker), h, a)).toMatchObject({
      kind: 'done',
      household: { members: [{ personId: b, relationship: 'reference' }], formerMembers: [{ personId: a }] },
    });
  });

  it('links people living together outside the household, and ends the link keeping it as history', async () => {
    const [a, b] = [await person(), await person()];
    const linked = await linkPeople(ctxFor(worker), { personId: a, otherPersonId: b, since: '2024-01-01' });
    if (linked.kind !== 'done') throw new Error(linked.kind);
    expect(await linkPeople(ctxFor(worker), { personId: b, otherPersonId: a })).toEqual({ kind: 'already-linked' });
    expect(await linkPeople(ctxFor(worker), { personId: a, otherPersonId: a })).toMatchObject({ kind: 'invalid' });
    const seen = await getHouseholdOf(ctxFor(worker), b);
    expect(seen).toMatchObject({ value: { household: null, links: [{ personId: a, kind: 'cohabitant' }] } });
    await unlinkPeople(ctxFor(worker), linked.linkId);
    expect(await getHouseholdOf(ctxFor(worker), a)).toMatchObject({
      value: { links: [], formerLinks: [{ personId: b, since: '2024-01-01', until: '2026-05-04' }] },
    });
  });

  it('audits every view with ids only, and keeps a confidential person’s household closed', async () => {
    const [a, b] = [await person(), await person()];
    const h = await household(a);
    await addMember(ctxFor(worker), h, { personId: b, relationship: 'child' });
    await getHouseholdOf(ctxFor(worker), a);
    const read = await db
      .selectFrom('audit_event')
      .select(['details'])
      .where('action', '=', 'household.read')
      .where('record_id', '=', a)
      .executeTakeFirstOrThrow();
    expect(read.details).toEqual({ household: h, members: [a, b], links: [] });

    const secret = await person({ confidential: true });
    const colleague = await buildOperator(db, tenant, 'front_office');
    expect(await getHouseholdOf(ctxFor(colleague), secret)).toEqual({ kind: 'restricted' });
    expect(await getHouseholdOf(ctxFor(worker), secret)).toMatchObject({ kind: 'household' });
  });

  it('changes a confidential person’s household only for those who may open the file', async () => {
    const [a, secret] = [await person(), await person({ confidential: true })];
    const h = await household(a);
    const colleague = await buildOperator(db, tenant, 'front_office');
    await expect(addMember(ctxFor(colleague), h, { personId: secret, relationship: 'child' })).rejects.toMatchObject({
      status: 403,
      code: 'confidential',
    });
    await expect(linkPeople(ctxFor(colleague), { personId: a, otherPersonId: secret })).rejects.toMatchObject({
      status: 403,
    });
    const denied = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'details'])
      .where('actor_user_id', '=', colleague.userId)
      .where('record_id', '=', secret)
      .execute();
    expect(denied).toEqual([
      { action: 'household.manage', outcome: 'denied', details: { reason: 'confidential' } },
      { action: 'household.manage', outcome: 'denied', details: { reason: 'confidential' } },
    ]);
    await breakGlass(ctxFor(colleague), secret, 'La madre chiede di inserirla nel nucleo');
    expect(await addMember(ctxFor(colleague), h, { personId: secret, relationship: 'child' })).toMatchObject({
      kind: 'done',
    });
  });

  it('refuses roles without household.manage, and audits the refusal', async () => {
    const a = await person();
    const researcher = await buildOperator(db, tenant, 'researcher');
    await expect(createHousehold(ctxFor(researcher), a)).rejects.toMatchObject({ status: 403 });
    await expect(getHouseholdOf(ctxFor(researcher), a)).rejects.toMatchObject({ status: 403 });
    const denied = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('actor_user_id', '=', researcher.userId)
      .orderBy('seq')
      .execute();
    expect(denied).toEqual([
      { action: 'household.manage', outcome: 'denied' },
      { action: 'person.read', outcome: 'denied' },
    ]);
  });
});

const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

describe('households API', () => {
  it('creates a household, adds a member, reads it and records a departure', async () => {
    const [a, b] = [await person(), await person()];
    const created = await api('POST', '/api/v1/households', { referencePersonId: a, joinedOn: '2019-09-01' });
    expect(created.statusCode).toBe(201);
    const h = created.json<{ id: string }>().id;
    expect(created.headers.location).toBe(`/api/v1/households/${h}`);
    const added = await api('POST', `/api/v1/households/${h}/members`, { personId: b, relationship: 'child' });
    expect(added.statusCode).toBe(201);
    // No date given: since today (the app's clock).
    expect(added.json()).toMatchObject({ members: [{ personId: a }, { personId: b, joinedOn: '2026-05-04' }] });
    const early = await api('DELETE', `/api/v1/households/${h}/members/${b}?leftOn=2026-05-01`);
    expect(early.json()).toMatchObject({ status: 422, errors: [{ pointer: '/leftOn', detail: 'leftBeforeJoined' }] });
    const read = await api('GET', `/api/v1/people/${b}/household`);
    expect(read.json()).toMatchObject({ personId: b, household: { id: h, referencePersonId: a } });
    const left = await api('DELETE', `/api/v1/households/${h}/members/${b}`);
    expect(left.statusCode).toBe(200);
    expect(left.json()).toMatchObject({
      members: [{ personId: a }],
      formerMembers: [{ personId: b, leftOn: '2026-05-04' }],
    });
  });

  it('answers 422 naming each bad field, 409 for a second household, 404 for unknown ids', async () => {
    const [a, b] = [await person(), await person()];
    const h = (await api('POST', '/api/v1/households', { referencePersonId: a })).json<{ id: string }>().id;
    const bad = await api('POST', `/api/v1/households/${h}/members`, { relationship: 'cousin', joinedOn: '4/5/2026' });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const pointers = bad.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/personId', '/relationship', '/joinedOn']));
    const future = await api('POST', `/api/v1/households/${h}/members`, {
      personId: b,
      relationship: 'child',
      joinedOn: '2030-01-01',
    });
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({ errors: [{ pointer: '/joinedOn', detail: 'dateFuture' }] });
    const again = await api('POST', '/api/v1/households', { referencePersonId: a });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ errors: [{ pointer: '/personId', detail: 'alreadyMember' }] });
    const missing = '0190a3c1-0000-7000-8000-000000000000';
    expect(
      (await api('POST', `/api/v1/households/${missing}/members`, { personId: b, relationship: 'child' })).statusCode,
    ).toBe(404);
    expect((await api('GET', `/api/v1/people/${missing}/household`)).statusCode).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(Object.keys(doc.paths['/api/v1/households/{id}/members/{personId}'] ?? {})).toContain('delete');
    expect(doc.paths['/api/v1/people/{id}/household']).toBeDefined();
    expect(doc.components.schemas).toHaveProperty('Household');
  });
});

describe('household pages', () => {
  async function signedIn() {
    const b = new Browser(app);
    await b.login(worker.username, worker.password);
    return b;
  }
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

  it('creates a household from the file, adds a member found by search, and records their leaving', async () => {
    const ref = await person({ familyNames: 'Colombo', givenNames: 'Anna' });
    const kid = await person({ familyNames: 'Colombo', givenNames: 'Luca', birthDate: { year: 2010 } });
    const b = await signedIn();
    const file = await b.get(`/operatori/persone/${ref}`);
    expect(file.body).toContain('Crea un nucleo con questa persona come riferimento');
    const made = await b.post(`/operatori/persone/${ref}/nucleo`, { _csrf: csrfOf(file.body) });
    expect(made.statusCode).toBe(303);

    const addPage = await b.get(`/operatori/persone/${ref}/nucleo/aggiungi`);
    const found = await b.post(`/operatori/persone/${ref}/nucleo/cerca`, {
      q: 'colombo luca',
      _csrf: csrfOf(addPage.body),
    });
    expect(found.body).toContain(`/operatori/persone/${ref}/nucleo/aggiungi?persona=${kid}`);
    const chosen = await b.get(`/operatori/persone/${ref}/nucleo/aggiungi?persona=${kid}`);
    expect(chosen.body).toContain('Persona scelta: Colombo Luca');
    const householdId = /name="householdId" value="([^"]+)"/.exec(chosen.body)?.[1] ?? '';
    const added = await b.post(`/operatori/persone/${ref}/nucleo/componenti`, {
      _csrf: csrfOf(chosen.body),
      householdId,
      personId: kid,
      relationship: 'child',
      joinedOn: '',
    });
    expect(added.statusCode).toBe(303);
    const after = await b.get(`/operatori/persone/${ref}`);
    expect(after.body).toContain('Componenti attuali del nucleo');
    expect(after.body).toContain('Figlio o figlia');

    const leave = await b.get(`/operatori/persone/${ref}/nucleo/uscita/${kid}`);
    const tooEarly = await b.post(`/operatori/persone/${ref}/nucleo/uscita/${kid}`, {
      _csrf: csrfOf(leave.body),
      householdId,
      leftOn: '2000-01-01',
    });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.body).toContain('La data di uscita è precedente all’ingresso.');
    const done = await b.post(`/operatori/persone/${ref}/nucleo/uscita/${kid}`, {
      _csrf: csrfOf(leave.body),
      householdId,
      leftOn: '',
    });
    expect(done.statusCode).toBe(303);
    expect((await b.get(`/operatori/persone/${ref}`)).body).toContain('Ex componenti');
  });

  it('explains, instead of failing, when the chosen person already belongs to another household', async () => {
    const [a, b2, c] = [await person(), await person(), await person()];
    await household(a);
    const h2 = await household(b2);
    await addMember(ctxFor(worker), h2, { personId: c, relationship: 'child' });
    const b = await signedIn();
    const chosen = await b.get(`/operatori/persone/${a}/nucleo/aggiungi?persona=${c}`);
    const householdId = /name="householdId" value="([^"]+)"/.exec(chosen.body)?.[1] ?? '';
    const res = await b.post(`/operatori/persone/${a}/nucleo/componenti`, {
      _csrf: csrfOf(chosen.body),
      householdId,
      personId: c,
      relationship: 'child',
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('fa già parte di un altro nucleo');
  });
});
