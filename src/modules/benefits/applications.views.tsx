import { messagesFor } from '../../platform/i18n/index.ts';
import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type ApplicationMessageKey, applicationMessages } from './applications.messages.ts';
import { CHECK_KINDS } from './applications.service.ts';
import type { ApplicationView } from './applications.view.ts';
import { REJECT_REASONS } from './decisions.service.ts';
import { explainAmount, explainStep, explainVersion, formatDay, formatEuro, missingLabels } from './rules.explain.ts';
import { DOCUMENTS, INPUTS } from './rules.types.ts';

export type T = (key: ApplicationMessageKey, params?: Record<string, string | number>) => string;
export const tOf = (page: PageCtx): T => messagesFor(applicationMessages, page.locale);
export const RESULT = {
  it: { eligible: 'Probabilmente sì', not_eligible: 'Probabilmente no', cannot_tell: 'Non si può dire' },
  en: { eligible: 'Likely eligible', not_eligible: 'Not eligible', cannot_tell: 'Cannot tell' },
};

export function ApplicationPage(props: {
  page: PageCtx;
  app: ApplicationView;
  csrf: string;
  can: { prepare: boolean; decide: boolean; pay: boolean; fourEyes: boolean };
}) {
  const { page, app, can } = props;
  const t = tOf(page);
  const L = page.locale;
  const e = app.evaluation;
  const open = app.status === 'open';
  const d = app.decision;
  return (
    <Layout
      page={page}
      title={t('app.title', { code: app.code })}
      crumbs={[{ label: t('list.title'), href: '/operatori/aiuti' }, { label: app.code }]}
    >
      <h1>{t('app.title', { code: app.code })}</h1>
      <dl class="row">
        <dt class="col-sm-3">{t('app.person')}</dt>
        <dd class="col-sm-9">
          <a href={`/operatori/persone/${app.personId}`}>{t('app.openPerson')}</a>
        </dd>
        <dt class="col-sm-3">{t('list.measure')}</dt>
        <dd class="col-sm-9">{e?.title[L] ?? app.measure}</dd>
        <dt class="col-sm-3">{t('app.status')}</dt>
        <dd class="col-sm-9" id="status">
          {t(`status.${app.status}`)}
        </dd>
      </dl>
      {e ? (
        <section aria-labelledby="evaluation">
          <h2 id="evaluation">{t('app.evaluation')}</h2>
          <p class="fw-semibold">{RESULT[L][e.result]}</p>
          {e.amount ? <p>{t('app.amount', { amount: explainAmount(e.amount, L) })}</p> : null}
          {e.missing.length > 0 ? <p>{t('app.missing', { what: missingLabels(e.missing, L).join(', ') })}</p> : null}
          <ul>
            {e.trace.map((s) => (
              <li key={s.condition}>{explainStep(s, L)}</li>
            ))}
          </ul>
          <p class="small">{explainVersion(e, L)}</p>
        </section>
      ) : null}
      <h2>{t('app.inputs')}</h2>
      <ul>
        {Object.entries(app.inputs).map(([k, v]) => (
          <li key={k}>
            {INPUTS[k as keyof typeof INPUTS]?.label[L] ?? k}:{' '}
            {typeof v === 'boolean' ? t(v ? 'field.yes' : 'field.no') : String(v)}
          </li>
        ))}
      </ul>
      <h2>{t('app.documents')}</h2>
      <ul>
        {app.documentsDemanded.map((doc) => (
          <li key={doc}>{DOCUMENTS[doc as keyof typeof DOCUMENTS]?.[L] ?? doc}</li>
        ))}
      </ul>
      <h2>{t('app.checks')}</h2>
      {app.checks.length === 0 ? <p>{t('app.noChecks')}</p> : null}
      {app.checks.length > 0 ? (
        <table class="table">
          <caption>{t('app.checksCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('check.kind')}</th>
              <th scope="col">{t('check.requested')}</th>
              <th scope="col">{t('check.result')}</th>
              <th scope="col">{t('check.doneOn')}</th>
            </tr>
          </thead>
          <tbody>
            {app.checks.map((c) => (
              <tr key={c.id}>
                <th scope="row">{t(`check.${c.kind}` as ApplicationMessageKey)}</th>
                <td>{formatDay(c.requestedAt.slice(0, 10), L)}</td>
                <td>
                  {c.result === 'pending' && open && can.prepare ? (
                    <form method="post" action={`/operatori/aiuti/${app.id}/verifiche/${c.id}`} class="d-flex gap-2">
                      <Csrf token={props.csrf} />
                      <button type="submit" name="result" value="passed" class="btn btn-sm btn-outline-success">
                        {t('check.passed')}
                      </button>
                      <button type="submit" name="result" value="failed" class="btn btn-sm btn-outline-danger">
                        {t('check.failed')}
                      </button>
                    </form>
                  ) : (
                    t(`check.${c.result}`)
                  )}
                </td>
                <td>{c.doneOn ? formatDay(c.doneOn, L) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open && can.prepare ? (
        <form method="post" action={`/operatori/aiuti/${app.id}/verifiche`} class="mb-4">
          <Csrf token={props.csrf} />
          <div class="select-wrapper mb-2">
            <label for="check-kind">{t('check.kind')}</label>
            <select id="check-kind" name="kind">
              {CHECK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`check.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="btn btn-outline-primary">
            {t('check.request')}
          </button>
        </form>
      ) : null}
      <h2>{t('app.decision')}</h2>
      {d?.decision === 'approved' ? (
        <p id="decision">
          {t('decision.approved', {
            amount: formatEuro(d.totalAmount ?? 0, L),
            from: formatDay(d.periodStart ?? '', L),
            to: formatDay(d.periodEnd ?? '', L),
          })}
        </p>
      ) : null}
      {d?.decision === 'rejected' ? (
        <p id="decision">{t('decision.rejected', { reason: t(`reason.${d.reasonCode}` as ApplicationMessageKey) })}</p>
      ) : null}
      {d ? (
        <p>
          <a href={`/operatori/aiuti/${app.id}/comunicazione.pdf`}>{t('app.notice')}</a>
        </p>
      ) : null}
      {open && can.decide && can.fourEyes ? <p>{t('app.fourEyes')}</p> : null}
      {open && can.decide && !can.fourEyes ? (
        <div class="row">
          <form method="post" action={`/operatori/aiuti/${app.id}/decisione`} class="col-md-6">
            <Csrf token={props.csrf} />
            <input type="hidden" name="version" value={String(app.version)} />
            <div class="form-group">
              <label for="periodStart" class="active">
                {t('decision.periodStart')}
              </label>
              <input id="periodStart" name="periodStart" type="date" class="form-control" />
            </div>
            <button type="submit" name="decision" value="approved" class="btn btn-success">
              {t('decision.approve')}
            </button>
          </form>
          <form method="post" action={`/operatori/aiuti/${app.id}/decisione`} class="col-md-6">
            <Csrf token={props.csrf} />
            <input type="hidden" name="version" value={String(app.version)} />
            <div class="select-wrapper mb-3">
              <label for="reasonCode">{t('decision.reason')}</label>
              <select id="reasonCode" name="reasonCode">
                {REJECT_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`reason.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" name="decision" value="rejected" class="btn btn-outline-danger">
              {t('decision.reject')}
            </button>
          </form>
        </div>
      ) : null}
      {app.payments.length > 0 ? (
        <table class="table mt-4">
          <caption>{t('app.paymentsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payment.due')}</th>
              <th scope="col">{t('payment.amount')}</th>
              <th scope="col">{t('payment.status')}</th>
            </tr>
          </thead>
          <tbody>
            {app.payments.map((p) => (
              <tr key={p.id}>
                <th scope="row">{formatDay(p.dueOn, L)}</th>
                <td>{formatEuro(p.amount, L)}</td>
                <td>
                  {p.status === 'paid' ? (
                    t('payment.paid', { day: formatDay(p.paidOn ?? '', L) })
                  ) : can.pay ? (
                    <form method="post" action={`/operatori/aiuti/pagamenti/${p.id}`}>
                      <Csrf token={props.csrf} />
                      <input type="hidden" name="applicationId" value={app.id} />
                      <button type="submit" class="btn btn-sm btn-outline-primary">
                        {t('payment.record')}
                      </button>
                    </form>
                  ) : (
                    t('payment.scheduled')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Layout>
  );
}
