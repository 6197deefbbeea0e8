import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { peopleScopes } from './people.scopes.fixture.ts';

// Permission test for `person.update`: every role, through the API.
let s: Awaited<ReturnType<typeof peopleScopes>>;
beforeAll(async () => {
  s = await peopleScopes();
});

describe('person.update', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter(s.allowed('person.update'))).toEqual(['coordinator', 'social_worker', 'front_office']);
  });

  it.each(ROLES)(
    '%s: allowed updates (audited, version bumped); refused gets 403 and changes nothing',
    async (role) => {
      const op = s.operators[role];
      const { id, version } = await s.aPerson(`Modificabile${role.replace('_', '')}`);
      const res = await s.api('PUT', `/api/v1/people/${id}`, op.token, {
        givenNames: 'Cambiato',
        familyNames: 'Modificato',
        version,
      });
      const row = await s.db
        .selectFrom('person')
        .select(['given_names', 'version'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const events = await s.events(op.userId, 'person.update');
      if (s.allowed('person.update')(role)) {
        expect(res.statusCode).toBe(200);
        expect(row).toEqual({ given_names: 'Cambiato', version: version + 1 });
        expect(events).toEqual([{ outcome: 'ok', record_id: id }]);
      } else {
        expect(res.statusCode).toBe(403);
        expect(row).toEqual({ given_names: 'Prova', version });
        expect(events).toEqual([{ outcome: 'denied', record_id: id }]);
      }
    },
  );

  it("answers 404 for another tenant's person and changes nothing", async () => {
    const { id, version } = await s.aPerson('Altrui');
    const res = await s.api('PUT', `/api/v1/people/${id}`, s.outsiderToken, {
      givenNames: 'X',
      familyNames: 'Y',
      version,
    });
    expect(res.statusCode).toBe(404);
    const row = await s.db.selectFrom('person').select('family_names').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.family_names).toBe('Altrui');
  });
});
