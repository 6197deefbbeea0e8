import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { peopleScopes } from './people.scopes.fixture.ts';

// Permission test for `person.read`: every role, through the API.
let s: Awaited<ReturnType<typeof peopleScopes>>;
let id: string;
beforeAll(async () => {
  s = await peopleScopes();
  ({ id } = await s.aPerson('Leggibile'));
});

describe('person.read', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter(s.allowed('person.read'))).toEqual(['coordinator', 'social_worker', 'front_office']);
  });

  it.each(ROLES)('%s: allowed reads the file (audited); refused gets 403 (audited denied)', async (role) => {
    const op = s.operators[role];
    const res = await s.api('GET', `/api/v1/people/${id}`, op.token);
    const events = await s.events(op.userId, 'person.read');
    if (s.allowed('person.read')(role)) {
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id, familyNames: 'Leggibile' });
      expect(events).toEqual([{ outcome: 'ok', record_id: id }]);
    } else {
      expect(res.statusCode).toBe(403);
      expect(events).toEqual([{ outcome: 'denied', record_id: id }]);
    }
  });

  it("answers 404 for another tenant's person, and audits the attempt", async () => {
    const res = await s.api('GET', `/api/v1/people/${id}`, s.outsiderToken);
    expect(res.statusCode).toBe(404);
    const denied = await s.db
      .selectFrom('audit_event')
      .select(['outcome', 'tenant_id'])
      .where('action', '=', 'person.read')
      .where('record_id', '=', id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.some((e) => e.tenant_id !== s.tenant.id)).toBe(true);
  });
});
