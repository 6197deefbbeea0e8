import { Csrf } from '../../platform/ui/forms.tsx';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { PartnerAnswerForms } from './partner.views.tsx';
import type { FieldError } from './referrals.access.ts';
import { mOf } from './referrals.file.tsx';
import { type ReferralView, TRANSITIONS } from './referrals.model.ts';
import { describedBy, ErrorSummary, fieldError, tOf } from './referrals.views.tsx';

/**
 * What the sender can do on the referral page: send a draft, cancel or revoke with a reason, record the
 * answer of an internal area or a public body (never a partner's), and withdraw the person's consent the
 * sharing rests on (the people module records it; the partner then loses the fields).
 */
export function SenderForms(props: {
  page: PageCtx;
  csrf: string;
  r: ReferralView;
  errors: FieldError[];
  answerError?: string | undefined;
}) {
  const t = tOf(props.page);
  const m = mOf(props.page.locale);
  const { r, errors } = props;
  const base = `/operatori/invii/${r.id}`;
  const mayCancel = TRANSITIONS[r.status].includes('cancelled');
  const final = TRANSITIONS[r.status].length === 0;
  return (
    <>
      {r.destination.type !== 'partner' && !final && r.status !== 'draft' ? (
        <>
          <p class="mt-4 mb-0">{m('sender.recordLead')}</p>
          <PartnerAnswerForms
            page={props.page}
            csrf={props.csrf}
            r={r}
            error={props.answerError}
            action={`${base}/risposta`}
          />
        </>
      ) : null}
      <section class="my-4" aria-labelledby="sender-title">
        <h2 id="sender-title" class="h4">
          {m('sender.title')}
        </h2>
        {r.personId ? (
          <p>
            <a href={`/operatori/persone/${r.personId}#invii`}>{m('sender.person')}</a>
          </p>
        ) : null}
        {r.status === 'draft' ? (
          <form method="post" action={`${base}/invia`} class="mb-3">
            <Csrf token={props.csrf} />
            <input type="hidden" name="version" value={String(r.version)} />
            <button type="submit" class="btn btn-primary">
              {t('action.send')}
            </button>
          </form>
        ) : null}
        {mayCancel ? (
          <form method="post" action={`${base}/annulla`} class="mb-3" novalidate>
            <Csrf token={props.csrf} />
            <input type="hidden" name="version" value={String(r.version)} />
            <fieldset>
              <legend class="h5">{m('sender.cancel')}</legend>
              <label class="form-label" for="f-reason">
                {m('sender.cancelReason')}
              </label>
              <textarea
                class="form-control"
                id="f-reason"
                name="reason"
                rows={2}
                aria-describedby={describedBy(errors, 'reason')}
              />
              {fieldError(t, errors, 'reason')}
            </fieldset>
            <button type="submit" class="btn btn-outline-danger mt-2">
              {m('sender.cancelDo')}
            </button>
          </form>
        ) : null}
        {r.legalBasis === 'consent' && r.consentId && r.personId && !r.sharingWithdrawn && !final ? (
          <form method="post" action={`/operatori/persone/${r.personId}/consensi/${r.consentId}/revoca`} class="mb-3">
            <Csrf token={props.csrf} />
            <h3 class="h5">{m('sender.consent')}</h3>
            <p>{m('sender.consentLead')}</p>
            <button type="submit" class="btn btn-outline-danger">
              {m('sender.consentRevoke')}
            </button>
          </form>
        ) : null}
      </section>
    </>
  );
}

/** The top of a refused move: the error summary (422) or what changed meanwhile (409). */
export function ErrorSummaryFor(props: { page: PageCtx; errors: FieldError[]; conflict?: string | undefined }) {
  const t = tOf(props.page);
  return (
    <>
      {props.conflict ? (
        <div class="alert alert-warning" role="alert" id="conflict">
          {props.conflict}
        </div>
      ) : null}
      <ErrorSummary t={t} errors={props.errors} />
    </>
  );
}
