import { defineMessages, messagesFor } from '../../platform/i18n/index.ts';

/**
 * Texts of the queued appointment messages that are not in booking/manage messages: the reminder (any
 * number of hours before, so it names the day instead of "tomorrow") and the invitation to book again
 * after a missed appointment. Reference, time, office and link only.
 */
export const mailMessages = defineMessages({
  it: {
    'reminder.subject': 'Promemoria: appuntamento {day} — {code}',
    'reminder.body':
      'Ti ricordiamo l’appuntamento.\n\nCodice: {code}\nQuando: {when}\nDove: {office}, {address}\n\nSe non puoi venire, annullalo così l’orario torna libero per altre persone: {link}',
    'missed.subject': 'Appuntamento non svolto — {code}',
    'missed.body':
      'L’appuntamento {code} del {when} presso {office} non si è svolto.\n\nSe hai ancora bisogno, puoi prenotarne un altro: {link}\n\nSe non ti serve più, ignora questo messaggio.',
  },
  en: {
    'reminder.subject': 'Reminder: appointment on {day} — {code}',
    'reminder.body':
      'This is a reminder of your appointment.\n\nCode: {code}\nWhen: {when}\nWhere: {office}, {address}\n\nIf you cannot come, please cancel it so the time is free for other people: {link}',
    'missed.subject': 'Missed appointment — {code}',
    'missed.body':
      'Appointment {code} on {when} at {office} did not take place.\n\nIf you still need help, you can book another one: {link}\n\nIf you no longer need it, ignore this message.',
  },
});
export const mailT = (locale: 'it' | 'en') => messagesFor(mailMessages, locale);
