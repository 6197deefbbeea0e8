import type { ComponentChildren } from 'preact';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type AdminKey, adminT } from './admin.messages.ts';
import type { OfficeSettings } from './admin.service.ts';
import { ErrorSummary, Field } from './ui.tsx';

type T = ReturnType<typeof adminT>;
export type Notice = { key: AdminKey; kind: 'success' | 'warning' } | undefined;

function Select(props: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  error?: string | undefined;
}) {
  return (
    <div class="select-wrapper mb-4">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.id}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value} key={o.value}>
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

export function Checks(props: {
  id: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: string | undefined;
}) {
  return (
    <fieldset class="mb-4" aria-describedby={props.error ? `${props.id}-error` : undefined}>
      <legend class="h6 fw-semibold">{props.legend}</legend>
      {props.error ? (
        <div id={`${props.id}-error`} class="invalid-feedback d-block">
          {props.error}
        </div>
      ) : null}
      {props.options.map((o, i) => (
        <div class="form-check form-check-inline" key={o.value}>
          <input
            type="checkbox"
            class="form-check-input"
            id={i === 0 ? props.id : `${props.id}-${i}`}
            name={props.id}
            value={o.value}
            checked={props.checked.includes(o.value)}
          />
          <label class="form-check-label" for={i === 0 ? props.id : `${props.id}-${i}`}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function RemoveButton(props: { csrf: string; action: string; label: string; t: T }) {
  return (
    <form method="post" action={props.action}>
      <Csrf token={props.csrf} />
      <button
        type="submit"
        class="btn btn-sm btn-outline-danger"
        aria-label={props.t('removeFor', { what: props.label })}
      >
        {props.t('remove')}
      </button>
    </form>
  );
}

export function Frame(props: { page: PageCtx; title: string; children: ComponentChildren }) {
  return (
    <Layout
      page={props.page}
      title={props.title}
      crumbs={[
        { label: props.page.t('site.operatorArea'), href: '/operatori' },
        { label: 'Agenda', href: '/operatori/agenda' },
        { label: props.title },
      ]}
    >
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

/** One office's calendar settings: grid, closures and extra openings, operators' hours. */
export function SettingsPage(props: {
  page: PageCtx;
  csrf: string;
  s: OfficeSettings | undefined;
  form: Record<string, string>;
  errors: Record<string, string>;
  notice: Notice;
}) {
  const t = adminT(props.page.locale);
  const { s, form: f } = props;
  const e = Object.fromEntries(Object.entries(props.errors).map(([k, v]) => [k, t(v as AdminKey)]));
  const v = (k: string, dflt: string) => f[k] ?? dflt;
  if (!s) {
    return (
      <Frame page={props.page} title={t('title')}>
        <p>{t('none')}</p>
      </Frame>
    );
  }
  const base = `/operatori/agenda/impostazioni`;
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`weekday.${d}` as AdminKey) }));
  return (
    <Frame page={props.page} title={`${t('title')} — ${s.office.name}`}>
      {props.notice ? <Alert kind={props.notice.kind}>{t(props.notice.key)}</Alert> : null}
      <ErrorSummary title={t('errors.title')} errors={e} />
      <form method="get" action={base} class="row g-3 align-items-end mb-4">
        <div class="col-md-8">
          <Select
            id="ufficio"
            label={t('office')}
            value={s.office.id}
            options={s.offices.map((o) => ({ value: o.id, label: o.name }))}
          />
        </div>
        <div class="col-md-4 mb-4">
          <button type="submit" class="btn btn-primary">
            {t('show')}
          </button>
        </div>
      </form>

      <h2 class="h3">{t('grid')}</h2>
      <form method="post" action={`${base}/griglia`} novalidate class="mb-5">
        <Csrf token={props.csrf} />
        <input type="hidden" name="office" value={s.office.id} />
        <input type="hidden" name="version" value={String(s.grid.version)} />
        <Field
          id="slotMinutes"
          label={t('slotMinutes')}
          value={v('slotMinutes', String(s.grid.slotMinutes))}
          error={e.slotMinutes}
        />
        <Field id="capacity" label={t('capacity')} value={v('capacity', String(s.grid.capacity))} error={e.capacity} />
        <div class="form-check mb-4">
          <input
            type="checkbox"
            class="form-check-input"
            id="bookable"
            name="bookable"
            value="yes"
            checked={s.grid.bookable}
          />
          <label class="form-check-label" for="bookable">
            {t('bookable')}
          </label>
        </div>
        <button type="submit" class="btn btn-primary">
          {t('saveGrid')}
        </button>
      </form>

      <h2 class="h3">{t('exceptions')}</h2>
      {s.exceptions.length === 0 ? (
        <p>{t('noExceptions')}</p>
      ) : (
        <table class="table">
          <caption>{t('exceptionsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('day')}</th>
              <th scope="col">{t('kind')}</th>
              <th scope="col">{t('opens')}</th>
              <th scope="col">{t('note')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {s.exceptions.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.day}</th>
                <td>{t(`kind.${x.kind}`)}</td>
                <td>{x.opens ? `${x.opens}–${x.closes}` : t('allDay')}</td>
                <td>{x.note ?? ''}</td>
                <td>
                  <RemoveButton
                    csrf={props.csrf}
                    action={`${base}/eccezioni/${x.id}/elimina`}
                    label={`${x.day} ${t(`kind.${x.kind}`)}`}
                    t={t}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={`${base}/eccezioni`} novalidate class="mb-5">
        <Csrf token={props.csrf} />
        <input type="hidden" name="office" value={s.office.id} />
        <Field id="day" label={t('day')} value={v('day', '')} error={e.day} hint="AAAA-MM-GG" />
        <Select
          id="kind"
          label={t('kind')}
          value={v('kind', 'closed')}
          error={e.kind}
          options={(['closed', 'extra'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <Field id="opens" label={t('opens')} value={v('opens', '')} error={e.opens} hint={t('hoursHint')} />
        <Field id="closes" label={t('closes')} value={v('closes', '')} />
        <Field id="note" label={t('note')} value={v('note', '')} error={e.note} maxLength={200} />
        <button type="submit" class="btn btn-primary">
          {t('addException')}
        </button>
      </form>

      <h2 class="h3">{t('availability')}</h2>
      <p>{t('availabilityHint')}</p>
      {s.availability.length === 0 ? (
        <p>{t('noAvailability')}</p>
      ) : (
        <table class="table">
          <caption>{t('availabilityCaption', { office: s.office.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('operator')}</th>
              <th scope="col">{t('weekday')}</th>
              <th scope="col">{t('opens')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {s.availability.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.userName}</th>
                <td>{t(`weekday.${x.weekday}` as AdminKey)}</td>
                <td>{`${x.opens}–${x.closes}`}</td>
                <td>
                  <RemoveButton
                    csrf={props.csrf}
                    action={`${base}/disponibilita/${x.id}/elimina`}
                    label={`${x.userName} ${t(`weekday.${x.weekday}` as AdminKey)} ${x.opens}`}
                    t={t}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={`${base}/disponibilita`} novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="office" value={s.office.id} />
        <Select
          id="userId"
          label={t('operator')}
          value={v('userId', '')}
          error={e.userId}
          options={s.operators.map((o) => ({ value: o.id, label: o.name }))}
        />
        <Select id="weekday" label={t('weekday')} value={v('weekday', '1')} error={e.weekday} options={weekdays} />
        <Field id="avOpens" name="opens" label={t('opens')} value={v('avOpens', '09:00')} error={e.avOpens} />
        <Field id="avCloses" name="closes" label={t('closes')} value={v('avCloses', '12:30')} />
        <button type="submit" class="btn btn-primary">
          {t('addAvailability')}
        </button>
      </form>
    </Frame>
  );
}
