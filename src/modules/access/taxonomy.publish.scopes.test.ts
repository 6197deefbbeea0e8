import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { accessScopes } from './access.fixture.ts';

// Permission test for `taxonomy.publish`: every role, through the API.
let s: Awaited<ReturnType<typeof accessScopes>>;
beforeAll(async () => {
  s = await accessScopes();
});

const areas = [
  { code: 'poverty_exclusion', siussArea: 3, labelIt: 'Povertà', labelEn: 'Poverty' },
  { code: 'work', parentCode: 'poverty_exclusion', labelIt: 'Lavoro', labelEn: 'Work' },
];

describe('taxonomy.publish', () => {
  it('is granted to admins only', () => {
    expect(ROLES.filter(s.allowed('taxonomy.publish'))).toEqual(['admin']);
  });

  it.each(ROLES)('%s: allowed publishes version N+1 (201, audited); refused gets 403 (audited)', async (role) => {
    const op = s.operators[role];
    const res = await s.api('POST', '/api/v1/need-areas', op.token, { areas });
    const events = await s.events(op.userId, 'taxonomy.publish');
    if (s.allowed('taxonomy.publish')(role)) {
      expect(res.statusCode).toBe(201);
      const body = res.json<{ version: number; areas: { code: string; siussArea: number }[] }>();
      expect(body.version).toBe(2);
      expect(body.areas.map((a) => [a.code, a.siussArea])).toEqual([
        ['poverty_exclusion', 3],
        ['work', 3],
      ]);
      expect(events).toMatchObject([{ outcome: 'ok', details: { version: 2, areas: 2 } }]);
    } else {
      expect(res.statusCode).toBe(403);
      expect(events).toEqual([{ outcome: 'denied', record_id: null, details: {} }]);
    }
  });

  it('answers 422 naming each bad area field, and publishes nothing', async () => {
    const res = await s.api('POST', '/api/v1/need-areas', s.operators.admin.token, {
      areas: [
        { code: 'top', labelIt: 'A', labelEn: 'A' },
        { code: 'child', parentCode: 'missing', labelIt: 'B', labelEn: 'B' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ errors: unknown[] }>().errors).toEqual([
      { pointer: '/areas/0/siussArea', detail: 'required' },
      { pointer: '/areas/1/parentCode', detail: 'unknown-parent' },
    ]);
    const versions = await s.db
      .selectFrom('need_taxonomy_version')
      .select('version')
      .where('tenant_id', '=', s.tenant.id)
      .execute();
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });
});
