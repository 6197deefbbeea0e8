import { describe, expect, it } from 'vitest';
import { agendaScopes } from '../../../test/support/agenda.ts';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { romeInstant } from './calendar.ts';

const { db, url } = await freshDatabase();
const s = await agendaScopes(db);
const online = await s.bookOnline(s.here.id, romeInstant('2026-11-27', '11:00'));
// Booked at 09:00 for 11:00; the desk works at 12:00 (Rome), when the 11:00 appointment can be a no-show.
const app = await buildTestApp(db, {
  clock: fixedClock('2026-11-27T11:00:00Z'),
  env: { DEFAULT_TENANT: s.tenant.code },
});

describe('agenda pages', () => {
  it('the desk sees today’s bookings, books a person at the desk, marks a no-show; the statistics follow', async () => {
    const b = new Browser(app);
    const op = s.operators.front_office;
    await b.login(op.username, op.password);
    const page = await b.get(`/operatori/agenda?ufficio=${s.here.id}&giorno=2026-11-27`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(online.code);
    expect(page.body).toContain('Carla Fumagalli');
    expect(page.body).toMatch(/<caption>Appuntamenti di/);
    const slot = romeInstant('2026-11-30', '09:00').toISOString();

    const bad = await b.submit(
      `/operatori/agenda?ufficio=${s.here.id}&giorno=2026-11-27`,
      '/operatori/agenda/prenota',
      {
        office: s.here.id,
        day: '2026-11-27',
        slot,
        topic: 'colloquio',
        channel: 'desk',
        name: '',
        phone: '',
        email: '',
        details: '',
      },
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Scrivi nome e cognome.');

    const booked = await b.submit(
      `/operatori/agenda?ufficio=${s.here.id}&giorno=2026-11-27`,
      '/operatori/agenda/prenota',
      {
        office: s.here.id,
        day: '2026-11-27',
        slot,
        topic: 'colloquio',
        channel: 'phone',
        name: 'Ugo Sala',
        phone: '039 222222',
        email: '',
        details: '',
      },
    );
    expect(booked.statusCode).toBe(303);
    expect(String(booked.headers.location)).not.toContain('Ugo');
    const after = await b.get(String(booked.headers.location));
    expect(after.body).toContain('Ugo Sala');
    expect(after.body).toContain('Al telefono');

    const marked = await b.submit(
      `/operatori/agenda?ufficio=${s.here.id}&giorno=2026-11-27`,
      `/operatori/agenda/${online.id}/esito`,
      {
        status: 'no_show',
        version: String(online.version),
      },
    );
    expect(marked.statusCode).toBe(303);
    const stale = await b.submit(
      `/operatori/agenda?ufficio=${s.here.id}&giorno=2026-11-27`,
      `/operatori/agenda/${online.id}/esito`,
      {
        status: 'attended',
        version: String(online.version),
      },
    );
    expect(stale.statusCode).toBe(409);
    const row = await ownerQuery(url, 'SELECT status, status_changed_by FROM appointment WHERE id = $1', [online.id]);
    expect(row.rows[0]).toEqual({ status: 'no_show', status_changed_by: op.userId });
  });

  it('a researcher is refused the agenda', async () => {
    const b = new Browser(app);
    await b.login(s.operators.researcher.username, s.operators.researcher.password);
    expect((await b.get('/operatori/agenda')).statusCode).toBe(403);
  });
});
