import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf, describedBy, Hint } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { directoryMessages } from './directory.messages.ts';
import { ErrorSummary } from './places.views.tsx';
import { type Proposed, SUGGEST_TEXTS, type SuggestionRow } from './suggestion.service.ts';
import { upkeepMessages } from './upkeep.messages.ts';
import type { FieldError } from './upkeep.service.ts';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

function texts(page: PageCtx) {
  const u = messagesFor(upkeepMessages, page.locale);
  const m = messagesFor(directoryMessages, page.locale);
  const crumbs = (label?: string) => [
    { label: m('search.operatorTitle'), href: '/operatori/servizi' },
    { label: u('hub.title'), href: '/operatori/servizi/gestione' },
    ...(label
      ? [{ label: u('sug.title'), href: '/operatori/servizi/proposte' }, { label }]
      : [{ label: u('sug.title') }]),
  ];
  return { u, m, crumbs };
}

function SuggestionTable(props: { page: PageCtx; caption: string; rows: SuggestionRow[]; decided?: boolean }) {
  const { u } = texts(props.page);
  return (
    <table class="table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{u('sug.service')}</th>
          <th scope="col">{u('sug.organization')}</th>
          <th scope="col">{u('sug.date')}</th>
          <th scope="col">{u('sug.status')}</th>
          <th scope="col">
            <span class="visually-hidden">{u('sug.open')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((g) => (
          <tr key={g.id}>
            <th scope="row" lang="it">
              {g.service_name}
            </th>
            <td lang="it">{g.organization_name}</td>
            <td>{day(g.created_at)}</td>
            <td>{u(`sug.status.${g.status}`)}</td>
            <td>
              <a href={`/operatori/servizi/proposte/${g.id}`}>
                {u('sug.open')}
                <span class="visually-hidden" lang="it">{` ${g.service_name}`}</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The moderation queue of partners' suggestions. */
export function SuggestionsPage(props: {
  page: PageCtx;
  pending: SuggestionRow[];
  decided: SuggestionRow[];
  notice?: string;
}) {
  const { u, crumbs } = texts(props.page);
  return (
    <Layout page={props.page} title={u('sug.title')} crumbs={crumbs()}>
      <h1>{u('sug.title')}</h1>
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <p>{u('sug.intro')}</p>
      {props.pending.length === 0 ? (
        <p>{u('sug.none')}</p>
      ) : (
        <SuggestionTable page={props.page} caption={u('sug.pendingCaption')} rows={props.pending} />
      )}
      {props.decided.length ? (
        <SuggestionTable page={props.page} caption={u('sug.decidedCaption')} rows={props.decided} decided />
      ) : null}
    </Layout>
  );
}

export type CurrentValues = {
  texts: Record<string, string>;
  phone: string;
  hours: { byday: string; opens: string; closes: string }[];
};

/** Rows "field / now / proposed" of a suggestion (only the fields it changes). */
export function comparison(page: PageCtx, proposed: Proposed, current: CurrentValues) {
  const { u, m } = texts(page);
  const hours = (rows: { byday: string; opens: string; closes: string }[]) =>
    rows
      .map(
        (h) =>
          `${h.byday
            .split(',')
            .map((d) => u(`day.${d as 'MO'}`))
            .join(', ')} ${h.opens}–${h.closes}`,
      )
      .join('; ');
  const rows: { label: string; now: string; next: string }[] = [];
  for (const f of SUGGEST_TEXTS)
    if (proposed.texts?.[f] !== undefined)
      rows.push({ label: m(`edit.field.${f}`), now: current.texts[f] ?? '', next: proposed.texts[f] ?? '' });
  if (proposed.phone !== undefined)
    rows.push({ label: u('sug.field.phone'), now: current.phone, next: proposed.phone });
  if (proposed.hours)
    rows.push({ label: u('sug.field.hours'), now: hours(current.hours), next: hours(proposed.hours) });
  return rows;
}

export function ComparisonTable(props: { page: PageCtx; rows: { label: string; now: string; next: string }[] }) {
  const { u } = texts(props.page);
  return (
    <table class="table">
      <caption>{u('sug.compareCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{u('sug.field')}</th>
          <th scope="col">{u('sug.current')}</th>
          <th scope="col">{u('sug.proposed')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td lang="it">{r.now || u('sug.none.value')}</td>
            <td lang="it">{r.next || u('sug.none.value')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One suggestion: what changes, the partner's note, accept / reject with a reason. */
export function SuggestionReviewPage(props: {
  page: PageCtx;
  suggestion: SuggestionRow;
  current: CurrentValues;
  csrf: string;
  reason?: string;
  errors?: FieldError[];
  conflict?: boolean;
}) {
  const { page, suggestion: g } = props;
  const { u, crumbs } = texts(page);
  const errors = props.errors ?? [];
  const reasonError = errors.find((e) => e.field === 'sug-reason');
  return (
    <Layout page={page} title={u('sug.reviewTitle')} crumbs={crumbs(g.service_name)}>
      <h1>{u('sug.reviewTitle')}</h1>
      <ErrorSummary u={u} errors={errors} labelOf={() => u('sug.reason')} />
      {props.conflict ? <Alert kind="warning">{u('sug.alreadyDecided')}</Alert> : null}
      <dl>
        <dt>{u('sug.service')}</dt>
        <dd lang="it">
          <a href={`/servizi/${g.service_id}`}>{g.service_name}</a>
        </dd>
        <dt>{u('sug.organization')}</dt>
        <dd lang="it">{g.organization_name}</dd>
        <dt>{u('sug.date')}</dt>
        <dd>{day(g.created_at)}</dd>
        <dt>{u('sug.status')}</dt>
        <dd>{u(`sug.status.${g.status}`)}</dd>
        {g.reason ? (
          <>
            <dt>{u('sug.reason')}</dt>
            <dd lang="it">{g.reason}</dd>
          </>
        ) : null}
      </dl>
      <ComparisonTable page={page} rows={comparison(page, g.proposed, props.current)} />
      {g.note ? (
        <>
          <h2 class="h5">{u('sug.note')}</h2>
          <p lang="it">{g.note}</p>
        </>
      ) : null}
      {g.status === 'pending' ? (
        <div class="row">
          <form method="post" action={`/operatori/servizi/proposte/${g.id}`} class="col-md-6 mb-4">
            <Csrf token={props.csrf} />
            <input type="hidden" name="version" value={String(g.version)} />
            <button type="submit" name="decision" value="accept" class="btn btn-primary">
              {u('sug.accept')}
            </button>
          </form>
          <form method="post" action={`/operatori/servizi/proposte/${g.id}`} class="col-md-6" novalidate>
            <Csrf token={props.csrf} />
            <input type="hidden" name="version" value={String(g.version)} />
            <div class="form-group">
              <label for="sug-reason" class="active">
                {u('sug.reason')}
              </label>
              <textarea
                id="sug-reason"
                name="reason"
                rows={3}
                class={`form-control${reasonError ? ' is-invalid' : ''}`}
                aria-describedby={describedBy('sug-reason', 'hint', reasonError ? 'error' : undefined)}
                aria-invalid={reasonError ? 'true' : undefined}
              >
                {props.reason ?? ''}
              </textarea>
              <Hint
                id="sug-reason"
                hint={u('sug.reasonHint')}
                error={reasonError ? u(`err.${reasonError.code}`) : undefined}
              />
            </div>
            <button type="submit" name="decision" value="reject" class="btn btn-outline-danger">
              {u('sug.reject')}
            </button>
          </form>
        </div>
      ) : null}
    </Layout>
  );
}
