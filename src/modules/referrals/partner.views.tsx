import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { PartnerSuggestLink } from './partner.suggest.views.tsx';
import type { ReferralMessageKey } from './referrals.messages.ts';
import { CAPACITY, DECLINE_REASONS, OUTCOMES, type ReferralView } from './referrals.model.ts';
import { ReferralTable, tOf } from './referrals.views.tsx';

export function PartnerInboxPage(props: {
  page: PageCtx;
  csrf: string;
  items: ReferralView[];
  capacity: string | null;
  hasOrg: boolean;
  notice?: string | undefined;
}) {
  const t = tOf(props.page);
  return (
    <Layout page={props.page} title={t('partner.title')}>
      <h1>{t('partner.title')}</h1>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      {props.hasOrg ? null : <Alert kind="warning">{t('partner.noOrg')}</Alert>}
      <p>{t('partner.lead')}</p>
      <PartnerSuggestLink page={props.page} />
      <ReferralTable
        t={t}
        caption={t('partner.inboxCaption')}
        items={props.items}
        hrefOf={(id) => `/partner/invii/${id}`}
        locale={props.page.locale}
      />
      {props.hasOrg ? (
        <form method="post" action="/partner/disponibilita" class="mt-4">
          <Csrf token={props.csrf} />
          <fieldset>
            <legend class="h5">{t('partner.capacity')}</legend>
            {CAPACITY.map((c) => (
              <div class="form-check">
                <input
                  class="form-check-input"
                  type="radio"
                  name="status"
                  id={`cap-${c}`}
                  value={c}
                  checked={props.capacity === c}
                />
                <label class="form-check-label" for={`cap-${c}`}>
                  {t(`capacity.${c}`)}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" class="btn btn-outline-primary mt-2">
            {t('partner.capacitySave')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

/** The answer forms a partner may use at the referral's status (accept / decline, progress, complete). */
export function PartnerAnswerForms(props: {
  page: PageCtx;
  csrf: string;
  r: ReferralView;
  error?: string | undefined;
  /** Where the answers go: the partner page, or the sender recording an internal area or public body. */
  action?: string | undefined;
}) {
  const t = tOf(props.page);
  const { r } = props;
  const action = props.action ?? `/partner/invii/${r.id}/risposta`;
  const hidden = (to: string) => (
    <>
      <Csrf token={props.csrf} />
      <input type="hidden" name="version" value={String(r.version)} />
      <input type="hidden" name="to" value={to} />
    </>
  );
  const open = r.status === 'sent' || r.status === 'received';
  const working = r.status === 'accepted' || r.status === 'in_progress';
  if (!open && !working) return null;
  return (
    <section class="my-4" aria-labelledby="answer-title">
      <h2 id="answer-title" class="h4">
        {t('partner.answer')}
      </h2>
      {props.error ? (
        <div class="alert alert-danger" role="alert">
          {props.error}
        </div>
      ) : null}
      {open ? (
        <>
          <form method="post" action={action} class="mb-3">
            {hidden('accepted')}
            <button type="submit" class="btn btn-primary">
              {t('partner.accept')}
            </button>
          </form>
          <form method="post" action={action} class="mb-3">
            {hidden('declined')}
            <fieldset>
              <legend class="h6">{t('partner.decline')}</legend>
              <label class="form-label" for="decline-reason">
                {t('partner.declineReason')}
              </label>
              <select class="form-select" id="decline-reason" name="reasonCode">
                {DECLINE_REASONS.map((d) => (
                  <option value={d}>{t(`decline.${d}` as ReferralMessageKey)}</option>
                ))}
              </select>
              <label class="form-label mt-2" for="decline-note">
                {t('partner.note')}
              </label>
              <textarea class="form-control" id="decline-note" name="note" rows={2} />
            </fieldset>
            <button type="submit" class="btn btn-outline-danger mt-2">
              {t('partner.decline')}
            </button>
          </form>
        </>
      ) : null}
      {working ? (
        <>
          <form method="post" action={action} class="mb-3">
            {hidden('in_progress')}
            <label class="form-label" for="progress-note">
              {t('partner.progressNote')}
            </label>
            <textarea class="form-control" id="progress-note" name="note" rows={2} />
            <button type="submit" class="btn btn-outline-primary mt-2">
              {r.status === 'accepted' ? t('partner.start') : t('partner.progress')}
            </button>
          </form>
          <form method="post" action={action} class="mb-3">
            {hidden('completed')}
            <label class="form-label" for="complete-outcome">
              {t('partner.outcome')}
            </label>
            <select class="form-select" id="complete-outcome" name="outcome">
              {OUTCOMES.map((o) => (
                <option value={o}>{t(`outcome.${o}` as ReferralMessageKey)}</option>
              ))}
            </select>
            <button type="submit" class="btn btn-primary mt-2">
              {t('partner.complete')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
