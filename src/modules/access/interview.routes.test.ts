import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  buildToken,
  type TestOffice,
  type TestOperator,
  type TestTenant,
} from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import { buildAccess, SMALL } from './interview.fixture.ts';

let db: Db;
let tenant: TestTenant;
let office: TestOffice;
let fo: TestOperator;
const tokens = {} as Record<'admin' | 'social_worker' | 'front_office', string>;
type Injected = Awaited<ReturnType<Awaited<ReturnType<typeof buildTestApp>>['inject']>>;
let api: (method: 'GET' | 'POST', url: string, who: keyof typeof tokens, payload?: object) => Promise<Injected>;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  tenant = await buildTenant(db);
  office = await buildOffice(db, tenant);
  for (const role of ['admin', 'social_worker', 'front_office'] as const) {
    const op = await buildOperator(db, tenant, role, { offices: [office] });
    if (role === 'front_office') fo = op;
    tokens[role] = await buildToken(db, op);
  }
  const app = await buildTestApp(db);
  api = (method, url, who, payload) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}` }, ...(payload ? { payload } : {}) });
});

describe('interview, outcome and questionnaire API', () => {
  it('walk-in → interview with assessment → information + referral + take-charge proposal → closed', async () => {
    const pub = await api('POST', '/api/v1/questionnaires', 'admin', { code: 'breve', definition: SMALL });
    expect(pub.statusCode).toBe(201);
    expect(pub.headers.location).toBe('/api/v1/questionnaires/breve/versions/1');
    const qv = pub.json<{ id: string }>().id;
    const { accessId, requestIds } = await buildAccess(db, tenant, office, fo, { requests: 3 });

    const bad = await api('POST', `/api/v1/accesses/${accessId}/interviews`, 'social_worker', {
      kind: 'immediate',
      startedAt: new Date().toISOString(),
      questionnaireVersionId: qv,
      answers: { lavora: false, dove: 'Bar', extra: 1 },
      helpAtFirstInterview: true,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors).toEqual([
      { pointer: '/answers/extra', detail: 'unknownQuestion' },
      { pointer: '/answers/dove', detail: 'notShown' },
    ]);

    expect((await api('POST', `/api/v1/accesses/${accessId}/interviews/start`, 'social_worker')).statusCode).toBe(204);
    const during = await db.selectFrom('access').select('status').where('id', '=', accessId).executeTakeFirstOrThrow();
    expect(during.status).toBe('in_interview');
    const made = await api('POST', `/api/v1/accesses/${accessId}/interviews`, 'social_worker', {
      kind: 'immediate',
      startedAt: new Date().toISOString(),
      durationMinutes: 20,
      questionnaireVersionId: qv,
      answers: { lavora: true, dove: 'Mercato' },
      confidentialSummary: 'Nota riservata',
      helpAtFirstInterview: true,
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({
      questionnaire: { code: 'breve', version: 1 },
      confidentialSummary: 'Nota riservata',
    });

    const seenByDesk = await api('GET', `/api/v1/accesses/${accessId}/interviews`, 'front_office');
    expect(seenByDesk.statusCode).toBe(200);
    expect(seenByDesk.json().items[0]).not.toHaveProperty('confidentialSummary');
    const seenByWorker = await api('GET', `/api/v1/accesses/${accessId}/interviews`, 'social_worker');
    expect(seenByWorker.json().items[0].confidentialSummary).toBe('Nota riservata');

    const [r1, r2, r3] = requestIds;
    const outcome = (r: string | undefined, body: object) =>
      api('POST', `/api/v1/accesses/${accessId}/requests/${r}/outcomes`, 'social_worker', body);
    expect((await outcome(r1, { kind: 'information', detail: 'Sportello affitti' })).statusCode).toBe(201);
    expect((await outcome(r2, { kind: 'referral' })).statusCode).toBe(201);
    const noReason = await outcome(r3, { kind: 'refused' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors).toEqual([{ pointer: '/reasonCode', detail: 'required' }]);

    const early = await api('POST', `/api/v1/accesses/${accessId}/close`, 'social_worker');
    expect(early.statusCode).toBe(409);
    expect(early.json().errors).toEqual([{ pointer: `/requests/${r3}`, detail: 'noOutcome' }]);

    expect((await outcome(r3, { kind: 'take_charge_proposal' })).statusCode).toBe(201);
    const closed = await api('POST', `/api/v1/accesses/${accessId}/close`, 'social_worker');
    expect(closed.statusCode).toBe(200);
    const row = await db
      .selectFrom('access')
      .select(['status', 'help_at_first_interview'])
      .where('id', '=', accessId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', help_at_first_interview: true });

    // The access itself lists each request's outcomes.
    const read = await api('GET', `/api/v1/accesses/${accessId}`, 'social_worker');
    const byRequest = Object.fromEntries(
      read
        .json<{ requests: { id: string; outcomes: { kind: string; detail: string | null }[] }[] }>()
        .requests.map((r) => [r.id, r.outcomes.map((o) => o.kind)]),
    );
    expect(byRequest).toEqual({
      [r1 ?? '']: ['information'],
      [r2 ?? '']: ['referral'],
      [r3 ?? '']: ['take_charge_proposal'],
    });

    const audit = await db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('record_id', 'in', [accessId, ...requestIds])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(
      [
        'access.close',
        'access.read',
        'interview.conduct',
        'interview.start',
        'interview.read',
        'interview.read',
        'outcome.record',
        'outcome.record',
        'outcome.record',
      ].sort(),
    );
    const logged = JSON.stringify(audit);
    for (const secret of ['Nota riservata', 'Mercato', 'Sportello affitti']) expect(logged).not.toContain(secret);
  });

  it('lists current questionnaires, keeps old versions, and refuses publication to non-admins', async () => {
    const v2 = await api('POST', '/api/v1/questionnaires', 'admin', {
      code: 'breve',
      definition: { ...SMALL, title: { it: 'Breve due', en: 'Short two' } },
    });
    expect(v2.json()).toMatchObject({ version: 2 });
    const list = await api('GET', '/api/v1/questionnaires', 'front_office');
    expect(list.json().items.map((q: { code: string; version: number }) => [q.code, q.version])).toEqual([
      ['breve', 2],
    ]);
    const old = await api('GET', '/api/v1/questionnaires/breve/versions/1', 'front_office');
    expect(old.json()).toMatchObject({ version: 1, title: { it: 'Breve' } });
    expect((await api('GET', '/api/v1/questionnaires/breve/versions/9', 'front_office')).statusCode).toBe(404);
    const refused = await api('POST', '/api/v1/questionnaires', 'social_worker', { code: 'altro', definition: SMALL });
    expect(refused.statusCode).toBe(403);
    const invalid = await api('POST', '/api/v1/questionnaires', 'admin', { code: 'altro', definition: { title: 'x' } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors).toEqual([
      { pointer: '/definition/title', detail: 'required' },
      { pointer: '/definition/sections', detail: 'required' },
    ]);
  });

  it('answers 403 to the front desk recording an interview, 404 to an unknown access', async () => {
    const { accessId } = await buildAccess(db, tenant, office, fo);
    const body = { kind: 'booked', startedAt: new Date().toISOString(), helpAtFirstInterview: false };
    expect((await api('POST', `/api/v1/accesses/${accessId}/interviews`, 'front_office', body)).statusCode).toBe(403);
    const unknown = await api(
      'POST',
      '/api/v1/accesses/00000000-0000-7000-8000-000000000000/interviews',
      'social_worker',
      body,
    );
    expect(unknown.statusCode).toBe(404);
  });
});
