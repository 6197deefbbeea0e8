import { describe, expect, it } from 'vitest';
import { agendaScopes } from '../../../test/support/agenda.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { buildOperator, operatorCtx } from '../../../test/support/factories.ts';
import { ROLES } from '../../platform/context.ts';
import { Forbidden } from '../../platform/errors.ts';
import { appointmentsPermissions } from './agenda.policy.ts';
import { getAgenda } from './agenda.service.ts';
import { romeInstant } from './calendar.ts';

// Permission test for `agenda.read`: every role, through the service.
const { db, url } = await freshDatabase();
const s = await agendaScopes(db);
const booking = await s.bookOnline(s.here.id, romeInstant('2026-11-30', '09:00'));
const events = async (userId: string) =>
  (
    await ownerQuery(
      url,
      `SELECT outcome, details FROM audit_event WHERE actor_user_id = $1 AND action = 'agenda.read' ORDER BY seq`,
      [userId],
    )
  ).rows;

describe('agenda.read', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter((r) => appointmentsPermissions['agenda.read'].includes(r))).toEqual([
      'coordinator',
      'social_worker',
      'front_office',
    ]);
  });

  it.each(ROLES)(
    '%s: allowed sees the day at their office (audited with ids); refused Forbidden, audited',
    async (role) => {
      const op = s.operators[role];
      const attempt = getAgenda(s.ctxOf(role), s.here.id, '2026-11-30');
      if (appointmentsPermissions['agenda.read'].includes(role)) {
        const agenda = await attempt;
        expect(agenda.appointments.map((a) => a.id)).toEqual([booking.id]);
        expect(await events(op.userId)).toEqual([{ outcome: 'ok', details: { day: '2026-11-30', ids: [booking.id] } }]);
      } else {
        await expect(attempt).rejects.toBeInstanceOf(Forbidden);
        expect(await events(op.userId)).toEqual([{ outcome: 'denied', details: {} }]);
      }
    },
  );

  it('another office is refused unless a coordinator has no office assigned', async () => {
    await expect(getAgenda(s.ctxOf('social_worker'), s.elsewhere.id, '2026-11-30')).rejects.toBeInstanceOf(Forbidden);
    const overseer = await buildOperator(db, s.tenant, 'coordinator');
    const agenda = await getAgenda(operatorCtx(db, overseer, undefined, []), s.elsewhere.id, '2026-11-30');
    expect(agenda.appointments).toEqual([]);
  });
});
