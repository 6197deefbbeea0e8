import { messagesFor } from '../../platform/i18n/index.ts';
import { TextField } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { directoryMessages } from './directory.messages.ts';
import type { ServiceCard, Text } from './directory.read.ts';
import { ManageLink } from './organizations.views.tsx';

export const TARGET_GROUPS = [
  'families',
  'minors',
  'young_people',
  'adults',
  'older_people',
  'people_with_disabilities',
  'migrants',
  'women',
  'unemployed',
  'homeless',
  'carers',
] as const;

const languageName = (code: string, locale: string) => {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
};

export interface SearchForm {
  q: string;
  area: string;
  neighbourhood: string;
  group: string;
  language: string;
  free: boolean;
  openNow: boolean;
  page: number;
}

/** A text in its own language: lang="it" when the page is English and the text is not translated. */
export function Lang({ text, page, as = 'span' }: { text: Text; page: PageCtx; as?: 'span' | 'p' | 'div' }) {
  const Tag = as;
  return <Tag lang={text.lang !== page.locale ? text.lang : undefined}>{text.text}</Tag>;
}

const query = (f: SearchForm, page: number) =>
  new URLSearchParams({
    ...(f.q ? { q: f.q } : {}),
    ...(f.area ? { area: f.area } : {}),
    ...(f.neighbourhood ? { quartiere: f.neighbourhood } : {}),
    ...(f.group ? { per: f.group } : {}),
    ...(f.language ? { lingua: f.language } : {}),
    ...(f.free ? { gratuito: '1' } : {}),
    ...(f.openNow ? { aperto: '1' } : {}),
    ...(page > 1 ? { pagina: String(page) } : {}),
  }).toString();

/** The search form and results; `base` is /servizi (public) or /operatori/servizi (interview screen). */
export function SearchPage(props: {
  page: PageCtx;
  base: string;
  title: string;
  form: SearchForm;
  choices: {
    areas: { code: string; label: string; parent_code: string | null }[];
    neighbourhoods: { id: string; name: string }[];
    languages: string[];
  };
  cards: ServiceCard[];
  total: number;
  perPage: number;
  searched: boolean;
  /** Operators who keep the directory: an edit link on each result and the stale list. */
  manage?: boolean;
}) {
  const { page, form } = props;
  const m = messagesFor(directoryMessages, page.locale);
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
  const top = props.choices.areas.filter((a) => !a.parent_code);
  return (
    <Layout page={page} title={props.title} crumbs={[{ label: props.title }]}>
      <h1>{props.title}</h1>
      <p class="lead">{m('search.intro')}</p>
      {props.manage ? (
        <p>
          <a href="/operatori/servizi/da-verificare">{m('search.stale')}</a>
          {' · '}
          <a href="/operatori/servizi/sinonimi">{m('syn.link')}</a>
          <ManageLink page={page} />
        </p>
      ) : null}
      <search>
        <form method="get" action={props.base} class="mb-4">
          <TextField id="q" name="q" type="search" label={m('search.q')} hint={m('search.qHint')} value={form.q} />
          <div class="row">
            <div class="col-md-5">
              <div class="select-wrapper">
                <label for="area">{m('search.area')}</label>
                <select id="area" name="area">
                  <option value="">{m('search.any')}</option>
                  {top.map((t) => (
                    <optgroup label={t.label} key={t.code}>
                      <option value={t.code} selected={form.area === t.code}>
                        {t.label}
                      </option>
                      {props.choices.areas
                        .filter((a) => a.parent_code === t.code)
                        .map((a) => (
                          <option value={a.code} selected={form.area === a.code} key={a.code}>
                            {a.label}
                          </option>
                        ))}
                    </optgroup>
                  ))}
                </select>
              </div>
            </div>
            <div class="col-md-4">
              <div class="select-wrapper">
                <label for="quartiere">{m('search.neighbourhood')}</label>
                <select id="quartiere" name="quartiere">
                  <option value="">{m('search.any')}</option>
                  {props.choices.neighbourhoods.map((n) => (
                    <option value={n.id} selected={form.neighbourhood === n.id} key={n.id}>
                      {n.name}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          </div>
          <div class="row">
            <div class="col-md-5">
              <div class="select-wrapper">
                <label for="per">{m('search.group')}</label>
                <select id="per" name="per">
                  <option value="">{m('search.any')}</option>
                  {TARGET_GROUPS.map((g) => (
                    <option value={g} selected={form.group === g} key={g}>
                      {m(`group.${g}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div class="col-md-4">
              <div class="select-wrapper">
                <label for="lingua">{m('search.language')}</label>
                <select id="lingua" name="lingua">
                  <option value="">{m('search.any')}</option>
                  {props.choices.languages.map((code) => (
                    <option value={code} selected={form.language === code} key={code}>
                      {languageName(code, page.locale)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div class="col-md-3 pt-4">
              <div class="form-check">
                <input id="gratuito" name="gratuito" type="checkbox" value="1" checked={form.free} />
                <label for="gratuito">{m('search.free')}</label>
              </div>
              <div class="form-check">
                <input id="aperto" name="aperto" type="checkbox" value="1" checked={form.openNow} />
                <label for="aperto">{m('search.openNow')}</label>
              </div>
            </div>
          </div>
          <button type="submit" class="btn btn-primary mt-3">
            {m('search.submit')}
          </button>
        </form>
      </search>
      {props.searched ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" class="h4" aria-live="polite">
            {form.q ? m('search.resultsFor', { n: props.total, q: form.q }) : m('search.results', { n: props.total })}
          </h2>
          {props.cards.length === 0 ? <p>{m('search.none')}</p> : null}
          <ul class="list-unstyled" data-element="service-results">
            {props.cards.map((c) => (
              <li class="card-wrapper mb-3" key={c.id}>
                <article class="card card-bg">
                  <div class="card-body">
                    <h3 class="card-title h5">
                      <a
                        href={`/servizi/${c.id}`}
                        data-element="service-link"
                        lang={c.name.lang !== page.locale ? c.name.lang : undefined}
                      >
                        {c.name.text}
                      </a>
                    </h3>
                    {c.organization ? (
                      <p class="mb-1 text-secondary">{m('search.by', { org: c.organization })}</p>
                    ) : null}
                    {c.description ? (
                      <p class="card-text" lang={c.description.lang !== page.locale ? c.description.lang : undefined}>
                        {c.description.text.length > 240 ? `${c.description.text.slice(0, 237)}…` : c.description.text}
                      </p>
                    ) : null}
                    {c.needAreas.length ? <p class="small mb-0">{c.needAreas.join(' · ')}</p> : null}
                    {props.manage ? (
                      <p class="small mb-0 mt-2">
                        <a href={`/operatori/servizi/${c.id}/modifica`}>
                          {m('edit.title')}
                          <span class="visually-hidden">{`: ${c.name.text}`}</span>
                        </a>
                      </p>
                    ) : null}
                  </div>
                </article>
              </li>
            ))}
          </ul>
          {pages > 1 ? (
            <nav class="pagination-wrapper" aria-label={m('search.pagination')}>
              <p>{m('search.page', { n: form.page, of: pages })}</p>
              <ul class="pagination">
                {form.page > 1 ? (
                  <li class="page-item">
                    <a class="page-link" href={`${props.base}?${query(form, form.page - 1)}`}>
                      {m('search.previous')}
                    </a>
                  </li>
                ) : null}
                {form.page < pages ? (
                  <li class="page-item">
                    <a class="page-link" href={`${props.base}?${query(form, form.page + 1)}`}>
                      {m('search.next')}
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </section>
      ) : null}
    </Layout>
  );
}
