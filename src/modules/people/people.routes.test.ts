import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, buildToken } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';

let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let token: string;
let otherToken: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  token = await buildToken(db, await buildOperator(db, tenant, 'front_office'));
  otherToken = await buildToken(db, await buildOperator(db, tenant, 'social_worker'));
  app = await buildTestApp(db);
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, bearer = token) =>
  app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${bearer}` },
    ...(payload ? { payload: payload as object } : {}),
  });

describe('/api/v1/people', () => {
  it('creates, reads, updates with versions, and searches', async () => {
    const created = await call('POST', '/api/v1/people', {
      givenNames: 'Fatima',
      familyNames: 'El Amrani',
      birthDate: { year: 1990 },
    });
    expect(created.statusCode).toBe(201);
    const person = created.json<{ id: string; version: number }>();
    expect(created.headers.location).toBe(`/api/v1/people/${person.id}`);

    const read = await call('GET', `/api/v1/people/${person.id}`);
    expect(read.json()).toMatchObject({ familyNames: 'El Amrani', birthDate: { year: 1990 } });

    const update = await call('PUT', `/api/v1/people/${person.id}`, {
      givenNames: 'Fatima',
      familyNames: 'El Amrani',
      phone: '3401234567',
      version: 1,
    });
    expect(update.statusCode).toBe(200);
    const stale = await call('PUT', `/api/v1/people/${person.id}`, {
      givenNames: 'Fatima',
      familyNames: 'Amrani',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');

    const found = await call('GET', `/api/v1/people?q=${encodeURIComponent('el amrani')}`);
    expect(found.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(person.id);
  });

  it('answers 422 naming each bad field, and saves nothing', async () => {
    const before = await db.selectFrom('person').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await call('POST', '/api/v1/people', {
      givenNames: 'A',
      familyNames: 'B',
      taxCode: 'XXXXXXXXXXXXXXXX',
      address: { kind: 'residence' },
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json<{ errors: { pointer: string }[] }>()
        .errors.map((e) => e.pointer)
        .sort(),
    ).toEqual(['/address/street', '/taxCode']);
    const schema = await call('POST', '/api/v1/people', { givenNames: 'A' });
    expect(schema.statusCode).toBe(422);
    expect(schema.json<{ errors: { pointer: string }[] }>().errors.length).toBeGreaterThan(0);
    expect(schema.headers['content-type']).toContain('application/problem+json');
    const after = await db.selectFrom('person').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('returns duplicate candidates with reasons as 409', async () => {
    await call('POST', '/api/v1/people', {
      givenNames: 'Olga',
      familyNames: 'Kovalenko',
      birthDate: { year: 1955, month: 1, day: 2 },
    });
    const res = await call('POST', '/api/v1/people', {
      givenNames: 'Olga',
      familyNames: 'Kovalenco',
      birthDate: { year: 1955, month: 1, day: 2 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ candidates: [{ reasons: ['similarNameSameBirthDate'] }] });
  });

  it('keeps a confidential file closed until a reason is stated, then audits the opening', async () => {
    const created = await call('POST', '/api/v1/people', {
      givenNames: 'Riservata',
      familyNames: 'Persona',
      confidential: true,
    });
    const { id } = created.json<{ id: string }>();
    expect((await call('GET', `/api/v1/people/${id}`)).statusCode).toBe(200); // the creator is assigned
    expect((await call('GET', `/api/v1/people/${id}`, undefined, otherToken)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/people/${id}/break-glass`, { reason: 'boh' }, otherToken)).statusCode).toBe(
      422,
    );
    expect(
      (
        await call(
          'POST',
          `/api/v1/people/${id}/break-glass`,
          { reason: 'Segnalazione urgente dal pronto soccorso' },
          otherToken,
        )
      ).statusCode,
    ).toBe(204);
    expect((await call('GET', `/api/v1/people/${id}`, undefined, otherToken)).statusCode).toBe(200);
    const events = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('record_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'person.create:ok',
      'person.read:ok',
      'person.read:denied',
      'person.break_glass:ok',
      'person.read:ok',
    ]);
  });
});
