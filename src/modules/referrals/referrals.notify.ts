import type { Trx } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import { type EnqueueResult, enqueueMail } from '../notifications/index.ts';

/** How the module reaches people outside: the public address links point to (messages go through the outbox). */
export interface Notifier {
  baseUrl: string;
  /** No longer used: messages are queued in the notifications outbox. Callers may stop passing it. */
  mailer?: Mailer;
}

/**
 * Messages carry a reference and a link only: never a name, a need, a reason or a shared field. They are
 * in Italian (the network's working language), with the reference repeated for the recipient's records.
 */
export const mails = {
  newReferral: (code: string, link: string) => ({
    subject: `Nuovo invio ${code}`,
    text: `È stato inviato alla vostra organizzazione l'invio ${code}.\nPer leggerlo e rispondere accedete all'area partner: ${link}\n`,
  }),
  reminder: (code: string, link: string, due: string) => ({
    subject: `Promemoria: invio ${code} in attesa di risposta`,
    text: `L'invio ${code} attende la vostra risposta entro il ${due}.\nArea partner: ${link}\n`,
  }),
  escalation: (code: string, link: string) => ({
    subject: `Invio ${code} scaduto senza risposta`,
    text: `L'invio ${code} è scaduto senza risposta del destinatario. Serve un nuovo piano.\nDettagli: ${link}\n`,
  }),
  followUp: (link: string) => ({
    subject: 'Ha ricevuto l’aiuto di cui aveva bisogno?',
    text:
      'Buongiorno,\nqualche settimana fa il Segretariato sociale l’ha indirizzata a un servizio. ' +
      `Ci dice com’è andata? Basta un clic:\n${link}\n\nSe non vuole rispondere, ignori questo messaggio.\n`,
  }),
};

export const partnerLink = (baseUrl: string, id: string) => `${baseUrl}/partner/invii/${id}`;
export const operatorLink = (baseUrl: string, id: string) => `${baseUrl}/operatori/invii/${id}`;
export const followUpLink = (baseUrl: string, token: string) => `${baseUrl}/esito/${token}`;

/**
 * Queues a message in the caller's transaction (before its audit event): it goes out through the
 * notifications outbox only if the change commits, retried there on failure. A message about a person
 * (the follow-up question) names them by `personId`, so nothing is queued if they asked not to be contacted.
 */
export async function queueMail(
  trx: Trx,
  m: {
    tenantId: string;
    kind: 'new' | 'reminder' | 'escalation' | 'follow_up';
    referralId: string;
    to: string | null | undefined;
    message: { subject: string; text: string };
    at: Date;
    personId?: string | null;
  },
): Promise<EnqueueResult | 'no_address'> {
  if (!m.to) return 'no_address';
  return enqueueMail(trx, {
    tenantId: m.tenantId,
    kind: `referral.${m.kind}`,
    to: m.to,
    subject: m.message.subject,
    text: m.message.text,
    dedupeKey: `referral:${m.referralId}:${m.kind}`,
    personId: m.personId ?? null,
    at: m.at,
  });
}
