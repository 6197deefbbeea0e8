import { describe, expect, it } from 'vitest';
import { agendaScopes } from '../../../test/support/agenda.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { ROLES } from '../../platform/context.ts';
import { Forbidden } from '../../platform/errors.ts';
import { addException } from './admin.service.ts';
import { appointmentsPermissions } from './agenda.policy.ts';

// Permission test for `schedule.manage` (an office's grid, closures, operators' hours): every role, through the service.
const { db, url } = await freshDatabase();
const s = await agendaScopes(db);
const closure = (day: string) => ({ day, kind: 'closed', opens: '', closes: '', note: '' });

describe('schedule.manage', () => {
  it('is granted to admins and coordinators', () => {
    expect(ROLES.filter((r) => appointmentsPermissions['schedule.manage'].includes(r))).toEqual([
      'admin',
      'coordinator',
    ]);
  });

  it.each(ROLES)(
    '%s: allowed adds a closure at the office (audited); refused Forbidden, audited, nothing written',
    async (role) => {
      const day = `2026-12-${String(10 + ROLES.indexOf(role)).padStart(2, '0')}`;
      const attempt = addException(s.ctxOf(role), s.here.id, closure(day));
      const rows = async () =>
        (await ownerQuery(url, 'SELECT count(*)::int AS n FROM office_schedule_exception WHERE day = $1', [day]))
          .rows[0];
      if (appointmentsPermissions['schedule.manage'].includes(role)) {
        expect(await attempt).toEqual({ kind: 'saved' });
        expect(await rows()).toEqual({ n: 1 });
      } else {
        await expect(attempt).rejects.toBeInstanceOf(Forbidden);
        expect(await rows()).toEqual({ n: 0 });
        const denied = await ownerQuery(
          url,
          `SELECT count(*)::int AS n FROM audit_event WHERE actor_user_id = $1 AND action = 'schedule.manage' AND outcome = 'denied'`,
          [s.operators[role].userId],
        );
        expect(denied.rows[0]).toEqual({ n: 1 });
      }
    },
  );

  it('a coordinator is refused another office; an admin reaches every office', async () => {
    await expect(addException(s.ctxOf('coordinator'), s.elsewhere.id, closure('2026-12-22'))).rejects.toBeInstanceOf(
      Forbidden,
    );
    expect(await addException(s.ctxOf('admin', []), s.elsewhere.id, closure('2026-12-22'))).toEqual({ kind: 'saved' });
  });
});
