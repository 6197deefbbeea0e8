import type { ComponentChildren } from 'preact';
import { describedBy, Hint } from '../../platform/ui/forms.tsx';

/**
 * Form controls for the people pages: every control has a label tied to it, and its hint and error
 * tied with aria-describedby, so a screen reader reads them with the field.
 */
export function Field(props: {
  id: string;
  name?: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'email' | 'tel' | 'date' | 'search';
  maxLength?: number;
  inputMode?: 'numeric' | 'text' | 'tel' | 'email';
  autocomplete?: string;
  required?: boolean;
  class?: string;
}) {
  return (
    <div class={`form-group ${props.class ?? ''}`}>
      <label for={props.id} class="active">
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.name ?? props.id}
        type={(props.type ?? 'text') as 'text'}
        class={`form-control${props.error ? ' is-invalid' : ''}`}
        value={props.value ?? ''}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        autocomplete={props.autocomplete ?? 'off'}
        required={props.required}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <Hint id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function TextArea(props: {
  id: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  maxLength?: number;
  minLength?: number;
  required?: boolean;
}) {
  return (
    <div class="form-group">
      <label for={props.id} class="active">
        {props.label}
      </label>
      <textarea
        id={props.id}
        name={props.id}
        rows={3}
        class={`form-control${props.error ? ' is-invalid' : ''}`}
        maxLength={props.maxLength}
        minLength={props.minLength}
        required={props.required}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
      <Hint id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function Select(props: {
  id: string;
  name?: string;
  label: string;
  value?: string | undefined;
  options: readonly { value: string; label: string }[];
  error?: string | undefined;
  hint?: string | undefined;
  class?: string;
}) {
  return (
    <div class={`select-wrapper mb-4 ${props.class ?? ''}`}>
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.name ?? props.id}
        class={props.error ? 'is-invalid' : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')} key={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Hint id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function Checkbox(props: { id: string; label: string; checked: boolean; hint?: string | undefined }) {
  return (
    <div class="form-check mb-3">
      <input
        id={props.id}
        name={props.id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
      />
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <small id={`${props.id}-hint`} class="form-text d-block">
          {props.hint}
        </small>
      ) : null}
    </div>
  );
}

/** The list of problems at the top of a form; each links to its field. */
export function ErrorSummary(props: { title: string; items: { href: string; text: string }[] }) {
  if (props.items.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert" id="error-summary" tabIndex={-1}>
      <p class="fw-semibold">{props.title}</p>
      <ul class="mb-0">
        {props.items.map((i) => (
          <li key={i.href + i.text}>
            <a href={i.href}>{i.text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A term–value list for the person file. */
export function Facts(props: { items: readonly [string, ComponentChildren][] }) {
  return (
    <dl class="row">
      {props.items.map(([term, value]) => (
        <>
          <dt class="col-sm-4" key={`t-${term}`}>
            {term}
          </dt>
          <dd class="col-sm-8" key={`d-${term}`}>
            {value}
          </dd>
        </>
      ))}
    </dl>
  );
}

/** A calendar day (YYYY-MM-DD) as the locale writes it; no time zone shift. */
export function day(iso: string, locale: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)),
  );
}

/** An instant, in Rome. */
export function when(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(
    new Date(iso),
  );
}
