import type { ComponentChildren } from 'preact';
import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { mOf } from './cases.forms.tsx';
import { type CaseMessageKey, caseMessages } from './cases.messages.ts';
import type { MoreCaseKey } from './cases.more.messages.ts';
import type { CaseSummary, CaseView } from './cases.view.ts';

type T = (key: CaseMessageKey, params?: Record<string, string | number>) => string;
export const tOf = (page: PageCtx): T => messagesFor(caseMessages, page.locale);
const k = (key: string) => key as CaseMessageKey;
const when = (iso: string, locale: string) =>
  new Date(iso).toLocaleString(locale === 'it' ? 'it-IT' : 'en-GB', {
    timeZone: 'Europe/Rome',
    dateStyle: 'short',
    timeStyle: 'short',
  });
export const VIEWS = ['active', 'proposed', 'all'] as const;

export function CaseloadPage(props: {
  page: PageCtx;
  view: string;
  items: CaseSummary[];
  tasks: { caseId: string; caseCode: string; kind: string; dueOn: string }[];
  /** The tab link of a view (keeps the filters); the filter form and coordinators' summary under the tabs. */
  hrefOf?: (view: string) => string;
  controls?: ComponentChildren;
}) {
  const t = tOf(props.page);
  const { page } = props;
  return (
    <Layout page={page} title={t('list.title')} crumbs={[{ label: t('list.title') }]}>
      <h1>{t('list.title')}</h1>
      <nav aria-label={t('list.title')}>
        <ul class="nav nav-tabs mb-3">
          {VIEWS.map((v) => (
            <li class="nav-item">
              <a
                class={`nav-link${v === props.view ? ' active' : ''}`}
                aria-current={v === props.view ? 'page' : undefined}
                href={props.hrefOf ? props.hrefOf(v) : `/operatori/casi?vista=${v}`}
              >
                {t(k(`view.${v}`))}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.controls}
      {props.items.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <table class="table">
          <caption>{t('list.caption', { view: t(k(`view.${props.view}`)) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.code')}</th>
              <th scope="col">{t('col.area')}</th>
              <th scope="col">{t('col.status')}</th>
              <th scope="col">{t('col.urgency')}</th>
              <th scope="col">{t('col.proposed')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((c) => (
              <tr>
                <th scope="row">
                  <a href={`/operatori/casi/${c.id}`}>{c.code}</a>
                </th>
                <td>{t(k(`area.${c.area}`))}</td>
                <td>{t(k(`status.${c.status}`))}</td>
                <td>{t(k(`urgency.${c.urgency}`))}</td>
                <td>{when(c.proposedAt, page.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.tasks.length > 0 ? (
        <table class="table">
          <caption>{t('tasks.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.code')}</th>
              <th scope="col">{t('col.kind')}</th>
              <th scope="col">{t('col.due')}</th>
            </tr>
          </thead>
          <tbody>
            {props.tasks.map((x) => (
              <tr>
                <th scope="row">
                  <a href={`/operatori/casi/${x.caseId}`}>{x.caseCode}</a>
                </th>
                <td>{t(k(`kind.${x.kind}`))}</td>
                <td>{x.dueOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Layout>
  );
}

function Table(props: { caption: string; head: string[]; rows: ComponentChildren[][] }) {
  return (
    <table class="table table-sm">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.head.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <th scope="row">{r[0]}</th>
            {r.slice(1).map((c) => (
              <td>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CasePage(props: {
  page: PageCtx;
  c: CaseView;
  csrf: string;
  workers?: { id: string; name: string }[] | undefined;
  canWrite: boolean;
  error?: boolean;
  /** Staff names by user id (responsible worker, transfers). */
  staff?: Record<string, string>;
  /** Under the title: a refused form's error summary or a conflict. */
  top?: ComponentChildren;
  /** The management forms, after the plan and reviews. */
  children?: ComponentChildren;
}) {
  const t = tOf(props.page);
  const { c, page } = props;
  const plan = c.plan;
  const m = mOf(page.locale);
  return (
    <Layout
      page={page}
      title={t('detail.title', { code: c.code })}
      crumbs={[{ label: t('list.title'), href: '/operatori/casi' }, { label: c.code }]}
    >
      <h1>{t('detail.title', { code: c.code })}</h1>
      {props.top}
      {props.error ? <Alert kind="danger">{t('error.invalid')}</Alert> : null}
      <dl class="row">
        <dt class="col-sm-4">{t('col.status')}</dt>
        <dd class="col-sm-8" id="case-status">
          {t(k(`status.${c.status}`))}
        </dd>
        {c.responsibleWorkerId ? (
          <>
            <dt class="col-sm-4">{m('col.responsible')}</dt>
            <dd class="col-sm-8" id="case-responsible">
              {props.staff?.[c.responsibleWorkerId] ?? '—'}
            </dd>
          </>
        ) : null}
        <dt class="col-sm-4">{t('col.area')}</dt>
        <dd class="col-sm-8">{t(k(`area.${c.area}`))}</dd>
        {c.closedReasonCode ? (
          <>
            <dt class="col-sm-4">{m('status.reason')}</dt>
            <dd class="col-sm-8" id="case-closed-reason">
              {m(`close.${c.closedReasonCode}` as MoreCaseKey)}
            </dd>
          </>
        ) : null}
        <dt class="col-sm-4">{t('detail.reasons')}</dt>
        <dd class="col-sm-8">{c.reasons}</dd>
        {c.declineReasons ? (
          <>
            <dt class="col-sm-4">{t('detail.declineReasons')}</dt>
            <dd class="col-sm-8">{c.declineReasons}</dd>
          </>
        ) : null}
        {c.decisionHours !== null ? (
          <>
            <dt class="col-sm-4">{t('detail.decisionHours')}</dt>
            <dd class="col-sm-8">{String(c.decisionHours)}</dd>
          </>
        ) : null}
      </dl>
      {c.status === 'open' || c.status === 'suspended' ? (
        <p>
          <a href={`/operatori/aiuti/nuova?caso=${c.id}`}>{t('detail.benefitApplication')}</a>
        </p>
      ) : null}
      {c.status === 'proposed' && props.workers ? (
        <section class="my-4" aria-labelledby="decide-title">
          <h2 id="decide-title" class="h4">
            {t('decide.title')}
          </h2>
          <form method="post" action={`/operatori/casi/${c.id}/decisione`} class="mb-3">
            <Csrf token={props.csrf} />
            <input type="hidden" name="version" value={String(c.version)} />
            <input type="hidden" name="decision" value="accept" />
            <label class="form-label" for="worker">
              {t('decide.worker')}
            </label>
            <select class="form-select" id="worker" name="responsibleWorkerId">
              {props.workers.map((w) => (
                <option value={w.id}>{w.name}</option>
              ))}
            </select>
            <button type="submit" class="btn btn-primary mt-2">
              {t('decide.accept')}
            </button>
          </form>
          <form method="post" action={`/operatori/casi/${c.id}/decisione`}>
            <Csrf token={props.csrf} />
            <input type="hidden" name="version" value={String(c.version)} />
            <input type="hidden" name="decision" value="decline" />
            <label class="form-label" for="decline-reasons">
              {t('decide.reasons')}
            </label>
            <textarea class="form-control" id="decline-reasons" name="reasons" rows={2} />
            <button type="submit" class="btn btn-outline-danger mt-2">
              {t('decide.decline')}
            </button>
          </form>
        </section>
      ) : null}
      <h2 class="h4">
        {plan
          ? t(plan.kind === 'inclusion_pact' ? 'detail.pact' : 'detail.plan', { version: plan.version })
          : t('detail.noPlan')}
      </h2>
      {plan ? (
        <>
          <Table caption={t('detail.goalsCaption')} head={[t('col.goal')]} rows={plan.goals.map((g) => [g.text])} />
          <Table
            caption={t('detail.actionsCaption')}
            head={[t('col.service'), t('col.owner'), t('col.from'), t('col.to')]}
            rows={plan.actions.map((a) => [a.service, a.owner, a.from, a.to ?? '—'])}
          />
        </>
      ) : null}
      {c.reviews.length > 0 ? (
        <Table
          caption={t('detail.reviewsCaption')}
          head={[t('col.due'), t('col.kind'), t('col.outcome')]}
          rows={c.reviews.map((r) => [
            r.dueOn,
            t(k(`kind.${r.kind}`)),
            r.outcome ? m(`review.${r.outcome}` as MoreCaseKey) : r.overdue ? t('detail.overdue') : '—',
          ])}
        />
      ) : null}
      {props.children}
      <h2 class="h4">{t('detail.diary')}</h2>
      <Table
        caption={t('detail.diary')}
        head={[t('col.when'), t('col.note')]}
        rows={c.diary.map((d) => [
          when(d.writtenAt, page.locale),
          d.confidential ? `${d.note} (${t('detail.confidential')})` : d.note,
        ])}
      />
      {props.canWrite ? (
        <form method="post" action={`/operatori/casi/${c.id}/diario`} class="mb-4">
          <Csrf token={props.csrf} />
          <label class="form-label" for="diary-note">
            {t('diary.note')}
          </label>
          <textarea class="form-control" id="diary-note" name="note" rows={3} />
          <button type="submit" class="btn btn-outline-primary mt-2">
            {t('diary.add')}
          </button>
        </form>
      ) : null}
      <Table
        caption={t('detail.historyCaption')}
        head={[t('col.when'), t('col.what'), t('col.note')]}
        rows={c.history.map((h) => [
          when(h.at, page.locale),
          h.kind === 'transferred' || h.kind === 'accepted'
            ? `${t(k(`event.${h.kind}`))}: ${[h.toWorkerId ? props.staff?.[h.toWorkerId] : '', h.toArea && h.toArea !== h.fromArea ? t(k(`area.${h.toArea}`)) : ''].filter(Boolean).join(', ')}`
            : t(k(`event.${h.kind}`)),
          h.note ?? '',
        ])}
      />
    </Layout>
  );
}
