import { messagesFor } from '../../platform/i18n/index.ts';
import { TIME_ZONE } from '../../platform/time.ts';
import { Alert, Csrf, describedBy, Hint } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type OutboxOverview, STATUSES } from './admin.service.ts';
import { type NotificationsMessageKey, notificationsMessages } from './notifications.messages.ts';

export const BASE = '/operatori/notifiche';
type NT = ReturnType<typeof messagesFor<NotificationsMessageKey>>;
export const ntOf = (page: PageCtx): NT => messagesFor(notificationsMessages, page.locale);

const when = (locale: string, at: Date | null) =>
  at
    ? at.toLocaleString(locale === 'en' ? 'en-GB' : 'it-IT', {
        timeZone: TIME_ZONE,
        dateStyle: 'short',
        timeStyle: 'short',
      })
    : '';

export interface SettingsForm {
  reminderEnabled: boolean;
  hours: string;
  missedFollowUpEnabled: boolean;
  error?: string | undefined;
}

function Counts({ nt, overview }: { nt: NT; overview: OutboxOverview }) {
  if (overview.counts.length === 0) return <p>{nt('counts.none')}</p>;
  return (
    <div class="table-responsive">
      <table class="table table-sm">
        <caption>{nt('counts.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{nt('counts.kind')}</th>
            {STATUSES.map((s) => (
              <th scope="col" key={s} class="text-end">
                {nt(`status.${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {overview.counts.map((c) => (
            <tr key={c.kind}>
              <th scope="row">
                <code>{c.kind}</code>
              </th>
              {STATUSES.map((s) => (
                <td key={s} class="text-end" data-status={s}>
                  {c.byStatus[s]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeadLetters({ nt, page, overview, csrf }: { nt: NT; page: PageCtx; overview: OutboxOverview; csrf: string }) {
  if (overview.dead.length === 0) return <p>{nt('dead.none')}</p>;
  return (
    <div class="table-responsive">
      <table class="table table-sm">
        <caption>{nt('dead.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{nt('dead.kind')}</th>
            <th scope="col">{nt('dead.to')}</th>
            <th scope="col" class="text-end">
              {nt('dead.attempts')}
            </th>
            <th scope="col">{nt('dead.error')}</th>
            <th scope="col">{nt('dead.at')}</th>
            <th scope="col">{nt('dead.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {overview.dead.map((d) => {
            const at = when(page.locale, d.deadAt);
            return (
              <tr key={d.id} id={`m-${d.id}`}>
                <th scope="row">
                  <code>{d.kind}</code>
                </th>
                <td>{d.erased ? nt('dead.erased') : d.to}</td>
                <td class="text-end">{d.attempts}</td>
                <td>
                  <code>{d.errorCode ?? ''}</code>
                </td>
                <td>{at}</td>
                <td>
                  {d.erased ? null : (
                    <form method="post" action={`${BASE}/${d.id}/riprova`} class="d-inline me-2">
                      <Csrf token={csrf} />
                      <button
                        type="submit"
                        class="btn btn-sm btn-primary"
                        aria-label={nt('dead.retryLabel', { kind: d.kind, at })}
                      >
                        {nt('dead.retry')}
                      </button>
                    </form>
                  )}
                  <form method="post" action={`${BASE}/${d.id}/scarta`} class="d-inline">
                    <Csrf token={csrf} />
                    <button
                      type="submit"
                      class="btn btn-sm btn-outline-danger"
                      aria-label={nt('dead.discardLabel', { kind: d.kind, at })}
                    >
                      {nt('dead.discard')}
                    </button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Settings({ nt, form, csrf }: { nt: NT; form: SettingsForm; csrf: string }) {
  const hint = nt('settings.hoursHint');
  return (
    <form method="post" action={`${BASE}/impostazioni`} novalidate>
      <Csrf token={csrf} />
      <div class="form-check">
        <input
          id="reminderEnabled"
          name="reminderEnabled"
          type="checkbox"
          value="1"
          checked={form.reminderEnabled}
          class="form-check-input"
        />
        <label for="reminderEnabled" class="form-check-label">
          {nt('settings.reminder')}
        </label>
      </div>
      <div class="form-group mt-3">
        <label for="hours" class="active">
          {nt('settings.hours')}
        </label>
        <input
          id="hours"
          name="hours"
          type="text"
          inputmode="numeric"
          value={form.hours}
          class={`form-control${form.error ? ' is-invalid' : ''}`}
          aria-describedby={describedBy('hours', hint, form.error)}
          aria-invalid={form.error ? 'true' : undefined}
        />
        <Hint id="hours" hint={hint} error={form.error} />
      </div>
      <div class="form-check">
        <input
          id="missedFollowUpEnabled"
          name="missedFollowUpEnabled"
          type="checkbox"
          value="1"
          checked={form.missedFollowUpEnabled}
          class="form-check-input"
        />
        <label for="missedFollowUpEnabled" class="form-check-label">
          {nt('settings.missed')}
        </label>
      </div>
      <button type="submit" class="btn btn-primary mt-3">
        {nt('settings.save')}
      </button>
    </form>
  );
}

/** The administrators' view of the outbox: counts, dead letters (masked addresses), settings. */
export function NotificationsPage(props: {
  page: PageCtx;
  csrf: string;
  overview: OutboxOverview;
  form: SettingsForm;
  notice?: string | undefined;
}) {
  const { page, overview } = props;
  const nt = ntOf(page);
  return (
    <Layout page={page} title={nt('title')} crumbs={[{ label: nt('crumb.admin') }, { label: nt('title') }]}>
      <h1>{nt('title')}</h1>
      {props.form.error ? (
        <div class="alert alert-danger" role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title" class="h5">
            {nt('errors.title')}
          </h2>
          <ul class="mb-0">
            <li>
              <a href="#hours">{props.form.error}</a>
            </li>
          </ul>
        </div>
      ) : null}
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <p>{nt('intro')}</p>
      <h2 class="h4 mt-4">{nt('counts.title')}</h2>
      <Counts nt={nt} overview={overview} />
      <h2 class="h4 mt-4">{nt('dead.title')}</h2>
      <DeadLetters nt={nt} page={page} overview={overview} csrf={props.csrf} />
      <h2 class="h4 mt-4">{nt('settings.title')}</h2>
      <Settings nt={nt} form={props.form} csrf={props.csrf} />
    </Layout>
  );
}
