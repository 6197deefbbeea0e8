import { beforeAll, describe, expect, it } from 'vitest';
import { buildOperator, buildToken } from '../../../test/support/factories.ts';
import { ROLES } from '../../platform/context.ts';
import { accessScopes } from './access.fixture.ts';

// Permission test for `access.read`: every role, through the API.
let s: Awaited<ReturnType<typeof accessScopes>>;
let id: string;
beforeAll(async () => {
  s = await accessScopes();
  id = await s.anAccess();
});

describe('access.read', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter(s.allowed('access.read'))).toEqual(['coordinator', 'social_worker', 'front_office']);
  });

  it.each(ROLES)('%s: allowed reads the access (audited); refused gets 403 (audited denied)', async (role) => {
    const op = s.operators[role];
    const res = await s.api('GET', `/api/v1/accesses/${id}`, op.token);
    const events = await s.events(op.userId, 'access.read');
    if (s.allowed('access.read')(role)) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id,
        officeId: s.office.id,
        requests: [{ reason: 'Cerca casa', needArea: { code: 'housing', labelIt: 'Casa', taxonomyVersion: 1 } }],
      });
      expect(events).toEqual([{ outcome: 'ok', record_id: id, details: {} }]);
    } else {
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('Cerca casa');
      expect(events).toEqual([{ outcome: 'denied', record_id: id, details: {} }]);
    }
  });

  it("an access at another office is refused to that office's outsiders, seen by an overseeing coordinator", async () => {
    const coordinatorEverywhere = await buildOperator(s.db, s.tenant, 'coordinator');
    const elsewhereId = await s.anAccess(s.elsewhere.id, await buildToken(s.db, coordinatorEverywhere));
    const desk = s.operators.front_office;
    const res = await s.api('GET', `/api/v1/accesses/${elsewhereId}`, desk.token);
    expect(res.statusCode).toBe(403);
    expect((await s.events(desk.userId, 'access.read')).at(-1)).toEqual({
      outcome: 'denied',
      record_id: elsewhereId,
      details: { reason: 'other-office' },
    });
    const all = await s.api('GET', `/api/v1/accesses/${elsewhereId}`, await buildToken(s.db, coordinatorEverywhere));
    expect(all.statusCode).toBe(200);
  });

  it("answers 404 for another tenant's access, and audits the attempt as denied", async () => {
    const res = await s.api('GET', `/api/v1/accesses/${id}`, s.outsiderToken);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const denied = await s.db
      .selectFrom('audit_event')
      .select(['outcome', 'tenant_id', 'details'])
      .where('action', '=', 'access.read')
      .where('record_id', '=', id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.filter((e) => e.tenant_id !== s.tenant.id)).toEqual([
      expect.objectContaining({ details: { reason: 'not-found' } }),
    ]);
  });
});
