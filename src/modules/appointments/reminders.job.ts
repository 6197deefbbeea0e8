import type { Clock, Ctx } from '../../platform/context.ts';
import { asSystem, type Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import { recordEvent } from '../audit/index.ts';
import { type NotificationSettings, settingsOf } from '../notifications/index.ts';
import * as repo from './appointments.repository.ts';
import { presentAppointment } from './booking.service.ts';
import { addDays, romeDayTime, romeInstant } from './calendar.ts';
import { type AppointmentMailKind, queueAppointmentMail } from './mail.queue.ts';

export interface ReminderDeps {
  db: Db;
  clock: Clock;
  /** Not used any more: messages go through the notifications outbox. */
  mailer?: Mailer;
}

export interface ReminderRun {
  /** Reminders queued. */
  queued: number;
  /** Invitations to book again after a missed appointment, queued. */
  followUps: number;
  /** Not queued because the person asked not to be contacted. */
  skipped: number;
}

const HOUR = 3_600_000;
/** The longest reminder lead the settings allow (a week). */
const MAX_LEAD_HOURS = 168;
/** A missed appointment is followed up once, from the day after, for a week at most. */
const MISSED_WINDOW_DAYS = 7;

const systemCtx = (tenantId: string, job: string): Pick<Ctx, 'actor' | 'requestId'> => ({
  actor: { kind: 'system', tenantId },
  requestId: `job-${job}`,
});

/**
 * The appointments job (`segretariato jobs run reminders`; run it hourly from cron). Queues, per the
 * tenant's settings (`/operatori/notifiche`):
 * - the reminder of every booking with an e-mail whose start is within the tenant's lead time (default 24 h),
 *   once per start time (a booking moved later is reminded again): the booking is marked reminded and the
 *   message queued in one transaction, so two runs never queue it twice;
 * - when enabled, the day after a missed appointment (no-show), an invitation to book again (once).
 * Messages tied to a person who asked not to be contacted are not queued (counted as skipped). Delivery is
 * the outbox's job (the server's worker or `segretariato jobs run outbox`).
 */
export async function sendReminders(deps: ReminderDeps, baseUrl?: string): Promise<ReminderRun> {
  const now = deps.clock.now();
  const run: ReminderRun = { queued: 0, followUps: 0, skipped: 0 };
  const settings = new Map<string, NotificationSettings>();
  const settingsFor = async (tenantId: string) => {
    const known = settings.get(tenantId);
    if (known) return known;
    const s = await settingsOf(deps.db, tenantId);
    settings.set(tenantId, s);
    return s;
  };

  const upcoming = await deps.db
    .selectFrom('appointment')
    .select(['id', 'tenant_id', 'starts_at'])
    .where('status', '=', 'booked')
    .where('reminder_sent_at', 'is', null)
    .where('applicant_email', 'is not', null)
    .where('starts_at', '>', now)
    .where('starts_at', '<=', new Date(now.getTime() + MAX_LEAD_HOURS * HOUR))
    .orderBy('starts_at')
    .limit(5000)
    .execute();
  for (const a of upcoming) {
    const s = await settingsFor(a.tenant_id);
    if (!s.reminderEnabled || a.starts_at.getTime() - s.reminderHoursBefore * HOUR > now.getTime()) continue;
    const result = await asSystem(deps.db, async (trx) => {
      const claimed = await trx
        .updateTable('appointment')
        .set({ reminder_sent_at: now })
        .where('id', '=', a.id)
        .where('reminder_sent_at', 'is', null)
        .where('status', '=', 'booked')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) return undefined;
      return queueAndAudit(trx, a.tenant_id, a.id, 'reminder', now, baseUrl);
    });
    if (result === 'queued') run.queued++;
    if (result === 'skipped') run.skipped++;
  }

  const today = romeDayTime(now).day;
  const missed = await deps.db
    .selectFrom('appointment')
    .select(['id', 'tenant_id'])
    .where('status', '=', 'no_show')
    .where('applicant_email', 'is not', null)
    .where('starts_at', '<', romeInstant(today, '00:00'))
    .where('starts_at', '>=', romeInstant(addDays(today, -MISSED_WINDOW_DAYS), '00:00'))
    .limit(5000)
    .execute();
  for (const a of missed) {
    if (!(await settingsFor(a.tenant_id)).missedFollowUpEnabled) continue;
    const result = await asSystem(deps.db, (trx) => queueAndAudit(trx, a.tenant_id, a.id, 'missed', now, baseUrl));
    if (result === 'queued') run.followUps++;
    if (result === 'skipped') run.skipped++;
  }
  return run;
}

/** Queues one message about a booking; audits it (last) unless it was already queued before. */
async function queueAndAudit(
  trx: Parameters<typeof queueAppointmentMail>[0],
  tenantId: string,
  id: string,
  kind: AppointmentMailKind,
  now: Date,
  baseUrl: string | undefined,
) {
  const row = await repo.findAppointment(trx, tenantId, id);
  if (!row) return undefined;
  const result = await queueAppointmentMail(trx, tenantId, presentAppointment(row), kind, now, baseUrl);
  if (result === 'queued' || result === 'skipped')
    await recordEvent(trx, systemCtx(tenantId, `${kind}-${romeDayTime(now).day}`), {
      action: kind === 'reminder' ? 'appointment.remind' : 'appointment.follow_up',
      recordType: 'appointment',
      recordId: id,
      details: { queued: result === 'queued', ...(result === 'skipped' ? { skipped: 'do_not_contact' } : {}) },
    });
  return result;
}
