import { Csrf } from '../../platform/ui/forms.tsx';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { REVIEW_OUTCOMES } from './careplan.service.ts';
import type { FieldError } from './cases.access.ts';
import { ErrorSummary, errorOf, Field, type M, mOf, Options } from './cases.forms.tsx';
import type { CaseMessageKey } from './cases.messages.ts';
import type { MoreCaseKey } from './cases.more.messages.ts';
import { CASE_AREAS, type CaseView, CLOSE_REASONS } from './cases.view.ts';
import { tOf } from './cases.views.tsx';

/** Which form failed, so its errors show beside it (and its fields' ids carry its prefix). */
export interface Failed {
  form: string;
  errors: FieldError[];
}

const OUTCOMES_OF = {
  review: REVIEW_OUTCOMES.slice(0, 3),
  conditionality_check: REVIEW_OUTCOMES.slice(3),
} as const;

const errs = (failed: Failed | undefined, form: string) => (failed?.form === form ? failed.errors : []);

/** The top of a refused form: a conflict (409) or the failed form's error summary (422). */
export function CaseTop(props: { page: PageCtx; failed?: Failed | undefined; conflict?: string | undefined }) {
  const m = mOf(props.page.locale);
  return (
    <>
      {props.conflict ? (
        <div class="alert alert-warning" role="alert" id="conflict">
          {props.conflict}
        </div>
      ) : null}
      {props.failed ? <ErrorSummary m={m} errors={props.failed.errors} prefix={`${props.failed.form}-`} /> : null}
    </>
  );
}

const tOf2 = (m: M, kind: string) => (kind === 'review' ? m('review.kind.review') : m('review.kind.check'));

function ReviewForm(props: {
  m: M;
  csrf: string;
  c: CaseView;
  r: CaseView['reviews'][number];
  n: number;
  errors: FieldError[];
}) {
  const { m, r } = props;
  const p = `r${props.n}-`;
  return (
    <form
      method="post"
      action={`/operatori/casi/${props.c.id}/verifiche/${r.id}`}
      class="mb-3 border-start ps-3"
      novalidate
    >
      <Csrf token={props.csrf} />
      <input type="hidden" name="n" value={String(props.n)} />
      <h4 class="h6">{m('review.for', { kind: tOf2(props.m, r.kind), due: r.dueOn })}</h4>
      {r.kind === 'conditionality_check' ? <p class="small">{m('review.control')}</p> : null}
      <Field id={`f-${p}doneOn`} label={m('review.doneOn')} error={errorOf(m, props.errors, 'doneOn')}>
        {(d) => <input class="form-control" type="date" id={`f-${p}doneOn`} name="doneOn" aria-describedby={d} />}
      </Field>
      <Field id={`f-${p}outcome`} label={m('review.outcome')} error={errorOf(m, props.errors, 'outcome')}>
        {(d) => (
          <select class="form-select" id={`f-${p}outcome`} name="outcome" aria-describedby={d}>
            <option value="">—</option>
            <Options
              value=""
              options={OUTCOMES_OF[r.kind as 'review'].map((o) => ({
                value: o,
                label: m(`review.${o}` as MoreCaseKey),
              }))}
            />
          </select>
        )}
      </Field>
      <Field id={`f-${p}note`} label={m('review.note')} error={errorOf(m, props.errors, 'note')}>
        {(d) => <textarea class="form-control" id={`f-${p}note`} name="note" rows={2} aria-describedby={d} />}
      </Field>
      <button type="submit" class="btn btn-outline-primary btn-sm">
        {m('review.submit')}
      </button>
    </form>
  );
}

/**
 * What those working on the case can do from its page: edit the plan, record review and check outcomes,
 * transfer with a hand-over note, suspend / reopen / close with a coded reason, refer the person.
 */
export function ManageForms(props: {
  page: PageCtx;
  csrf: string;
  c: CaseView;
  workers: { id: string; name: string }[];
  today: string;
  failed?: Failed | undefined;
}) {
  const t = tOf(props.page);
  const m = mOf(props.page.locale);
  const { c, failed } = props;
  const k = (key: string) => key as CaseMessageKey;
  const base = `/operatori/casi/${c.id}`;
  const hidden = (
    <>
      <Csrf token={props.csrf} />
      <input type="hidden" name="version" value={String(c.version)} />
    </>
  );
  // Pending reviews and checks due by a month from today: the ones to record now.
  const soon = new Date(Date.parse(`${props.today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  const pending = c.reviews.filter((r) => !r.doneOn && r.dueOn <= soon);
  const te = errs(failed, 't');
  const ce = errs(failed, 'c');
  return (
    <section class="my-4" aria-labelledby="manage-title">
      <h2 id="manage-title" class="h4">
        {m('manage.title')}
      </h2>
      <ul>
        <li>
          <a href={`${base}/piano`}>{c.plan ? m('plan.edit') : m('plan.new')}</a>
        </li>
        <li>
          <a href={`/operatori/persone/${c.personId}/invii/nuovo?caso=${c.id}`}>{m('manage.referral')}</a>
        </li>
      </ul>
      {pending.length > 0 ? (
        <>
          <h3 class="h5">{m('review.title')}</h3>
          {pending.map((r, n) => (
            <ReviewForm m={m} csrf={props.csrf} c={c} r={r} n={n} errors={errs(failed, `r${n}`)} />
          ))}
        </>
      ) : null}
      <form method="post" action={`${base}/trasferimento`} class="mb-4" novalidate>
        {hidden}
        <h3 class="h5">{m('transfer.title')}</h3>
        <Field id="f-t-toWorkerId" label={m('transfer.worker')} error={errorOf(m, te, 'toWorkerId')}>
          {(d) => (
            <select class="form-select" id="f-t-toWorkerId" name="toWorkerId" aria-describedby={d}>
              <option value="">{m('transfer.same')}</option>
              <Options
                value=""
                options={props.workers
                  .filter((w) => w.id !== c.responsibleWorkerId)
                  .map((w) => ({ value: w.id, label: w.name }))}
              />
            </select>
          )}
        </Field>
        <Field id="f-t-toArea" label={m('transfer.area')} error={errorOf(m, te, 'toArea')}>
          {(d) => (
            <select class="form-select" id="f-t-toArea" name="toArea" aria-describedby={d}>
              <option value="">{m('transfer.same')}</option>
              <Options
                value=""
                options={CASE_AREAS.filter((a) => a !== c.area).map((a) => ({ value: a, label: t(k(`area.${a}`)) }))}
              />
            </select>
          )}
        </Field>
        <Field id="f-t-note" label={m('transfer.note')} error={errorOf(m, te, 'note')}>
          {(d) => <textarea class="form-control" id="f-t-note" name="note" rows={3} aria-describedby={d} />}
        </Field>
        <button type="submit" class="btn btn-outline-primary">
          {m('transfer.submit')}
        </button>
      </form>
      <h3 class="h5">{m('status.title')}</h3>
      <form method="post" action={`${base}/stato`} class="mb-3">
        {hidden}
        <input type="hidden" name="action" value={c.status === 'open' ? 'suspend' : 'reopen'} />
        <button type="submit" class="btn btn-outline-secondary">
          {c.status === 'open' ? m('status.suspend') : m('status.reopen')}
        </button>
      </form>
      <form method="post" action={`${base}/stato`} class="mb-3" novalidate>
        {hidden}
        <input type="hidden" name="action" value="close" />
        <Field id="f-c-reasonCode" label={m('status.reason')} error={errorOf(m, ce, 'reasonCode')}>
          {(d) => (
            <select class="form-select" id="f-c-reasonCode" name="reasonCode" aria-describedby={d}>
              <option value="">—</option>
              <Options value="" options={CLOSE_REASONS.map((r) => ({ value: r, label: m(`close.${r}`) }))} />
            </select>
          )}
        </Field>
        <Field id="f-c-note" label={m('status.note')} error={errorOf(m, ce, 'note')}>
          {(d) => <textarea class="form-control" id="f-c-note" name="note" rows={2} aria-describedby={d} />}
        </Field>
        <button type="submit" class="btn btn-outline-danger">
          {m('status.close')}
        </button>
      </form>
    </section>
  );
}
