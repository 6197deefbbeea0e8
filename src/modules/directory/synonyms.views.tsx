import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { directoryMessages } from './directory.messages.ts';
import type { Synonym, SynonymError } from './synonyms.service.ts';

/** The synonym table with a delete button per phrase and a form to add or change one. */
export function SynonymsPage(props: {
  page: PageCtx;
  synonyms: Synonym[];
  csrf: string;
  form?: { phrase: string; expansion: string };
  errors?: SynonymError[];
  saved?: boolean;
}) {
  const { page } = props;
  const m = messagesFor(directoryMessages, page.locale);
  const errors = props.errors ?? [];
  const err = (f: 'phrase' | 'expansion') => errors.find((e) => e.field === f);
  const field = (f: 'phrase' | 'expansion') => {
    const e = err(f);
    return (
      <div class="form-group">
        <label for={`syn-${f}`} class="active">
          {m(`syn.${f}`)}
        </label>
        <input
          id={`syn-${f}`}
          name={f}
          type="text"
          lang="it"
          class={`form-control${e ? ' is-invalid' : ''}`}
          value={props.form?.[f] ?? ''}
          aria-describedby={e ? `syn-${f}-error` : undefined}
          aria-invalid={e ? 'true' : undefined}
        />
        {e ? (
          <div id={`syn-${f}-error`} class="invalid-feedback d-block">
            {m(`syn.error.${e.code}`)}
          </div>
        ) : null}
      </div>
    );
  };
  return (
    <Layout
      page={page}
      title={m('syn.title')}
      crumbs={[{ label: m('search.operatorTitle'), href: '/operatori/servizi' }, { label: m('syn.title') }]}
    >
      <h1>{m('syn.title')}</h1>
      {errors.length ? (
        <div class="alert alert-danger" role="alert" aria-labelledby="error-summary">
          <h2 id="error-summary" class="h5">
            {m('edit.errors')}
          </h2>
          <ul>
            {errors.map((e) => (
              <li key={e.field}>
                <a href={`#syn-${e.field}`}>{`${m(`syn.${e.field}`)}: ${m(`syn.error.${e.code}`)}`}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.saved ? <Alert kind="success">{m('syn.saved')}</Alert> : null}
      <p>{m('syn.intro')}</p>
      <h2 class="h4">{m('syn.add')}</h2>
      <form method="post" action="/operatori/servizi/sinonimi" novalidate class="mb-5">
        <Csrf token={props.csrf} />
        {field('phrase')}
        {field('expansion')}
        <button type="submit" class="btn btn-primary">
          {m('syn.save')}
        </button>
      </form>
      <table class="table">
        <caption>{m('syn.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{m('syn.phrase')}</th>
            <th scope="col">{m('syn.expansion')}</th>
            <th scope="col">{m('syn.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {props.synonyms.map((s) => (
            <tr key={s.id}>
              <th scope="row" lang="it">
                {s.phrase}
              </th>
              <td lang="it">{s.expansion}</td>
              <td>
                <form method="post" action={`/operatori/servizi/sinonimi/${s.id}/elimina`}>
                  <Csrf token={props.csrf} />
                  <button type="submit" class="btn btn-link p-0">
                    {m('syn.delete')}
                    <span class="visually-hidden">{`: ${s.phrase}`}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
