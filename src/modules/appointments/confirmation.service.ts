import { type Db, withTenant } from '../../platform/db/database.ts';
import { isUuid } from '../../platform/ids.ts';
import type { Mailer } from '../../platform/mail.ts';
import * as repo from './appointments.repository.ts';
import { bookingT, formatWhen } from './booking.messages.ts';
import { type AppointmentView, presentAppointment } from './booking.service.ts';
import { address, appointmentCalendar, manageLink } from './mail.queue.ts';

/** What the confirmation page and the calendar file show: no name, no contact, no free text. */
export interface Confirmation {
  id: string;
  code: string;
  office: AppointmentView['office'];
  topic: AppointmentView['topic'];
  startsAt: Date;
  endsAt: Date;
  status: AppointmentView['status'];
  hasEmail: boolean;
  version: number;
}

export function confirmationOf(a: AppointmentView): Confirmation {
  return {
    id: a.id,
    code: a.code,
    office: a.office,
    topic: a.topic,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    status: a.status,
    hasEmail: a.applicant.email !== null,
    version: a.version,
  };
}

export async function getConfirmation(db: Db, tenantId: string, id: string): Promise<Confirmation | undefined> {
  if (!tenantId || !isUuid(id)) return undefined;
  const row = await withTenant(db, tenantId, (trx) => repo.findAppointment(trx, tenantId, id));
  return row ? confirmationOf(presentAppointment(row)) : undefined;
}

export { address, manageLink } from './mail.queue.ts';

export function confirmationIcs(a: Confirmation, locale: 'it' | 'en', baseUrl: string): string {
  return appointmentCalendar(a, locale, baseUrl);
}

/**
 * @deprecated Bookings made through `bookAppointment` queue their confirmation in the booking's
 * transaction (mail.queue.ts); a path that inserts an appointment itself should call
 * `queueAppointmentMail(trx, …, 'confirmation', …)` in its transaction instead of this direct send.
 * The confirmation e-mail: code, time, office and a link; the ICS attached. Nothing about the reason.
 */
export async function sendConfirmation(mailer: Mailer, a: AppointmentView, baseUrl: string): Promise<void> {
  if (!a.applicant.email) return;
  const t = bookingT(a.language);
  const c = confirmationOf(a);
  await mailer.send({
    to: a.applicant.email,
    subject: t('mail.confirm.subject', { code: a.code }),
    text: t('mail.confirm.body', {
      code: a.code,
      when: formatWhen(a.language, a.startsAt),
      office: a.office.name,
      address: address(a.office),
      link: manageLink(baseUrl),
    }),
    attachments: [
      {
        filename: `${a.code}.ics`,
        content: confirmationIcs(c, a.language, baseUrl),
        contentType: 'text/calendar; charset=utf-8',
      },
    ],
  });
}
