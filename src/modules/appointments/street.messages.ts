import { defineMessages, messagesFor } from '../../platform/i18n/index.ts';

/** Texts of the "which office is mine?" box in booking step 1. */
export const streetMessages = defineMessages({
  it: {
    legend: 'Non sai quale ufficio è il tuo? Scrivi la tua via',
    street: 'Via o piazza',
    streetHint: 'Per esempio: via Iseo. Non salviamo questo dato: serve solo a suggerirti l’ufficio.',
    number: 'Numero civico (facoltativo)',
    suggest: 'Suggerisci l’ufficio',
    found: 'Per {street} ({neighbourhood}) ti suggeriamo l’ufficio {office}: l’abbiamo selezionato qui sotto.',
    demo: 'Elenco delle vie dimostrativo e parziale: controlla che l’ufficio sia quello giusto.',
    notFound: 'Non abbiamo trovato questa via. Scegli l’ufficio dall’elenco qui sotto.',
    tooShort: 'Scrivi almeno 3 lettere della via, oppure scegli l’ufficio dall’elenco.',
  },
  en: {
    legend: 'Not sure which office is yours? Type your street',
    street: 'Street or square',
    streetHint: 'For example: via Iseo. We do not store it: it only helps us suggest the office.',
    number: 'House number (optional)',
    suggest: 'Suggest the office',
    found: 'For {street} ({neighbourhood}) we suggest the {office} office: it is selected below.',
    demo: 'Demo, partial list of streets: check that the office is the right one.',
    notFound: 'We could not find this street. Choose the office from the list below.',
    tooShort: 'Type at least 3 letters of the street, or choose the office from the list.',
  },
});

export const streetT = (locale: 'it' | 'en') => messagesFor(streetMessages, locale);
