import type { ComponentChildren } from 'preact';
import { describedBy, Hint } from '../../platform/ui/forms.tsx';

/** Small form pieces shared by the public appointment and request pages. */

export function Field(props: {
  id: string;
  name?: string;
  label: string;
  value: string;
  type?: 'text' | 'email' | 'tel';
  error?: string | undefined;
  hint?: string | undefined;
  autocomplete?: string;
  maxLength?: number;
}) {
  return (
    <div class="form-group mb-4">
      <label for={props.id} class="active">
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.name ?? props.id}
        type={(props.type ?? 'text') as 'text'}
        class={`form-control${props.error ? ' is-invalid' : ''}`}
        value={props.value}
        autocomplete={props.autocomplete}
        maxLength={props.maxLength}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <Hint id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function Area(props: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  maxLength: number;
}) {
  return (
    <div class="form-group mb-4">
      <label for={props.id} class="active">
        {props.label}
      </label>
      <textarea
        id={props.id}
        name={props.id}
        rows={4}
        class={`form-control${props.error ? ' is-invalid' : ''}`}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value}
      </textarea>
      <Hint id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

/** A group of radio buttons in a fieldset; the first radio carries the group's id for error links. */
export function Radios(props: {
  id: string;
  name: string;
  legend: string;
  options: { value: string; label: ComponentChildren }[];
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  const desc = describedBy(props.id, props.hint, props.error);
  return (
    <fieldset class="mb-4" aria-describedby={desc}>
      <legend class="h6 fw-semibold">{props.legend}</legend>
      <Hint id={props.id} hint={props.hint} error={props.error} />
      {props.options.map((o, i) => (
        <div class="form-check" key={o.value}>
          <input
            type="radio"
            class="form-check-input"
            id={i === 0 ? props.id : `${props.id}-${i}`}
            name={props.name}
            value={o.value}
            checked={o.value === props.value}
            aria-invalid={props.error ? 'true' : undefined}
          />
          <label class="form-check-label" for={i === 0 ? props.id : `${props.id}-${i}`}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function Check(props: { id: string; label: ComponentChildren; checked: boolean; error?: string | undefined }) {
  return (
    <div class="form-check mb-4">
      <input
        type="checkbox"
        class="form-check-input"
        id={props.id}
        name={props.id}
        value="yes"
        checked={props.checked}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <label class="form-check-label" for={props.id}>
        {props.label}
      </label>
      <Hint id={props.id} error={props.error} />
    </div>
  );
}

/** The error summary at the top of a failed form: each message links to its field. */
export function ErrorSummary({ title, errors }: { title: string; errors: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title" class="h5">
        {title}
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

export function Hidden({ values }: { values: Record<string, string> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input type="hidden" name={name} value={value} key={name} />
      ))}
    </>
  );
}
