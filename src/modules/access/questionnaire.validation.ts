/**
 * Questionnaires are data: a definition (sections → questions) is checked before it is published,
 * and an interview's answers are checked against the very version it used. Pure functions, no SQL.
 */

export const QUESTION_TYPES = [
  'text',
  'long_text',
  'yes_no',
  'single_choice',
  'multi_choice',
  'number',
  'date',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface Text2 {
  it: string;
  en: string;
}
export interface QuestionOption {
  value: string;
  label: Text2;
}
export type AnswerValue = string | number | boolean | string[];
export interface Question {
  id: string;
  type: QuestionType;
  label: Text2;
  required: boolean;
  options?: QuestionOption[];
  /** Shown only when the earlier question's answer equals (multi_choice: includes) this value. */
  showIf?: { question: string; equals: string | number | boolean };
}
export interface Section {
  id: string;
  title: Text2;
  questions: Question[];
}
export interface QuestionnaireDefinition {
  title: Text2;
  sections: Section[];
}

/** A problem with one field, as a JSON pointer into the submitted document and a code. */
export interface FieldError {
  field: string;
  code: string;
}

const ID = /^[a-z][a-z0-9_]{0,59}$/;
const CHOICE: readonly QuestionType[] = ['single_choice', 'multi_choice'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText2 = (v: unknown): v is Text2 =>
  isObject(v) &&
  typeof v.it === 'string' &&
  typeof v.en === 'string' &&
  v.it.trim() !== '' &&
  v.en.trim() !== '' &&
  v.it.length <= 500 &&
  v.en.length <= 500;

/** Checks a definition: shapes, unique ids, options for choice types, showIf pointing to an earlier question. */
export function validateDefinition(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!isObject(input)) return [{ field: '/definition', code: 'notAnObject' }];
  if (!isText2(input.title)) errors.push({ field: '/definition/title', code: 'required' });
  if (!Array.isArray(input.sections) || input.sections.length === 0)
    return [...errors, { field: '/definition/sections', code: 'required' }];
  const seenSections = new Set<string>();
  const earlier = new Map<string, Question>();
  for (const [s, section] of (input.sections as unknown[]).entries()) {
    const at = `/definition/sections/${s}`;
    if (!isObject(section)) {
      errors.push({ field: at, code: 'notAnObject' });
      continue;
    }
    if (typeof section.id !== 'string' || !ID.test(section.id)) errors.push({ field: `${at}/id`, code: 'badId' });
    else if (seenSections.has(section.id)) errors.push({ field: `${at}/id`, code: 'duplicateId' });
    else seenSections.add(section.id);
    if (!isText2(section.title)) errors.push({ field: `${at}/title`, code: 'required' });
    if (!Array.isArray(section.questions) || section.questions.length === 0) {
      errors.push({ field: `${at}/questions`, code: 'required' });
      continue;
    }
    for (const [i, q] of (section.questions as unknown[]).entries()) {
      const qat = `${at}/questions/${i}`;
      if (!isObject(q)) {
        errors.push({ field: qat, code: 'notAnObject' });
        continue;
      }
      if (typeof q.id !== 'string' || !ID.test(q.id)) errors.push({ field: `${qat}/id`, code: 'badId' });
      else if (earlier.has(q.id)) errors.push({ field: `${qat}/id`, code: 'duplicateId' });
      if (!QUESTION_TYPES.includes(q.type as QuestionType)) errors.push({ field: `${qat}/type`, code: 'badType' });
      if (!isText2(q.label)) errors.push({ field: `${qat}/label`, code: 'required' });
      if (typeof q.required !== 'boolean') errors.push({ field: `${qat}/required`, code: 'notBoolean' });
      const isChoice = CHOICE.includes(q.type as QuestionType);
      if (isChoice) errors.push(...checkOptions(q.options, `${qat}/options`));
      else if (q.options !== undefined) errors.push({ field: `${qat}/options`, code: 'notAllowed' });
      if (q.showIf !== undefined) errors.push(...checkShowIf(q.showIf, earlier, `${qat}/showIf`));
      if (typeof q.id === 'string' && !earlier.has(q.id)) earlier.set(q.id, q as unknown as Question);
    }
  }
  return errors;
}

function checkOptions(options: unknown, at: string): FieldError[] {
  if (!Array.isArray(options) || options.length < 2) return [{ field: at, code: 'atLeastTwoOptions' }];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const [k, o] of (options as unknown[]).entries()) {
    if (!isObject(o) || typeof o.value !== 'string' || !ID.test(o.value)) {
      errors.push({ field: `${at}/${k}/value`, code: 'badId' });
      continue;
    }
    if (seen.has(o.value)) errors.push({ field: `${at}/${k}/value`, code: 'duplicateId' });
    seen.add(o.value);
    if (!isText2(o.label)) errors.push({ field: `${at}/${k}/label`, code: 'required' });
  }
  return errors;
}

function checkShowIf(showIf: unknown, earlier: Map<string, Question>, at: string): FieldError[] {
  if (!isObject(showIf) || typeof showIf.question !== 'string') return [{ field: at, code: 'notAnObject' }];
  const target = earlier.get(showIf.question);
  if (!target) return [{ field: `${at}/question`, code: 'notAnEarlierQuestion' }];
  const eq = showIf.equals;
  const ok =
    target.type === 'yes_no'
      ? typeof eq === 'boolean'
      : CHOICE.includes(target.type)
        ? typeof eq === 'string' && (target.options ?? []).some((o) => o.value === eq)
        : target.type === 'number'
          ? typeof eq === 'number'
          : typeof eq === 'string';
  return ok ? [] : [{ field: `${at}/equals`, code: 'notAPossibleAnswer' }];
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Whether each question is shown, given the answers (a question depending on a hidden one is hidden). */
export function visibleQuestions(def: QuestionnaireDefinition, answers: Record<string, unknown>): Set<string> {
  const shown = new Set<string>();
  for (const q of def.sections.flatMap((s) => s.questions)) {
    if (!q.showIf) {
      shown.add(q.id);
      continue;
    }
    if (!shown.has(q.showIf.question)) continue;
    const a = answers[q.showIf.question];
    if (Array.isArray(a) ? a.includes(q.showIf.equals as string) : a === q.showIf.equals) shown.add(q.id);
  }
  return shown;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function isDate(v: unknown): boolean {
  const m = typeof v === 'string' ? DATE.exec(v) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}

function typeError(q: Question, v: unknown): string | undefined {
  const values = new Set((q.options ?? []).map((o) => o.value));
  switch (q.type) {
    case 'text':
      return typeof v !== 'string' ? 'notText' : v.length > 2000 ? 'tooLong' : undefined;
    case 'long_text':
      return typeof v !== 'string' ? 'notText' : v.length > 20000 ? 'tooLong' : undefined;
    case 'yes_no':
      return typeof v === 'boolean' ? undefined : 'notYesNo';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : 'notANumber';
    case 'date':
      return isDate(v) ? undefined : 'notADate';
    case 'single_choice':
      return typeof v === 'string' && values.has(v) ? undefined : 'notAnOption';
    case 'multi_choice':
      return Array.isArray(v) && v.every((x) => typeof x === 'string' && values.has(x)) && new Set(v).size === v.length
        ? undefined
        : 'notAnOption';
  }
}

/**
 * Checks answers against one questionnaire version: unknown questions, hidden questions answered,
 * required questions that are shown and left empty, types and options. Returns the cleaned answers
 * (empty ones dropped) and the errors, each at `/answers/<questionId>`.
 */
export function validateAnswers(
  def: QuestionnaireDefinition,
  answers: Record<string, unknown>,
): { errors: FieldError[]; clean: Record<string, AnswerValue> } {
  const errors: FieldError[] = [];
  const clean: Record<string, AnswerValue> = {};
  const questions = new Map(def.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
  for (const key of Object.keys(answers))
    if (!questions.has(key)) errors.push({ field: `/answers/${key}`, code: 'unknownQuestion' });
  const shown = visibleQuestions(def, answers);
  for (const q of questions.values()) {
    const v = answers[q.id];
    const at = `/answers/${q.id}`;
    if (!shown.has(q.id)) {
      if (!isEmpty(v)) errors.push({ field: at, code: 'notShown' });
      continue;
    }
    if (isEmpty(v)) {
      if (q.required) errors.push({ field: at, code: 'required' });
      continue;
    }
    const bad = typeError(q, v);
    if (bad) errors.push({ field: at, code: bad });
    else clean[q.id] = v as AnswerValue;
  }
  return { errors, clean };
}
