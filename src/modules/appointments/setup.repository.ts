import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';

/**
 * Calendar configuration rows (used by the demo seed and tests; there is no admin page yet). All take
 * the executor first and write one tenant's rows; callers run them as system or under withTenant.
 */

export async function saveSettings(
  db: Executor,
  tenantId: string,
  s: { patronDay: string | null; minNoticeHours?: number; horizonDays?: number },
) {
  const values = {
    tenant_id: tenantId,
    patron_day: s.patronDay,
    min_notice_hours: s.minNoticeHours ?? 2,
    horizon_days: s.horizonDays ?? 60,
  };
  await db
    .insertInto('appointment_settings')
    .values(values)
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}

export async function saveOfficeBooking(
  db: Executor,
  tenantId: string,
  officeId: string,
  o: { slotMinutes?: number; capacity?: number; bookable?: boolean } = {},
) {
  const values = {
    tenant_id: tenantId,
    office_id: officeId,
    slot_minutes: o.slotMinutes ?? 30,
    capacity: o.capacity ?? 1,
    bookable: o.bookable ?? true,
  };
  await db
    .insertInto('appointment_office')
    .values(values)
    .onConflict((oc) => oc.column('office_id').doUpdateSet(values))
    .execute();
}

export async function insertTopic(
  db: Executor,
  tenantId: string,
  t: {
    code: string;
    it: string;
    en: string;
    durationMinutes: number;
    roles?: string[];
    officeIds: readonly string[];
    sortOrder?: number;
  },
): Promise<string> {
  const existing = await db
    .selectFrom('appointment_topic')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', t.code)
    .executeTakeFirst();
  const id = existing?.id ?? newId();
  if (!existing) {
    await db
      .insertInto('appointment_topic')
      .values({
        id,
        tenant_id: tenantId,
        code: t.code,
        label_it: t.it,
        label_en: t.en,
        duration_minutes: t.durationMinutes,
        roles: t.roles ?? ['social_worker'],
        sort_order: t.sortOrder ?? 0,
      })
      .execute();
  }
  if (t.officeIds.length > 0) {
    await db
      .insertInto('appointment_topic_office')
      .values(t.officeIds.map((officeId) => ({ tenant_id: tenantId, topic_id: id, office_id: officeId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return id;
}

export async function insertException(
  db: Executor,
  tenantId: string,
  e: { officeId: string; day: string; kind: 'closed' | 'extra'; opens?: string; closes?: string; note?: string },
) {
  await db
    .insertInto('office_schedule_exception')
    .values({
      id: newId(),
      tenant_id: tenantId,
      office_id: e.officeId,
      day: e.day,
      kind: e.kind,
      opens: e.opens ?? null,
      closes: e.closes ?? null,
      note: e.note ?? null,
    })
    .execute();
}

export async function insertAvailability(
  db: Executor,
  tenantId: string,
  v: { userId: string; officeId: string; weekday: number; opens: string; closes: string },
) {
  await db
    .insertInto('operator_availability')
    .values({
      id: newId(),
      tenant_id: tenantId,
      user_id: v.userId,
      office_id: v.officeId,
      weekday: v.weekday,
      opens: v.opens,
      closes: v.closes,
    })
    .execute();
}
