import type { ComponentChildren } from 'preact';
import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { SearchResult } from '../people/index.ts';
import { type AccessMessageKey, accessMessages } from './access.messages.ts';
import type { AccessListItem } from './access.read.service.ts';
import { AGE_BANDS, CHANNELS, PRESENTED_BY, REFERRERS, SEXES, URGENCIES } from './access.validation.ts';
import type { AccessView } from './access.view.ts';
import type { NeedArea } from './taxonomy.service.ts';

export type T = ReturnType<typeof messagesFor<AccessMessageKey>>;
export const tOf = (page: PageCtx): T => messagesFor(accessMessages, page.locale);
export type Errors = Record<string, string>;

export interface Option {
  value: string;
  label: string;
}

const described = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function Hint({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
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
        aria-describedby={described(props.id, props.hint, props.error)}
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
        aria-describedby={described(props.id, props.hint, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
      <Hint id={props.id} hint={props.hint} error={props.error} />
    </div>
  );
}

function Radio(props: {
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

/** A local category names its SIUSS area after it ("Casa (Povertà)"), so typing its first letters selects it. */
function labelWithParent(page: PageCtx, areas: NeedArea[], a: NeedArea): string {
  const parent = a.parentCode ? areas.find((p) => p.code === a.parentCode) : undefined;
  return parent ? `${areaLabel(page, a)} (${areaLabel(page, parent)})` : areaLabel(page, a);
}

export interface CaptureForm {
  officeId: string;
  channel: string;
  presentedBy: string;
  referrer: string;
  q: string;
  who: string;
  sex: string;
  ageBand: string;
  needAreaId: string;
  reason: string;
  urgency: string;
  urgencyReason: string;
}

export const EMPTY_CAPTURE: Omit<CaptureForm, 'officeId'> = {
  channel: 'walk_in',
  presentedBy: 'person',
  referrer: 'self',
  q: '',
  who: '',
  sex: '',
  ageBand: '',
  needAreaId: '',
  reason: '',
  urgency: 'ordinary',
  urgencyReason: '',
};

export function CapturePage(props: {
  page: PageCtx;
  csrf: string;
  form: CaptureForm;
  offices: Option[];
  areas: NeedArea[];
  results?: SearchResult[] | undefined;
  errors: Errors;
  notice?: string | undefined;
}) {
  const { page, form, errors } = props;
  const t = tOf(page);
  const whoError = errors['who-anonymous'];
  const whoDescribed = whoError ? 'who-anonymous-error' : undefined;
  return (
    <Layout
      page={page}
      title={t('new.title')}
      crumbs={[{ label: t('access.list'), href: '/operatori/accessi' }, { label: t('new.title') }]}
    >
      <h1>{t('new.title')}</h1>
      <p>{t('new.intro')}</p>
      {props.notice ? <Alert kind="warning">{props.notice}</Alert> : null}
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action="/operatori/accessi/nuovo" novalidate>
        <Csrf token={props.csrf} />
        {props.offices.length === 1 ? (
          <>
            <input type="hidden" name="officeId" value={props.offices[0]?.value} />
            <p>
              <strong>{t('access.office')}:</strong> {props.offices[0]?.label}
            </p>
          </>
        ) : (
          <SelectField
            id="officeId"
            name="officeId"
            label={t('field.office')}
            options={props.offices}
            value={form.officeId}
            error={errors.officeId}
          />
        )}
        <SelectField
          id="channel"
          name="channel"
          label={t('field.channel')}
          options={options(t, 'channel', CHANNELS)}
          value={form.channel}
          error={errors.channel}
        />
        <fieldset class="mb-4">
          <legend class="h5">{t('field.who')}</legend>
          <div class="form-group">
            <label for="q" class="active">
              {t('field.q')}
            </label>
            <input
              id="q"
              name="q"
              type="search"
              class="form-control"
              value={form.q}
              autocomplete="off"
              aria-describedby="q-hint"
            />
            <small id="q-hint" class="form-text d-block">
              {t('field.qHint')}
            </small>
          </div>
          <button type="submit" name="action" value="search" class="btn btn-outline-primary mb-3">
            {t('field.search')}
          </button>
          {props.results !== undefined ? (
            <p role="status">
              {props.results.length === 0 ? t('search.none') : t('search.found', { n: props.results.length })}
            </p>
          ) : null}
          {(props.results ?? []).map((p) => (
            <Radio
              key={p.id}
              id={`who-${p.id}`}
              name="who"
              value={p.id}
              checked={form.who === p.id}
              describedBy={whoDescribed}
              label={
                <>
                  {p.name}
                  {p.birthYear ? `, ${t('search.born', { year: p.birthYear })}` : ''}
                  {p.neighbourhood ? ` — ${p.neighbourhood}` : ''}
                  {p.confidential ? ` (${t('search.confidential')})` : ''}
                </>
              }
            />
          ))}
          <Radio
            id="who-anonymous"
            name="who"
            value="anonymous"
            checked={form.who === 'anonymous'}
            describedBy={whoDescribed}
            label={t('field.anonymous')}
          />
          <Hint id="who-anonymous" error={whoError} />
          <div class="row mt-3">
            <div class="col-md-6">
              <SelectField
                id="sex"
                name="sex"
                label={t('field.sex')}
                options={[{ value: '', label: t('field.unknown') }, ...options(t, 'sex', SEXES)]}
                value={form.sex}
                error={errors.sex}
              />
            </div>
            <div class="col-md-6">
              <SelectField
                id="ageBand"
                name="ageBand"
                label={t('field.ageBand')}
                options={[{ value: '', label: t('field.unknown') }, ...AGE_BANDS.map((b) => ({ value: b, label: b }))]}
                value={form.ageBand}
                error={errors.ageBand}
              />
            </div>
          </div>
        </fieldset>
        <SelectField
          id="needAreaId"
          name="needAreaId"
          label={t('field.needArea')}
          options={[
            { value: '', label: '—' },
            ...props.areas.map((a) => ({
              value: a.id,
              label: labelWithParent(page, props.areas, a),
            })),
          ]}
          value={form.needAreaId}
          error={errors.needAreaId}
        />
        <TextArea id="reason" name="reason" label={t('field.reason')} value={form.reason} error={errors.reason} />
        <fieldset class="mb-4">
          <legend class="h5">{t('field.urgency')}</legend>
          {URGENCIES.map((u) => (
            <Radio
              key={u}
              id={`urgency-${u}`}
              name="urgency"
              value={u}
              checked={form.urgency === u}
              label={t(`urgency.${u}`)}
            />
          ))}
        </fieldset>
        <TextArea
          id="urgencyReason"
          name="urgencyReason"
          label={t('field.urgencyReason')}
          hint={t('field.urgencyReasonHint')}
          value={form.urgencyReason}
          error={errors.urgencyReason}
        />
        <SelectField
          id="presentedBy"
          name="presentedBy"
          label={t('field.presentedBy')}
          options={options(t, 'presentedBy', PRESENTED_BY)}
          value={form.presentedBy}
          error={errors.presentedBy}
        />
        <SelectField
          id="referrer"
          name="referrer"
          label={t('field.referrer')}
          options={options(t, 'referrer', REFERRERS)}
          value={form.referrer}
          error={errors.referrer}
        />
        <button type="submit" name="action" value="save" class="btn btn-primary">
          {t('field.save')}
        </button>
      </form>
    </Layout>
  );
}

const when = (page: PageCtx, at: Date, style: 'full' | 'time' = 'full') =>
  new Intl.DateTimeFormat(page.locale === 'it' ? 'it-IT' : 'en-GB', {
    timeZone: 'Europe/Rome',
    ...(style === 'full' ? { dateStyle: 'short', timeStyle: 'short' } : { timeStyle: 'short' }),
  }).format(at);

export interface OutcomeFormState {
  requestId: string;
  kind: string;
  detail: string;
  reasonCode: string;
  errors: Errors;
}

export function AccessPage(props: {
  page: PageCtx;
  csrf: string;
  access: AccessView;
  officeName: string;
  notices: string[];
  outcomeKinds: readonly string[];
  reasonCodes: readonly string[];
  outcomeForm?: OutcomeFormState | undefined;
  /** Closing refused: the requests still without an outcome (ids), or a message. */
  closeMissing?: string[] | undefined;
  closeError?: string | undefined;
}) {
  const { page, access: a } = props;
  const t = tOf(page);
  const immediate = a.triage.urgency === 'immediate';
  const missing = new Set(props.closeMissing ?? []);
  return (
    <Layout
      page={page}
      title={t('access.title', { code: a.code })}
      crumbs={[{ label: t('access.list'), href: '/operatori/accessi' }, { label: a.code }]}
    >
      <h1>{t('access.title', { code: a.code })}</h1>
      {props.notices.map((n) => (
        <Alert kind="success" key={n}>
          {n}
        </Alert>
      ))}
      {props.closeError ? <Alert kind="danger">{props.closeError}</Alert> : null}
      {props.closeMissing && props.closeMissing.length > 0 ? (
        <div class="alert alert-danger" role="alert">
          <p>{t('access.closeMissing')}</p>
          <ul class="mb-0">
            {a.requests.map((r, i) =>
              missing.has(r.id) ? (
                <li key={r.id}>
                  <a href={`#request-${r.id}`}>
                    {t('access.request', { n: i + 1, area: areaLabel(page, r.needArea) })}
                  </a>
                </li>
              ) : null,
            )}
          </ul>
        </div>
      ) : null}
      <h2>{t('access.facts')}</h2>
      <dl class="row">
        <dt class="col-sm-3">{t('access.code')}</dt>
        <dd class="col-sm-9">{a.code}</dd>
        <dt class="col-sm-3">{t('access.office')}</dt>
        <dd class="col-sm-9">{props.officeName}</dd>
        <dt class="col-sm-3">{t('access.time')}</dt>
        <dd class="col-sm-9">{when(page, a.occurredAt)}</dd>
        <dt class="col-sm-3">{t('access.channel')}</dt>
        <dd class="col-sm-9">{t(`channel.${a.channel}` as AccessMessageKey)}</dd>
        <dt class="col-sm-3">{t('access.presentedBy')}</dt>
        <dd class="col-sm-9">{t(`presentedBy.${a.presentedBy}` as AccessMessageKey)}</dd>
        <dt class="col-sm-3">{t('access.referrer')}</dt>
        <dd class="col-sm-9">{t(`referrer.${a.referrer}` as AccessMessageKey)}</dd>
        <dt class="col-sm-3">{t('access.urgency')}</dt>
        <dd class="col-sm-9">
          {immediate ? (
            <strong class="badge bg-danger" data-urgency="immediate">
              {t('urgency.immediate')}
            </strong>
          ) : (
            t(`urgency.${a.triage.urgency}` as AccessMessageKey)
          )}
          {a.triage.urgencyReason ? ` — ${a.triage.urgencyReason}` : ''}
        </dd>
        <dt class="col-sm-3">{t('access.status')}</dt>
        <dd class="col-sm-9">
          {t(`status.${a.status}` as AccessMessageKey)}
          {a.waitingDays !== null ? ` (${t('access.waiting', { n: a.waitingDays })})` : ''}
        </dd>
      </dl>
      <h2>{t('access.persons')}</h2>
      {a.persons.length === 0 ? <p>{t('access.noPersons')}</p> : null}
      <ul>
        {a.persons.map((p, i) =>
          p.personId ? (
            <li key={p.personId}>
              <a href={`/operatori/persone/${p.personId}`}>
                {t('access.personFile')} {i + 1}
              </a>
            </li>
          ) : (
            <li key={`anon-${i}`}>
              {t('access.anonymous')}
              {p.anonymousSex ? `, ${t(`sex.${p.anonymousSex}` as AccessMessageKey)}` : ''}
              {p.anonymousAgeBand ? `, ${p.anonymousAgeBand}` : ''}
            </li>
          ),
        )}
      </ul>
      <h2>{t('access.requests')}</h2>
      {a.requests.map((r, i) => {
        const f = props.outcomeForm?.requestId === r.id ? props.outcomeForm : undefined;
        const e = f?.errors ?? {};
        const id = (name: string) => `${name}-${r.id}`;
        return (
          <section key={r.id} id={`request-${r.id}`} class="mb-4">
            <h3 class="h4">{t('access.request', { n: i + 1, area: areaLabel(page, r.needArea) })}</h3>
            <p>{r.reason}</p>
            {r.outcomes.length > 0 ? (
              <ul aria-label={t('access.outcomesRecorded')}>
                {r.outcomes.map((o) => (
                  <li key={o.id}>
                    <strong>{t(`outcome.${o.kind}` as AccessMessageKey)}</strong>
                    {o.reasonCode ? ` — ${t(`reason.${o.reasonCode}` as AccessMessageKey)}` : ''}
                    {o.detail ? `: ${o.detail}` : ''}
                  </li>
                ))}
              </ul>
            ) : null}
            {a.status === 'closed' ? null : (
              <form method="post" action={`/operatori/accessi/${a.id}/richieste/${r.id}/esiti`} novalidate>
                <Csrf token={props.csrf} />
                <h4 class="h5">{t('access.outcomeForm', { n: i + 1 })}</h4>
                {f ? <ErrorSummary t={t} errors={e} /> : null}
                <SelectField
                  id={id('kind')}
                  name="kind"
                  label={t('access.outcomeKind')}
                  options={options(t, 'outcome', props.outcomeKinds)}
                  value={f?.kind}
                  error={e[id('kind')]}
                />
                <TextArea
                  id={id('detail')}
                  name="detail"
                  label={t('access.outcomeDetail')}
                  value={f?.detail}
                  error={e[id('detail')]}
                />
                <SelectField
                  id={id('reasonCode')}
                  name="reasonCode"
                  label={t('access.outcomeReason')}
                  hint={t('access.outcomeReasonHint')}
                  options={[{ value: '', label: t('access.outcomeNone') }, ...options(t, 'reason', props.reasonCodes)]}
                  value={f?.reasonCode}
                  error={e[id('reasonCode')]}
                />
                <button type="submit" class="btn btn-outline-primary">
                  {t('access.outcomeSave')}
                </button>
              </form>
            )}
          </section>
        );
      })}
      {a.status === 'closed' ? null : (
        <form method="post" action={`/operatori/accessi/${a.id}/chiudi`} class="mb-4">
          <Csrf token={props.csrf} />
          <button type="submit" class="btn btn-primary">
            {t('access.close')}
          </button>
        </form>
      )}
      <p>
        <a href="/operatori/accessi">{t('access.back')}</a>
      </p>
    </Layout>
  );
}

function ListTable(props: {
  page: PageCtx;
  t: T;
  caption: string;
  items: AccessListItem[];
  offices: Map<string, string>;
  areas: Map<string, string>;
  waiting: boolean;
}) {
  const { t, page } = props;
  return (
    <table class="table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('list.code')}</th>
          <th scope="col">{props.waiting ? t('list.day') : t('list.time')}</th>
          <th scope="col">{t('list.office')}</th>
          <th scope="col">{t('list.urgency')}</th>
          <th scope="col">{t('list.needs')}</th>
          <th scope="col">{props.waiting ? t('list.waiting') : t('list.status')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((i) => (
          <tr key={i.id}>
            <th scope="row">
              <a href={`/operatori/accessi/${i.id}`}>{i.code}</a>
            </th>
            <td>{props.waiting ? i.accessDay : when(page, i.occurredAt, 'time')}</td>
            <td>{props.offices.get(i.officeId) ?? ''}</td>
            <td>
              {i.urgency === 'immediate' ? (
                <strong class="badge bg-danger">{t('urgency.immediate')}</strong>
              ) : (
                t(`urgency.${i.urgency}` as AccessMessageKey)
              )}
            </td>
            <td>{i.needAreaCodes.map((c) => props.areas.get(c) ?? c).join(', ')}</td>
            <td>{props.waiting ? String(i.waitingDays ?? 0) : t(`status.${i.status}` as AccessMessageKey)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AccessListPage(props: {
  page: PageCtx;
  today: AccessListItem[];
  awaiting: AccessListItem[];
  offices: Map<string, string>;
  areas: Map<string, string>;
}) {
  const { page } = props;
  const t = tOf(page);
  const common = { page, t, offices: props.offices, areas: props.areas };
  return (
    <Layout page={page} title={t('list.title')} crumbs={[{ label: t('access.list') }]}>
      <h1>{t('list.title')}</h1>
      <p>
        <a class="btn btn-primary" href="/operatori/accessi/nuovo">
          {t('list.new')}
        </a>
      </p>
      <h2>{t('list.today')}</h2>
      {props.today.length === 0 ? (
        <p>{t('list.todayEmpty')}</p>
      ) : (
        <ListTable {...common} caption={t('list.today')} items={props.today} waiting={false} />
      )}
      <h2>{t('list.awaiting')}</h2>
      {props.awaiting.length === 0 ? (
        <p>{t('list.awaitingEmpty')}</p>
      ) : (
        <ListTable {...common} caption={t('list.awaiting')} items={props.awaiting} waiting={true} />
      )}
    </Layout>
  );
}

/** The operator home's link to today's accesses (the home shows it to roles that register accesses). */
export function AccessesLink({ page }: { page: PageCtx }) {
  return <a href="/operatori/accessi">{tOf(page)('list.title')}</a>;
}
