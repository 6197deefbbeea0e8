import type { ComponentChildren } from 'preact';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { areaLabel, ErrorSummary, type Errors, options, SelectField, TextArea, tOf, when } from './access.fields.tsx';
import type { AccessMessageKey } from './access.messages.ts';
import type { AccessView } from './access.view.ts';

export interface OutcomeFormState {
  requestId: string;
  kind: string;
  detail: string;
  reasonCode: string;
  serviceId: string;
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
  /** The network directory's services an information/orientation outcome may name, by name. */
  services: readonly { id: string; name: string }[];
  outcomeForm?: OutcomeFormState | undefined;
  /** Closing refused: the requests still without an outcome (ids), or a message. */
  closeMissing?: string[] | undefined;
  closeError?: string | undefined;
  /** The interviews part (count, link, start button), rendered by the interview views. */
  interviews?: ComponentChildren;
  /** The care/control facts part (access.care.views.tsx). */
  care?: ComponentChildren;
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
          {a.triage.prontoIntervento ? (
            <>
              {' '}
              <strong class="badge bg-danger">{t('access.pronto')}</strong>
            </>
          ) : null}
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
              {' · '}
              {/* The desk booking of the agenda, with the person's name and contacts filled in. */}
              <a href={`/operatori/agenda?persona=${p.personId}&ufficio=${a.officeId}#prenota`}>
                {t('access.book', { n: i + 1 })}
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
      {props.interviews}
      {props.care}
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
                    {o.serviceId ? (
                      <>
                        {` — ${t('access.outcomeServiceShown')} `}
                        <a href={`/servizi/${o.serviceId}`}>{o.serviceName || t('access.outcomeServiceUnnamed')}</a>
                      </>
                    ) : null}
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
                {props.services.length > 0 || e[id('serviceId')] ? (
                  <SelectField
                    id={id('serviceId')}
                    name="serviceId"
                    label={t('access.outcomeService')}
                    hint={t('access.outcomeServiceHint')}
                    options={[
                      { value: '', label: t('access.outcomeNone') },
                      ...props.services.map((sv) => ({ value: sv.id, label: sv.name })),
                    ]}
                    value={f?.serviceId}
                    error={e[id('serviceId')]}
                  />
                ) : null}
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
