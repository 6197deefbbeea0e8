import { describe, expect, it } from 'vitest';
import { AGENDA_CLOCK, agendaScopes } from '../../../test/support/agenda.ts';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { buildOperator, operatorCtx } from '../../../test/support/factories.ts';
import { addException, saveGrid, saveTopic } from './admin.service.ts';
import { findBookableOffice } from './booking.service.ts';
import { freeSlotsOfDay } from './slots.service.ts';

const { db, url } = await freshDatabase();
const s = await agendaScopes(db);
const admin = await buildOperator(db, s.tenant, 'admin');
const adminCtx = operatorCtx(db, admin, AGENDA_CLOCK, []);
const coordinator = s.ctxOf('coordinator');
const free = async (day: string) => {
  const office = await findBookableOffice(db, s.tenant.id, s.here.id);
  if (!office) throw new Error('not bookable');
  return freeSlotsOfDay(db, s.tenant.id, office, day, 30, AGENDA_CLOCK.now());
};

describe('agenda settings', () => {
  it('a closure makes the day not bookable; bad input is refused with the field, nothing written', async () => {
    expect((await free('2026-12-02')).length).toBe(7);
    const bad = await addException(coordinator, s.here.id, {
      day: '2026-02-30',
      kind: 'extra',
      opens: '12:00',
      closes: '09:00',
      note: '',
    });
    expect(bad).toEqual({ kind: 'invalid', errors: { day: 'error.day', opens: 'error.times' } });
    expect(
      await addException(coordinator, s.here.id, {
        day: '2026-12-02',
        kind: 'closed',
        opens: '',
        closes: '',
        note: 'Assemblea',
      }),
    ).toEqual({ kind: 'saved' });
    expect(await free('2026-12-02')).toEqual([]);
    const audit = await ownerQuery(url, `SELECT details FROM audit_event WHERE action = 'schedule.exception'`, []);
    expect(audit.rows[0]?.details).toMatchObject({ day: '2026-12-02', kind: 'closed' });
    const rows = await ownerQuery(url, 'SELECT count(*)::int AS n FROM office_schedule_exception', []);
    expect(rows.rows[0]).toEqual({ n: 1 });
  });

  it('the slot grid is saved at the version read; a stale version is 409; bad values 422', async () => {
    expect(
      await saveGrid(coordinator, s.here.id, { slotMinutes: '7', capacity: '0', bookable: true, version: '1' }),
    ).toEqual({
      kind: 'invalid',
      errors: { slotMinutes: 'error.slotMinutes', capacity: 'error.capacity' },
    });
    expect(
      await saveGrid(coordinator, s.here.id, { slotMinutes: '60', capacity: '2', bookable: true, version: '1' }),
    ).toEqual({ kind: 'saved' });
    await expect(
      saveGrid(coordinator, s.here.id, { slotMinutes: '30', capacity: '2', bookable: true, version: '1' }),
    ).rejects.toMatchObject({ status: 409 });
    const row = await ownerQuery(
      url,
      'SELECT slot_minutes, capacity, version FROM appointment_office WHERE office_id = $1',
      [s.here.id],
    );
    expect(row.rows[0]).toEqual({ slot_minutes: 60, capacity: 2, version: 2 });
  });

  it('topics: codes unique, roles and offices required, updates at the version read', async () => {
    const input = {
      code: 'isee',
      labelIt: 'Aiuto con l’ISEE',
      labelEn: 'Help with ISEE',
      durationMinutes: '45',
      roles: ['front_office'],
      officeIds: [s.here.id],
      needAreaCode: 'information',
      active: true,
      version: '0',
    };
    expect(await saveTopic(adminCtx, null, { ...input, code: 'colloquio' })).toEqual({
      kind: 'invalid',
      errors: { code: 'error.codeTaken' },
    });
    expect(await saveTopic(adminCtx, null, { ...input, roles: ['wizard'], officeIds: [] })).toEqual({
      kind: 'invalid',
      errors: { roles: 'error.roles', officeIds: 'error.offices' },
    });
    expect(await saveTopic(adminCtx, null, input)).toEqual({ kind: 'saved' });
    const t = (
      await ownerQuery(url, `SELECT id, version, need_area_code FROM appointment_topic WHERE code = 'isee'`, [])
    ).rows[0] as {
      id: string;
      version: number;
    };
    expect(t).toMatchObject({ version: 1, need_area_code: 'information' });
    expect(await saveTopic(adminCtx, t.id, { ...input, durationMinutes: '60', version: '1' })).toEqual({
      kind: 'saved',
    });
    await expect(saveTopic(adminCtx, t.id, { ...input, version: '1' })).rejects.toMatchObject({ status: 409 });
  });

  it('the pages: an admin adds a closure through the form (422 then 303) and edits topics', async () => {
    const app = await buildTestApp(db, {
      clock: fixedClock('2026-11-27T08:00:00Z'),
      env: { DEFAULT_TENANT: s.tenant.code },
    });
    const b = new Browser(app);
    await b.login(admin.username, admin.password);
    const page = `/operatori/agenda/impostazioni?ufficio=${s.here.id}`;
    expect((await b.get(page)).statusCode).toBe(200);
    const bad = await b.submit(page, '/operatori/agenda/impostazioni/eccezioni', {
      office: s.here.id,
      day: 'domani',
      kind: 'closed',
      opens: '',
      closes: '',
      note: '',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Scrivi un giorno valido (AAAA-MM-GG).');
    const ok = await b.submit(page, '/operatori/agenda/impostazioni/eccezioni', {
      office: s.here.id,
      day: '2026-12-03',
      kind: 'closed',
      opens: '',
      closes: '',
      note: '',
    });
    expect(ok.statusCode).toBe(303);
    expect((await b.get(String(ok.headers.location))).body).toContain('<th scope="row">2026-12-03</th>');
    expect(await free('2026-12-03')).toEqual([]);
    const topics = await b.get('/operatori/agenda/argomenti');
    expect(topics.statusCode).toBe(200);
    expect(topics.body).toContain('<caption>Argomenti che si possono prenotare</caption>');
    const w = new Browser(app);
    await w.login(s.operators.social_worker.username, s.operators.social_worker.password);
    expect((await w.get(page)).statusCode).toBe(403);
    expect((await w.get('/operatori/agenda/argomenti')).statusCode).toBe(403);
  });
});
