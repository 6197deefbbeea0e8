import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { FieldError } from './referrals.access.ts';
import { type ReferralMessageKey, referralMessages } from './referrals.messages.ts';
import type { ReferralView } from './referrals.model.ts';

export type T = (key: ReferralMessageKey, params?: Record<string, string | number>) => string;
export const tOf = (page: PageCtx): T => messagesFor(referralMessages, page.locale);
const when = (iso: string | null, locale: string) =>
  iso
    ? new Date(iso).toLocaleString(locale === 'it' ? 'it-IT' : 'en-GB', {
        timeZone: 'Europe/Rome',
        dateStyle: 'short',
        timeStyle: 'short',
      })
    : '—';
const errorText = (t: T, code: string) =>
  t(
    (`error.${code}` as ReferralMessageKey) in referralMessages.it
      ? (`error.${code}` as ReferralMessageKey)
      : 'error.invalid',
  );

export function ErrorSummary({ t, errors }: { t: T; errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert" tabindex={-1} id="error-summary">
      <h2 class="h5">{t('errors.title')}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#f-${e.field.slice(1).split('/')[0]}`}>{errorText(t, e.code)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function fieldError(t: T, errors: FieldError[], name: string) {
  const e = errors.find((x) => x.field.slice(1).split('/')[0] === name);
  return e ? (
    <div class="invalid-feedback d-block" id={`e-${name}`}>
      {errorText(t, e.code)}
    </div>
  ) : null;
}
export const describedBy = (errors: FieldError[], name: string) =>
  errors.some((x) => x.field.slice(1).split('/')[0] === name) ? `e-${name}` : undefined;

function Shared({ t, r }: { t: T; r: ReferralView }) {
  const entries = Object.entries(r.shared);
  return (
    <table class="table">
      <caption>{t('detail.sharedCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.field')}</th>
          <th scope="col">{t('col.value')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([k, v]) => (
          <tr>
            <th scope="row">{t(`shared.${k}` as ReferralMessageKey)}</th>
            <td>{Array.isArray(v) ? v.join(', ') : String(v ?? '—')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function History({ t, r, locale }: { t: T; r: ReferralView; locale: string }) {
  return (
    <table class="table table-sm">
      <caption>{t('detail.historyCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.when')}</th>
          <th scope="col">{t('col.to')}</th>
          <th scope="col">{t('col.by')}</th>
          <th scope="col">{t('col.reason')}</th>
          <th scope="col">{t('col.note')}</th>
        </tr>
      </thead>
      <tbody>
        {r.history.map((h) => (
          <tr>
            <td>{when(h.at, locale)}</td>
            <th scope="row">{t(`status.${h.to}` as ReferralMessageKey)}</th>
            <td>{t(`by.${h.byKind}` as ReferralMessageKey)}</td>
            <td>{h.reasonCode ?? ''}</td>
            <td>{h.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Status, deadline, outcome and (operators) the person's own answer: the closed loop at a glance. */
export function Summary({ t, r, locale }: { t: T; r: ReferralView; locale: string }) {
  return (
    <dl class="row">
      <dt class="col-sm-4">{t('detail.status')}</dt>
      <dd class="col-sm-8" id="referral-status">
        {t(`status.${r.status}` as ReferralMessageKey)}
      </dd>
      <dt class="col-sm-4">{t('detail.due')}</dt>
      <dd class="col-sm-8">{when(r.responseDueAt, locale)}</dd>
      {r.declineReason ? (
        <>
          <dt class="col-sm-4">{t('detail.declineReason')}</dt>
          <dd class="col-sm-8">{t(`decline.${r.declineReason}` as ReferralMessageKey)}</dd>
        </>
      ) : null}
      {r.outcome ? (
        <>
          <dt class="col-sm-4">{t('detail.outcome')}</dt>
          <dd class="col-sm-8" id="referral-outcome">
            {t(`outcome.${r.outcome}` as ReferralMessageKey)}
          </dd>
        </>
      ) : null}
      {r.followUp ? (
        <>
          <dt class="col-sm-4">{t('detail.followUp')}</dt>
          <dd class="col-sm-8">
            {r.followUp.answer ? t(`followUp.${r.followUp.answer}` as ReferralMessageKey) : t('followUp.none')}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export function ReferralPage(props: {
  page: PageCtx;
  r: ReferralView;
  crumbs: { label: string; href?: string }[];
  children?: preact.ComponentChildren;
  notice?: string | undefined;
  /** Shown under the title: a refused form's error summary or a conflict. */
  top?: preact.ComponentChildren;
}) {
  const t = tOf(props.page);
  const { r } = props;
  return (
    <Layout page={props.page} title={t('detail.title', { code: r.code })} crumbs={props.crumbs}>
      <h1>{t('detail.title', { code: r.code })}</h1>
      {props.top}
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <Summary t={t} r={r} locale={props.page.locale} />
      {r.sharingWithdrawn ? <Alert kind="warning">{t('detail.withdrawn')}</Alert> : null}
      {r.reason !== undefined ? (
        <p>
          <strong>{t('field.reason')}:</strong> {r.reason}
        </p>
      ) : null}
      <Shared t={t} r={r} />
      {props.children}
      <History t={t} r={r} locale={props.page.locale} />
    </Layout>
  );
}

export function ReferralTable(props: {
  t: T;
  caption: string;
  items: ReferralView[];
  hrefOf: (id: string) => string;
  locale: string;
}) {
  const { t } = props;
  if (props.items.length === 0) return <p>{t('list.empty')}</p>;
  return (
    <table class="table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.code')}</th>
          <th scope="col">{t('col.status')}</th>
          <th scope="col">{t('col.urgency')}</th>
          <th scope="col">{t('col.sent')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((r) => (
          <tr>
            <th scope="row">
              <a href={props.hrefOf(r.id)}>{r.code}</a>
            </th>
            <td>{t(`status.${r.status}` as ReferralMessageKey)}</td>
            <td>{t(`urgency.${r.urgency}` as ReferralMessageKey)}</td>
            <td>{when(r.sentAt, props.locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
