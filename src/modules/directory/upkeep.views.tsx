import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf, describedBy, Hint } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { directoryMessages } from './directory.messages.ts';
import { upkeepMessages } from './upkeep.messages.ts';
import { type FieldError, type ServiceEdit, STATUSES, TEXT_FIELDS } from './upkeep.service.ts';

type Area = { code: string; label: string; parent_code: string | null };
const fieldId = (f: string) => f.replace('.', '-');

/** The operator's edit form of a service (Italian source, English translation, status, need areas). */
export function EditServicePage(props: {
  page: PageCtx;
  id: string;
  version: number;
  edit: ServiceEdit;
  areas: Area[];
  csrf: string;
  assuredDate: string | null;
  errors?: FieldError[];
  conflict?: boolean;
  saved?: boolean;
}) {
  const { page, edit } = props;
  const m = messagesFor(directoryMessages, page.locale);
  const u = messagesFor(upkeepMessages, page.locale);
  const errors = props.errors ?? [];
  const errorOf = (f: string) => errors.find((e) => e.field === f);
  const title = m('edit.title');
  const input = (lang: 'it' | 'en', f: (typeof TEXT_FIELDS)[number]) => {
    const key = `${lang}.${f}`;
    const id = fieldId(key);
    const err = errorOf(key);
    const label = `${m(`edit.field.${f}`)}${lang === 'it' && f === 'name' ? ' *' : ''}`;
    const common = {
      id,
      name: key,
      class: `form-control${err ? ' is-invalid' : ''}`,
      'aria-describedby': err ? `${id}-error` : undefined,
      'aria-invalid': err ? ('true' as const) : undefined,
      lang: lang === page.locale ? undefined : lang,
    };
    return (
      <div class="form-group" key={key}>
        <label for={id} class="active">
          {label}
        </label>
        {f === 'name' ? (
          <input type="text" value={edit[lang][f]} {...common} />
        ) : (
          <textarea rows={4} {...common}>
            {edit[lang][f]}
          </textarea>
        )}
        {err ? (
          <div id={`${id}-error`} class="invalid-feedback d-block">
            {u(`err.${err.code}`)}
          </div>
        ) : null}
      </div>
    );
  };
  return (
    <Layout
      page={page}
      title={title}
      crumbs={[{ label: m('search.operatorTitle'), href: '/operatori/servizi' }, { label: title }]}
    >
      <h1>{title}</h1>
      {errors.length ? (
        <div class="alert alert-danger" role="alert" aria-labelledby="error-summary" tabindex={-1}>
          <h2 id="error-summary" class="h5">
            {m('edit.errors')}
          </h2>
          <ul>
            {errors.map((e) => (
              <li key={e.field}>
                <a href={`#${e.field === 'needAreas' ? 'needAreas' : fieldId(e.field)}`}>
                  {e.field === 'topic'
                    ? u('edit.topic')
                    : e.field === 'needAreas' || e.field === 'status'
                      ? m(e.field === 'status' ? 'edit.status' : 'edit.needAreas')
                      : m(`edit.field.${e.field.split('.')[1] as (typeof TEXT_FIELDS)[number]}`)}
                  {`: ${u(`err.${e.code}`)}`}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.conflict ? <Alert kind="warning">{m('edit.conflict')}</Alert> : null}
      {props.saved ? <Alert kind="success">{m('edit.saved')}</Alert> : null}
      <p>{m('edit.intro')}</p>
      <p>
        {props.assuredDate ? m('edit.lastVerified', { date: props.assuredDate }) : m('edit.neverVerified')}{' '}
        <a href={`/servizi/${props.id}`}>{m('edit.view')}</a>
      </p>
      <p>
        <a href={`/operatori/servizi/${props.id}/sedi-orari`}>{u('edit.places')}</a>
        {' · '}
        <a href={`/operatori/servizi/${props.id}/condizioni`}>{u('cond.link')}</a>
      </p>
      <form method="post" action={`/operatori/servizi/${props.id}/modifica`} novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="version" value={String(props.version)} />
        <fieldset class="mb-4">
          <legend class="h4">{m('edit.italian')}</legend>
          {TEXT_FIELDS.map((f) => input('it', f))}
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h4">{m('edit.english')}</legend>
          {TEXT_FIELDS.map((f) => input('en', f))}
        </fieldset>
        <div class="select-wrapper mb-4">
          <label for="status">{m('edit.status')}</label>
          <select id="status" name="status">
            {STATUSES.map((s) => (
              <option value={s} selected={edit.status === s} key={s}>
                {m(`edit.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label for="topic" class="active">
            {u('edit.topic')}
          </label>
          <input
            type="text"
            id="topic"
            name="topic"
            value={edit.topic}
            class={`form-control${errorOf('topic') ? ' is-invalid' : ''}`}
            aria-describedby={describedBy('topic', 'hint', errorOf('topic') ? 'error' : undefined)}
            aria-invalid={errorOf('topic') ? 'true' : undefined}
          />
          <Hint
            id="topic"
            hint={u('edit.topicHint')}
            error={errorOf('topic') ? u(`err.${errorOf('topic')?.code ?? 'invalid'}`) : undefined}
          />
        </div>
        <fieldset id="needAreas" class="mb-4" aria-describedby={errorOf('needAreas') ? 'needAreas-error' : undefined}>
          <legend class="h5">{m('edit.needAreas')}</legend>
          {errorOf('needAreas') ? (
            <div id="needAreas-error" class="invalid-feedback d-block">
              {m('edit.error.invalid')}
            </div>
          ) : null}
          {props.areas.map((a) => (
            <div class="form-check" key={a.code}>
              <input
                id={`area-${a.code}`}
                type="checkbox"
                name="needAreas"
                value={a.code}
                checked={edit.needAreas.includes(a.code)}
              />
              <label for={`area-${a.code}`}>{a.label}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="btn btn-primary me-2">
          {m('edit.save')}
        </button>
        <button type="submit" name="verify" value="1" class="btn btn-outline-primary">
          {m('edit.saveVerify')}
        </button>
      </form>
    </Layout>
  );
}

/** Services not verified for more than 12 months. */
export function StalePage(props: {
  page: PageCtx;
  cutoff: string;
  services: { id: string; name: string; assured_date: string | null }[];
}) {
  const { page } = props;
  const m = messagesFor(directoryMessages, page.locale);
  return (
    <Layout
      page={page}
      title={m('stale.title')}
      crumbs={[{ label: m('search.operatorTitle'), href: '/operatori/servizi' }, { label: m('stale.title') }]}
    >
      <h1>{m('stale.title')}</h1>
      <p>{m('stale.intro', { date: props.cutoff })}</p>
      {props.services.length === 0 ? (
        <p>{m('stale.none')}</p>
      ) : (
        <table class="table">
          <caption>{m('stale.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('stale.name')}</th>
              <th scope="col">{m('stale.verified')}</th>
              <th scope="col">
                <span class="visually-hidden">{m('stale.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.services.map((s) => (
              <tr key={s.id}>
                <th scope="row" lang="it">
                  {s.name}
                </th>
                <td>{s.assured_date ?? m('stale.never')}</td>
                <td>
                  <a href={`/operatori/servizi/${s.id}/modifica`}>{m('stale.edit')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
