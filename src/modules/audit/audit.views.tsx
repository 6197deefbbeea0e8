import { TextField } from '../../platform/ui/forms.tsx';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import type { AuditRow as Row } from './audit.service.ts';

export interface AuditForm {
  action?: string;
  username?: string;
  recordId?: string;
  outcome?: string;
  from?: string;
  to?: string;
}

const when = (d: Date, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Rome' }).format(d);

function Field(props: {
  id: keyof AuditForm;
  label: string;
  value?: string | undefined;
  type?: 'text' | 'date';
  error?: string | undefined;
}) {
  return (
    <div class="col-md-4">
      <TextField
        id={`f-${props.id}`}
        name={props.id}
        label={props.label}
        value={props.value}
        type={props.type}
        error={props.error}
      />
    </div>
  );
}

export function AuditPage(props: {
  page: PageCtx;
  form: AuditForm;
  rows: Row[];
  dateError?: string | undefined;
  nextHref?: string | undefined;
}) {
  const { page, form } = props;
  const t = page.t;
  return (
    <Layout
      page={page}
      title={t('audit.title')}
      crumbs={[{ label: t('ops.title'), href: '/operatori' }, { label: t('audit.title') }]}
    >
      <h1>{t('audit.title')}</h1>
      <p class="lead">{t('audit.lead')}</p>
      <form method="get" action="/operatori/audit" class="mb-4">
        <div class="row">
          <Field id="action" label={t('audit.action')} value={form.action} />
          <Field id="username" label={t('audit.actor')} value={form.username} />
          <Field id="recordId" label={t('audit.recordId')} value={form.recordId} />
          <Field id="from" label={t('audit.from')} value={form.from} type="date" error={props.dateError} />
          <Field id="to" label={t('audit.to')} value={form.to} type="date" />
          <div class="col-md-4 form-group">
            <label for="f-outcome" class="active">
              {t('audit.outcome')}
            </label>
            <select id="f-outcome" name="outcome" class="form-select">
              {(['', 'ok', 'denied', 'failed'] as const).map((o) => (
                <option value={o} selected={(form.outcome ?? '') === o} key={o}>
                  {t(o === '' ? 'audit.outcome.any' : `audit.outcome.${o}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" class="btn btn-primary">
          {t('audit.filter')}
        </button>
      </form>
      {props.rows.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        // Scrolls sideways on narrow screens: a named, focusable region, so keyboard users can scroll it too.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable).
        <section class="table-responsive" tabIndex={0} aria-labelledby="audit-caption">
          <table class="table table-sm">
            <caption id="audit-caption">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.outcome')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.request')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.seq}>
                  <td>{r.seq}</td>
                  <td>{when(r.occurred_at, page.locale)}</td>
                  <td>{r.username ?? t('audit.system')}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{t(`audit.outcome.${r.outcome}`)}</td>
                  <td>{r.record_type ? `${r.record_type} ${r.record_id ?? ''}` : ''}</td>
                  <td>
                    <code>{r.request_id?.slice(-12)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {props.nextHref ? <a href={props.nextHref}>{t('audit.next')}</a> : null}
    </Layout>
  );
}
