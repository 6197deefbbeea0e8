import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { accessScopes } from './access.fixture.ts';

// Permission test for `access.register`: every role, through the API.
let s: Awaited<ReturnType<typeof accessScopes>>;
beforeAll(async () => {
  s = await accessScopes();
});

const body = (officeId: string) => ({
  officeId,
  channel: 'walk_in',
  presentedBy: 'person',
  referrer: 'self',
  anonymous: { ageBand: '35-64' },
  requests: [{ needAreaId: s.area.housing, reason: 'Affitto' }],
});

describe('access.register', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter(s.allowed('access.register'))).toEqual(['coordinator', 'social_worker', 'front_office']);
  });

  it.each(ROLES)('%s: allowed registers at their office (201, audited); refused gets 403 (audited)', async (role) => {
    const op = s.operators[role];
    const res = await s.api('POST', '/api/v1/accesses', op.token, body(s.office.id));
    const events = await s.events(op.userId, 'access.register');
    if (s.allowed('access.register')(role)) {
      expect(res.statusCode).toBe(201);
      const { attached, access } = res.json<{ attached: boolean; access: { id: string; officeId: string } }>();
      expect([attached, access.officeId]).toEqual([false, s.office.id]);
      expect(events).toMatchObject([{ outcome: 'ok', record_id: access.id }]);
    } else {
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(events).toEqual([{ outcome: 'denied', record_id: null, details: {} }]);
      expect(await s.db.selectFrom('access').select('id').where('registered_by', '=', op.userId).execute()).toEqual([]);
    }
  });

  it("refuses an office outside the operator's own (403, audited), and defaults to their first office", async () => {
    const op = s.operators.front_office;
    const res = await s.api('POST', '/api/v1/accesses', op.token, body(s.elsewhere.id));
    expect(res.statusCode).toBe(403);
    const denied = (await s.events(op.userId, 'access.register')).filter((e) => e.outcome === 'denied');
    expect(denied).toEqual([{ outcome: 'denied', record_id: s.elsewhere.id, details: { reason: 'other-office' } }]);
    const { officeId: _omit, ...noOffice } = body(s.office.id);
    const def = await s.api('POST', '/api/v1/accesses', op.token, noOffice);
    expect(def.statusCode).toBe(201);
    expect(def.json<{ access: { officeId: string } }>().access.officeId).toBe(s.office.id);
  });

  it("refuses another tenant's office as unknown: the outsider's coordinator oversees only their own", async () => {
    const res = await s.api('POST', '/api/v1/accesses', s.outsiderToken, body(s.office.id));
    expect(res.statusCode).toBe(422);
    // Nothing of the other tenant is visible: neither the office nor the need area.
    expect(res.json()).toMatchObject({
      errors: [
        { pointer: '/officeId', detail: 'unknown' },
        { pointer: '/requests/0/needAreaId', detail: 'not-current' },
      ],
    });
    expect(await s.db.selectFrom('access').select('id').where('office_id', '=', s.office.id).execute()).toHaveLength(4);
  });
});
