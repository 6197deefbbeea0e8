import { describe, expect, it } from 'vitest';
import { agendaScopes } from '../../../test/support/agenda.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { Forbidden } from '../../platform/errors.ts';
import { checkIn } from './agenda.checkin.ts';
import { romeInstant } from './calendar.ts';

// Check-in on arrival registers the access through the access register's own service.
const { db, url } = await freshDatabase();
const s = await agendaScopes(db);
const { versionId } = await s.withTaxonomy();
const areas = (
  await ownerQuery(url, 'SELECT id, code FROM need_area WHERE taxonomy_version_id = $1 ORDER BY code', [versionId])
).rows as { id: string; code: string }[];
const housing = areas.find((a) => a.code === 'housing')?.id ?? '';
const desk = s.ctxOf('front_office');
const accessesOf = async (personId: string) =>
  (
    await ownerQuery(
      url,
      `SELECT a.id, a.channel, a.presented_by, a.office_id FROM access a JOIN access_person p ON p.access_id = a.id
        WHERE p.person_id = $1`,
      [personId],
    )
  ).rows;
const appointment = async (id: string) =>
  (await ownerQuery(url, 'SELECT status, access_id, version FROM appointment WHERE id = $1', [id])).rows[0];

describe('check-in', () => {
  it('creates an access for the booked person (walk-in, presented by the person) and links it; never twice', async () => {
    const anna = await s.person('Anna', 'Brambilla');
    const a = await s.bookOnline(s.here.id, romeInstant('2026-11-27', '11:00'), anna);
    const r = await checkIn(desk, a.id, a.version, housing);
    expect(r.kind).toBe('created');
    expect(await accessesOf(anna)).toEqual([
      { id: r.accessId, channel: 'walk_in', presented_by: 'person', office_id: s.here.id },
    ]);
    expect(await appointment(a.id)).toMatchObject({ status: 'attended', access_id: r.accessId });
    const request = await ownerQuery(url, 'SELECT need_area_id, reason FROM access_request WHERE access_id = $1', [
      r.accessId,
    ]);
    expect(request.rows).toEqual([{ need_area_id: housing, reason: `Argomento colloquio (appuntamento ${a.code})` }]);
    // The same click again (old version) and a fresh one (new version) both leave one access.
    await expect(checkIn(desk, a.id, a.version, housing)).rejects.toMatchObject({ status: 409 });
    const current = (await appointment(a.id)) as { version: number };
    await expect(checkIn(desk, a.id, current.version, housing)).rejects.toMatchObject({ status: 409 });
    expect(await accessesOf(anna)).toHaveLength(1);
    const audit = await ownerQuery(
      url,
      `SELECT details FROM audit_event WHERE action = 'agenda.checkin' AND record_id = $1`,
      [a.id],
    );
    expect(audit.rows).toEqual([{ details: { accessId: r.accessId, attached: false } }]);
  });

  it('a second booking of the same person today attaches to the access already open for them', async () => {
    const bruno = await s.person('Bruno', 'Colombo');
    const first = await s.bookOnline(s.here.id, romeInstant('2026-11-27', '11:30'), bruno);
    const second = await s.bookOnline(s.here.id, romeInstant('2026-11-27', '12:00'), bruno);
    const one = await checkIn(desk, first.id, first.version, housing);
    const two = await checkIn(desk, second.id, second.version, housing);
    expect(two).toMatchObject({ kind: 'attached', accessId: one.accessId });
    expect(await accessesOf(bruno)).toHaveLength(1);
  });

  it('without a person the access names nobody; without a need area nothing is written (422)', async () => {
    const a = await s.bookOnline(s.here.id, romeInstant('2026-11-27', '11:00'));
    await expect(checkIn(desk, a.id, a.version, undefined)).rejects.toMatchObject({ status: 422, code: 'need-area' });
    expect(await appointment(a.id)).toMatchObject({ status: 'booked', access_id: null });
    const r = await checkIn(desk, a.id, a.version, housing);
    const persons = await ownerQuery(url, 'SELECT person_id FROM access_person WHERE access_id = $1', [r.accessId]);
    expect(persons.rows).toEqual([]);
  });

  it('the topic’s need area is proposed when the operator chooses none', async () => {
    await ownerQuery(url, `UPDATE appointment_topic SET need_area_code = 'information' WHERE tenant_id = $1`, [
      s.tenant.id,
    ]);
    const a = await s.bookOnline(s.here.id, romeInstant('2026-11-27', '11:30'));
    const r = await checkIn(desk, a.id, a.version, undefined);
    const request = await ownerQuery(url, 'SELECT need_area_id FROM access_request WHERE access_id = $1', [r.accessId]);
    expect(request.rows).toEqual([{ need_area_id: areas.find((x) => x.code === 'information')?.id }]);
  });

  it('refuses another office’s booking and roles outside the front door', async () => {
    const other = await s.bookOnline(s.elsewhere.id, romeInstant('2026-11-27', '11:00'));
    await expect(checkIn(desk, other.id, other.version, housing)).rejects.toBeInstanceOf(Forbidden);
    const a = await s.bookOnline(s.here.id, romeInstant('2026-11-27', '12:00'));
    await expect(checkIn(s.ctxOf('researcher'), a.id, a.version, housing)).rejects.toBeInstanceOf(Forbidden);
    expect(await appointment(other.id)).toMatchObject({ status: 'booked', access_id: null });
  });
});
