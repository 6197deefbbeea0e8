import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { buildOperator, buildToken } from '../../../test/support/factories.ts';
import { ROLES } from '../../platform/context.ts';
import { accessScopes } from './access.fixture.ts';

// Permission test for `indicator.read`: every role, through the API; office scope; small cells.
let s: Awaited<ReturnType<typeof accessScopes>>;
const year = new Date().toISOString().slice(0, 4);
const period = `from=${year}-01-01&to=${year}-12-31`;

interface Report {
  officeId: string | null;
  suppressionApplied: boolean;
  indicators: Record<string, { numerator?: number | null; denominator?: number | null; suppressed: boolean }>;
}

beforeAll(async () => {
  s = await accessScopes();
  // Three walk-ins at the office: every ratio's denominator is below 5 (a small cell).
  for (let i = 0; i < 3; i++) await s.anAccess();
});

describe('indicator.read', () => {
  it('is granted to coordinators and researchers only', () => {
    expect(ROLES.filter(s.allowed('indicator.read'))).toEqual(['coordinator', 'researcher']);
  });

  it.each(ROLES)(
    '%s: allowed reads the indicators of its office (audited); refused gets 403 (audited)',
    async (role) => {
      const op = s.operators[role];
      const res = await s.api('GET', `/api/v1/indicators/access?${period}&officeId=${s.office.id}`, op.token);
      const events = await s.events(op.userId, 'indicator.read');
      if (s.allowed('indicator.read')(role)) {
        expect(res.statusCode).toBe(200);
        const body = res.json<Report>();
        expect(body.officeId).toBe(s.office.id);
        expect(Object.keys(body.indicators)).toHaveLength(9);
        expect(events).toMatchObject([{ outcome: 'ok', record_id: s.office.id }]);
      } else {
        expect(res.statusCode).toBe(403);
        expect(events).toMatchObject([{ outcome: 'denied' }]);
      }
    },
  );

  it('suppresses small cells for researchers; coordinators see the raw counts, flagged', async () => {
    const url = `/api/v1/indicators/access?${period}&officeId=${s.office.id}`;
    const researcher = (await s.api('GET', url, s.operators.researcher.token)).json<Report>();
    expect(researcher.suppressionApplied).toBe(true);
    expect(researcher.indicators.walkInShare).toEqual({
      kind: 'ratio',
      numerator: null,
      denominator: null,
      value: null,
      suppressed: true,
    });
    const coordinator = (await s.api('GET', url, s.operators.coordinator.token)).json<Report>();
    expect(coordinator.suppressionApplied).toBe(false);
    expect(coordinator.indicators.walkInShare).toMatchObject({ numerator: 3, denominator: 3, suppressed: true });
  });

  it('refuses a coordinator another office or the whole tenant (403, audited); a researcher may ask for the tenant', async () => {
    const coord = s.operators.coordinator;
    expect(
      (await s.api('GET', `/api/v1/indicators/access?${period}&officeId=${s.elsewhere.id}`, coord.token)).statusCode,
    ).toBe(403);
    expect((await s.api('GET', `/api/v1/indicators/access?${period}`, coord.token)).statusCode).toBe(403);
    const denied = (await s.events(coord.userId, 'indicator.read')).filter((e) => e.outcome === 'denied');
    expect(denied.map((d) => (d.details as { reason?: string }).reason)).toEqual(
      expect.arrayContaining(['other-office', 'tenant-wide']),
    );
    const all = await s.api('GET', `/api/v1/indicators/access?${period}`, s.operators.researcher.token);
    expect(all.statusCode).toBe(200);
    expect(all.json<Report>().officeId).toBeNull();
    // A coordinator overseeing every office (no assigned office) reads the tenant total.
    const overseer = await buildOperator(s.db, s.tenant, 'coordinator');
    const token = await buildToken(s.db, overseer);
    expect((await s.api('GET', `/api/v1/indicators/access?${period}`, token)).statusCode).toBe(200);
  });

  it('answers 400 with the bad parameters named', async () => {
    const res = await s.api(
      'GET',
      '/api/v1/indicators/access?from=2026-02-30&to=2025-01-01',
      s.operators.researcher.token,
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ errors: unknown[] }>().errors).toEqual([{ pointer: '/from', detail: 'notADate' }]);
    const reversed = await s.api(
      'GET',
      '/api/v1/indicators/access?from=2026-02-01&to=2026-01-01',
      s.operators.researcher.token,
    );
    expect(reversed.json<{ errors: unknown[] }>().errors).toEqual([{ pointer: '/to', detail: 'beforeFrom' }]);
  });

  it('shows the page to a researcher with the nine indicators and refuses it to the front office', async () => {
    const app = await buildTestApp(s.db);
    const b = new Browser(app);
    await b.login(s.operators.researcher.username, s.operators.researcher.password);
    const res = await b.get(`/operatori/indicatori?${period}&officeId=`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('9. Persone tornate entro 90 giorni');
    expect(res.body).toContain('Non pubblicabile (meno di 5)');
    const bad = await b.get('/operatori/indicatori?from=xx&to=2026-01-01&officeId=');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#from"');
    const desk = new Browser(app);
    await desk.login(s.operators.front_office.username, s.operators.front_office.password);
    expect((await desk.get('/operatori/indicatori')).statusCode).toBe(403);
  });
});
