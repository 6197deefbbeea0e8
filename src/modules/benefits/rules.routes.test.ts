import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { clockOn, seedBenefitRules } from '../../../test/support/benefits.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, buildToken } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import { LIMIT_PER_MINUTE } from './ratelimit.ts';
import { ORDINARY_2026 } from './rules.municipal.ts';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let db: Db;
let adminToken: string;
let workerToken: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  await seedBenefitRules(db, tenant);
  adminToken = await buildToken(db, await buildOperator(db, tenant, 'admin'));
  workerToken = await buildToken(db, await buildOperator(db, tenant, 'social_worker'));
  app = await buildTestApp(db, { clock: clockOn('2026-03-10'), env: { DEFAULT_TENANT: tenant.code } });
});

const evaluate = (body: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/benefits/evaluate', payload: body });

describe('benefits API', () => {
  it('lists the version of each measure in effect (today, or on a given date), anonymously', async () => {
    const today = await app.inject({ url: '/api/v1/benefits/measures' });
    expect(today.statusCode).toBe(200);
    const versions = (r: typeof today) =>
      Object.fromEntries(r.json().items.map((i: { measure: string; version: number }) => [i.measure, i.version]));
    expect(versions(today)['contributo-ordinario']).toBe(2);
    expect(
      versions(await app.inject({ url: '/api/v1/benefits/measures?date=2025-06-30' }))['contributo-ordinario'],
    ).toBe(1);
    const all = await app.inject({ url: '/api/v1/benefits/measures?all=true' });
    expect(all.json().items).toHaveLength(8);
  });

  it('evaluates anonymously: result, missing inputs, amount and the trace in both languages', async () => {
    const res = await evaluate({
      date: '2025-06-30',
      inputs: { resident: true, householdSize: 3, familyIncome: 9600, minors: 1 },
    });
    expect(res.statusCode).toBe(200);
    const ordinary = res.json().results.find((r: { measure: string }) => r.measure === 'contributo-ordinario');
    expect(ordinary).toMatchObject({ result: 'cannot_tell', missing: ['isee'], version: 1, amount: null });
    expect(ordinary.explanation.it[0]).toContain('versione 1, in vigore dal 01/01/2025');
    expect(ordinary.explanation.en.join('\n')).toContain('ISEE within the threshold — ISEE value: not given');
    const known = await evaluate({
      date: '2025-06-30',
      inputs: { resident: true, householdSize: 3, familyIncome: 9600, isee: 7000 },
    });
    const amount = known.json().results.find((r: { measure: string }) => r.measure === 'contributo-ordinario').amount;
    expect(amount).toEqual({ value: 342.4, per: 'month', months: 6, total: 2054.4 });
    const auditRows = await db
      .selectFrom('audit_event')
      .select('seq')
      .where('action', 'like', 'benefit%')
      .where('actor_kind', '=', 'anonymous')
      .execute();
    expect(auditRows).toEqual([]);
  });

  it('refuses unknown inputs and wrong types with 422 per field', async () => {
    const res = await evaluate({ inputs: { salary: 1000, isee: 'low' } });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('publishing: admin only; a rule set whose own test table fails is refused with a pointer', async () => {
    const body = { effectiveFrom: '2027-01-01', definition: ORDINARY_2026 };
    const asWorker = await app.inject({
      method: 'POST',
      url: '/api/v1/benefits/measures/versions',
      headers: { authorization: `Bearer ${workerToken}` },
      payload: body,
    });
    expect(asWorker.statusCode).toBe(403);
    const broken = structuredClone(ORDINARY_2026);
    broken.parameters.monthlyCap = { ...broken.parameters.monthlyCap, value: 500 } as never;
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/benefits/measures/versions',
      headers: { authorization: `Bearer ${adminToken}` },
      payload: { ...body, definition: broken },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toContainEqual({
      pointer: '/definition/tests/1',
      detail: expect.stringMatching(/^testFails:/),
    });
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/benefits/measures/versions',
      headers: { authorization: `Bearer ${adminToken}` },
      payload: body,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ measure: 'contributo-ordinario', version: 3, effectiveFrom: '2027-01-01' });
    const in2027 = await app.inject({ url: '/api/v1/benefits/measures?date=2027-01-01' });
    expect(in2027.json().items.find((i: { measure: string }) => i.measure === 'contributo-ordinario').version).toBe(3);
  });

  it('is in the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ url: '/openapi.json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/benefits/measures', '/api/v1/benefits/evaluate']));
  });

  it('rate-limits anonymous evaluation (429 problem)', async () => {
    let last = 0;
    for (let i = 0; i <= LIMIT_PER_MINUTE; i++) last = (await evaluate({ inputs: {} })).statusCode;
    expect(last).toBe(429);
  });
});
