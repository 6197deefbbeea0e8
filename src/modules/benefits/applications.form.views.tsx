import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { ApplicationMessageKey } from './applications.messages.ts';
import { tOf } from './applications.views.tsx';
import { DOCUMENTS, INPUTS, type InputName } from './rules.types.ts';

export type Form = Record<string, string | string[]>;
export type Errors = Record<string, string>;

const val = (form: Form, key: string) => {
  const v = form[key];
  return typeof v === 'string' ? v : '';
};

function Err({ id, errors, page }: { id: string; errors: Errors; page: PageCtx }) {
  const code = errors[id];
  return code ? (
    <div id={`${id}-error`} class="invalid-feedback d-block">
      {tOf(page)(`error.${code}` as ApplicationMessageKey)}
    </div>
  ) : null;
}

function Text(props: { id: string; label: string; form: Form; errors: Errors; page: PageCtx; type?: 'date' | 'text' }) {
  const { id, errors } = props;
  return (
    <div class="form-group">
      <label for={id} class="active">
        {props.label}
      </label>
      <input
        id={id}
        name={id}
        // preact types narrow `type` per input kind; the union here is safe for a text-like input.
        type={(props.type ?? 'text') as 'text'}
        class={`form-control${errors[id] ? ' is-invalid' : ''}`}
        value={val(props.form, id)}
        aria-describedby={errors[id] ? `${id}-error` : undefined}
        aria-invalid={errors[id] ? 'true' : undefined}
      />
      <Err id={id} errors={errors} page={props.page} />
    </div>
  );
}

export function NewApplicationPage(props: {
  page: PageCtx;
  csrf: string;
  form: Form;
  errors: Errors;
  people: { id: string; name: string; birthYear: number | null }[] | undefined;
  measures: { code: string; title: string }[];
  inputNames: InputName[];
}) {
  const { page, form, errors } = props;
  const t = tOf(page);
  const L = page.locale;
  const entries = Object.entries(errors);
  const chosenDocs = new Set(Array.isArray(form.documents) ? form.documents : form.documents ? [form.documents] : []);
  return (
    <Layout
      page={page}
      title={t('new.title')}
      crumbs={[{ label: t('list.title'), href: '/operatori/aiuti' }, { label: t('new.title') }]}
    >
      <h1>{t('new.title')}</h1>
      <p>{t('new.intro')}</p>
      {entries.length > 0 ? (
        <div class="alert alert-danger" role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title" class="h5">
            {t('errors.title')}
          </h2>
          <ul class="mb-0">
            {entries.map(([field, code]) => (
              <li key={field}>
                <a href={`#${field}`}>{t(`error.${code}` as ApplicationMessageKey)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/operatori/aiuti/nuova" novalidate>
        <Csrf token={props.csrf} />
        {val(form, 'accessId') ? <input type="hidden" name="accessId" value={val(form, 'accessId')} /> : null}
        {val(form, 'caseId') ? <input type="hidden" name="caseId" value={val(form, 'caseId')} /> : null}
        <div class="form-group">
          <label for="q" class="active">
            {t('field.q')}
          </label>
          <input id="q" name="q" type="search" class="form-control" value={val(form, 'q')} aria-describedby="q-hint" />
          <small id="q-hint" class="form-text">
            {t('field.qHint')}
          </small>
        </div>
        <button type="submit" name="action" value="search" class="btn btn-outline-primary mb-4">
          {t('field.search')}
        </button>
        {props.people ? (
          <fieldset class="mb-4" aria-describedby={errors.personId ? 'personId-error' : undefined}>
            <legend class="h6">{t('field.person')}</legend>
            {props.people.length === 0 ? <p>{t('field.noResults')}</p> : null}
            {props.people.map((p, i) => {
              const id = i === 0 ? 'personId' : `person-${p.id}`;
              return (
                <div class="form-check" key={p.id}>
                  <input
                    class="form-check-input"
                    type="radio"
                    id={id}
                    name="personId"
                    value={p.id}
                    checked={val(form, 'personId') === p.id}
                  />
                  <label class="form-check-label" for={id}>
                    {p.name}
                    {p.birthYear ? ` (${p.birthYear})` : ''}
                  </label>
                </div>
              );
            })}
            <Err id="personId" errors={errors} page={page} />
          </fieldset>
        ) : (
          <input type="hidden" name="personId" value={val(form, 'personId')} />
        )}
        <div class="select-wrapper mb-4">
          <label for="measure">{t('field.measure')}</label>
          <select id="measure" name="measure" aria-describedby={errors.measure ? 'measure-error' : undefined}>
            {props.measures.map((m) => (
              <option key={m.code} value={m.code} selected={val(form, 'measure') === m.code}>
                {m.title}
              </option>
            ))}
          </select>
          <Err id="measure" errors={errors} page={page} />
        </div>
        <fieldset class="mb-4" aria-describedby="inputs-hint">
          <legend class="h5">{t('field.inputs')}</legend>
          <p id="inputs-hint" class="form-text">
            {t('field.inputsHint')}
          </p>
          {props.inputNames.map((n) => {
            const id = `in-${n}`;
            const label = INPUTS[n].label[L];
            return INPUTS[n].kind === 'flag' ? (
              <div class="select-wrapper mb-3" key={n}>
                <label for={id}>{label}</label>
                <select id={id} name={id}>
                  <option value="">{t('field.unknown')}</option>
                  <option value="yes" selected={val(form, id) === 'yes'}>
                    {t('field.yes')}
                  </option>
                  <option value="no" selected={val(form, id) === 'no'}>
                    {t('field.no')}
                  </option>
                </select>
              </div>
            ) : (
              <Text key={n} id={id} label={label} form={form} errors={errors} page={page} />
            );
          })}
          <Text id="dsuProtocol" label={t('field.dsuProtocol')} form={form} errors={errors} page={page} />
          <Text id="dsuDate" type="date" label={t('field.dsuDate')} form={form} errors={errors} page={page} />
          <Text
            id="iseeValidUntil"
            type="date"
            label={t('field.iseeValidUntil')}
            form={form}
            errors={errors}
            page={page}
          />
        </fieldset>
        <fieldset class="mb-4" aria-describedby="documents-hint">
          <legend class="h5">{t('field.documents')}</legend>
          <p id="documents-hint" class="form-text">
            {t('field.documentsHint')}
          </p>
          {Object.entries(DOCUMENTS).map(([code, label]) => (
            <div class="form-check" key={code}>
              <input
                class="form-check-input"
                type="checkbox"
                id={`doc-${code}`}
                name="documents"
                value={code}
                checked={chosenDocs.has(code)}
              />
              <label class="form-check-label" for={`doc-${code}`}>
                {label[L]}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" name="action" value="open" class="btn btn-primary">
          {t('field.open')}
        </button>
      </form>
    </Layout>
  );
}
