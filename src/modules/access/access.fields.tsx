import type { ComponentChildren } from 'preact';
import { messagesFor } from '../../platform/i18n/index.ts';
import { describedBy, Hint } from '../../platform/ui/forms.tsx';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { type AccessMessageKey, accessMessages } from './access.messages.ts';

export type T = ReturnType<typeof messagesFor<AccessMessageKey>>;
export const tOf = (page: PageCtx): T => messagesFor(accessMessages, page.locale);
export type Errors = Record<string, string>;

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: {
  id: string;
  name: string;
  label: string;
  options: Option[];
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <div class="select-wrapper mb-4">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.name}
        class={props.error ? 'is-invalid' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Hint id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function TextArea(props: {
  id: string;
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <div class="form-group mb-4">
      <label for={props.id} class="active">
        {props.label}
      </label>
      <textarea
        id={props.id}
        name={props.name}
        rows={3}
        class={`form-control${props.error ? ' is-invalid' : ''}`}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
      <Hint id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function Radio(props: {
  id: string;
  name: string;
  value: string;
  checked: boolean;
  label: ComponentChildren;
  describedBy?: string | undefined;
}) {
  return (
    <div class="form-check">
      <input
        type="radio"
        id={props.id}
        name={props.name}
        value={props.value}
        checked={props.checked}
        aria-describedby={props.describedBy}
      />
      <label for={props.id}>{props.label}</label>
    </div>
  );
}

/** The error summary at the top of a form: each message links to its field. */
export function ErrorSummary({ t, errors }: { t: T; errors: Errors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="h5">
        {t('errors.title')}
      </h2>
      <ul class="mb-0">
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const options = (t: T, prefix: string, values: readonly string[]): Option[] =>
  values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as AccessMessageKey) }));

export const areaLabel = (page: PageCtx, a: { labelIt: string; labelEn: string }) =>
  page.locale === 'it' ? a.labelIt : a.labelEn;

export const when = (page: PageCtx, at: Date, style: 'full' | 'time' = 'full') =>
  new Intl.DateTimeFormat(page.locale === 'it' ? 'it-IT' : 'en-GB', {
    timeZone: 'Europe/Rome',
    ...(style === 'full' ? { dateStyle: 'short', timeStyle: 'short' } : { timeStyle: 'short' }),
  }).format(at);
