import { type Db, withTenant } from '../../platform/db/database.ts';
import { isUuid } from '../../platform/ids.ts';
import * as repo from './appointments.repository.ts';
import { type AppointmentView, presentAppointment } from './booking.service.ts';
import { appointmentCalendar } from './mail.queue.ts';

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
