import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { peopleScopes } from './people.scopes.fixture.ts';

// Permission test for `person.create`: every role, through the API.
let s: Awaited<ReturnType<typeof peopleScopes>>;
beforeAll(async () => {
  s = await peopleScopes();
});

describe('person.create', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter(s.allowed('person.create'))).toEqual(['coordinator', 'social_worker', 'front_office']);
  });

  it.each(ROLES)('%s: allowed creates (audited); refused gets 403, writes nothing, audited denied', async (role) => {
    const op = s.operators[role];
    const familyNames = `Nuova${role.replace('_', '')}`;
    const res = await s.api('POST', '/api/v1/people', op.token, { givenNames: 'Persona', familyNames });
    const stored = await s.db.selectFrom('person').select('id').where('family_names', '=', familyNames).execute();
    const events = await s.events(op.userId, 'person.create');
    if (s.allowed('person.create')(role)) {
      expect(res.statusCode).toBe(201);
      expect(stored).toHaveLength(1);
      expect(events).toEqual([{ outcome: 'ok', record_id: stored[0]?.id }]);
    } else {
      expect(res.statusCode).toBe(403);
      expect(stored).toEqual([]);
      expect(events.map((e) => e.outcome)).toEqual(['denied']);
    }
  });
});
