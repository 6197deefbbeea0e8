import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { when } from './access.fields.tsx';
import { type AdminMessageKey, adminMessages } from './admin.messages.ts';
import { InputField } from './interview.fields.tsx';
import type { QuestionnaireVersion } from './questionnaire.service.ts';
import type { Taxonomy } from './taxonomy.service.ts';

export type AT = ReturnType<typeof messagesFor<AdminMessageKey>>;
export const atOf = (page: PageCtx): AT => messagesFor(adminMessages, page.locale);

/** Errors of a whole-text field: a summary at the top linking to the field, the same list under it. */
function ErrorList({ at, field, errors }: { at: AT; field: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="alert alert-danger" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="h5">
        {at('errors.title')}
      </h2>
      <ul class="mb-0">
        {errors.map((e) => (
          <li key={e}>
            <a href={`#${field}`}>{e}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The two administration pages link to each other. */
function AdminNav({ at, current }: { at: AT; current: 'tax' | 'q' }) {
  return (
    <nav aria-label={at('admin.crumb')} class="mb-4">
      <ul class="list-inline">
        <li class="list-inline-item">
          <a href="/operatori/amministrazione/tassonomia" aria-current={current === 'tax' ? 'page' : undefined}>
            {at('tax.title')}
          </a>
        </li>
        <li class="list-inline-item">
          <a href="/operatori/amministrazione/questionari" aria-current={current === 'q' ? 'page' : undefined}>
            {at('q.title')}
          </a>
        </li>
      </ul>
    </nav>
  );
}

const adminCrumbs = (at: AT, label: string) => [{ label: at('admin.crumb') }, { label }];

export function TaxonomyAdminPage(props: {
  page: PageCtx;
  csrf: string;
  taxonomy: Taxonomy;
  text: string;
  note: string;
  errors: string[];
  notice?: string | undefined;
}) {
  const { page, taxonomy: tx } = props;
  const at = atOf(page);
  const label = (a: { labelIt: string; labelEn: string }) => (page.locale === 'it' ? a.labelIt : a.labelEn);
  return (
    <Layout page={page} title={at('tax.title')} crumbs={adminCrumbs(at, at('tax.title'))}>
      <h1>{at('tax.title')}</h1>
      <AdminNav at={at} current="tax" />
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <ErrorList at={at} field="areas" errors={props.errors} />
      {tx.version === null || !tx.publishedAt ? (
        <p>{at('tax.none')}</p>
      ) : (
        <>
          <p>{at('tax.current', { version: tx.version, at: when(page, tx.publishedAt) })}</p>
          <table class="table">
            <caption>{at('tax.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{at('tax.code')}</th>
                <th scope="col">{at('tax.parent')}</th>
                <th scope="col">{at('tax.siuss')}</th>
                <th scope="col">{at('tax.labelIt')}</th>
                <th scope="col">{at('tax.labelEn')}</th>
              </tr>
            </thead>
            <tbody>
              {tx.areas.map((a) => {
                const parent = tx.areas.find((p) => p.code === a.parentCode);
                return (
                  <tr key={a.id}>
                    <th scope="row">{a.code}</th>
                    <td>{parent ? label(parent) : ''}</td>
                    <td>{a.siussArea ?? ''}</td>
                    <td>{a.labelIt}</td>
                    <td>{a.labelEn}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      <h2>{at('tax.publishTitle')}</h2>
      <p id="areas-hint">{at('tax.publishIntro')}</p>
      <form method="post" action="/operatori/amministrazione/tassonomia" novalidate>
        <Csrf token={props.csrf} />
        <div class="form-group mb-4">
          <label for="areas" class="active">
            {at('tax.areas')}
          </label>
          <textarea
            id="areas"
            name="areas"
            rows={Math.min(30, Math.max(8, props.text.split('\n').length + 2))}
            class={`form-control font-monospace${props.errors.length ? ' is-invalid' : ''}`}
            aria-describedby="areas-hint"
            aria-invalid={props.errors.length ? 'true' : undefined}
            spellcheck={false}
          >
            {props.text}
          </textarea>
        </div>
        <InputField id="note" name="note" label={at('tax.note')} value={props.note} />
        <button type="submit" class="btn btn-primary">
          {at('tax.publish')}
        </button>
      </form>
    </Layout>
  );
}

export function QuestionnairesAdminPage(props: {
  page: PageCtx;
  csrf: string;
  versions: QuestionnaireVersion[];
  code: string;
  definition: string;
  errors: string[];
  notice?: string | undefined;
}) {
  const { page } = props;
  const at = atOf(page);
  return (
    <Layout page={page} title={at('q.title')} crumbs={adminCrumbs(at, at('q.title'))}>
      <h1>{at('q.title')}</h1>
      <AdminNav at={at} current="q" />
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <ErrorList at={at} field="definition" errors={props.errors} />
      {props.versions.length === 0 ? (
        <p>{at('q.none')}</p>
      ) : (
        <table class="table">
          <caption>{at('q.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{at('q.code')}</th>
              <th scope="col">{at('q.version')}</th>
              <th scope="col">{at('q.name')}</th>
              <th scope="col">{at('q.publishedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {props.versions.map((v) => (
              <tr key={v.id}>
                <th scope="row">{v.code}</th>
                <td>
                  <a
                    href={`/operatori/amministrazione/questionari/${v.code}/${v.version}`}
                    aria-label={`${at('q.show')}: ${v.code} ${v.version}`}
                  >
                    {v.version}
                  </a>
                </td>
                <td>{v.title[page.locale]}</td>
                <td>{when(page, new Date(v.publishedAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{at('q.publishTitle')}</h2>
      <p id="definition-hint">{at('q.publishIntro')}</p>
      <form method="post" action="/operatori/amministrazione/questionari" novalidate>
        <Csrf token={props.csrf} />
        <InputField id="code" name="code" label={at('q.codeField')} hint={at('q.codeHint')} value={props.code} />
        <div class="form-group mb-4">
          <label for="definition" class="active">
            {at('q.definition')}
          </label>
          <textarea
            id="definition"
            name="definition"
            rows={20}
            class={`form-control font-monospace${props.errors.length ? ' is-invalid' : ''}`}
            aria-describedby="definition-hint"
            aria-invalid={props.errors.length ? 'true' : undefined}
            spellcheck={false}
          >
            {props.definition}
          </textarea>
        </div>
        <button type="submit" class="btn btn-primary">
          {at('q.publish')}
        </button>
      </form>
    </Layout>
  );
}

export function QuestionnaireVersionPage(props: { page: PageCtx; version: QuestionnaireVersion }) {
  const { page, version: v } = props;
  const at = atOf(page);
  const title = at('q.definitionTitle', { code: v.code, version: v.version });
  return (
    <Layout
      page={page}
      title={title}
      crumbs={[
        { label: at('admin.crumb') },
        { label: at('q.title'), href: '/operatori/amministrazione/questionari' },
        { label: `${v.code} ${v.version}` },
      ]}
    >
      <h1>{title}</h1>
      <p>
        {v.title[page.locale]} — {when(page, new Date(v.publishedAt))}
      </p>
      <pre class="border p-3" style="white-space: pre-wrap">
        {JSON.stringify(v.definition, null, 2)}
      </pre>
      <p>
        <a href="/operatori/amministrazione/questionari">{at('q.back')}</a>
      </p>
    </Layout>
  );
}

/** The operator home's link to the administration of the access register (admins). */
export function AccessAdminLink({ page }: { page: PageCtx }) {
  return <a href="/operatori/amministrazione/tassonomia">{atOf(page)('admin.link')}</a>;
}
