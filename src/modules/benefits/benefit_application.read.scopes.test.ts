import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { getApplication, listApplications } from './applications.service.ts';
import { benefitsScopes } from './benefits.scopes.fixture.ts';

// Permission test for `benefit_application.read`: reading one application and listing them.
let s: Awaited<ReturnType<typeof benefitsScopes>>;
let id: string;
beforeAll(async () => {
  s = await benefitsScopes();
  id = (await s.anApplication()).id;
});

describe('benefit_application.read', () => {
  it('is granted to coordinators and social workers', () => {
    expect(ROLES.filter(s.allowed('benefit_application.read'))).toEqual(['coordinator', 'social_worker']);
  });

  it.each(ROLES)('%s: allowed reads (audited ok); refused gets 403, audited denied', async (role) => {
    const op = s.operators[role];
    if (s.allowed('benefit_application.read')(role)) {
      expect((await getApplication(s.ctx(role), id)).id).toBe(id);
      expect((await listApplications(s.ctx(role), { status: 'open' })).map((a) => a.id)).toContain(id);
      expect((await s.events(op.userId, 'benefit_application.read')).map((e) => e.outcome)).toEqual(['ok']);
    } else {
      await expect(getApplication(s.ctx(role), id)).rejects.toMatchObject({ status: 403 });
      await expect(listApplications(s.ctx(role), {})).rejects.toMatchObject({ status: 403 });
      expect((await s.events(op.userId, 'benefit_application.read')).map((e) => e.outcome)).toEqual([
        'denied',
        'denied',
      ]);
    }
  });

  it('another tenant’s coordinator gets 404 (audited denied) and an empty list', async () => {
    await expect(getApplication(s.outsiderCtx(), id)).rejects.toMatchObject({ status: 404 });
    expect(await listApplications(s.outsiderCtx(), {})).toEqual([]);
  });
});
