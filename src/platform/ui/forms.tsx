import type { ComponentChildren } from 'preact';

/** A field's aria-describedby: the ids of its hint and its error, when shown (see Hint). */
export const describedBy = (id: string, hint?: string, error?: string): string | undefined =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A field's hint and error, under the ids describedBy points at. */
export function Hint({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <small id={`${id}-hint`} class="form-text d-block">
          {hint}
        </small>
      ) : null}
      {error ? (
        <div id={`${id}-error`} class="invalid-feedback d-block">
          {error}
        </div>
      ) : null}
    </>
  );
}

/** A labelled input with its error tied to it for screen readers (aria-describedby). */
export function TextField(props: {
  id: string;
  name: string;
  label: string;
  type?: 'text' | 'password' | 'email' | 'date' | 'search';
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  autocomplete?: string;
}) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class="form-group">
      <label for={props.id} class="active">
        {props.label}
      </label>
      <input
        id={props.id}
        name={props.name}
        // preact types narrow `type` per input kind; the union here is safe for a text-like input.
        type={(props.type ?? 'text') as 'text'}
        class={`form-control${props.error ? ' is-invalid' : ''}`}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        aria-describedby={described || undefined}
        aria-invalid={props.error ? 'true' : undefined}
      />
      {props.hint ? (
        <small id={`${props.id}-hint`} class="form-text">
          {props.hint}
        </small>
      ) : null}
      {props.error ? (
        <div id={`${props.id}-error`} class="invalid-feedback d-block">
          {props.error}
        </div>
      ) : null}
    </div>
  );
}

export function Alert(props: { kind: 'danger' | 'success' | 'info' | 'warning'; children: ComponentChildren }) {
  return (
    <div class={`alert alert-${props.kind}`} role={props.kind === 'danger' ? 'alert' : 'status'}>
      {props.children}
    </div>
  );
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
