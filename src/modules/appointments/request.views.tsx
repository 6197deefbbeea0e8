import { Alert, Csrf, describedBy, Hint } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { FeedbackWidget } from './feedback.views.tsx';
import { formatDay, type RequestKey, requestT } from './request.messages.ts';
import type { AssistanceService, RequestReceipt, RequestStatus } from './request.service.ts';
import { MESSAGE_MAX, NAME_MAX, type RequestFieldError, type RequestForm } from './request.validation.ts';
import { Area, Check, ErrorSummary, Field } from './ui.tsx';

const tr = (page: PageCtx) => requestT(page.locale);

export function errorTexts(page: PageCtx, errors: RequestFieldError[]): Record<string, string> {
  const t = tr(page);
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] ??= t(e.key as RequestKey);
  return out;
}

/** Category → service as one select with a group per category (works without JavaScript). */
function ServiceSelect(props: {
  page: PageCtx;
  services: AssistanceService[];
  value: string;
  error?: string | undefined;
}) {
  const t = tr(props.page);
  const it = props.page.locale === 'it';
  const categories = [...new Map(props.services.map((s) => [s.category.code, s.category])).values()];
  return (
    <div class="select-wrapper mb-4">
      <label for="service">{t('service')}</label>
      <select
        id="service"
        name="service"
        class={props.error ? 'is-invalid' : undefined}
        aria-describedby={describedBy('service', t('serviceHint'), props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        <option value="">—</option>
        {categories.map((c) => (
          <optgroup key={c.code} label={it ? c.it : c.en}>
            {props.services
              .filter((s) => s.category.code === c.code)
              .map((s) => (
                <option key={s.code} value={s.code} selected={s.code === props.value}>
                  {t('serviceDays', { label: it ? s.it : s.en, days: s.maxDays })}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <Hint id="service" hint={t('serviceHint')} error={props.error} />
    </div>
  );
}

export function RequestFormPage(props: {
  page: PageCtx;
  csrf: string;
  services: AssistanceService[];
  form: RequestForm;
  errors?: Record<string, string>;
}) {
  const { page, form } = props;
  const t = tr(page);
  const e = props.errors ?? {};
  return (
    <Layout page={page} title={t('title')} crumbs={[{ label: t('title') }]}>
      <h1>{t('title')}</h1>
      <ErrorSummary title={t('errors.title')} errors={e} />
      <p>{t('intro')}</p>
      {props.services.length === 0 ? (
        <Alert kind="info">{t('serviceNone')}</Alert>
      ) : (
        <form method="post" action="/richiesta-assistenza" novalidate data-element="service-form">
          <Csrf token={props.csrf} />
          <p class="small">{t('required')}</p>
          <Field
            id="firstName"
            label={t('firstName')}
            value={form.firstName}
            error={e.firstName}
            autocomplete="given-name"
            maxLength={NAME_MAX}
          />
          <Field
            id="lastName"
            label={t('lastName')}
            value={form.lastName}
            error={e.lastName}
            autocomplete="family-name"
            maxLength={NAME_MAX}
          />
          <Field
            id="email"
            type="email"
            label={t('email')}
            hint={t('emailHint')}
            value={form.email}
            error={e.email}
            autocomplete="email"
          />
          <ServiceSelect page={page} services={props.services} value={form.service} error={e.service} />
          <Area
            id="message"
            label={t('message')}
            hint={t('messageHint')}
            value={form.message}
            error={e.message}
            maxLength={MESSAGE_MAX}
          />
          <p>
            <a href="/privacy" target="_blank" rel="noopener">
              {t('privacyLink')}
            </a>
          </p>
          <Check id="privacy" label={t('privacy')} checked={form.privacy === 'yes'} error={e.privacy} />
          <button type="submit" class="btn btn-primary">
            {t('send')}
          </button>
        </form>
      )}
    </Layout>
  );
}

export function RequestDonePage(props: { page: PageCtx; csrf: string; receipt: RequestReceipt }) {
  const { page, receipt: r } = props;
  const t = tr(page);
  return (
    <Layout page={page} title={t('done.title')} crumbs={[{ label: t('title') }]}>
      <h1>{t('title')}</h1>
      <div class="alert alert-success" role="status">
        <h2 class="h3">{t('done.title')}</h2>
        <p class="mb-0">{t('done.emailSent')}</p>
      </div>
      <dl class="row">
        <dt class="col-sm-5">{t('done.number')}</dt>
        <dd class="col-sm-7">
          <strong data-testid="request-number">{r.number}</strong>
        </dd>
        <dt class="col-sm-5">{t('done.takenInCharge')}</dt>
        <dd class="col-sm-7" data-testid="taken-in-charge">
          {formatDay(page.locale, r.takenInChargeOn)}
        </dd>
        <dt class="col-sm-5">{t('done.due')}</dt>
        <dd class="col-sm-7" data-testid="due-on">
          {formatDay(page.locale, r.dueOn)}
        </dd>
      </dl>
      <p>{t('done.keep')}</p>
      <p>
        <a class="btn btn-outline-primary" href="/richiesta-assistenza/stato">
          {t('done.status')}
        </a>
      </p>
      <FeedbackWidget page={page} csrf={props.csrf} pageKey="richiesta-assistenza" question="service" />
    </Layout>
  );
}

export function RequestStatusPage(props: {
  page: PageCtx;
  csrf: string;
  values?: { number: string; email: string };
  errors?: Record<string, string>;
  notFound?: boolean;
  status?: RequestStatus | undefined;
}) {
  const { page, status: s } = props;
  const t = tr(page);
  const e = props.errors ?? {};
  return (
    <Layout page={page} title={t('status.title')} crumbs={[{ label: t('status.title') }]}>
      <h1>{t('status.title')}</h1>
      <ErrorSummary title={t('errors.title')} errors={e} />
      {props.notFound ? <Alert kind="warning">{t('status.notFound')}</Alert> : null}
      {s ? (
        <table class="table" data-testid="request-status">
          <caption>{t('status.caption')}</caption>
          <tbody>
            <tr>
              <th scope="row">{t('done.number')}</th>
              <td>{s.number}</td>
            </tr>
            <tr>
              <th scope="row">{t('status.service')}</th>
              <td>{page.locale === 'it' ? s.service.it : s.service.en}</td>
            </tr>
            <tr>
              <th scope="row">{t('status.stage')}</th>
              <td>
                <strong>{t(`stage.${s.stage}` as RequestKey)}</strong>
              </td>
            </tr>
            <tr>
              <th scope="row">{t('status.received')}</th>
              <td>{formatDay(page.locale, s.receivedOn)}</td>
            </tr>
            <tr>
              <th scope="row">{t('done.takenInCharge')}</th>
              <td>{formatDay(page.locale, s.takenInChargeOn)}</td>
            </tr>
            <tr>
              <th scope="row">{t('done.due')}</th>
              <td>{formatDay(page.locale, s.dueOn)}</td>
            </tr>
            {s.closedOn ? (
              <tr>
                <th scope="row">{t('status.closedOn')}</th>
                <td>{formatDay(page.locale, s.closedOn)}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : null}
      <p>{t('status.intro')}</p>
      <form method="post" action="/richiesta-assistenza/stato" novalidate>
        <Csrf token={props.csrf} />
        <Field
          id="number"
          label={t('status.number')}
          hint={t('status.numberHint')}
          value={props.values?.number ?? ''}
          error={e.number}
        />
        <Field
          id="email"
          type="email"
          label={t('status.email')}
          value={props.values?.email ?? ''}
          error={e.email}
          autocomplete="email"
        />
        <button type="submit" class="btn btn-primary">
          {t('status.send')}
        </button>
      </form>
    </Layout>
  );
}

/** The public home's way in: ask for assistance, or check a request's status. */
export function RequestLink({ page }: { page: PageCtx }) {
  const t = tr(page);
  return (
    <p class="mt-4 d-flex flex-wrap gap-3">
      <a href="/richiesta-assistenza" class="btn btn-outline-primary" data-element="request-assistance">
        {t('home.link')}
      </a>
      <a href="/richiesta-assistenza/stato" class="btn btn-outline-primary">
        {t('home.status')}
      </a>
    </p>
  );
}
