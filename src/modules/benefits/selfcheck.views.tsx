import { messagesFor } from '../../platform/i18n/index.ts';
import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { Evaluation } from './rules.engine.ts';
import { MEMBER_ROWS, type SelfCheckErrors, type SelfCheckForm } from './selfcheck.form.ts';
import { type SelfCheckMessageKey, selfCheckMessages } from './selfcheck.messages.ts';
import { type MeasureInfo, MeasureResult } from './selfcheck.results.tsx';

export type T = (key: SelfCheckMessageKey, params?: Record<string, string | number>) => string;
export const tOf = (page: PageCtx): T => messagesFor(selfCheckMessages, page.locale);

/** The link on the public home page. */
export function SelfCheckLink({ page }: { page: PageCtx }) {
  return (
    <p class="mt-4">
      <a href="/verifica-aiuti" class="btn btn-outline-primary">
        {tOf(page)('home.link')}
      </a>
    </p>
  );
}

const described = (id: string, errors: SelfCheckErrors, hint?: boolean) =>
  [hint ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function FieldError({ id, errors, t }: { id: string; errors: SelfCheckErrors; t: T }) {
  const code = errors[id];
  return code ? (
    <div id={`${id}-error`} class="invalid-feedback d-block">
      {t(`error.${code}`)}
    </div>
  ) : null;
}

function Amount(props: {
  id: string;
  label: string;
  hint?: string;
  form: SelfCheckForm;
  errors: SelfCheckErrors;
  t: T;
}) {
  const { id, errors } = props;
  return (
    <div class="form-group">
      <label for={id} class="active">
        {props.label}
      </label>
      <input
        id={id}
        name={id}
        type="text"
        inputmode="decimal"
        class={`form-control${errors[id] ? ' is-invalid' : ''}`}
        value={props.form[id] ?? ''}
        aria-describedby={described(id, errors, Boolean(props.hint))}
        aria-invalid={errors[id] ? 'true' : undefined}
      />
      {props.hint ? (
        <small id={`${id}-hint`} class="form-text">
          {props.hint}
        </small>
      ) : null}
      <FieldError id={id} errors={errors} t={props.t} />
    </div>
  );
}

/** Radios in a fieldset; the first radio carries the group's name as id, so the error summary can link to it. */
function Radios(props: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  form: SelfCheckForm;
  errors: SelfCheckErrors;
  t: T;
}) {
  const { name, errors } = props;
  return (
    <fieldset class="mb-4" aria-describedby={errors[name] ? `${name}-error` : undefined}>
      <legend class="h6">{props.legend}</legend>
      {props.options.map((o, i) => {
        const id = i === 0 ? name : `${name}-${o.value}`;
        return (
          <div class="form-check" key={o.value}>
            <input
              class="form-check-input"
              type="radio"
              id={id}
              name={name}
              value={o.value}
              checked={props.form[name] === o.value}
            />
            <label class="form-check-label" for={id}>
              {o.label}
            </label>
          </div>
        );
      })}
      <FieldError id={name} errors={errors} t={props.t} />
    </fieldset>
  );
}

function ErrorSummary({ t, errors }: { t: T; errors: SelfCheckErrors }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="h5">
        {t('errors.title')}
      </h2>
      <ul class="mb-0">
        {entries.map(([field, code]) => (
          <li key={field}>
            <a href={`#${field}`}>{t(`error.${code}`)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SelfCheckFormView(props: {
  page: PageCtx;
  t: T;
  form: SelfCheckForm;
  errors: SelfCheckErrors;
  csrf: string;
}) {
  const { t, form, errors } = props;
  const yesNo = [
    { value: 'yes', label: t('yes') },
    { value: 'no', label: t('no') },
  ];
  const yesNoUnknown = [...yesNo, { value: 'unknown', label: t('unknown') }];
  const common = { form, errors, t };
  return (
    <form method="post" action="/verifica-aiuti" novalidate>
      <Csrf token={props.csrf} />
      <p>{t('required')}</p>
      <h2 class="h4 mt-4">{t('household.title')}</h2>
      <fieldset class="mb-4" aria-describedby="household-hint">
        <legend class="h6">{t('household.legend')}</legend>
        <p id="household-hint" class="form-text">
          {t('household.hint')}
        </p>
        <table class="table">
          <caption class="visually-hidden">{t('household.legend')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('age')}</th>
              <th scope="col">{t('disabled')}</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: MEMBER_ROWS }, (_, i) => {
              const n = i + 1;
              const who = n === 1 ? t('member.you') : t('member.n', { n });
              const id = `age${n}`;
              return (
                <tr key={id}>
                  <th scope="row">{who}</th>
                  <td>
                    <label for={id} class="visually-hidden">
                      {`${who}: ${t('age')}`}
                    </label>
                    <input
                      id={id}
                      name={id}
                      type="text"
                      inputmode="numeric"
                      size={4}
                      class={`form-control${errors[id] ? ' is-invalid' : ''}`}
                      value={form[id] ?? ''}
                      aria-describedby={errors[id] ? `${id}-error` : undefined}
                      aria-invalid={errors[id] ? 'true' : undefined}
                    />
                    <FieldError id={id} errors={errors} t={t} />
                  </td>
                  <td>
                    <div class="form-check">
                      <input
                        class="form-check-input"
                        type="checkbox"
                        id={`disabled${n}`}
                        name={`disabled${n}`}
                        value="yes"
                        checked={form[`disabled${n}`] === 'yes'}
                      />
                      <label class="form-check-label" for={`disabled${n}`}>
                        <span class="visually-hidden">{`${who}: `}</span>
                        {t('disabled')}
                      </label>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>

      <h2 class="h4 mt-4">{t('isee.title')}</h2>
      <Radios
        name="iseeKnown"
        legend={t('isee.legend')}
        options={[
          { value: 'yes', label: t('isee.yes') },
          { value: 'no', label: t('isee.no') },
        ]}
        {...common}
      />
      <Amount id="isee" label={t('isee.label')} hint={t('isee.hint')} {...common} />
      <Amount id="ise" label={t('ise.label')} hint={t('ise.hint')} {...common} />
      <Amount id="income" label={t('income.label')} hint={t('income.hint')} {...common} />

      <h2 class="h4 mt-4">{t('housing.title')}</h2>
      <Radios
        name="housing"
        legend={t('housing.legend')}
        options={(['rent', 'own', 'other'] as const).map((v) => ({ value: v, label: t(`housing.${v}`) }))}
        {...common}
      />
      <Amount id="rent" label={t('rent.label')} {...common} />
      <Radios name="arrears" legend={t('arrears.legend')} options={yesNo} {...common} />
      <Radios name="eviction" legend={t('eviction.legend')} options={yesNo} {...common} />

      <h2 class="h4 mt-4">{t('work.title')}</h2>
      <Radios
        name="work"
        legend={t('work.legend')}
        options={(['employed', 'unemployed', 'retired', 'other'] as const).map((v) => ({
          value: v,
          label: t(`work.${v}`),
        }))}
        {...common}
      />
      <Radios name="adi" legend={t('adi.legend')} options={yesNoUnknown} {...common} />
      <Radios name="resident" legend={t('resident.legend')} options={yesNoUnknown} {...common} />
      <Radios name="urgent" legend={t('urgent.legend')} options={yesNo} {...common} />
      <Amount id="expense" label={t('expense.label')} {...common} />
      <button type="submit" class="btn btn-primary mt-3">
        {t('submit')}
      </button>
    </form>
  );
}

export function SelfCheckPage(props: {
  page: PageCtx;
  form: SelfCheckForm;
  errors: SelfCheckErrors;
  csrf: string;
  results?: { evaluation: Evaluation; info: MeasureInfo }[] | undefined;
}) {
  const { page } = props;
  const t = tOf(page);
  const groups = [
    { key: 'results.apply', result: 'eligible' },
    { key: 'results.unsure', result: 'cannot_tell' },
    { key: 'results.notApply', result: 'not_eligible' },
  ] as const;
  return (
    <Layout page={page} title={props.results ? t('results.title') : t('title')} crumbs={[{ label: t('title') }]}>
      <h1>{props.results ? t('results.title') : t('title')}</h1>
      <div class="alert alert-warning" role="note">
        <p class="mb-1">{t('indicative')}</p>
        <p class="mb-0">{t('nothingStored')}</p>
      </div>
      <ErrorSummary t={t} errors={props.errors} />
      {props.results ? (
        <>
          {props.results.some((r) => r.evaluation.missing.includes('isee')) ? <p>{t('results.isee')}</p> : null}
          {groups.map((g) => {
            const items = props.results?.filter((r) => r.evaluation.result === g.result) ?? [];
            return (
              <section key={g.result} class="mt-4" aria-labelledby={`group-${g.result}`}>
                <h2 id={`group-${g.result}`}>{t(g.key)}</h2>
                {items.length === 0 ? <p>{t('results.none')}</p> : null}
                {items.map((r) => (
                  <MeasureResult key={r.evaluation.measure} page={page} t={t} evaluation={r.evaluation} info={r.info} />
                ))}
              </section>
            );
          })}
          <h2 class="mt-5">{t('results.again')}</h2>
        </>
      ) : (
        <p class="lead">{t('lead')}</p>
      )}
      <SelfCheckFormView page={page} t={t} form={props.form} errors={props.errors} csrf={props.csrf} />
    </Layout>
  );
}
