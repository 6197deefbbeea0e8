import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { benefitsScopes } from './benefits.scopes.fixture.ts';
import { ORDINARY_2026 } from './rules.municipal.ts';
import { publishRuleSet } from './rules.service.ts';

// Permission test for `benefit_rules.publish`: every role, through the service.
let s: Awaited<ReturnType<typeof benefitsScopes>>;
beforeAll(async () => {
  s = await benefitsScopes();
});

describe('benefit_rules.publish', () => {
  it('is granted to admins only', () => {
    expect(ROLES.filter(s.allowed('benefit_rules.publish'))).toEqual(['admin']);
  });

  it.each(ROLES)(
    '%s: allowed publishes version N+1 (audited); refused gets 403, writes nothing, audited denied',
    async (role) => {
      const measure = `test-${role.replace('_', '-')}`;
      const op = s.operators[role];
      const attempt = publishRuleSet(s.ctx(role), {
        effectiveFrom: '2027-01-01',
        definition: { ...ORDINARY_2026, measure },
      });
      const stored = () =>
        s.db.selectFrom('benefit_rule_set').select('version').where('measure', '=', measure).execute();
      const events = () => s.events(op.userId, 'benefit_rules.publish');
      if (s.allowed('benefit_rules.publish')(role)) {
        expect(await attempt).toMatchObject({ kind: 'published', ruleSet: { measure, version: 1 } });
        expect(await stored()).toEqual([{ version: 1 }]);
        expect((await events()).map((e) => e.outcome)).toEqual(['ok']);
      } else {
        await expect(attempt).rejects.toMatchObject({ status: 403 });
        expect(await stored()).toEqual([]);
        expect((await events()).map((e) => e.outcome)).toEqual(['denied']);
      }
    },
  );

  it('publishes into the admin’s own tenant only', async () => {
    await publishRuleSet(s.ctx('admin'), { effectiveFrom: '2027-01-01', definition: ORDINARY_2026 });
    const rows = await s.db
      .selectFrom('benefit_rule_set')
      .select(['tenant_id', 'version'])
      .where('measure', '=', 'contributo-ordinario')
      .orderBy('version')
      .execute();
    expect(rows.map((r) => [r.tenant_id, r.version])).toEqual([
      [s.tenant.id, 1],
      [s.tenant.id, 2],
      [s.tenant.id, 3],
    ]);
  });
});
