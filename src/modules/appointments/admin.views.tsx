import type { ComponentChildren } from 'preact';
import { ROLES } from '../../platform/context.ts';
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

function Checks(props: {
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

function Frame(props: { page: PageCtx; title: string; children: ComponentChildren }) {
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

export interface TopicRowView {
  id: string;
  code: string;
  label_it: string;
  label_en: string;
  duration_minutes: number;
  roles: string[];
  active: boolean;
  need_area_code: string | null;
  version: number;
  officeIds: string[];
}

/** The topics: a table, and one form to add a topic or edit the chosen one. */
export function TopicsPage(props: {
  page: PageCtx;
  csrf: string;
  topics: TopicRowView[];
  offices: { id: string; name: string }[];
  editing: TopicRowView | undefined;
  form: Record<string, string | string[]>;
  errors: Record<string, string>;
  notice: Notice;
}) {
  const t = adminT(props.page.locale);
  const e = Object.fromEntries(Object.entries(props.errors).map(([k, v]) => [k, t(v as AdminKey)]));
  const ed = props.editing;
  const f = props.form;
  const str = (k: string, d: string) => (typeof f[k] === 'string' ? (f[k] as string) : d);
  const arr = (k: string, d: string[]) =>
    Array.isArray(f[k]) ? (f[k] as string[]) : typeof f[k] === 'string' ? [f[k] as string] : d;
  const officeName = new Map(props.offices.map((o) => [o.id, o.name]));
  return (
    <Frame page={props.page} title={t('topics')}>
      {props.notice ? <Alert kind={props.notice.kind}>{t(props.notice.key)}</Alert> : null}
      <ErrorSummary title={t('errors.title')} errors={e} />
      <div class="table-responsive">
        <table class="table">
          <caption>{t('topicsCaption')}</caption>
          <thead>
            <tr>
              {(['code', 'labelIt', 'duration', 'roles', 'offices', 'active', 'actions'] as const).map((k) => (
                <th scope="col" key={k}>
                  {t(k).replace(' *', '')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.topics.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.code}</th>
                <td>{props.page.locale === 'it' ? x.label_it : x.label_en}</td>
                <td>{x.duration_minutes}</td>
                <td>{x.roles.map((r) => props.page.t(`role.${r as (typeof ROLES)[number]}`)).join(', ')}</td>
                <td>{x.officeIds.map((o) => officeName.get(o) ?? '').join(', ')}</td>
                <td>{x.active ? t('yes') : t('no')}</td>
                <td>
                  <a
                    href={`/operatori/agenda/argomenti?argomento=${x.id}#modifica`}
                    aria-label={t('editFor', { what: x.code })}
                  >
                    {t('edit')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="h3 mt-4" id="modifica">
        {ed ? t('editTopic', { code: ed.code }) : t('newTopic')}
      </h2>
      <form method="post" action="/operatori/agenda/argomenti" novalidate>
        <Csrf token={props.csrf} />
        {ed ? (
          <>
            <input type="hidden" name="id" value={ed.id} />
            <input type="hidden" name="version" value={String(ed.version)} />
          </>
        ) : null}
        <Field id="code" label={t('code')} value={str('code', ed?.code ?? '')} error={e.code} />
        <Field id="labelIt" label={t('labelIt')} value={str('labelIt', ed?.label_it ?? '')} error={e.labelIt} />
        <Field id="labelEn" label={t('labelEn')} value={str('labelEn', ed?.label_en ?? '')} error={e.labelEn} />
        <Field
          id="durationMinutes"
          label={t('duration')}
          value={str('durationMinutes', String(ed?.duration_minutes ?? 30))}
          error={e.durationMinutes}
        />
        <Checks
          id="roles"
          legend={t('roles')}
          options={ROLES.filter((r) => r !== 'partner').map((r) => ({ value: r, label: props.page.t(`role.${r}`) }))}
          checked={arr('roles', ed?.roles ?? ['social_worker'])}
          error={e.roles}
        />
        <Checks
          id="officeIds"
          legend={t('offices')}
          options={props.offices.map((o) => ({ value: o.id, label: o.name }))}
          checked={arr('officeIds', ed?.officeIds ?? [])}
          error={e.officeIds}
        />
        <Field
          id="needAreaCode"
          label={t('needArea')}
          value={str('needAreaCode', ed?.need_area_code ?? '')}
          error={e.needAreaCode}
        />
        <div class="form-check mb-4">
          <input
            type="checkbox"
            class="form-check-input"
            id="active"
            name="active"
            value="yes"
            checked={ed ? ed.active : true}
          />
          <label class="form-check-label" for="active">
            {t('active')}
          </label>
        </div>
        <button type="submit" class="btn btn-primary">
          {t('saveTopic')}
        </button>
      </form>
    </Frame>
  );
}
