import type { Mailer } from '../../platform/mail.ts';
import { formatDay, requestT } from './request.messages.ts';
import type { RequestReceipt } from './request.service.ts';

export const statusLink = (baseUrl: string) => `${baseUrl}/richiesta-assistenza/stato`;

/**
 * The acknowledgement e-mail: number, dates and the status link — never the service or the text.
 * One small function so the notifications outbox can take it over.
 */
export async function sendRequestAcknowledgement(mailer: Mailer, r: RequestReceipt, baseUrl: string): Promise<void> {
  const t = requestT(r.language);
  await mailer.send({
    to: r.email,
    subject: t('mail.subject', { number: r.number }),
    text: t('mail.body', {
      number: r.number,
      takenInCharge: formatDay(r.language, r.takenInChargeOn),
      due: formatDay(r.language, r.dueOn),
      link: statusLink(baseUrl),
    }),
  });
}
