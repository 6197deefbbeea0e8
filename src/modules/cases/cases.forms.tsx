import type { ComponentChildren } from 'preact';
import { messagesFor } from '../../platform/i18n/index.ts';
import { describedBy, Hint } from '../../platform/ui/forms.tsx';
import type { FieldError } from './cases.access.ts';
import { type MoreCaseKey, moreCaseMessages } from './cases.more.messages.ts';

export type M = (key: MoreCaseKey, params?: Record<string, string | number>) => string;
export const mOf = (locale: 'it' | 'en'): M => messagesFor(moreCaseMessages, locale);

/** '/actions/1/from' → 'actions-1-from': the field's element id is `f-` and this. */
export const nameOf = (field: string) => field.slice(1).replace(/\//g, '-');

export function errorOf(m: M, errors: FieldError[], name: string): string | undefined {
  const e = errors.find((x) => nameOf(x.field) === name);
  if (!e) return undefined;
  const key = `error.${e.code}` as MoreCaseKey;
  return m(key in moreCaseMessages.it ? key : 'error.invalid');
}

/** The error summary at the top of a refused form, each error linked to its field. */
export function ErrorSummary({ m, errors, prefix = '' }: { m: M; errors: FieldError[]; prefix?: string }) {
  if (errors.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert" tabindex={-1} id="error-summary">
      <h2 class="h5">{m('errors.title')}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#f-${prefix}${nameOf(e.field)}`}>{errorOf(m, errors, nameOf(e.field))}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled control (input, select or textarea) with its hint and error tied by aria-describedby. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (described: string | undefined) => ComponentChildren;
}) {
  return (
    <div class="mb-3">
      <label class="form-label" for={props.id}>
        {props.label}
      </label>
      {props.children(describedBy(props.id, props.hint, props.error))}
      <Hint id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function Options(props: { options: { value: string; label: string }[]; value: string }) {
  return (
    <>
      {props.options.map((o) => (
        <option value={o.value} selected={o.value === props.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}
