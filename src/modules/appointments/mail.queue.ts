import type { Trx } from '../../platform/db/database.ts';
import { type EnqueueResult, enqueueMail, PUBLIC_URL } from '../notifications/index.ts';
import { bookingT, formatWhen } from './booking.messages.ts';
import { appointmentIcs } from './ics.ts';
import { mailT } from './mail.messages.ts';
import { manageT } from './manage.messages.ts';

/** What a message about an appointment needs (an AppointmentView has it all). No name, no reason, no free text. */
export interface MailAppointment {
  id: string;
  code: string;
  office: { id: string; name: string; address: { street: string; postcode: string | null; city: string } };
  startsAt: Date;
  endsAt: Date;
  status: string;
  applicant: { email: string | null };
  language: 'it' | 'en';
  personId: string | null;
  version: number;
}

export type AppointmentMailKind = 'confirmation' | 'change' | 'cancellation' | 'reminder' | 'missed';

export const address = (o: MailAppointment['office']) =>
  `${o.address.street}, ${[o.address.postcode, o.address.city].filter(Boolean).join(' ')}`;

export const manageLink = (baseUrl: string) => `${baseUrl}/prenota/gestisci`;

/** The calendar file of a booking (cancelled ones carry STATUS:CANCELLED so calendars drop the event). */
export function appointmentCalendar(
  a: Pick<MailAppointment, 'id' | 'code' | 'office' | 'startsAt' | 'endsAt' | 'status' | 'version'>,
  locale: 'it' | 'en',
  baseUrl: string,
): string {
  const t = bookingT(locale);
  return appointmentIcs({
    id: a.id,
    code: a.code,
    summary: t('ics.summary', { code: a.code }),
    location: `${a.office.name}, ${address(a.office)}`,
    description: t('ics.description', { code: a.code, link: manageLink(baseUrl) }),
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    createdAt: a.startsAt,
    cancelled: a.status === 'cancelled',
    sequence: a.version - 1,
  });
}

function compose(a: MailAppointment, kind: AppointmentMailKind, baseUrl: string) {
  const lang = a.language;
  const when = formatWhen(lang, a.startsAt);
  const link = manageLink(baseUrl);
  const ics = () => [
    {
      filename: `${a.code}.ics`,
      content: appointmentCalendar(a, lang, baseUrl),
      contentType: 'text/calendar; charset=utf-8',
    },
  ];
  const where = { code: a.code, when, office: a.office.name, address: address(a.office), link };
  switch (kind) {
    case 'confirmation': {
      const t = bookingT(lang);
      return {
        subject: t('mail.confirm.subject', { code: a.code }),
        text: t('mail.confirm.body', where),
        attachments: ics(),
      };
    }
    case 'change': {
      const t = manageT(lang);
      return {
        subject: t('mail.moved.subject', { code: a.code }),
        text: t('mail.moved.body', where),
        attachments: ics(),
      };
    }
    case 'cancellation': {
      const t = manageT(lang);
      return {
        subject: t('mail.cancelled.subject', { code: a.code }),
        text: t('mail.cancelled.body', where),
        attachments: ics(),
      };
    }
    case 'reminder': {
      const t = mailT(lang);
      const day = formatWhen(lang, a.startsAt, 'day');
      return { subject: t('reminder.subject', { code: a.code, day }), text: t('reminder.body', where) };
    }
    case 'missed': {
      const t = mailT(lang);
      return {
        subject: t('missed.subject', { code: a.code }),
        text: t('missed.body', { ...where, link: `${baseUrl}/prenota` }),
      };
    }
  }
}

/** One message per booking and kind; a change per version, a reminder per start time (a moved booking is reminded again). */
const dedupeKey = (a: MailAppointment, kind: AppointmentMailKind) =>
  kind === 'change'
    ? `appointment:${a.id}:change:${a.version}`
    : kind === 'reminder'
      ? `appointment:${a.id}:reminder:${a.startsAt.toISOString()}`
      : `appointment:${a.id}:${kind}`;

/**
 * Queues a message about a booking in the caller's transaction (before its audit event). Only the
 * address given for this booking is used — an anonymous online booking is contacted only there — and
 * nothing is queued when the booking belongs to a person who asked not to be contacted. Links point to
 * `baseUrl`, or to the configured PUBLIC_URL when the caller does not know it.
 */
export async function queueAppointmentMail(
  trx: Trx,
  tenantId: string,
  a: MailAppointment,
  kind: AppointmentMailKind,
  at: Date,
  baseUrl: string = PUBLIC_URL,
): Promise<EnqueueResult | 'no_email'> {
  if (!a.applicant.email) return 'no_email';
  return enqueueMail(trx, {
    tenantId,
    kind: `appointment.${kind}`,
    to: a.applicant.email,
    ...compose(a, kind, baseUrl),
    dedupeKey: dedupeKey(a, kind),
    personId: a.personId,
    at,
  });
}
