import { describe, expect, it } from 'vitest';
import { agendaScopes } from '../../../test/support/agenda.ts';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { romeInstant } from './calendar.ts';

const { db, url } = await freshDatabase();
const s = await agendaScopes(db);
const lia = await s.person('Lia', 'Mariani');
const earlier = await s.bookOnline(s.here.id, romeInstant('2026-11-30', '10:00'), lia);
const app = await buildTestApp(db, {
  clock: fixedClock('2026-11-27T08:00:00Z'),
  env: { DEFAULT_TENANT: s.tenant.code },
});

describe('booking from a person’s file', () => {
  it('the file lists the person’s bookings and opens the desk booking with the person; the booking names them', async () => {
    const b = new Browser(app);
    await b.login(s.operators.front_office.username, s.operators.front_office.password);
    const file = await b.get(`/operatori/persone/${lia}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('id="appuntamenti-title"');
    expect(file.body).toContain(`<th scope="row">${earlier.code}</th>`);
    expect(file.body).toContain(`href="/operatori/agenda?persona=${lia}#prenota"`);

    const desk = await b.get(`/operatori/agenda?persona=${lia}`);
    expect(desk.body).toContain('Prenotazione per Lia Mariani');
    expect(desk.body).toContain(`name="person" value="${lia}"`);
    const booked = await b.submit(`/operatori/agenda?persona=${lia}`, '/operatori/agenda/prenota', {
      office: s.here.id,
      day: '2026-11-27',
      slot: romeInstant('2026-12-01', '09:00').toISOString(),
      topic: 'colloquio',
      channel: 'desk',
      name: 'Lia Mariani',
      phone: '039 777777',
      email: '',
      details: '',
      person: lia,
    });
    expect(booked.statusCode).toBe(303);
    const rows = await ownerQuery(url, 'SELECT channel FROM appointment WHERE person_id = $1 ORDER BY starts_at', [
      lia,
    ]);
    expect(rows.rows).toEqual([{ channel: 'online' }, { channel: 'desk' }]);
    // An unknown person is refused, nothing booked.
    const unknown = await b.submit(`/operatori/agenda?ufficio=${s.here.id}`, '/operatori/agenda/prenota', {
      office: s.here.id,
      day: '2026-11-27',
      slot: romeInstant('2026-12-01', '09:30').toISOString(),
      topic: 'colloquio',
      channel: 'desk',
      name: 'Nessuno',
      phone: '039 777777',
      email: '',
      details: '',
      person: '01890000-0000-7000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    const n = await ownerQuery(url, `SELECT count(*)::int AS n FROM appointment WHERE applicant_name = 'Nessuno'`, []);
    expect(n.rows[0]).toEqual({ n: 0 });
  });

  it('the file also puts the person on a waiting list, the entry naming them', async () => {
    const b = new Browser(app);
    await b.login(s.operators.front_office.username, s.operators.front_office.password);
    const file = await b.get(`/operatori/persone/${lia}`);
    expect(file.body).toContain(`href="/operatori/agenda/lista-attesa?persona=${lia}#aggiungi"`);
    const page = `/operatori/agenda/lista-attesa?persona=${lia}`;
    const form = await b.get(page);
    expect(form.body).toContain(`name="person" value="${lia}"`);
    expect(form.body).toContain('value="Lia Mariani"');
    const added = await b.submit(page, '/operatori/agenda/lista-attesa', {
      office: s.here.id,
      topic: 'colloquio',
      partOfDay: 'any',
      channel: 'desk',
      name: 'Lia Mariani',
      email: '',
      phone: '039 777777',
      language: 'it',
      person: lia,
    });
    expect(added.statusCode).toBe(303);
    const rows = await ownerQuery(url, 'SELECT person_id, channel FROM appointment_waitlist', []);
    expect(rows.rows).toEqual([{ person_id: lia, channel: 'desk' }]);
  });

  it('roles without the agenda do not see the section', async () => {
    const b = new Browser(app);
    await b.login(s.operators.researcher.username, s.operators.researcher.password);
    const file = await b.get(`/operatori/persone/${lia}`);
    expect(file.body).not.toContain('id="appuntamenti-title"');
  });
});
