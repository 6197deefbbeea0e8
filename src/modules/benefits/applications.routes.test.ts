import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { clockOn, ELIGIBLE_INPUTS, seedBenefitRules } from '../../../test/support/benefits.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOffice, buildOperator, buildTenant, buildToken, operatorCtx } from '../../../test/support/factories.ts';
import { savePerson } from '../../../test/support/people.ts';
import type { Db } from '../../platform/db/database.ts';
import { pdfText } from './notice.pdf.ts';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let db: Db;
const tokens: Record<string, string> = {};
let personId: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  await seedBenefitRules(db, tenant);
  const worker = await buildOperator(db, tenant, 'social_worker', { offices: [office] });
  tokens.worker = await buildToken(db, worker);
  tokens.coordinator = await buildToken(db, await buildOperator(db, tenant, 'coordinator'));
  tokens.admin = await buildToken(db, await buildOperator(db, tenant, 'admin'));
  personId = (await savePerson(operatorCtx(db, worker), { givenNames: 'Lia', familyNames: 'Api' })).id;
  app = await buildTestApp(db, { clock: clockOn('2026-03-10') });
});

const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) =>
  app.inject({ method, url, headers: { authorization: `Bearer ${tokens[who]}` }, ...(payload ? { payload } : {}) });

describe('benefit applications API', () => {
  it('open → check → decide → fund → payments due as CSV', async () => {
    expect(
      (await call('admin', 'PUT', '/api/v1/funds', { measure: 'contributo-ordinario', year: 2026, amount: 5000 }))
        .statusCode,
    ).toBe(200);
    const opened = await call('worker', 'POST', '/api/v1/benefit-applications', {
      personId,
      measure: 'contributo-ordinario',
      inputs: ELIGIBLE_INPUTS,
      dsuProtocol: 'INPS-ISEE-2026-00000042-00',
    });
    expect(opened.statusCode).toBe(201);
    const id = opened.json().id;
    const requested = await call('worker', 'POST', `/api/v1/benefit-applications/${id}/checks`, {
      kind: 'isee_validity',
    });
    const checkId = requested.json().checks[0].id;
    const done = await call('worker', 'POST', `/api/v1/benefit-applications/${id}/checks`, {
      checkId,
      result: 'passed',
    });
    expect(done.json().checks[0]).toMatchObject({ result: 'passed', doneOn: '2026-03-10' });
    const decided = await call('coordinator', 'POST', `/api/v1/benefit-applications/${id}/decision`, {
      decision: 'approved',
      version: done.json().version,
      periodStart: '2026-04-01',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().decision.totalAmount).toBe(2299.2);
    const notice = await call('worker', 'GET', `/api/v1/benefit-applications/${id}/notice.pdf`);
    expect(notice.statusCode).toBe(200);
    expect(notice.headers['content-type']).toBe('application/pdf');
    expect(notice.rawPayload.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const lines = pdfText(notice.rawPayload).join(' ');
    expect(lines).toContain('Esito: domanda APPROVATA.');
    expect(lines).toMatch(/Importo complessivo: 2299,20\s€/);
    expect(lines).toContain('Contributo economico ordinario versione 2, in vigore dal 01/01/2026');
    // Decided on 10/03/2026: the 60-day appeal deadline is 09/05/2026.
    expect(lines).toContain('entro il 09/05/2026');
    expect(lines).not.toContain('Lia');
    const funds = (await call('worker', 'GET', '/api/v1/funds?year=2026')).json().items;
    expect(funds[0]).toMatchObject({ committed: 2299.2, available: 2700.8 });
    const csv = await call('coordinator', 'GET', '/api/v1/benefit-payments/due.csv?until=2026-05-31');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split('\r\n')).toHaveLength(3);
    expect(csv.body).toContain('"2026-05-01","383.20"');
  });

  it('answers 422 per field, 403 for the wrong role, 404 for unknown ids, 409 for a stale decision', async () => {
    const bad = await call('worker', 'POST', '/api/v1/benefit-applications', { personId, measure: 'adi', inputs: {} });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ pointer: '/measure', detail: 'unknown' }]);
    const noAccess = await call('worker', 'POST', '/api/v1/benefit-applications', {
      personId,
      accessId: '00000000-0000-7000-8000-000000000001',
      measure: 'contributo-ordinario',
      inputs: {},
    });
    expect(noAccess.statusCode).toBe(422);
    expect(noAccess.json().errors).toEqual([{ pointer: '/accessId', detail: 'unknown' }]);
    expect((await call('worker', 'PUT', '/api/v1/funds', { measure: 'adi', year: 2026, amount: 1 })).statusCode).toBe(
      403,
    );
    expect(
      (await call('worker', 'GET', '/api/v1/benefit-applications/00000000-0000-7000-8000-000000000000')).statusCode,
    ).toBe(404);
    const opened = await call('worker', 'POST', '/api/v1/benefit-applications', {
      personId,
      measure: 'contributo-ordinario',
      inputs: ELIGIBLE_INPUTS,
    });
    const stale = await call('coordinator', 'POST', `/api/v1/benefit-applications/${opened.json().id}/decision`, {
      decision: 'rejected',
      reasonCode: 'not_resident',
      version: 7,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const undecided = await call('worker', 'GET', `/api/v1/benefit-applications/${opened.json().id}/notice.pdf`);
    expect(undecided.statusCode).toBe(409);
  });

  it('lists the endpoints in the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ url: '/openapi.json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/benefit-applications', '/api/v1/funds', '/api/v1/benefit-payments/due.csv']),
    );
  });
});
