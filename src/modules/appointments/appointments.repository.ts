import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

const hm = (t: string) => t.slice(0, 5);

export async function settings(db: Executor, tenantId: string) {
  const row = await db
    .selectFrom('appointment_settings')
    .select(['patron_day', 'min_notice_hours', 'horizon_days'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return {
    patronDay: row?.patron_day ?? null,
    minNoticeHours: row?.min_notice_hours ?? 2,
    horizonDays: row?.horizon_days ?? 60,
  };
}

export async function bookableOffices(db: Executor, tenantId: string) {
  return db
    .selectFrom('appointment_office as a')
    .innerJoin('office as o', 'o.id', 'a.office_id')
    .select([
      'o.id',
      'o.name',
      'o.street',
      'o.postcode',
      'o.city',
      'o.phone',
      'o.email',
      'a.slot_minutes',
      'a.capacity',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.bookable', '=', true)
    .orderBy('o.kind')
    .orderBy('o.name')
    .execute();
}

export type BookableOfficeRow = Awaited<ReturnType<typeof bookableOffices>>[number];

export async function officeCalendarRows(db: Executor, tenantId: string, officeId: string, from: string, to: string) {
  const [hours, exceptions, availability] = await Promise.all([
    db
      .selectFrom('office_hours')
      .select(['weekday', 'opens', 'closes'])
      .where('tenant_id', '=', tenantId)
      .where('office_id', '=', officeId)
      .execute(),
    db
      .selectFrom('office_schedule_exception')
      .select(['day', 'kind', 'opens', 'closes'])
      .where('tenant_id', '=', tenantId)
      .where('office_id', '=', officeId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute(),
    db
      .selectFrom('operator_availability')
      .select(['user_id', 'weekday', 'opens', 'closes'])
      .where('tenant_id', '=', tenantId)
      .where('office_id', '=', officeId)
      .execute(),
  ]);
  return {
    hours: hours.map((h) => ({ weekday: h.weekday, opens: hm(h.opens), closes: hm(h.closes) })),
    exceptions: exceptions.map((e) => ({
      day: e.day as unknown as string,
      kind: e.kind as 'closed' | 'extra',
      opens: e.opens ? hm(e.opens) : null,
      closes: e.closes ? hm(e.closes) : null,
    })),
    availability: availability.map((v) => ({
      userId: v.user_id,
      weekday: v.weekday,
      opens: hm(v.opens),
      closes: hm(v.closes),
    })),
  };
}

/** Booked counts of an office's slots in [from, to). */
export async function bookedCounts(db: Executor, officeId: string, from: Date, to: Date) {
  const rows = await db
    .selectFrom('appointment_slot')
    .select(['starts_at', 'booked'])
    .where('office_id', '=', officeId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .execute();
  return new Map(rows.map((r) => [r.starts_at.getTime(), r.booked]));
}

/**
 * Takes one place in a slot, or nothing when it is full: the row lock of ON CONFLICT DO UPDATE makes
 * concurrent bookings queue, and the WHERE re-checks the count after the lock. Returns false when full.
 */
export async function takePlace(
  db: Executor,
  tenantId: string,
  officeId: string,
  startsAt: Date,
  capacity: number,
): Promise<boolean> {
  const row = await sql<{ booked: number }>`
    INSERT INTO appointment_slot (tenant_id, office_id, starts_at, capacity, booked)
    VALUES (${tenantId}, ${officeId}, ${startsAt}, ${capacity}, 1)
    ON CONFLICT (office_id, starts_at) DO UPDATE
      SET capacity = EXCLUDED.capacity, booked = appointment_slot.booked + 1
      WHERE appointment_slot.booked < EXCLUDED.capacity
    RETURNING booked`.execute(db);
  return row.rows.length === 1;
}

export async function releasePlaces(db: Executor, officeId: string, starts: readonly Date[]) {
  if (starts.length === 0) return;
  await db
    .updateTable('appointment_slot')
    .set({ booked: sql`greatest(booked - 1, 0)` })
    .where('office_id', '=', officeId)
    .where('starts_at', 'in', [...starts])
    .execute();
}

export async function nextCode(db: Executor, tenantId: string, kind: 'APP' | 'RA', year: number): Promise<string> {
  const row = await sql<{ last: number }>`
    INSERT INTO appointment_code_counter (tenant_id, kind, year, last) VALUES (${tenantId}, ${kind}, ${year}, 1)
    ON CONFLICT (tenant_id, kind, year) DO UPDATE SET last = appointment_code_counter.last + 1
    RETURNING last`.execute(db);
  return `${kind}-${year}-${String(row.rows[0]?.last ?? 0).padStart(6, '0')}`;
}

export async function topicsOf(db: Executor, tenantId: string, officeId?: string) {
  let q = db
    .selectFrom('appointment_topic as t')
    .select(['t.id', 't.code', 't.label_it', 't.label_en', 't.duration_minutes', 't.roles'])
    .where('t.tenant_id', '=', tenantId)
    .where('t.active', '=', true);
  if (officeId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('appointment_topic_office as x')
          .select('x.topic_id')
          .whereRef('x.topic_id', '=', 't.id')
          .where('x.office_id', '=', officeId),
      ),
    );
  }
  return q.orderBy('t.sort_order').orderBy('t.code').execute();
}

export type TopicRow = Awaited<ReturnType<typeof topicsOf>>[number];

export interface NewAppointment {
  id: string;
  tenantId: string;
  code: string;
  officeId: string;
  topicId: string;
  startsAt: Date;
  endsAt: Date;
  slotCount: number;
  channel: 'online' | 'desk' | 'phone';
  applicantName: string;
  applicantPhone: string | null;
  applicantEmail: string | null;
  language: 'it' | 'en';
  details: string | null;
  personId: string | null;
  bookedBy: string | null;
}

export async function insertAppointment(db: Executor, a: NewAppointment) {
  await db
    .insertInto('appointment')
    .values({
      id: a.id,
      tenant_id: a.tenantId,
      code: a.code,
      office_id: a.officeId,
      topic_id: a.topicId,
      starts_at: a.startsAt,
      ends_at: a.endsAt,
      slot_count: a.slotCount,
      channel: a.channel,
      applicant_name: a.applicantName,
      applicant_phone: a.applicantPhone,
      applicant_email: a.applicantEmail,
      language: a.language,
      details: a.details,
      person_id: a.personId,
      booked_by: a.bookedBy,
    })
    .execute();
}

const appointmentColumns = [
  'a.id',
  'a.code',
  'a.office_id',
  'a.topic_id',
  'a.starts_at',
  'a.ends_at',
  'a.slot_count',
  'a.channel',
  'a.status',
  'a.applicant_name',
  'a.applicant_phone',
  'a.applicant_email',
  'a.language',
  'a.details',
  'a.person_id',
  'a.version',
  'a.reminder_sent_at',
  't.code as topic_code',
  't.label_it as topic_it',
  't.label_en as topic_en',
  'o.name as office_name',
  'o.street as office_street',
  'o.postcode as office_postcode',
  'o.city as office_city',
] as const;

function appointmentQuery(db: Executor, tenantId: string) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('appointment_topic as t', 't.id', 'a.topic_id')
    .innerJoin('office as o', 'o.id', 'a.office_id')
    .select(appointmentColumns)
    .where('a.tenant_id', '=', tenantId);
}

export type AppointmentRow = Awaited<ReturnType<typeof findAppointment>> & object;

export async function findAppointment(db: Executor, tenantId: string, id: string) {
  return appointmentQuery(db, tenantId).where('a.id', '=', id).executeTakeFirst();
}

export async function findAppointmentByCode(db: Executor, tenantId: string, code: string) {
  return appointmentQuery(db, tenantId).where('a.code', '=', code).executeTakeFirst();
}

export async function listAppointments(db: Executor, tenantId: string, officeId: string, from: Date, to: Date) {
  return appointmentQuery(db, tenantId)
    .where('a.office_id', '=', officeId)
    .where('a.starts_at', '>=', from)
    .where('a.starts_at', '<', to)
    .orderBy('a.starts_at')
    .orderBy('a.code')
    .execute();
}

export async function setStatus(
  db: Executor,
  id: string,
  version: number,
  status: 'booked' | 'cancelled' | 'attended' | 'no_show',
  by: string | null,
  at: Date,
) {
  const r = await db
    .updateTable('appointment')
    .set({ status, status_changed_by: by, status_changed_at: at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function moveAppointment(db: Executor, id: string, version: number, startsAt: Date, endsAt: Date) {
  const r = await db
    .updateTable('appointment')
    .set({ starts_at: startsAt, ends_at: endsAt, reminder_sent_at: null, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Bookings of an office by status, among those that started before `now`, in [from, to). */
export async function statusCounts(db: Executor, tenantId: string, officeId: string, from: Date, to: Date, now: Date) {
  const rows = await db
    .selectFrom('appointment')
    .select(({ fn }) => ['status', fn.countAll<string>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('office_id', '=', officeId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .where('starts_at', '<', now)
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}
