import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { FieldError } from './cases.access.ts';
import { ErrorSummary, errorOf, Field, mOf } from './cases.forms.tsx';
import type { CaseView } from './cases.view.ts';

export interface PlanForm {
  basedOnVersion: number;
  kind: string;
  goals: string[];
  actions: { service: string; owner: string; from: string; to: string }[];
  reviewDates: string[];
  agreedOn: string;
}

/** The form for a new version, filled from the current plan (or empty for the first one). */
export function planFormOf(c: CaseView): PlanForm {
  const p = c.plan;
  return {
    basedOnVersion: p?.version ?? 0,
    kind: p?.kind ?? 'care_plan',
    goals: p?.goals.map((g) => g.text) ?? [],
    actions: p?.actions.map((a) => ({ service: a.service, owner: a.owner, from: a.from, to: a.to ?? '' })) ?? [],
    reviewDates: [],
    agreedOn: p?.agreedOn ?? '',
  };
}

const BLANK_ROWS = 2;

/**
 * The care-plan editor: goals, actions (service, who, from–to), new review dates, the date it was agreed
 * and signed with the person. Two blank rows for goals and actions and three review dates: no script
 * needed; empty rows are dropped on saving.
 */
export function PlanPage(props: {
  page: PageCtx;
  csrf: string;
  c: CaseView;
  form: PlanForm;
  errors: FieldError[];
  conflict?: string | undefined;
}) {
  const m = mOf(props.page.locale);
  const { c, form, errors } = props;
  const goals = [...form.goals, ...Array(BLANK_ROWS).fill('')] as string[];
  const actions = [
    ...form.actions,
    ...Array(BLANK_ROWS).fill({ service: '', owner: '', from: '', to: '' }),
  ] as PlanForm['actions'];
  const reviews = [...form.reviewDates, '', '', ''].slice(0, Math.max(3, form.reviewDates.length));
  const title = m('plan.title', { code: c.code });
  return (
    <Layout
      page={props.page}
      title={title}
      crumbs={[{ label: c.code, href: `/operatori/casi/${c.id}` }, { label: title }]}
    >
      <h1>{title}</h1>
      {props.conflict ? (
        <div class="alert alert-warning" role="alert" id="conflict">
          {props.conflict}
        </div>
      ) : null}
      <ErrorSummary m={m} errors={errors} />
      <p>{m('plan.lead')}</p>
      <form method="post" action={`/operatori/casi/${c.id}/piano`} novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="basedOnVersion" value={String(form.basedOnVersion)} />
        <fieldset class="mb-4">
          <legend class="h5">{m('plan.kind')}</legend>
          {(['care_plan', 'inclusion_pact'] as const).map((kind) => (
            <div class="form-check">
              <input
                class="form-check-input"
                type="radio"
                name="kind"
                id={`f-kind-${kind}`}
                value={kind}
                checked={form.kind === kind}
              />
              <label class="form-check-label" for={`f-kind-${kind}`}>
                {m(`plan.kind.${kind}`)}
              </label>
            </div>
          ))}
          <span id="f-kind" />
          {errorOf(m, errors, 'kind') ? <p class="invalid-feedback d-block">{errorOf(m, errors, 'kind')}</p> : null}
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h5">{m('plan.goals')}</legend>
          <span id="f-goals" />
          {errorOf(m, errors, 'goals') ? <p class="invalid-feedback d-block">{errorOf(m, errors, 'goals')}</p> : null}
          {goals.map((g, i) => (
            <Field
              id={`f-goals-${i}-text`}
              label={m('plan.goal', { n: i + 1 })}
              error={errorOf(m, errors, `goals-${i}-text`)}
            >
              {(d) => (
                <textarea class="form-control" id={`f-goals-${i}-text`} name="goal" rows={2} aria-describedby={d}>
                  {g}
                </textarea>
              )}
            </Field>
          ))}
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h5">{m('plan.actions')}</legend>
          {actions.map((a, i) => (
            <fieldset class="border-start ps-3 mb-3">
              <legend class="h6">{m('plan.action', { n: i + 1 })}</legend>
              {(
                [
                  ['service', 'actionService', 'plan.service', 'text'],
                  ['owner', 'actionOwner', 'plan.owner', 'text'],
                  ['from', 'actionFrom', 'plan.from', 'date'],
                  ['to', 'actionTo', 'plan.to', 'date'],
                ] as const
              ).map(([key, name, label, type]) => {
                const id = `f-actions-${i}-${key}`;
                return (
                  <Field id={id} label={m(label)} error={errorOf(m, errors, `actions-${i}-${key}`)}>
                    {(d) => (
                      <input
                        class="form-control"
                        type={type as 'text'}
                        id={id}
                        name={name}
                        value={a[key]}
                        aria-describedby={d}
                      />
                    )}
                  </Field>
                );
              })}
            </fieldset>
          ))}
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h5">{m('plan.reviews')}</legend>
          {reviews.map((r, i) => (
            <Field
              id={`f-reviewDates-${i}`}
              label={m('plan.review', { n: i + 1 })}
              error={errorOf(m, errors, `reviewDates-${i}`)}
            >
              {(d) => (
                <input
                  class="form-control"
                  type="date"
                  id={`f-reviewDates-${i}`}
                  name="reviewDate"
                  value={r}
                  aria-describedby={d}
                />
              )}
            </Field>
          ))}
        </fieldset>
        <Field id="f-agreedOn" label={m('plan.agreedOn')} error={errorOf(m, errors, 'agreedOn')}>
          {(d) => (
            <input
              class="form-control"
              type="date"
              id="f-agreedOn"
              name="agreedOn"
              value={form.agreedOn}
              aria-describedby={d}
            />
          )}
        </Field>
        <button type="submit" class="btn btn-primary">
          {m('plan.save')}
        </button>
      </form>
      {c.planVersions.length > 1 ? (
        <>
          <h2 class="h4 mt-5">{m('plan.versions')}</h2>
          <ul>
            {c.planVersions.map((v) => (
              <li>
                {`v${v.version} — ${v.createdAt.slice(0, 10)}${v.agreedOn ? ` (${m('plan.agreedOn')}: ${v.agreedOn})` : ''}`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}
