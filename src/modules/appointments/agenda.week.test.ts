import { describe, expect, it } from 'vitest';
import { agendaScopes } from '../../../test/support/agenda.ts';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { asSystem } from '../../platform/db/database.ts';
import { Forbidden } from '../../platform/errors.ts';
import { getWeek, mondayOf } from './agenda.week.ts';
import { romeInstant } from './calendar.ts';
import { insertAvailability } from './setup.repository.ts';

const { db, url } = await freshDatabase();
const s = await agendaScopes(db);
const worker = s.operators.social_worker;
const monNine = await s.bookOnline(s.here.id, romeInstant('2026-11-30', '09:00'));
const monEleven = await s.bookOnline(s.here.id, romeInstant('2026-11-30', '11:00'));
const tueNine = await s.bookOnline(s.here.id, romeInstant('2026-12-01', '09:00'));
await s.bookOnline(s.elsewhere.id, romeInstant('2026-11-30', '09:00'));

describe('week view', () => {
  it('any day finds its Monday; bad input falls back to this week', () => {
    expect(mondayOf('2026-12-02', '2026-11-27')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06', '2026-11-27')).toBe('2026-11-30');
    expect(mondayOf('2026-13-45', '2026-11-27')).toBe('2026-11-23');
    expect(mondayOf(undefined, '2026-11-27')).toBe('2026-11-23');
  });

  it('shows an office’s week with counts per day, audited with the ids', async () => {
    const w = await getWeek(s.ctxOf('front_office'), s.here.id, '2026-12-02', undefined);
    expect(w?.monday).toBe('2026-11-30');
    expect(w?.items.map((i) => i.code)).toEqual([monNine.code, monEleven.code, tueNine.code]);
    expect(w?.days.map((d) => d.booked)).toEqual([2, 1, 0, 0, 0, 0, 0]);
    // 09:00–12:30 in 30-minute slots of 3 places: 7 start times, all with a place left; closed at the weekend.
    expect(w?.days.map((d) => d.free)).toEqual([7, 7, 7, 7, 7, 0, 0]);
    const audit = await ownerQuery(
      url,
      `SELECT details FROM audit_event WHERE action = 'agenda.read' AND details->>'week' = '2026-11-30'`,
      [],
    );
    expect(audit.rows).toEqual([{ details: { week: '2026-11-30', ids: [monNine.id, monEleven.id, tueNine.id] } }]);
  });

  it('one operator’s week keeps the bookings inside their hours', async () => {
    // With availability rows, a slot offers as many places as operators available then.
    await asSystem(db, (trx) =>
      insertAvailability(trx, s.tenant.id, {
        userId: worker.userId,
        officeId: s.here.id,
        weekday: 1,
        opens: '09:00',
        closes: '10:00',
      }),
    );
    const w = await getWeek(s.ctxOf('front_office'), s.here.id, '2026-11-30', worker.userId);
    expect(w?.operators.map((o) => o.id)).toEqual([worker.userId]);
    expect(w?.items.map((i) => i.code)).toEqual([monNine.code]);
    expect(w?.days[0]).toMatchObject({ booked: 1, free: 1, hours: ['09:00–10:00'] });
    expect(w?.days[1]).toMatchObject({ booked: 0, free: 0, hours: [] });
  });

  it('is refused outside the front door', async () => {
    await expect(getWeek(s.ctxOf('researcher'), s.here.id, '2026-11-30', undefined)).rejects.toBeInstanceOf(Forbidden);
  });

  it('the page has captioned tables, day links and week navigation without JavaScript', async () => {
    const app = await buildTestApp(db, {
      clock: fixedClock('2026-11-27T08:00:00Z'),
      env: { DEFAULT_TENANT: s.tenant.code },
    });
    const b = new Browser(app);
    await b.login(s.operators.front_office.username, s.operators.front_office.password);
    const page = await b.get(`/operatori/agenda/settimana?ufficio=${s.here.id}&settimana=2026-12-02`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<caption>Riepilogo della settimana a /);
    expect(page.body).toContain(`<th scope="row">${monNine.code}</th>`);
    expect(page.body).toContain(`href="/operatori/agenda?ufficio=${s.here.id}&amp;giorno=2026-11-30"`);
    expect(page.body).toContain(`settimana=2026-12-07`);
    expect(page.body).toContain('Carla Fumagalli');
    const day = await b.get(`/operatori/agenda?ufficio=${s.here.id}&giorno=2026-11-30`);
    expect(day.body).toContain(`/operatori/agenda/settimana?ufficio=${s.here.id}&amp;settimana=2026-11-30`);
  });
});
