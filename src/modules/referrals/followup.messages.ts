import { defineMessages } from '../../platform/i18n/index.ts';

export const followUpMessages = defineMessages({
  it: {
    title: 'Ha ricevuto l’aiuto di cui aveva bisogno?',
    lead: 'Il Segretariato sociale l’ha indirizzata a un servizio. La sua risposta ci aiuta a capire se gli invii funzionano. Basta scegliere una risposta.',
    yes: 'Sì, ho ricevuto aiuto',
    partly: 'In parte',
    no: 'No',
    thanks: 'Grazie, abbiamo registrato la sua risposta.',
    thanksMore: 'Se ha ancora bisogno, può tornare allo sportello del Segretariato sociale o telefonare.',
    used: 'A questa domanda è già stata data una risposta. Grazie.',
    expired: 'Questo collegamento non è più valido.',
    unknown: 'Questo collegamento non è valido.',
    help: 'Se ha bisogno di aiuto, si rivolga allo sportello del Segretariato sociale.',
    invalid: 'Scelga una delle risposte.',
  },
  en: {
    title: 'Did you get the help you needed?',
    lead: 'The social secretariat referred you to a service. Your answer helps us know whether referrals work. Just choose an answer.',
    yes: 'Yes, I got help',
    partly: 'Partly',
    no: 'No',
    thanks: 'Thank you, we have recorded your answer.',
    thanksMore: 'If you still need help, you can come back to the social secretariat desk or phone us.',
    used: 'This question has already been answered. Thank you.',
    expired: 'This link is no longer valid.',
    unknown: 'This link is not valid.',
    help: 'If you need help, please contact the social secretariat desk.',
    invalid: 'Please choose one of the answers.',
  },
});
