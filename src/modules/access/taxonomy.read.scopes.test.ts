import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { accessScopes } from './access.fixture.ts';

// Permission test for `taxonomy.read`: every role, through the API.
const STAFF = ROLES.filter((r) => r !== 'partner');
let s: Awaited<ReturnType<typeof accessScopes>>;
beforeAll(async () => {
  s = await accessScopes();
});

describe('taxonomy.read', () => {
  it('is granted to every staff role (reference data, not personal data), not to partner users', () => {
    expect(ROLES.filter(s.allowed('taxonomy.read'))).toEqual(STAFF);
  });

  it('a partner user is refused (403), for the need areas and the questionnaires alike', async () => {
    for (const url of ['/api/v1/need-areas', '/api/v1/questionnaires']) {
      const res = await s.api('GET', url, s.operators.partner.token);
      expect(res.statusCode, url).toBe(403);
    }
  });

  it.each(STAFF)('%s reads the current questionnaires', async (role) => {
    const res = await s.api('GET', '/api/v1/questionnaires', s.operators[role].token);
    expect(res.statusCode).toBe(200);
  });

  it.each(STAFF)("%s reads the tenant's current taxonomy with its version", async (role) => {
    const res = await s.api('GET', '/api/v1/need-areas', s.operators[role].token);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ version: number; areas: { code: string; siussArea: number | null }[] }>();
    expect(body.version).toBe(1);
    expect(body.areas.map((a) => [a.code, a.siussArea])).toEqual([
      ['families_minors', 1],
      ['poverty_exclusion', 3],
      ['housing', 3],
      ['school', 1],
    ]);
  });

  it("never shows another tenant's taxonomy", async () => {
    const res = await s.api('GET', '/api/v1/need-areas', s.outsiderToken);
    expect(res.json()).toEqual({ version: null, publishedAt: null, areas: [] });
  });

  it('needs a signed-in operator', async () => {
    const res = await s.api('GET', '/api/v1/need-areas', 'not-a-token');
    expect(res.statusCode).toBe(401);
  });
});
