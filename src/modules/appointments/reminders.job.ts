import { sql } from 'kysely';
import type { Clock } from '../../platform/context.ts';
import { asSystem, type Db } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import { recordEvent } from '../audit/index.ts';
import { formatWhen } from './booking.messages.ts';
import { addDays, romeDayTime, romeInstant } from './calendar.ts';
import { address, manageLink } from './confirmation.service.ts';
import { manageT } from './manage.messages.ts';

export interface ReminderDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
}

export interface ReminderRun {
  sent: number;
  failed: number;
}

/**
 * Reminds by e-mail everyone booked for tomorrow (Rome day) who gave an e-mail and has not been
 * reminded yet. Each booking is claimed (reminder_sent_at set) before sending and released again if
 * sending fails, so two runs never send the same reminder twice and a failure is retried next run.
 * Runs across tenants as the system (`segretariato jobs run reminders`, e.g. daily from cron).
 */
export async function sendReminders(deps: ReminderDeps, baseUrl: string): Promise<ReminderRun> {
  const now = deps.clock.now();
  const tomorrow = addDays(romeDayTime(now).day, 1);
  const from = romeInstant(tomorrow, '00:00');
  const to = romeInstant(addDays(tomorrow, 1), '00:00');
  const due = await deps.db
    .selectFrom('appointment as a')
    .innerJoin('office as o', 'o.id', 'a.office_id')
    .select([
      'a.id',
      'a.tenant_id',
      'a.code',
      'a.starts_at',
      'a.applicant_email',
      'a.language',
      'o.name',
      'o.street',
      'o.postcode',
      'o.city',
    ])
    .where('a.status', '=', 'booked')
    .where('a.reminder_sent_at', 'is', null)
    .where('a.applicant_email', 'is not', null)
    .where('a.starts_at', '>=', from)
    .where('a.starts_at', '<', to)
    .orderBy('a.starts_at')
    .execute();
  const run: ReminderRun = { sent: 0, failed: 0 };
  for (const a of due) {
    const claimed = await asSystem(deps.db, async (trx) => {
      const r = await trx
        .updateTable('appointment')
        .set({ reminder_sent_at: now })
        .where('id', '=', a.id)
        .where('reminder_sent_at', 'is', null)
        .where('status', '=', 'booked')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    });
    if (!claimed || !a.applicant_email) continue;
    const language = a.language === 'en' ? 'en' : 'it';
    const t = manageT(language);
    try {
      await deps.mailer.send({
        to: a.applicant_email,
        subject: t('mail.reminder.subject', { code: a.code }),
        text: t('mail.reminder.body', {
          code: a.code,
          when: formatWhen(language, a.starts_at),
          office: a.name,
          address: address({ id: '', name: a.name, address: { street: a.street, postcode: a.postcode, city: a.city } }),
          link: manageLink(baseUrl),
        }),
      });
      await asSystem(deps.db, (trx) =>
        recordEvent(
          trx,
          { actor: { kind: 'system', tenantId: a.tenant_id }, requestId: `job-reminders-${tomorrow}` },
          { action: 'appointment.remind', recordType: 'appointment', recordId: a.id },
        ),
      );
      run.sent++;
    } catch {
      await asSystem(deps.db, (trx) =>
        trx.updateTable('appointment').set({ reminder_sent_at: sql`NULL` }).where('id', '=', a.id).execute(),
      );
      run.failed++;
    }
  }
  return run;
}
