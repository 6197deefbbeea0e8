import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { peopleScopes } from './people.scopes.fixture.ts';

// Permission test for `person.search`: every role, through the API.
let s: Awaited<ReturnType<typeof peopleScopes>>;
let id: string;
beforeAll(async () => {
  s = await peopleScopes();
  ({ id } = await s.aPerson('Cercabile'));
});

describe('person.search', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter(s.allowed('person.search'))).toEqual(['coordinator', 'social_worker', 'front_office']);
  });

  it.each(ROLES)(
    '%s: allowed finds the person (audited with the result ids); refused gets 403 (audited denied)',
    async (role) => {
      const op = s.operators[role];
      const res = await s.api('GET', '/api/v1/people?q=cercabile', op.token);
      const events = await s.events(op.userId, 'person.search');
      if (s.allowed('person.search')(role)) {
        expect(res.statusCode).toBe(200);
        expect(res.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([id]);
        expect(events.map((e) => e.outcome)).toEqual(['ok']);
      } else {
        expect(res.statusCode).toBe(403);
        expect(events.map((e) => e.outcome)).toEqual(['denied']);
      }
    },
  );

  it("never finds another tenant's people", async () => {
    const res = await s.api('GET', '/api/v1/people?q=cercabile', s.outsiderToken);
    expect(res.json<{ items: unknown[] }>().items).toEqual([]);
  });
});
