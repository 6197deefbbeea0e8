import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf, TextField } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { AssignmentsSection } from './confidential.views.tsx';
import { ConsentsSection } from './consents.views.tsx';
import { ErrorSummary, errorFor, type FormState, formatDay, SelectField, type T } from './privacy.fields.tsx';
import { privacyMessages } from './privacy.messages.ts';
import { NOTICE_CHANNELS } from './privacy.schema.ts';
import type { PrivacyOverview } from './privacy.service.ts';
import type { PrivacyFieldError } from './privacy.validation.ts';

export { AssignmentsSection, ConsentsSection, type FormState };

const fileUrl = (personId: string) => `/operatori/persone/${personId}`;

export function PrivacyNoticeSection(props: {
  page: PageCtx;
  csrf: string;
  overview: PrivacyOverview;
  form?: FormState;
}) {
  const { page, overview } = props;
  const t: T = messagesFor(privacyMessages, page.locale);
  const latest = overview.notices[0];
  const v = props.form?.values ?? {};
  const errors = props.form?.errors;
  const id = (field: string) => `pn-${field}`;
  const labels = { acknowledgedOn: t('notice.date'), noticeVersion: t('notice.version'), channel: t('notice.channel') };
  return (
    <section class="mb-5" aria-labelledby="privacy-notice-heading">
      <h2 id="privacy-notice-heading" class="h3 border-bottom pb-2">
        {t('notice.heading')}
      </h2>
      <p>{t('notice.basis')}</p>
      {latest ? (
        <p class="fw-semibold">
          {t('notice.latest', { version: latest.noticeVersion, date: formatDay(latest.acknowledgedOn, page.locale) })}
        </p>
      ) : (
        <Alert kind="warning">{t('notice.none')}</Alert>
      )}
      {overview.notices.length > 0 ? (
        <div class="table-responsive">
          <table class="table table-sm">
            <caption>{t('notice.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('notice.date')}</th>
                <th scope="col">{t('notice.version')}</th>
                <th scope="col">{t('notice.channel')}</th>
                <th scope="col">{t('notice.recordedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.notices.map((n) => (
                <tr key={n.id}>
                  <td>{formatDay(n.acknowledgedOn, page.locale)}</td>
                  <td>{n.noticeVersion}</td>
                  <td>{t(`channel.${n.channel}`)}</td>
                  <td>{n.recordedBy.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {overview.mayRecord ? (
        <form method="post" action={`${fileUrl(overview.personId)}/informativa`} class="mt-3" novalidate>
          <h3 class="h5">{t('notice.formHeading')}</h3>
          <ErrorSummary id="pn-errors" errors={errors} labels={labels} fieldId={id} t={t} />
          <Csrf token={props.csrf} />
          <p>{t('notice.statement')}</p>
          <div class="row">
            <div class="col-md-4">
              <TextField
                id={id('acknowledgedOn')}
                name="acknowledgedOn"
                type="date"
                label={labels.acknowledgedOn}
                value={v.acknowledgedOn ?? overview.today}
                error={errorFor(errors, 'acknowledgedOn', t)}
                required
              />
            </div>
            <div class="col-md-4">
              <TextField
                id={id('noticeVersion')}
                name="noticeVersion"
                label={labels.noticeVersion}
                hint={t('notice.versionHint')}
                value={v.noticeVersion ?? overview.suggestedVersion}
                error={errorFor(errors, 'noticeVersion', t)}
                required
              />
            </div>
            <div class="col-md-4">
              <SelectField
                id={id('channel')}
                name="channel"
                label={labels.channel}
                value={v.channel ?? 'in_person'}
                options={NOTICE_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                error={errorFor(errors, 'channel', t)}
                required
              />
            </div>
          </div>
          <button type="submit" class="btn btn-primary">
            {t('notice.submit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** The three sections as the person file shows them (assigned workers only on confidential files). */
export function PrivacySections(props: { page: PageCtx; csrf: string; overview: PrivacyOverview }) {
  const { overview } = props;
  return (
    <>
      <PrivacyNoticeSection page={props.page} csrf={props.csrf} overview={overview} />
      <ConsentsSection page={props.page} csrf={props.csrf} overview={overview} />
      {overview.assignments ? (
        <AssignmentsSection page={props.page} csrf={props.csrf} view={overview.assignments} />
      ) : null}
    </>
  );
}

/** The sections on a page of their own: reached directly, and shown again when a form has errors. */
export function PrivacyPage(props: {
  page: PageCtx;
  csrf: string;
  overview: PrivacyOverview;
  notice?: FormState;
  consent?: FormState;
  revoke?: { consentId: string; errors: PrivacyFieldError[] };
}) {
  const { page, overview } = props;
  const t: T = messagesFor(privacyMessages, page.locale);
  return (
    <Layout
      page={page}
      title={t('page.title')}
      crumbs={[
        { label: page.t('ops.title'), href: '/operatori' },
        { label: t('page.file'), href: fileUrl(overview.personId) },
        { label: t('page.title') },
      ]}
    >
      <h1>{t('page.title')}</h1>
      <p>
        <a href={fileUrl(overview.personId)}>{t('page.backToFile')}</a>
      </p>
      <PrivacyNoticeSection
        page={page}
        csrf={props.csrf}
        overview={overview}
        {...(props.notice ? { form: props.notice } : {})}
      />
      <ConsentsSection
        page={page}
        csrf={props.csrf}
        overview={overview}
        {...(props.consent ? { form: props.consent } : {})}
        {...(props.revoke ? { revoke: props.revoke } : {})}
      />
      {overview.assignments ? <AssignmentsSection page={page} csrf={props.csrf} view={overview.assignments} /> : null}
    </Layout>
  );
}
