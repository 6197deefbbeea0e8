import type { Mailer } from '../../platform/mail.ts';

/** How the module reaches people outside: the mailer and the public address links point to. */
export interface Notifier {
  mailer: Mailer;
  baseUrl: string;
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

/** Sends, never throwing: a failed notification must not undo the change it reports (the job retries reminders). */
export async function deliver(
  mailer: Mailer,
  to: string | null | undefined,
  m: { subject: string; text: string },
): Promise<boolean> {
  if (!to) return false;
  try {
    await mailer.send({ to, subject: m.subject, text: m.text });
    return true;
  } catch {
    return false;
  }
}
