import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf, describedBy, Hint } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { directoryMessages } from './directory.messages.ts';
import { DAYS, type HourRow, type LocationRow, type PhoneRow, type PlacesForm } from './places.service.ts';
import { upkeepMessages } from './upkeep.messages.ts';
import type { FieldError } from './upkeep.service.ts';

type U = ReturnType<typeof messagesFor<keyof typeof upkeepMessages.it>>;

/** The error summary at the top of a failed form: each error links to its field. */
export function ErrorSummary(props: { u: U; errors: FieldError[]; labelOf: (field: string) => string }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert" aria-labelledby="error-summary" tabindex={-1}>
      <h2 id="error-summary" class="h5">
        {props.u('err.summary')}
      </h2>
      <ul>
        {props.errors.map((e) => (
          <li key={e.field}>
            <a href={`#${e.field}`}>{`${props.labelOf(e.field)}: ${props.u(`err.${e.code}`)}`}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled text input with hint and error (ids `<id>-hint`, `<id>-error`). */
export function Field(props: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'time' | 'tel' | 'url' | 'email';
  lang?: string | undefined;
  width?: string;
}) {
  return (
    <div class={`form-group ${props.width ?? ''}`}>
      <label for={props.id} class="active">
        {props.label}
      </label>
      <input
        type={(props.type ?? 'text') as 'text'}
        id={props.id}
        name={props.id}
        value={props.value}
        lang={props.lang}
        class={`form-control${props.error ? ' is-invalid' : ''}`}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <Hint id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

/** Weekly time slots (days, opens, closes, remove): used by the operator's form and the partner's. */
export function HoursFieldset(props: {
  u: U;
  rows: HourRow[];
  prefix: string;
  errorOf: (field: string) => string | undefined;
  removable?: boolean;
}) {
  const { u } = props;
  return (
    <>
      {props.rows.map((h, i) => {
        const id = `${props.prefix}-${i}`;
        const daysError = props.errorOf(`${id}-days`);
        return (
          <fieldset class="border rounded p-3 mb-3" key={id}>
            <legend class="h6 w-auto px-1">{u('places.hour', { n: i + 1 })}</legend>
            <input type="hidden" name={`${id}-id`} value={h.id} />
            <fieldset id={`${id}-days`} class="mb-4" aria-describedby={daysError ? `${id}-days-error` : undefined}>
              <legend class="h6">{u('places.days')}</legend>
              {DAYS.map((d) => (
                <div class="form-check form-check-inline" key={d}>
                  <input
                    type="checkbox"
                    id={`${id}-day-${d}`}
                    name={`${id}-days`}
                    value={d}
                    checked={h.days.includes(d)}
                  />
                  <label for={`${id}-day-${d}`}>{u(`day.${d}`)}</label>
                </div>
              ))}
              <Hint id={`${id}-days`} error={daysError} />
            </fieldset>
            <div class="row mt-4">
              <Field
                id={`${id}-opens`}
                type="time"
                label={u('places.opens')}
                value={h.opens}
                error={props.errorOf(`${id}-opens`)}
                width="col-6"
              />
              <Field
                id={`${id}-closes`}
                type="time"
                label={u('places.closes')}
                value={h.closes}
                error={props.errorOf(`${id}-closes`)}
                width="col-6"
              />
            </div>
            {h.id && props.removable !== false ? <RemoveBox id={id} u={u} checked={h.remove} /> : null}
          </fieldset>
        );
      })}
    </>
  );
}

function RemoveBox(props: { id: string; u: U; checked: boolean }) {
  return (
    <div class="form-check">
      <input type="checkbox" id={`${props.id}-remove`} name={`${props.id}-remove`} value="1" checked={props.checked} />
      <label for={`${props.id}-remove`}>{props.u('places.remove')}</label>
    </div>
  );
}

/** Empty rows offered at the bottom of each list, to add new ones without JavaScript. */
export const withBlanks = (form: PlacesForm): PlacesForm => ({
  locations: [...form.locations, { id: '', name: '', address: '', postal: '', city: '', province: '', remove: false }],
  phones: [...form.phones, { id: '', number: '', description: '', remove: false }],
  hours: [
    ...form.hours,
    { id: '', days: [], opens: '', closes: '', remove: false },
    { id: '', days: [], opens: '', closes: '', remove: false },
  ],
});

/** A label for an error's field id (loc-0-city → "Sede 1 – Comune"). */
export function placesLabel(u: U, field: string): string {
  const [kind, n, part] = field.split('-');
  const row = Number(n) + 1;
  if (kind === 'loc')
    return `${u('places.location', { n: row })} – ${u(
      (
        {
          name: 'places.loc.name',
          address: 'places.loc.address',
          postal: 'places.loc.postal',
          city: 'places.loc.city',
        } as const
      )[part as 'name'] ?? 'places.loc.province',
    )}`;
  if (kind === 'phone')
    return `${u('places.phone', { n: row })} – ${u(part === 'number' ? 'places.phone.number' : 'places.phone.description')}`;
  return `${u('places.hour', { n: row })} – ${u(part === 'days' ? 'places.days' : part === 'opens' ? 'places.opens' : 'places.closes')}`;
}

/** The operator's form of a service's places (addresses), phones and weekly opening hours. */
export function PlacesPage(props: {
  page: PageCtx;
  id: string;
  name: string;
  version: number;
  form: PlacesForm;
  csrf: string;
  errors?: FieldError[];
  conflict?: boolean;
  saved?: boolean;
}) {
  const { page } = props;
  const u = messagesFor(upkeepMessages, page.locale);
  const m = messagesFor(directoryMessages, page.locale);
  // After a failed save the submitted rows (blank ones included) come back as they were, so the
  // error ids keep pointing at the same rows.
  const errors = props.errors ?? [];
  const errorOf = (f: string) => {
    const e = errors.find((x) => x.field === f);
    return e ? u(`err.${e.code}`) : undefined;
  };
  const form = props.errors?.length ? props.form : withBlanks(props.form);
  const title = u('places.title');
  const loc = (l: LocationRow, i: number) => {
    const id = `loc-${i}`;
    return (
      <fieldset class="border rounded p-3 mb-3" key={id}>
        <legend class="h6 w-auto px-1">{l.id ? u('places.location', { n: i + 1 }) : u('places.newLocation')}</legend>
        <input type="hidden" name={`${id}-id`} value={l.id} />
        <Field id={`${id}-name`} label={u('places.loc.name')} value={l.name} error={errorOf(`${id}-name`)} />
        <Field
          id={`${id}-address`}
          label={u('places.loc.address')}
          value={l.address}
          error={errorOf(`${id}-address`)}
        />
        <div class="row">
          <Field
            id={`${id}-postal`}
            label={u('places.loc.postal')}
            value={l.postal}
            error={errorOf(`${id}-postal`)}
            width="col-4"
          />
          <Field
            id={`${id}-city`}
            label={u('places.loc.city')}
            value={l.city}
            error={errorOf(`${id}-city`)}
            width="col-5"
          />
          <Field
            id={`${id}-province`}
            label={u('places.loc.province')}
            value={l.province}
            error={errorOf(`${id}-province`)}
            width="col-3"
          />
        </div>
        {l.id ? <RemoveBox id={id} u={u} checked={l.remove} /> : null}
      </fieldset>
    );
  };
  const phone = (p: PhoneRow, i: number) => {
    const id = `phone-${i}`;
    return (
      <fieldset class="border rounded p-3 mb-3" key={id}>
        <legend class="h6 w-auto px-1">{p.id ? u('places.phone', { n: i + 1 }) : u('places.newPhone')}</legend>
        <input type="hidden" name={`${id}-id`} value={p.id} />
        <Field
          id={`${id}-number`}
          type="tel"
          label={u('places.phone.number')}
          value={p.number}
          error={errorOf(`${id}-number`)}
        />
        <Field
          id={`${id}-description`}
          label={u('places.phone.description')}
          value={p.description}
          error={errorOf(`${id}-description`)}
        />
        {p.id ? <RemoveBox id={id} u={u} checked={p.remove} /> : null}
      </fieldset>
    );
  };
  return (
    <Layout
      page={page}
      title={title}
      crumbs={[
        { label: m('search.operatorTitle'), href: '/operatori/servizi' },
        { label: m('edit.title'), href: `/operatori/servizi/${props.id}/modifica` },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead" lang="it">
        {props.name}
      </p>
      <ErrorSummary u={u} errors={errors} labelOf={(f) => placesLabel(u, f)} />
      {props.conflict ? <Alert kind="warning">{u('conflict')}</Alert> : null}
      {props.saved ? <Alert kind="success">{u('saved')}</Alert> : null}
      <p>{u('places.intro')}</p>
      <form method="post" action={`/operatori/servizi/${props.id}/sedi-orari`} novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="version" value={String(props.version)} />
        <h2 class="h4">{u('places.locations')}</h2>
        <p>{u('places.locationsHint')}</p>
        {form.locations.map(loc)}
        <h2 class="h4">{u('places.phones')}</h2>
        {form.phones.map(phone)}
        <h2 class="h4">{u('places.hours')}</h2>
        <p>{u('places.hoursHint')}</p>
        <HoursFieldset u={u} rows={form.hours} prefix="hours" errorOf={errorOf} />
        <button type="submit" class="btn btn-primary">
          {u('places.save')}
        </button>
      </form>
      <p class="mt-4">
        <a href={`/operatori/servizi/${props.id}/modifica`}>{u('places.back')}</a>
      </p>
    </Layout>
  );
}

/** Weekly hours rows for another module's form (the partner's suggestion): texts in the page's language. */
export function WeeklyHoursFields(props: {
  locale: PageCtx['locale'];
  rows: HourRow[];
  prefix: string;
  errorOf: (field: string) => string | undefined;
}) {
  return (
    <HoursFieldset
      u={messagesFor(upkeepMessages, props.locale)}
      rows={props.rows}
      prefix={props.prefix}
      errorOf={props.errorOf}
      removable={false}
    />
  );
}
