import type { QuestionnaireDefinition } from './questionnaire.validation.ts';

export const DEMO_QUESTIONNAIRE_CODE = 'colloquio-segretariato';

const yes = (it: string, en: string) => ({ it, en });

/** The demo needs assessment of a first interview at the secretariat (version 1). */
export const DEMO_QUESTIONNAIRE: QuestionnaireDefinition = {
  title: { it: 'Colloquio di segretariato sociale', en: 'Social secretariat interview' },
  sections: [
    {
      id: 'situazione',
      title: { it: 'Situazione attuale', en: 'Current situation' },
      questions: [
        {
          id: 'vive_con',
          type: 'single_choice',
          label: { it: 'Con chi vive?', en: 'Who does the person live with?' },
          required: true,
          options: [
            { value: 'solo', label: yes('Da solo/a', 'Alone') },
            { value: 'famiglia', label: yes('Con la famiglia', 'With family') },
            { value: 'altri', label: yes('Con altre persone', 'With other people') },
            { value: 'senza_dimora', label: yes('Senza dimora', 'Homeless') },
          ],
        },
        {
          id: 'minori_in_casa',
          type: 'yes_no',
          label: { it: 'Ci sono minori in casa?', en: 'Are there children in the household?' },
          required: true,
          showIf: { question: 'vive_con', equals: 'famiglia' },
        },
        {
          id: 'numero_minori',
          type: 'number',
          label: { it: 'Quanti minori?', en: 'How many children?' },
          required: true,
          showIf: { question: 'minori_in_casa', equals: true },
        },
        {
          id: 'reddito',
          type: 'multi_choice',
          label: { it: 'Fonti di reddito', en: 'Sources of income' },
          required: false,
          options: [
            { value: 'lavoro', label: yes('Lavoro', 'Work') },
            { value: 'pensione', label: yes('Pensione', 'Pension') },
            { value: 'sostegno_pubblico', label: yes('Sostegno pubblico', 'Public benefit') },
            { value: 'nessuna', label: yes('Nessuna', 'None') },
          ],
        },
      ],
    },
    {
      id: 'bisogno',
      title: { it: 'Il bisogno', en: 'The need' },
      questions: [
        {
          id: 'bisogno_descrizione',
          type: 'long_text',
          label: { it: 'Il bisogno nelle parole della persona', en: "The need in the person's own words" },
          required: true,
        },
        {
          id: 'gia_seguito',
          type: 'yes_no',
          label: { it: 'È già seguito da altri servizi?', en: 'Is the person already followed by other services?' },
          required: false,
        },
        {
          id: 'quali_servizi',
          type: 'text',
          label: { it: 'Quali servizi?', en: 'Which services?' },
          required: false,
          showIf: { question: 'gia_seguito', equals: true },
        },
        {
          id: 'data_scadenza',
          type: 'date',
          label: { it: 'Scadenza urgente (sfratto, bolletta…)', en: 'Urgent deadline (eviction, bill…)' },
          required: false,
        },
      ],
    },
  ],
};
