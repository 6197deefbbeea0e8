import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf, Hint } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import {
  type ConditionsError,
  type ConditionsForm,
  type CostRow,
  type DocumentRow,
  LANGUAGES,
  TARGET_GROUPS,
} from './conditions.service.ts';
import { directoryMessages } from './directory.messages.ts';
import { Field } from './places.views.tsx';
import { upkeepMessages } from './upkeep.messages.ts';

type U = ReturnType<typeof messagesFor<keyof typeof upkeepMessages.it>>;

const message = (u: U, e: ConditionsError) =>
  e.code === 'age' || e.code === 'ageOrder' || e.code === 'amount' ? u(`cond.err.${e.code}`) : u(`err.${e.code}`);

/** Empty rows offered at the bottom of each list, to add new ones without JavaScript. */
const withBlanks = (form: ConditionsForm): ConditionsForm => ({
  ...form,
  documents: [
    ...form.documents,
    { id: '', document: '', documentEn: '', remove: false },
    { id: '', document: '', documentEn: '', remove: false },
  ],
  costs: [
    ...form.costs,
    {
      id: '',
      option: '',
      free: false,
      amount: '',
      description: '',
      optionEn: '',
      descriptionEn: '',
      remove: false,
    },
  ],
});

/** A label for an error's field id (doc-0-document → "Documento 1 – Documento da portare"). */
function labelOf(u: U, field: string): string {
  const [kind, n, part] = field.split('-');
  const row = Number(n) + 1;
  if (kind === 'doc')
    return `${u('cond.document', { n: row })} – ${u(part === 'documentEn' ? 'cond.document.en' : 'cond.document.text')}`;
  if (kind === 'cost')
    return `${u('cond.cost', { n: row })} – ${u(
      (
        {
          amount: 'cond.cost.amount',
          option: 'cond.cost.option',
          optionEn: 'cond.cost.optionEn',
          descriptionEn: 'cond.cost.descriptionEn',
        } as const
      )[part as 'amount'] ?? 'cond.cost.description',
    )}`;
  return u(
    (
      {
        minAge: 'cond.minAge',
        maxAge: 'cond.maxAge',
        languages: 'cond.languages',
        targetGroups: 'cond.targetGroups',
      } as const
    )[field as 'minAge'] ?? 'cond.offices',
  );
}

function RemoveBox(props: { id: string; u: U; checked: boolean }) {
  return (
    <div class="form-check">
      <input type="checkbox" id={`${props.id}-remove`} name={`${props.id}-remove`} value="1" checked={props.checked} />
      <label for={`${props.id}-remove`}>{props.u('places.remove')}</label>
    </div>
  );
}

/** A group of checkboxes (one name, many values) with its legend and error. */
function Checkboxes(props: {
  name: string;
  legend: string;
  options: { value: string; label: string; lang?: string }[];
  checked: string[];
  error?: string | undefined;
}) {
  return (
    <fieldset id={props.name} class="mb-4" aria-describedby={props.error ? `${props.name}-error` : undefined}>
      <legend class="h4">{props.legend}</legend>
      {props.options.map((o) => (
        <div class="form-check" key={o.value}>
          <input
            type="checkbox"
            id={`${props.name}-${o.value}`}
            name={props.name}
            value={o.value}
            checked={props.checked.includes(o.value)}
          />
          <label for={`${props.name}-${o.value}`} lang={o.lang}>
            {o.label}
          </label>
        </div>
      ))}
      <Hint id={props.name} error={props.error} />
    </fieldset>
  );
}

/** The operator's form of a service's required documents, costs, languages, ages, target groups and offices. */
export function ConditionsPage(props: {
  page: PageCtx;
  id: string;
  name: string;
  version: number;
  form: ConditionsForm;
  offices: { id: string; name: string }[];
  csrf: string;
  errors?: ConditionsError[] | undefined;
  conflict?: boolean | undefined;
  saved?: boolean | undefined;
}) {
  const { page } = props;
  const u = messagesFor(upkeepMessages, page.locale);
  const m = messagesFor(directoryMessages, page.locale);
  const errors = props.errors ?? [];
  const errorOf = (f: string) => {
    const e = errors.find((x) => x.field === f);
    return e ? message(u, e) : undefined;
  };
  // After a failed save the submitted rows come back as they were, so error ids keep pointing at them.
  const form = errors.length ? props.form : withBlanks(props.form);
  const title = u('cond.title');
  const names = new Intl.DisplayNames([page.locale], { type: 'language' });
  const doc = (d: DocumentRow, i: number) => {
    const id = `doc-${i}`;
    return (
      <fieldset class="border rounded p-3 mb-3" key={id}>
        <legend class="h6 w-auto px-1">{d.id ? u('cond.document', { n: i + 1 }) : u('cond.newDocument')}</legend>
        <input type="hidden" name={`${id}-id`} value={d.id} />
        <Field
          id={`${id}-document`}
          label={u('cond.document.text')}
          value={d.document}
          lang="it"
          error={errorOf(`${id}-document`)}
        />
        <Field
          id={`${id}-documentEn`}
          label={u('cond.document.en')}
          value={d.documentEn}
          lang="en"
          error={errorOf(`${id}-documentEn`)}
        />
        {d.id ? <RemoveBox id={id} u={u} checked={d.remove} /> : null}
      </fieldset>
    );
  };
  const cost = (c: CostRow, i: number) => {
    const id = `cost-${i}`;
    return (
      <fieldset class="border rounded p-3 mb-3" key={id}>
        <legend class="h6 w-auto px-1">{c.id ? u('cond.cost', { n: i + 1 }) : u('cond.newCost')}</legend>
        <input type="hidden" name={`${id}-id`} value={c.id} />
        <Field
          id={`${id}-option`}
          label={u('cond.cost.option')}
          value={c.option}
          lang="it"
          error={errorOf(`${id}-option`)}
        />
        <div class="form-check mb-3">
          <input type="checkbox" id={`${id}-free`} name={`${id}-free`} value="1" checked={c.free} />
          <label for={`${id}-free`}>{u('cond.cost.free')}</label>
        </div>
        <Field
          id={`${id}-amount`}
          label={u('cond.cost.amount')}
          value={c.amount}
          hint={u('cond.cost.amountHint')}
          error={errorOf(`${id}-amount`)}
        />
        <Field
          id={`${id}-description`}
          label={u('cond.cost.description')}
          value={c.description}
          lang="it"
          error={errorOf(`${id}-description`)}
        />
        <Field
          id={`${id}-optionEn`}
          label={u('cond.cost.optionEn')}
          value={c.optionEn}
          lang="en"
          error={errorOf(`${id}-optionEn`)}
        />
        <Field
          id={`${id}-descriptionEn`}
          label={u('cond.cost.descriptionEn')}
          value={c.descriptionEn}
          lang="en"
          error={errorOf(`${id}-descriptionEn`)}
        />
        {c.id ? <RemoveBox id={id} u={u} checked={c.remove} /> : null}
      </fieldset>
    );
  };
  return (
    <Layout
      page={page}
      title={title}
      crumbs={[
        { label: m('search.operatorTitle'), href: '/operatori/servizi' },
        { label: m('edit.title'), href: `/operatori/servizi/${props.id}/modifica` },
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      <p class="lead" lang="it">
        {props.name}
      </p>
      {errors.length ? (
        <div class="alert alert-danger" role="alert" aria-labelledby="error-summary" tabindex={-1}>
          <h2 id="error-summary" class="h5">
            {u('err.summary')}
          </h2>
          <ul>
            {errors.map((e) => (
              <li key={e.field}>
                <a href={`#${e.field}`}>{`${labelOf(u, e.field)}: ${message(u, e)}`}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.conflict ? <Alert kind="warning">{u('conflict')}</Alert> : null}
      {props.saved ? <Alert kind="success">{u('saved')}</Alert> : null}
      <p>{u('cond.intro')}</p>
      <form method="post" action={`/operatori/servizi/${props.id}/condizioni`} novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="version" value={String(props.version)} />
        <h2 class="h4">{u('cond.documents')}</h2>
        {form.documents.map(doc)}
        <h2 class="h4">{u('cond.costs')}</h2>
        {form.costs.map(cost)}
        <fieldset class="mb-4">
          <legend class="h4">{u('cond.ages')}</legend>
          <p>{u('cond.agesHint')}</p>
          <div class="row">
            <Field id="minAge" label={u('cond.minAge')} value={form.minAge} error={errorOf('minAge')} width="col-6" />
            <Field id="maxAge" label={u('cond.maxAge')} value={form.maxAge} error={errorOf('maxAge')} width="col-6" />
          </div>
        </fieldset>
        <Checkboxes
          name="languages"
          legend={u('cond.languages')}
          options={LANGUAGES.map((l) => ({ value: l, label: names.of(l) ?? l }))}
          checked={form.languages}
          error={errorOf('languages')}
        />
        <Checkboxes
          name="targetGroups"
          legend={u('cond.targetGroups')}
          options={TARGET_GROUPS.map((g) => ({ value: g, label: m(`group.${g}`) }))}
          checked={form.targetGroups}
          error={errorOf('targetGroups')}
        />
        {props.offices.length ? (
          <Checkboxes
            name="offices"
            legend={u('cond.offices')}
            options={props.offices.map((o) => ({ value: o.id, label: o.name, lang: 'it' }))}
            checked={form.offices}
            error={errorOf('offices')}
          />
        ) : (
          <p>{u('cond.noOffices')}</p>
        )}
        <button type="submit" class="btn btn-primary">
          {u('cond.save')}
        </button>
      </form>
      <p class="mt-4">
        <a href={`/operatori/servizi/${props.id}/modifica`}>{u('places.back')}</a>
      </p>
    </Layout>
  );
}
