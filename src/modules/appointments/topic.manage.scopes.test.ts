import { describe, expect, it } from 'vitest';
import { agendaScopes } from '../../../test/support/agenda.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { ROLES } from '../../platform/context.ts';
import { Forbidden } from '../../platform/errors.ts';
import { saveTopic } from './admin.service.ts';
import { appointmentsPermissions } from './agenda.policy.ts';

// Permission test for `topic.manage` (tenant-wide appointment topics): every role, through the service.
const { db, url } = await freshDatabase();
const s = await agendaScopes(db);

describe('topic.manage', () => {
  it('is granted to admins only', () => {
    expect(ROLES.filter((r) => appointmentsPermissions['topic.manage'].includes(r))).toEqual(['admin']);
  });

  it.each(ROLES)(
    '%s: allowed creates a topic of its own tenant (audited); refused Forbidden, nothing written',
    async (role) => {
      const code = `t-${role.replace('_', '-')}`;
      const attempt = saveTopic(s.ctxOf(role), null, {
        code,
        labelIt: 'Prova',
        labelEn: 'Test',
        durationMinutes: '30',
        roles: ['social_worker'],
        officeIds: [s.here.id],
        needAreaCode: '',
        active: true,
        version: '0',
      });
      const rows = async () =>
        (await ownerQuery(url, 'SELECT tenant_id FROM appointment_topic WHERE code = $1', [code])).rows;
      if (appointmentsPermissions['topic.manage'].includes(role)) {
        expect(await attempt).toEqual({ kind: 'saved' });
        expect(await rows()).toEqual([{ tenant_id: s.tenant.id }]);
      } else {
        await expect(attempt).rejects.toBeInstanceOf(Forbidden);
        expect(await rows()).toEqual([]);
      }
    },
  );
});
