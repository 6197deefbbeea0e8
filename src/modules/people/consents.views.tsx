import { messagesFor } from '../../platform/i18n/index.ts';
import { Csrf, TextField } from '../../platform/ui/forms.tsx';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { ErrorSummary, errorFor, type FormState, formatDay, SelectField, type T } from './privacy.fields.tsx';
import { privacyMessages } from './privacy.messages.ts';
import { CONSENT_PURPOSES, type Consent } from './privacy.schema.ts';
import type { PrivacyOverview } from './privacy.service.ts';
import type { PrivacyFieldError } from './privacy.validation.ts';

const fileUrl = (personId: string) => `/operatori/persone/${personId}`;

function ConsentStatus({ c, t, locale }: { c: Consent; t: T; locale: string }) {
  if (c.state === 'revoked' && c.revokedOn)
    return <>{t('consent.revokedOn', { date: formatDay(c.revokedOn, locale) })}</>;
  if (c.state === 'expired' && c.expiresOn)
    return <>{t('consent.expiredOn', { date: formatDay(c.expiresOn, locale) })}</>;
  return <>{t('consent.notYet', { date: formatDay(c.givenOn, locale) })}</>;
}

function RevokeForm(props: {
  c: Consent;
  personId: string;
  csrf: string;
  today: string;
  t: T;
  errors?: PrivacyFieldError[];
}) {
  const { c, t } = props;
  const fieldId = `rv-${c.id}`;
  return (
    <form method="post" action={`${fileUrl(props.personId)}/consensi/${c.id}/revoca`} novalidate>
      <Csrf token={props.csrf} />
      <TextField
        id={fieldId}
        name="revokedOn"
        type="date"
        label={t('consent.revokeDate')}
        value={props.today}
        error={errorFor(props.errors, 'revokedOn', t)}
      />
      <button
        type="submit"
        class="btn btn-outline-danger btn-sm"
        aria-label={t('consent.revokeLabel', { purpose: t(`purpose.${c.purpose}`) })}
      >
        {t('consent.revoke')}
      </button>
    </form>
  );
}

export function ConsentsSection(props: {
  page: PageCtx;
  csrf: string;
  overview: PrivacyOverview;
  form?: FormState;
  /** A refused revocation, shown beside its consent. */
  revoke?: { consentId: string; errors: PrivacyFieldError[] };
}) {
  const { page, overview } = props;
  const t: T = messagesFor(privacyMessages, page.locale);
  const current = overview.consents.filter((c) => c.state === 'active' || c.state === 'not_yet_valid');
  const past = overview.consents.filter((c) => c.state === 'revoked' || c.state === 'expired');
  const v = props.form?.values ?? {};
  const errors = props.form?.errors;
  const id = (field: string) => `cs-${field}`;
  const labels = {
    purpose: t('consent.purpose'),
    scope: t('consent.scope'),
    givenOn: t('consent.givenOn'),
    expiresOn: t('consent.expiresOn'),
  };
  const day = (d: string | null) => (d ? formatDay(d, page.locale) : t('consent.noExpiry'));
  return (
    <section class="mb-5" aria-labelledby="consents-heading">
      <h2 id="consents-heading" class="h3 border-bottom pb-2">
        {t('consent.heading')}
      </h2>
      <p>{t('consent.lead')}</p>
      {props.revoke ? (
        <ErrorSummary
          id="rv-errors"
          errors={props.revoke.errors}
          labels={{ revokedOn: t('consent.revokeDate') }}
          fieldId={() => `rv-${props.revoke?.consentId}`}
          t={t}
        />
      ) : null}
      {current.length === 0 ? (
        <p>{t('consent.noneActive')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm align-top">
            <caption>{t('consent.activeCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{labels.purpose}</th>
                <th scope="col">{labels.scope}</th>
                <th scope="col">{labels.givenOn}</th>
                <th scope="col">{labels.expiresOn}</th>
                <th scope="col">{t('consent.recordedBy')}</th>
                {overview.mayRecord ? <th scope="col">{t('consent.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {current.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{t(`purpose.${c.purpose}`)}</th>
                  <td>{c.scope}</td>
                  <td>
                    {formatDay(c.givenOn, page.locale)}
                    {c.state === 'not_yet_valid' ? (
                      <> ({t('consent.notYet', { date: formatDay(c.givenOn, page.locale) })})</>
                    ) : null}
                  </td>
                  <td>{day(c.expiresOn)}</td>
                  <td>{c.recordedBy.name}</td>
                  {overview.mayRecord ? (
                    <td>
                      <RevokeForm
                        c={c}
                        personId={overview.personId}
                        csrf={props.csrf}
                        today={overview.today}
                        t={t}
                        {...(props.revoke?.consentId === c.id ? { errors: props.revoke.errors } : {})}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {past.length > 0 ? (
        <div class="table-responsive">
          <table class="table table-sm">
            <caption>{t('consent.pastCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{labels.purpose}</th>
                <th scope="col">{labels.scope}</th>
                <th scope="col">{labels.givenOn}</th>
                <th scope="col">{t('consent.ended')}</th>
              </tr>
            </thead>
            <tbody>
              {past.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{t(`purpose.${c.purpose}`)}</th>
                  <td>{c.scope}</td>
                  <td>{formatDay(c.givenOn, page.locale)}</td>
                  <td>
                    <ConsentStatus c={c} t={t} locale={page.locale} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {overview.mayRecord ? (
        <form method="post" action={`${fileUrl(overview.personId)}/consensi`} class="mt-3" novalidate>
          <h3 class="h5">{t('consent.formHeading')}</h3>
          <ErrorSummary id="cs-errors" errors={errors} labels={labels} fieldId={id} t={t} />
          <Csrf token={props.csrf} />
          <SelectField
            id={id('purpose')}
            name="purpose"
            label={labels.purpose}
            value={v.purpose}
            placeholder={t('consent.choosePurpose')}
            options={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))}
            error={errorFor(errors, 'purpose', t)}
            required
          />
          <TextField
            id={id('scope')}
            name="scope"
            label={labels.scope}
            hint={t('consent.scopeHint')}
            value={v.scope}
            error={errorFor(errors, 'scope', t)}
          />
          <div class="row">
            <div class="col-md-6">
              <TextField
                id={id('givenOn')}
                name="givenOn"
                type="date"
                label={labels.givenOn}
                value={v.givenOn ?? overview.today}
                error={errorFor(errors, 'givenOn', t)}
                required
              />
            </div>
            <div class="col-md-6">
              <TextField
                id={id('expiresOn')}
                name="expiresOn"
                type="date"
                label={`${labels.expiresOn} ${t('form.optional')}`}
                hint={t('consent.expiresHint')}
                value={v.expiresOn}
                error={errorFor(errors, 'expiresOn', t)}
              />
            </div>
          </div>
          <button type="submit" class="btn btn-primary">
            {t('consent.submit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
