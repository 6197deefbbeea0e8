import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** SQL of the waiting list (0016). Every function takes the executor first. */

export interface NewEntry {
  id: string;
  tenantId: string;
  officeId: string;
  topicId: string;
  weekdays: number[];
  partOfDay: 'any' | 'morning' | 'afternoon';
  untilDay: string;
  channel: 'online' | 'desk' | 'phone';
  name: string;
  phone: string | null;
  email: string | null;
  language: 'it' | 'en';
  personId: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export async function insertEntry(db: Executor, e: NewEntry) {
  await db
    .insertInto('appointment_waitlist')
    .values({
      id: e.id,
      tenant_id: e.tenantId,
      office_id: e.officeId,
      topic_id: e.topicId,
      weekdays: e.weekdays,
      part_of_day: e.partOfDay,
      until_day: e.untilDay,
      channel: e.channel,
      applicant_name: e.name,
      applicant_phone: e.phone,
      applicant_email: e.email,
      language: e.language,
      person_id: e.personId,
      created_by: e.createdBy,
      created_at: e.createdAt,
    })
    .execute();
}

const entryColumns = [
  'w.id',
  'w.office_id',
  'w.topic_id',
  'w.weekdays',
  'w.part_of_day',
  'w.until_day',
  'w.channel',
  'w.applicant_name',
  'w.applicant_phone',
  'w.applicant_email',
  'w.language',
  'w.person_id',
  'w.status',
  'w.offer_starts_at',
  'w.offer_slot_count',
  'w.offer_expires_at',
  'w.offers_made',
  'w.appointment_id',
  'w.version',
  'w.created_at',
  't.code as topic_code',
  't.label_it as topic_it',
  't.label_en as topic_en',
  't.duration_minutes',
] as const;

export type EntryRow = Awaited<ReturnType<typeof waitingAt>>[number];

/** Waiting entries of an office, first come first served, locked (others skip them) while one is offered a place. */
export async function waitingAt(db: Executor, tenantId: string, officeId: string, day: string) {
  return db
    .selectFrom('appointment_waitlist as w')
    .innerJoin('appointment_topic as t', 't.id', 'w.topic_id')
    .select(entryColumns)
    .where('w.tenant_id', '=', tenantId)
    .where('w.office_id', '=', officeId)
    .where('w.status', '=', 'waiting')
    .where('w.until_day', '>=', day)
    .orderBy('w.created_at')
    .orderBy('w.id')
    .forUpdate('w')
    .skipLocked()
    .execute();
}

export async function entriesOf(db: Executor, tenantId: string, officeId: string) {
  return db
    .selectFrom('appointment_waitlist as w')
    .innerJoin('appointment_topic as t', 't.id', 'w.topic_id')
    .select(entryColumns)
    .where('w.tenant_id', '=', tenantId)
    .where('w.office_id', '=', officeId)
    .where('w.status', 'in', ['waiting', 'offered'])
    .orderBy('w.created_at')
    .execute();
}

export async function entryByToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom('appointment_waitlist as w')
    .innerJoin('appointment_topic as t', 't.id', 'w.topic_id')
    .select([...entryColumns, 'w.tenant_id'])
    .where('w.offer_token_hash', '=', tokenHash)
    .where('w.status', '=', 'offered')
    .forUpdate('w')
    .executeTakeFirst();
}

export async function entryById(db: Executor, tenantId: string, id: string) {
  return db
    .selectFrom('appointment_waitlist as w')
    .innerJoin('appointment_topic as t', 't.id', 'w.topic_id')
    .select(entryColumns)
    .where('w.tenant_id', '=', tenantId)
    .where('w.id', '=', id)
    .forUpdate('w')
    .executeTakeFirst();
}

/** Offers that ran out, across tenants (each is then re-read and locked under its tenant). */
export async function expiredOffers(db: Executor, now: Date) {
  return db
    .selectFrom('appointment_waitlist')
    .select(['id', 'tenant_id'])
    .where('status', '=', 'offered')
    .where('offer_expires_at', '<=', now)
    .orderBy('offer_expires_at')
    .execute();
}

export async function setOffer(
  db: Executor,
  id: string,
  o: { startsAt: Date; slotCount: number; expiresAt: Date; tokenHash: string },
) {
  await db
    .updateTable('appointment_waitlist')
    .set({
      status: 'offered',
      offer_starts_at: o.startsAt,
      offer_slot_count: o.slotCount,
      offer_expires_at: o.expiresAt,
      offer_token_hash: o.tokenHash,
      offers_made: sql`offers_made + 1`,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .execute();
}

/** Ends an offer: booked (with the appointment), withdrawn (declined) or lapsed (not answered in time). */
export async function closeOffer(
  db: Executor,
  id: string,
  status: 'booked' | 'withdrawn' | 'lapsed',
  appointmentId: string | null,
) {
  await db
    .updateTable('appointment_waitlist')
    .set({
      status,
      appointment_id: appointmentId,
      offer_starts_at: null,
      offer_slot_count: null,
      offer_expires_at: null,
      offer_token_hash: null,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .execute();
}

/** Takes an entry off the list (operator), only at the version read. */
export async function withdraw(db: Executor, id: string, version: number) {
  const r = await db
    .updateTable('appointment_waitlist')
    .set({ status: 'withdrawn', version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
