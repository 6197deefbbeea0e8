/**
 * The interview page's form ↔ the interview service's input. Pure functions: the posted fields
 * (every value an array of strings, as the form parser coerces them) become typed answers, and the
 * service's JSON-pointer errors become the ids of the fields on the page.
 */
import type { AnswerValue, Question, QuestionnaireDefinition } from './questionnaire.validation.ts';
import { visibleQuestions } from './questionnaire.validation.ts';

export type Posted = Record<string, string[] | undefined>;

export interface InterviewForm {
  kind: string;
  startedAt: string;
  durationMinutes: string;
  help: string;
  summary: string;
  questionnaireVersionId: string;
  /** Typed answers (a number typed badly stays a string, so the check reports it). */
  answers: Record<string, unknown>;
}

export const answerName = (questionId: string) => `a_${questionId}`;
export const questionFieldId = (questionId: string) => `q-${questionId}`;

const first = (posted: Posted, name: string) => posted[name]?.[0] ?? '';

function parseAnswer(q: Question, values: string[]): unknown {
  const v = values[0] ?? '';
  switch (q.type) {
    case 'multi_choice':
      return values.filter((x) => x !== '');
    case 'yes_no':
      return v === 'yes' ? true : v === 'no' ? false : undefined;
    case 'number': {
      const text = v.trim().replace(',', '.');
      if (text === '') return undefined;
      const n = Number(text);
      return Number.isFinite(n) ? n : v;
    }
    default:
      return v === '' ? undefined : v;
  }
}

export function readInterviewForm(posted: Posted, def: QuestionnaireDefinition | undefined): InterviewForm {
  const answers: Record<string, unknown> = {};
  for (const q of def?.sections.flatMap((s) => s.questions) ?? []) {
    const value = parseAnswer(q, posted[answerName(q.id)] ?? []);
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) answers[q.id] = value;
  }
  return {
    kind: first(posted, 'kind') || 'immediate',
    startedAt: first(posted, 'startedAt'),
    durationMinutes: first(posted, 'durationMinutes'),
    help: first(posted, 'help'),
    summary: first(posted, 'summary'),
    questionnaireVersionId: first(posted, 'questionnaireVersionId'),
    answers,
  };
}

/** Answers to questions that the other answers now hide are dropped (they were shown before an update). */
export function shownAnswers(def: QuestionnaireDefinition, answers: Record<string, unknown>): Record<string, unknown> {
  const shown = visibleQuestions(def, answers);
  return Object.fromEntries(Object.entries(answers).filter(([id]) => shown.has(id)));
}

/** A service error's pointer → the id of the field on the page that the error summary links to. */
export function fieldOf(pointer: string): string {
  const answer = /^\/answers\/(.+)$/.exec(pointer);
  if (answer?.[1]) return questionFieldId(answer[1]);
  const map: Record<string, string> = {
    '/kind': 'kind-immediate',
    '/startedAt': 'durationMinutes',
    '/durationMinutes': 'durationMinutes',
    '/helpAtFirstInterview': 'help-yes',
    '/confidentialSummary': 'summary',
    '/questionnaireVersionId': 'assessment',
  };
  return map[pointer] ?? 'durationMinutes';
}

/** The display of one stored answer, with the option labels of the version it was given in. */
export function answerText(
  q: Question,
  value: AnswerValue,
  locale: 'it' | 'en',
  yesNo: { yes: string; no: string },
): string {
  const label = (v: string) => q.options?.find((o) => o.value === v)?.label[locale] ?? v;
  if (typeof value === 'boolean') return value ? yesNo.yes : yesNo.no;
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (q.type === 'date' && typeof value === 'string') {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  if (q.type === 'single_choice' && typeof value === 'string') return label(value);
  return String(value);
}
