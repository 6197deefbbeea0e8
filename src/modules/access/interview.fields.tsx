import { messagesFor } from '../../platform/i18n/index.ts';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { answerName, questionFieldId } from './interview.form.ts';
import { type InterviewMessageKey, interviewMessages } from './interview.messages.ts';
import type { Question, QuestionnaireDefinition } from './questionnaire.validation.ts';

export type IT = ReturnType<typeof messagesFor<InterviewMessageKey>>;
export const itOf = (page: PageCtx): IT => messagesFor(interviewMessages, page.locale);

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

function Feedback(props: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {props.hint ? (
        <small id={`${props.id}-hint`} class="form-text d-block">
          {props.hint}
        </small>
      ) : null}
      {props.error ? (
        <div id={`${props.id}-error`} class="invalid-feedback d-block">
          {props.error}
        </div>
      ) : null}
    </>
  );
}

/** A group of radios or checkboxes in a fieldset; the first input carries the group's id (error links). */
export function ChoiceGroup(props: {
  id: string;
  name: string;
  legend: string;
  type: 'radio' | 'checkbox';
  options: { value: string; label: string }[];
  checked: (value: string) => boolean;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  const described = describedBy(props.hint && `${props.id}-hint`, props.error && `${props.id}-error`);
  return (
    <fieldset class="mb-4">
      <legend class="h6">{props.legend}</legend>
      {props.options.map((o, i) => {
        const inputId = i === 0 ? props.id : `${props.id}-${o.value}`;
        return (
          <div class="form-check" key={o.value}>
            <input
              type={props.type}
              id={inputId}
              name={props.name}
              value={o.value}
              checked={props.checked(o.value)}
              aria-describedby={described}
              aria-invalid={props.error ? 'true' : undefined}
            />
            <label for={inputId}>{o.label}</label>
          </div>
        );
      })}
      <Feedback id={props.id} hint={props.hint} error={props.error} />
    </fieldset>
  );
}

export function InputField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  type?: 'text' | 'date';
  numeric?: boolean;
  long?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
}) {
  const described = describedBy(props.hint && `${props.id}-hint`, props.error && `${props.id}-error`);
  const common = {
    id: props.id,
    name: props.name,
    class: `form-control${props.error ? ' is-invalid' : ''}`,
    'aria-describedby': described,
    'aria-invalid': props.error ? ('true' as const) : undefined,
  };
  return (
    <div class="form-group mb-4">
      <label for={props.id} class="active">
        {props.label}
      </label>
      {props.long ? (
        <textarea {...common} rows={4}>
          {props.value}
        </textarea>
      ) : (
        <input
          {...common}
          type={(props.type ?? 'text') as 'text'}
          value={props.value}
          inputmode={props.numeric ? 'numeric' : undefined}
        />
      )}
      <Feedback id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

function textOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** One question of the questionnaire as a form field, in the page's language. */
export function QuestionField(props: {
  page: PageCtx;
  question: Question;
  value: unknown;
  error?: string | undefined;
  /** Other questions depend on this one: say that updating may show more. */
  controls: boolean;
}) {
  const { question: q, page } = props;
  const it = itOf(page);
  const label = `${q.label[page.locale]}${q.required ? ' *' : ''}`;
  const id = questionFieldId(q.id);
  const name = answerName(q.id);
  const hint = props.controls ? it('interview.conditionalHint') : undefined;
  const v = props.value;
  switch (q.type) {
    case 'yes_no':
      return (
        <ChoiceGroup
          id={id}
          name={name}
          legend={label}
          type="radio"
          options={[
            { value: 'yes', label: it('interview.yes') },
            { value: 'no', label: it('interview.no') },
          ]}
          checked={(o) => (o === 'yes' ? v === true : v === false)}
          hint={hint}
          error={props.error}
        />
      );
    case 'single_choice':
    case 'multi_choice':
      return (
        <ChoiceGroup
          id={id}
          name={name}
          legend={label}
          type={q.type === 'single_choice' ? 'radio' : 'checkbox'}
          options={(q.options ?? []).map((o) => ({ value: o.value, label: o.label[page.locale] }))}
          checked={(o) => (Array.isArray(v) ? v.includes(o) : v === o)}
          hint={hint}
          error={props.error}
        />
      );
    default:
      return (
        <InputField
          id={id}
          name={name}
          label={label}
          value={textOf(v)}
          type={q.type === 'date' ? 'date' : 'text'}
          numeric={q.type === 'number'}
          long={q.type === 'long_text'}
          hint={hint}
          error={props.error}
        />
      );
  }
}

/** The ids of questions that other questions depend on. */
export function controllingQuestions(def: QuestionnaireDefinition): Set<string> {
  return new Set(def.sections.flatMap((s) => s.questions.flatMap((q) => (q.showIf ? [q.showIf.question] : []))));
}
