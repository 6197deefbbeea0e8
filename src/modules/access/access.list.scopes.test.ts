import { beforeAll, describe, expect, it } from 'vitest';
import { buildOperator, buildToken } from '../../../test/support/factories.ts';
import { ROLES } from '../../platform/context.ts';
import { accessScopes } from './access.fixture.ts';

// Permission test for `access.list`: every role, through the API.
let s: Awaited<ReturnType<typeof accessScopes>>;
let here: string;
let there: string;
let overseer: string;
beforeAll(async () => {
  s = await accessScopes();
  here = await s.anAccess();
  overseer = await buildToken(s.db, await buildOperator(s.db, s.tenant, 'coordinator'));
  there = await s.anAccess(s.elsewhere.id, overseer);
});

const ids = (res: { json: () => unknown }) => (res.json() as { items: { id: string }[] }).items.map((i) => i.id);

describe('access.list', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter(s.allowed('access.list'))).toEqual(['coordinator', 'social_worker', 'front_office']);
  });

  it.each(ROLES)('%s: allowed lists today at their own office only (audited with ids); refused 403', async (role) => {
    const op = s.operators[role];
    const res = await s.api('GET', '/api/v1/accesses?view=today', op.token);
    const events = await s.events(op.userId, 'access.list');
    if (s.allowed('access.list')(role)) {
      expect(res.statusCode).toBe(200);
      expect(ids(res)).toEqual([here]);
      expect(events).toEqual([{ outcome: 'ok', record_id: null, details: { view: 'today', ids: [here] } }]);
    } else {
      expect(res.statusCode).toBe(403);
      expect(events).toEqual([{ outcome: 'denied', record_id: null, details: {} }]);
    }
  });

  it('a coordinator with no office oversees every office; asking for an office not yours is 403', async () => {
    const all = await s.api('GET', '/api/v1/accesses', overseer);
    expect(ids(all).sort()).toEqual([here, there].sort());
    const desk = s.operators.social_worker;
    const res = await s.api('GET', `/api/v1/accesses?officeId=${s.elsewhere.id}`, desk.token);
    expect(res.statusCode).toBe(403);
    expect((await s.events(desk.userId, 'access.list')).at(-1)).toMatchObject({
      outcome: 'denied',
      details: { reason: 'other-office' },
    });
  });

  it('filters by channel and need area, and never lists another tenant', async () => {
    const phone = await s.api('GET', '/api/v1/accesses?channel=phone', overseer);
    expect(ids(phone)).toEqual([]);
    const housing = await s.api('GET', '/api/v1/accesses?needArea=housing', overseer);
    expect(ids(housing).sort()).toEqual([here, there].sort());
    const outsider = await s.api('GET', '/api/v1/accesses', s.outsiderToken);
    expect(ids(outsider)).toEqual([]);
  });
});
