import type { Trx } from '../../platform/db/database.ts';
import { enqueueMail, PUBLIC_URL } from '../notifications/index.ts';
import { formatDay, requestT } from './request.messages.ts';

/** What the acknowledgement needs of a request (a RequestReceipt has it). */
interface Acknowledged {
  id: string;
  number: string;
  takenInChargeOn: string;
  dueOn: string;
  email: string;
  language: 'it' | 'en';
}

export const statusLink = (baseUrl: string) => `${baseUrl}/richiesta-assistenza/stato`;

/**
 * Queues the acknowledgement e-mail in the request's own transaction (notifications outbox): number,
 * dates and the status link — never the service or the text.
 */
export async function queueRequestAcknowledgement(
  trx: Trx,
  tenantId: string,
  r: Acknowledged,
  at: Date,
): Promise<void> {
  const t = requestT(r.language);
  await enqueueMail(trx, {
    tenantId,
    kind: 'assistance.acknowledgement',
    to: r.email,
    subject: t('mail.subject', { number: r.number }),
    text: t('mail.body', {
      number: r.number,
      takenInCharge: formatDay(r.language, r.takenInChargeOn),
      due: formatDay(r.language, r.dueOn),
      link: statusLink(PUBLIC_URL),
    }),
    dedupeKey: `assistance:${r.id}:acknowledgement`,
    at,
  });
}
