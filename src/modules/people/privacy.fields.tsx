import { TIME_ZONE } from '../../platform/time.ts';
import type { PrivacyMessageKey } from './privacy.messages.ts';
import type { PrivacyFieldError } from './privacy.validation.ts';

/** What the operator typed and what is wrong with it, to show the form again. */
export interface FormState {
  values: Record<string, string | undefined>;
  errors: PrivacyFieldError[];
}

export type T = (key: PrivacyMessageKey, params?: Record<string, string | number>) => string;

const intlLocale = (locale: string) => (locale === 'en' ? 'en-GB' : locale);

/** A calendar day (YYYY-MM-DD) as people read it: 31/01/2026. */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/** An instant, shown in Rome: 31/01/2026, 09:15. */
export function formatInstant(at: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(typeof at === 'string' ? new Date(at) : at);
}

export function formatTime(at: Date, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: 'short', timeZone: TIME_ZONE }).format(at);
}

export const errorFor = (errors: readonly PrivacyFieldError[] | undefined, field: string, t: T): string | undefined => {
  const e = errors?.find((x) => x.field === field);
  return e ? t(`error.${e.code}`) : undefined;
};

/**
 * The list of what to correct, at the top of a form: each item links to its field, so keyboard and
 * screen-reader users reach it directly (WCAG 3.3.1, GOV.UK's error summary pattern).
 */
export function ErrorSummary(props: {
  id: string;
  errors: readonly PrivacyFieldError[] | undefined;
  labels: Record<string, string>;
  fieldId: (field: string) => string;
  t: T;
}) {
  if (!props.errors?.length) return null;
  return (
    <div class="alert alert-danger" role="alert" aria-labelledby={`${props.id}-title`} tabIndex={-1} id={props.id}>
      <p id={`${props.id}-title`} class="fw-semibold mb-1">
        {props.t('form.errors')}
      </p>
      <ul class="mb-0">
        {props.errors.map((e) => (
          <li key={`${e.field}-${e.code}`}>
            <a href={`#${props.fieldId(e.field)}`}>
              {props.labels[e.field] ? `${props.labels[e.field]}: ` : ''}
              {props.t(`error.${e.code}`)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled select, its error tied to it (aria-describedby), like TextField. */
export function SelectField(props: {
  id: string;
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  value?: string | undefined;
  placeholder?: string;
  error?: string | undefined;
  required?: boolean;
}) {
  return (
    <div class="select-wrapper mb-4">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.name}
        class={`form-select${props.error ? ' is-invalid' : ''}`}
        required={props.required}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.placeholder !== undefined ? (
          <option value="" selected={!props.value}>
            {props.placeholder}
          </option>
        ) : null}
        {props.options.map((o) => (
          <option value={o.value} selected={props.value === o.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error ? (
        <div id={`${props.id}-error`} class="invalid-feedback d-block">
          {props.error}
        </div>
      ) : null}
    </div>
  );
}
