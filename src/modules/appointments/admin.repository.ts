import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';

/** SQL of the calendar settings pages (appointment_office, exceptions, availability, topics). */

export async function officesWithGrid(db: Executor, tenantId: string) {
  return db
    .selectFrom('office as o')
    .leftJoin('appointment_office as a', 'a.office_id', 'o.id')
    .select(['o.id', 'o.name', 'a.slot_minutes', 'a.capacity', 'a.bookable', 'a.version'])
    .where('o.tenant_id', '=', tenantId)
    .orderBy('o.name')
    .execute();
}

/** Creates the grid (version 0 read: none yet) or updates it at the version read; false when stale. */
export async function saveGrid(
  db: Executor,
  tenantId: string,
  officeId: string,
  version: number,
  g: { slotMinutes: number; capacity: number; bookable: boolean },
) {
  if (version === 0) {
    const r = await db
      .insertInto('appointment_office')
      .values({
        tenant_id: tenantId,
        office_id: officeId,
        slot_minutes: g.slotMinutes,
        capacity: g.capacity,
        bookable: g.bookable,
      })
      .onConflict((oc) => oc.column('office_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db
    .updateTable('appointment_office')
    .set({ slot_minutes: g.slotMinutes, capacity: g.capacity, bookable: g.bookable, version: sql`version + 1` })
    .where('office_id', '=', officeId)
    .where('tenant_id', '=', tenantId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function exceptionsOf(db: Executor, tenantId: string, officeId: string, from: string) {
  return db
    .selectFrom('office_schedule_exception')
    .select(['id', 'day', 'kind', 'opens', 'closes', 'note'])
    .where('tenant_id', '=', tenantId)
    .where('office_id', '=', officeId)
    .where('day', '>=', from)
    .orderBy('day')
    .orderBy('opens')
    .execute();
}

export async function insertException(
  db: Executor,
  tenantId: string,
  e: {
    officeId: string;
    day: string;
    kind: 'closed' | 'extra';
    opens: string | null;
    closes: string | null;
    note: string | null;
  },
) {
  const id = newId();
  await db
    .insertInto('office_schedule_exception')
    .values({
      id,
      tenant_id: tenantId,
      office_id: e.officeId,
      day: e.day,
      kind: e.kind,
      opens: e.opens,
      closes: e.closes,
      note: e.note,
    })
    .execute();
  return id;
}

/** Deletes one row of an office (exception or availability); the office id returned, or undefined. */
export async function deleteRow(
  db: Executor,
  table: 'office_schedule_exception' | 'operator_availability',
  tenantId: string,
  id: string,
) {
  const row = await db
    .deleteFrom(table)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returning('office_id')
    .executeTakeFirst();
  return row?.office_id;
}

export async function officeOfRow(
  db: Executor,
  table: 'office_schedule_exception' | 'operator_availability',
  tenantId: string,
  id: string,
) {
  const row = await db
    .selectFrom(table)
    .select('office_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.office_id;
}

export async function availabilityAt(db: Executor, tenantId: string, officeId: string) {
  return db
    .selectFrom('operator_availability as v')
    .innerJoin('app_user as u', 'u.id', 'v.user_id')
    .select(['v.id', 'v.user_id', 'u.display_name', 'v.weekday', 'v.opens', 'v.closes'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.office_id', '=', officeId)
    .orderBy('v.weekday')
    .orderBy('v.opens')
    .execute();
}

/** Operators of the tenant who receive residents (for the availability form). */
export async function frontDoorOperators(db: Executor, tenantId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.role', 'in', ['coordinator', 'social_worker', 'front_office'])
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .execute();
}

export async function topicsAll(db: Executor, tenantId: string) {
  const topics = await db
    .selectFrom('appointment_topic')
    .select(['id', 'code', 'label_it', 'label_en', 'duration_minutes', 'roles', 'active', 'need_area_code', 'version'])
    .where('tenant_id', '=', tenantId)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  const links = await db
    .selectFrom('appointment_topic_office')
    .select(['topic_id', 'office_id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return topics.map((t) => ({ ...t, officeIds: links.filter((l) => l.topic_id === t.id).map((l) => l.office_id) }));
}

export interface TopicValues {
  code: string;
  labelIt: string;
  labelEn: string;
  durationMinutes: number;
  roles: string[];
  officeIds: string[];
  needAreaCode: string | null;
  active: boolean;
}

/** Inserts (version 0) or updates a topic at the version read and replaces its offices; false when stale or a duplicate code. */
export async function saveTopic(db: Executor, tenantId: string, id: string | null, version: number, v: TopicValues) {
  const values = {
    code: v.code,
    label_it: v.labelIt,
    label_en: v.labelEn,
    duration_minutes: v.durationMinutes,
    roles: v.roles,
    need_area_code: v.needAreaCode,
    active: v.active,
  };
  let topicId = id;
  if (!topicId) {
    topicId = newId();
    const r = await db
      .insertInto('appointment_topic')
      .values({ id: topicId, tenant_id: tenantId, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return undefined;
  } else {
    const r = await db
      .updateTable('appointment_topic')
      .set({ ...values, version: sql`version + 1` })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', topicId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return undefined;
    await db.deleteFrom('appointment_topic_office').where('topic_id', '=', topicId).execute();
  }
  if (v.officeIds.length > 0) {
    await db
      .insertInto('appointment_topic_office')
      .values(v.officeIds.map((officeId) => ({ tenant_id: tenantId, topic_id: topicId, office_id: officeId })))
      .execute();
  }
  return topicId;
}

export async function codeTaken(db: Executor, tenantId: string, code: string, exceptId: string | null) {
  let q = db.selectFrom('appointment_topic').select('id').where('tenant_id', '=', tenantId).where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertAvailability(
  db: Executor,
  tenantId: string,
  v: { userId: string; officeId: string; weekday: number; opens: string; closes: string },
) {
  const id = newId();
  await db
    .insertInto('operator_availability')
    .values({
      id,
      tenant_id: tenantId,
      user_id: v.userId,
      office_id: v.officeId,
      weekday: v.weekday,
      opens: v.opens,
      closes: v.closes,
    })
    .execute();
  return id;
}
