import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf, describedBy, Hint } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type partnerDirectory, SUGGEST_TEXTS, type SuggestionForm, WeeklyHoursFields } from '../directory/index.ts';
import { suggestMessages } from './partner.suggest.messages.ts';
import { tOf } from './referrals.views.tsx';

type Listing = Awaited<ReturnType<typeof partnerDirectory>>;
type FieldError = { field: string; code: string };
const day = (d: Date) => d.toISOString().slice(0, 10);
const texts = (page: PageCtx) => messagesFor(suggestMessages, page.locale);

/** The partner's services (with a "suggest a change" link) and the suggestions sent, with their status. */
export function PartnerServicesPage(props: { page: PageCtx; listing: Listing; hasOrg: boolean; sent?: boolean }) {
  const t = texts(props.page);
  const { services, suggestions } = props.listing;
  return (
    <Layout
      page={props.page}
      title={t('list.title')}
      crumbs={[{ label: tOf(props.page)('partner.title'), href: '/partner' }, { label: t('list.title') }]}
    >
      <h1>{t('list.title')}</h1>
      {props.sent ? <Alert kind="success">{t('list.sent')}</Alert> : null}
      {props.hasOrg ? null : <Alert kind="warning">{t('list.noOrg')}</Alert>}
      <p>{t('list.intro')}</p>
      <h2 class="h4">{t('list.services')}</h2>
      {services.length === 0 ? (
        <p>{t('list.none')}</p>
      ) : (
        <ul>
          {services.map((s) => (
            <li key={s.id}>
              <span lang="it">{s.name}</span> —{' '}
              <a href={`/partner/servizi/${s.id}/proposta`}>
                {t('list.propose')}
                <span class="visually-hidden" lang="it">{`: ${s.name}`}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2 class="h4">{t('list.suggestions')}</h2>
      {suggestions.length === 0 ? (
        <p>{t('list.noSuggestions')}</p>
      ) : (
        <table class="table">
          <caption>{t('list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('list.service')}</th>
              <th scope="col">{t('list.date')}</th>
              <th scope="col">{t('list.status')}</th>
              <th scope="col">{t('list.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {suggestions.map((g) => (
              <tr key={g.id}>
                <th scope="row" lang="it">
                  {g.service_name}
                </th>
                <td>{day(g.created_at)}</td>
                <td data-status={g.status}>{t(`status.${g.status}`)}</td>
                <td lang="it">{g.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

function Area(props: { id: string; label: string; value: string; error?: string | undefined; hint?: string }) {
  return (
    <div class="form-group">
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

/** The suggestion form, filled with today's values of the service. */
export function SuggestFormPage(props: {
  page: PageCtx;
  serviceId: string;
  name: string;
  form: SuggestionForm;
  csrf: string;
  errors?: FieldError[];
}) {
  const t = texts(props.page);
  const { form } = props;
  const errors = props.errors ?? [];
  const errorOf = (f: string) => {
    const e = errors.find((x) => x.field === f);
    return e ? t(`err.${e.code as 'invalid'}`) : undefined;
  };
  const labelOf = (f: string) => {
    if (f === 'sug-phone') return t('form.phone');
    if (f === 'sug-note') return t('form.note');
    if (f.startsWith('sug-hours')) return t('form.hours');
    const key = f.replace('sug-', '');
    return (SUGGEST_TEXTS as readonly string[]).includes(key) ? t(`form.${key as 'description'}`) : f;
  };
  return (
    <Layout
      page={props.page}
      title={t('form.title')}
      crumbs={[
        { label: tOf(props.page)('partner.title'), href: '/partner' },
        { label: t('list.title'), href: '/partner/servizi' },
        { label: t('form.title') },
      ]}
    >
      <h1>{t('form.title')}</h1>
      <p class="lead" lang="it">
        {props.name}
      </p>
      {errors.length ? (
        <div class="alert alert-danger" role="alert" aria-labelledby="error-summary" tabindex={-1}>
          <h2 id="error-summary" class="h5">
            {t('err.summary')}
          </h2>
          <ul>
            {errors.map((e) => (
              <li key={e.field}>
                <a href={`#${e.field}`}>{`${labelOf(e.field)}: ${t(`err.${e.code as 'invalid'}`)}`}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>{t('form.intro')}</p>
      <form method="post" action={`/partner/servizi/${props.serviceId}/proposta`} novalidate>
        <Csrf token={props.csrf} />
        {SUGGEST_TEXTS.map((f) => (
          <Area
            key={f}
            id={`sug-${f}`}
            label={t(`form.${f}`)}
            value={form.texts[f] ?? ''}
            error={errorOf(`sug-${f}`)}
          />
        ))}
        <div class="form-group">
          <label for="sug-phone" class="active">
            {t('form.phone')}
          </label>
          <input
            type="tel"
            id="sug-phone"
            name="sug-phone"
            value={form.phone ?? ''}
            class={`form-control${errorOf('sug-phone') ? ' is-invalid' : ''}`}
            aria-describedby={describedBy('sug-phone', undefined, errorOf('sug-phone'))}
            aria-invalid={errorOf('sug-phone') ? 'true' : undefined}
          />
          <Hint id="sug-phone" error={errorOf('sug-phone')} />
        </div>
        <h2 class="h5">{t('form.hours')}</h2>
        <p>{t('form.hoursHint')}</p>
        <WeeklyHoursFields locale={props.page.locale} rows={form.hours ?? []} prefix="sug-hours" errorOf={errorOf} />
        <Area
          id="sug-note"
          label={t('form.note')}
          hint={t('form.noteHint')}
          value={form.note}
          error={errorOf('sug-note')}
        />
        <button type="submit" class="btn btn-primary">
          {t('form.send')}
        </button>
      </form>
      <p class="mt-4">
        <a href="/partner/servizi">{t('form.back')}</a>
      </p>
    </Layout>
  );
}

/** The partner home's link to its services' pages and suggestions. */
export function PartnerSuggestLink(props: { page: PageCtx }) {
  return (
    <p>
      <a href="/partner/servizi">{texts(props.page)('list.link')}</a>
    </p>
  );
}
