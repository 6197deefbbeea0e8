import { describe, expect, it } from 'vitest';
import { agendaScopes } from '../../../test/support/agenda.ts';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { romeInstant } from './calendar.ts';
import { offerFreePlaces } from './waitlist.offers.ts';

const { db, url } = await freshDatabase();
const s = await agendaScopes(db);
const clock = fixedClock('2026-11-27T08:00:00Z');
const app = await buildTestApp(db, { clock, env: { DEFAULT_TENANT: s.tenant.code } });
const join = `/prenota/lista-attesa?ufficio=${s.here.id}`;

describe('waiting list pages', () => {
  it('a resident joins from the booking (422 first, nothing personal in the URL), the desk sees and removes them', async () => {
    const b = new Browser(app);
    const step = await b.get(join);
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('<legend class="h6 fw-semibold">Giorni in cui puoi venire</legend>');
    const bad = await b.submit(join, '/prenota/lista-attesa', {
      office: s.here.id,
      topic: 'colloquio',
      weekdays: '9',
      partOfDay: 'any',
      name: 'Rita Sala',
      email: '',
      phone: '',
      language: 'it',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Scegli giorni della settimana validi.');
    expect(bad.body).toContain('href="#privacy"');
    const ok = await b.submit(join, '/prenota/lista-attesa', {
      office: s.here.id,
      topic: 'colloquio',
      weekdays: '1',
      partOfDay: 'morning',
      name: 'Rita Sala',
      email: 'rita@example.org',
      phone: '',
      language: 'it',
      privacy: 'yes',
    });
    expect(ok.statusCode).toBe(303);
    expect(String(ok.headers.location)).toBe('/prenota/lista-attesa?iscritto=1');
    expect((await b.get(String(ok.headers.location))).body).toContain('Sei in lista d’attesa');

    const desk = new Browser(app);
    await desk.login(s.operators.front_office.username, s.operators.front_office.password);
    const list = await desk.get(`/operatori/agenda/lista-attesa?ufficio=${s.here.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Rita Sala');
    expect(list.body).toMatch(/<caption>Persone in attesa a/);
    const id = (await ownerQuery(url, 'SELECT id, version FROM appointment_waitlist', [])).rows[0] as {
      id: string;
      version: number;
    };
    const removed = await desk.submit(
      `/operatori/agenda/lista-attesa?ufficio=${s.here.id}`,
      `/operatori/agenda/lista-attesa/${id.id}/togli`,
      { version: String(id.version) },
    );
    expect(removed.statusCode).toBe(303);
    const again = await desk.submit(
      `/operatori/agenda/lista-attesa?ufficio=${s.here.id}`,
      `/operatori/agenda/lista-attesa/${id.id}/togli`,
      { version: String(id.version) },
    );
    expect(again.statusCode).toBe(409);
  });

  it('the desk adds someone by phone; an offer link confirms once, then reads as no longer valid', async () => {
    const desk = new Browser(app);
    await desk.login(s.operators.front_office.username, s.operators.front_office.password);
    const list = `/operatori/agenda/lista-attesa?ufficio=${s.here.id}`;
    const bad = await desk.submit(list, '/operatori/agenda/lista-attesa', {
      office: s.here.id,
      topic: 'colloquio',
      partOfDay: 'any',
      channel: 'phone',
      name: '',
      email: '',
      phone: '',
      language: 'it',
    });
    expect(bad.statusCode).toBe(422);
    const added = await desk.submit(list, '/operatori/agenda/lista-attesa', {
      office: s.here.id,
      topic: 'colloquio',
      partOfDay: 'any',
      channel: 'phone',
      name: 'Gino Riva',
      email: 'gino@example.org',
      phone: '039 555555',
      language: 'it',
    });
    expect(added.statusCode).toBe(303);
    // Free places exist in this office: offering them gives Gino the first one.
    const [offer] = await offerFreePlaces(s.ctxOf('front_office'), s.tenant.id, s.here.id, '2026-11-30', '2026-11-30');
    expect(offer?.startsAt).toEqual(romeInstant('2026-11-30', '09:00'));
    const link = `/prenota/lista-attesa/offerta/${offer?.token}`;
    const resident = new Browser(app);
    const page = await resident.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Gino');
    const confirmed = await resident.submit(link, link, { answer: 'confirm' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toMatch(/APP-2026-\d{6}/);
    const row = await ownerQuery(
      url,
      `SELECT channel, applicant_name FROM appointment WHERE applicant_name = 'Gino Riva'`,
      [],
    );
    expect(row.rows).toEqual([{ channel: 'phone', applicant_name: 'Gino Riva' }]);
    expect((await resident.get(link)).statusCode).toBe(404);
  });

  it('the desk cancels a booking from the agenda (version-checked): the waiting list is offered the day', async () => {
    const a = await s.bookOnline(s.here.id, romeInstant('2026-12-07', '10:00'));
    const desk = new Browser(app);
    await desk.login(s.operators.front_office.username, s.operators.front_office.password);
    const list = `/operatori/agenda/lista-attesa?ufficio=${s.here.id}`;
    await desk.submit(list, '/operatori/agenda/lista-attesa', {
      office: s.here.id,
      topic: 'colloquio',
      weekdays: '1',
      partOfDay: 'morning',
      channel: 'phone',
      name: 'Ada Villa',
      email: '',
      phone: '039 444444',
      language: 'it',
    });
    const day = `/operatori/agenda?ufficio=${s.here.id}&giorno=2026-12-07`;
    const cancelled = await desk.submit(day, `/operatori/agenda/${a.id}/esito`, {
      status: 'cancelled',
      version: String(a.version),
    });
    expect(cancelled.statusCode).toBe(303);
    expect(String(cancelled.headers.location)).toContain('esito=annullato');
    const again = await desk.submit(day, `/operatori/agenda/${a.id}/esito`, {
      status: 'cancelled',
      version: String(a.version),
    });
    expect(again.statusCode).toBe(409);
    const rows = await ownerQuery(
      url,
      `SELECT w.status, w.offer_starts_at FROM appointment_waitlist w WHERE w.applicant_name = 'Ada Villa'`,
      [],
    );
    expect(rows.rows).toEqual([{ status: 'offered', offer_starts_at: romeInstant('2026-12-07', '09:00') }]);
    const status = await ownerQuery(url, 'SELECT status FROM appointment WHERE id = $1', [a.id]);
    expect(status.rows).toEqual([{ status: 'cancelled' }]);
  });

  it('a researcher is refused the waiting list', async () => {
    const b = new Browser(app);
    await b.login(s.operators.researcher.username, s.operators.researcher.password);
    expect((await b.get(`/operatori/agenda/lista-attesa?ufficio=${s.here.id}`)).statusCode).toBe(403);
  });
});
