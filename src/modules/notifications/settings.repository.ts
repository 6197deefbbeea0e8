import type { Executor } from '../../platform/db/database.ts';

export interface NotificationSettings {
  /** The appointment reminder is queued at all. */
  reminderEnabled: boolean;
  /** How many hours before the appointment it is due (1–168). */
  reminderHoursBefore: number;
  /** The day after a missed appointment (no-show), an invitation to book again. */
  missedFollowUpEnabled: boolean;
}

export const DEFAULT_SETTINGS: NotificationSettings = {
  reminderEnabled: true,
  reminderHoursBefore: 24,
  missedFollowUpEnabled: false,
};

/** The tenant's settings, or the defaults when it never saved any. */
export async function settingsOf(db: Executor, tenantId: string): Promise<NotificationSettings> {
  const row = await db
    .selectFrom('notification_setting')
    .select(['reminder_enabled', 'reminder_hours_before', 'missed_followup_enabled'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row
    ? {
        reminderEnabled: row.reminder_enabled,
        reminderHoursBefore: row.reminder_hours_before,
        missedFollowUpEnabled: row.missed_followup_enabled,
      }
    : DEFAULT_SETTINGS;
}

export async function saveSettings(db: Executor, tenantId: string, s: NotificationSettings, at: Date): Promise<void> {
  const values = {
    reminder_enabled: s.reminderEnabled,
    reminder_hours_before: s.reminderHoursBefore,
    missed_followup_enabled: s.missedFollowUpEnabled,
    updated_at: at,
  };
  await db
    .insertInto('notification_setting')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}
