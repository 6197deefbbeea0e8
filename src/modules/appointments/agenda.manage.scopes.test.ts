import { describe, expect, it } from 'vitest';
import { agendaScopes } from '../../../test/support/agenda.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { ROLES } from '../../platform/context.ts';
import { type DomainError, Forbidden } from '../../platform/errors.ts';
import { appointmentsPermissions } from './agenda.policy.ts';
import { bookAtDesk, getAgenda, markAttendance } from './agenda.service.ts';
import { romeInstant } from './calendar.ts';

// Permission test for `agenda.manage` (desk bookings, attended / no-show): every role, through the service.
const { db } = await freshDatabase();
const s = await agendaScopes(db);

describe('agenda.manage', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter((r) => appointmentsPermissions['agenda.manage'].includes(r))).toEqual([
      'coordinator',
      'social_worker',
      'front_office',
    ]);
  });

  it.each(ROLES)('%s: allowed marks a booking at their office; refused Forbidden', async (role) => {
    const minutes = 9 * 60 + ROLES.indexOf(role) * 30;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${minutes % 60 === 0 ? '00' : '30'}`;
    const a = await s.bookOnline(s.here.id, romeInstant('2026-12-02', time));
    const attempt = markAttendance(s.ctxOf(role), a.id, a.version, 'attended');
    if (appointmentsPermissions['agenda.manage'].includes(role)) {
      expect((await attempt).status).toBe('attended');
    } else {
      await expect(attempt).rejects.toBeInstanceOf(Forbidden);
    }
  });

  it('a second mark with the old version is 409; another office’s booking is refused', async () => {
    const a = await s.bookOnline(s.here.id, romeInstant('2026-11-30', '11:00'));
    await expect(markAttendance(s.ctxOf('front_office'), a.id, a.version, 'no_show')).rejects.toMatchObject({
      status: 422,
      code: 'too-early',
    } satisfies Partial<DomainError>);
    await markAttendance(s.ctxOf('front_office'), a.id, a.version, 'attended');
    await expect(markAttendance(s.ctxOf('front_office'), a.id, a.version, 'no_show')).rejects.toMatchObject({
      status: 409,
    } satisfies Partial<DomainError>);
    const other = await s.bookOnline(s.elsewhere.id, romeInstant('2026-11-30', '11:00'));
    await expect(markAttendance(s.ctxOf('front_office'), other.id, other.version, 'attended')).rejects.toBeInstanceOf(
      Forbidden,
    );
  });

  it('books at the desk at the operator’s office (channel desk, booked by them), never at another', async () => {
    const input = {
      topicCode: 'colloquio',
      startsAt: romeInstant('2026-12-01', '09:00'),
      details: '',
      name: 'Ugo Sala',
      phone: '039 111111',
      email: '',
      language: 'it' as const,
      channel: 'desk' as const,
    };
    const r = await bookAtDesk(s.ctxOf('front_office'), { ...input, officeId: s.here.id });
    expect(r.kind).toBe('booked');
    if (r.kind === 'booked') expect(r.appointment.channel).toBe('desk');
    await expect(bookAtDesk(s.ctxOf('front_office'), { ...input, officeId: s.elsewhere.id })).rejects.toBeInstanceOf(
      Forbidden,
    );
    await expect(bookAtDesk(s.ctxOf('researcher'), { ...input, officeId: s.here.id })).rejects.toBeInstanceOf(
      Forbidden,
    );
  });

  it('no-show statistics count the marked bookings of the last 90 days', async () => {
    // The clock is Friday 27 November; bookings on Monday 30 are in the future, so they do not count yet.
    const agenda = await getAgenda(s.ctxOf('coordinator'), s.here.id, '2026-11-30');
    expect(agenda.stats).toMatchObject({ attended: 0, noShow: 0, rate: null });
  });
});
