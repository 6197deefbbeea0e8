import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** SQL of the agenda beyond the booking tables' own repository: check-in links, week counts, a person's bookings. */

/** The access each of these bookings is linked to (check-in), by booking id. */
export async function accessLinks(db: Executor, tenantId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('appointment')
    .select(['id', 'access_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', [...ids])
    .where('access_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.access_id as string]));
}

/**
 * Claims a booking for check-in: marks it attended (if still booked) and bumps its version, only when
 * the version read is current and no access is linked yet. False: someone else got there first.
 */
export async function claimCheckIn(db: Executor, id: string, version: number, by: string, at: Date) {
  const r = await db
    .updateTable('appointment')
    .set({
      status: 'attended',
      status_changed_by: by,
      status_changed_at: at,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('access_id', 'is', null)
    .where('status', 'in', ['booked', 'attended'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function linkAccess(db: Executor, id: string, accessId: string) {
  await db
    .updateTable('appointment')
    .set({ access_id: accessId, version: sql`version + 1` })
    .where('id', '=', id)
    .where('access_id', 'is', null)
    .execute();
}

export async function topicNeedArea(db: Executor, tenantId: string, topicId: string) {
  const row = await db
    .selectFrom('appointment_topic')
    .select('need_area_code')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', topicId)
    .executeTakeFirst();
  return row?.need_area_code ?? null;
}

/** The need area code each topic of the tenant proposes at check-in, by topic id. */
export async function topicNeedAreas(db: Executor, tenantId: string) {
  const rows = await db
    .selectFrom('appointment_topic')
    .select(['id', 'need_area_code'])
    .where('tenant_id', '=', tenantId)
    .where('need_area_code', 'is not', null)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.need_area_code as string]));
}

/** Bookings of an office (or of one operator's bookings at it) in [from, to), not cancelled, for the week view. */
export async function weekRows(db: Executor, tenantId: string, officeId: string, from: Date, to: Date) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('appointment_topic as t', 't.id', 'a.topic_id')
    .select([
      'a.id',
      'a.code',
      'a.starts_at',
      'a.ends_at',
      'a.status',
      'a.channel',
      'a.applicant_name',
      'a.booked_by',
      'a.access_id',
      't.label_it as topic_it',
      't.label_en as topic_en',
      't.roles as topic_roles',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.office_id', '=', officeId)
    .where('a.starts_at', '>=', from)
    .where('a.starts_at', '<', to)
    .where('a.status', '<>', 'cancelled')
    .orderBy('a.starts_at')
    .orderBy('a.code')
    .execute();
}

/** An operator's availability rows at an office (to tell which week bookings fall in their hours). */
export async function availabilityOf(db: Executor, tenantId: string, officeId: string, userId: string) {
  const rows = await db
    .selectFrom('operator_availability')
    .select(['weekday', 'opens', 'closes'])
    .where('tenant_id', '=', tenantId)
    .where('office_id', '=', officeId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ weekday: r.weekday, opens: r.opens.slice(0, 5), closes: r.closes.slice(0, 5) }));
}

/** Operators with availability at an office, for the week view's operator filter. */
export async function operatorsAt(db: Executor, tenantId: string, officeId: string) {
  return db
    .selectFrom('operator_availability as v')
    .innerJoin('app_user as u', 'u.id', 'v.user_id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .where('v.tenant_id', '=', tenantId)
    .where('v.office_id', '=', officeId)
    .orderBy('u.display_name')
    .execute();
}

/** A person's bookings, newest first (the person file's section). */
export async function personAppointments(db: Executor, tenantId: string, personId: string) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('appointment_topic as t', 't.id', 'a.topic_id')
    .innerJoin('office as o', 'o.id', 'a.office_id')
    .select([
      'a.id',
      'a.code',
      'a.office_id',
      'a.starts_at',
      'a.status',
      'a.access_id',
      't.label_it as topic_it',
      't.label_en as topic_en',
      'o.name as office_name',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.person_id', '=', personId)
    .orderBy('a.starts_at', 'desc')
    .limit(50)
    .execute();
}
