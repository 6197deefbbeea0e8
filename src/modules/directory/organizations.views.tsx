import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf, describedBy, Hint } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { directoryMessages } from './directory.messages.ts';
import type { NewServiceForm, OrganizationForm } from './organizations.service.ts';
import { ErrorSummary, Field } from './places.views.tsx';
import { upkeepMessages } from './upkeep.messages.ts';
import type { FieldError } from './upkeep.service.ts';

const HUB = '/operatori/servizi/gestione';

function useTexts(page: PageCtx, errors: FieldError[] = []) {
  const u = messagesFor(upkeepMessages, page.locale);
  const m = messagesFor(directoryMessages, page.locale);
  const errorOf = (f: string) => {
    const e = errors.find((x) => x.field === f);
    return e ? u(`err.${e.code}`) : undefined;
  };
  const crumbs = (label: string, middle?: { label: string; href: string }) => [
    { label: m('search.operatorTitle'), href: '/operatori/servizi' },
    { label: u('hub.title'), href: HUB },
    ...(middle ? [middle] : []),
    { label },
  ];
  return { u, m, errorOf, crumbs };
}

function TextArea(props: { id: string; label: string; value: string; error?: string | undefined; lang?: string }) {
  return (
    <div class="form-group">
      <label for={props.id} class="active">
        {props.label}
      </label>
      <textarea
        id={props.id}
        name={props.id}
        rows={4}
        lang={props.lang}
        class={`form-control${props.error ? ' is-invalid' : ''}`}
        aria-describedby={describedBy(props.id, undefined, props.error)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value}
      </textarea>
      <Hint id={props.id} error={props.error} />
    </div>
  );
}

/** The upkeep hub: new service, organizations, partners' suggestions, stale list, synonyms. */
export function HubPage(props: { page: PageCtx; pending: number }) {
  const { u, crumbs } = useTexts(props.page);
  return (
    <Layout page={props.page} title={u('hub.title')} crumbs={crumbs(u('hub.title')).filter((_c, i) => i !== 1)}>
      <h1>{u('hub.title')}</h1>
      <p>{u('hub.intro')}</p>
      <ul class="list-unstyled">
        <li class="mb-2">
          <a href="/operatori/servizi/nuovo">{u('hub.newService')}</a>
        </li>
        <li class="mb-2">
          <a href="/operatori/organizzazioni">{u('hub.organizations')}</a>
        </li>
        <li class="mb-2">
          <a href="/operatori/servizi/proposte">{u('hub.suggestions', { n: props.pending })}</a>
        </li>
        <li class="mb-2">
          <a href="/operatori/servizi/da-verificare">{u('hub.stale')}</a>
        </li>
        <li class="mb-2">
          <a href="/operatori/servizi/sinonimi">{u('hub.synonyms')}</a>
        </li>
        <li class="mb-2">{u('cond.hub')}</li>
      </ul>
    </Layout>
  );
}

export function OrganizationsPage(props: {
  page: PageCtx;
  organizations: { id: string; name: string; services: number }[];
}) {
  const { u, crumbs } = useTexts(props.page);
  return (
    <Layout page={props.page} title={u('org.listTitle')} crumbs={crumbs(u('org.listTitle'))}>
      <h1>{u('org.listTitle')}</h1>
      <p>
        <a class="btn btn-primary" href="/operatori/organizzazioni/nuova">
          {u('org.new')}
        </a>
      </p>
      {props.organizations.length === 0 ? (
        <p>{u('org.none')}</p>
      ) : (
        <table class="table">
          <caption>{u('org.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{u('org.name')}</th>
              <th scope="col">{u('org.services')}</th>
              <th scope="col">
                <span class="visually-hidden">{u('org.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.organizations.map((o) => (
              <tr key={o.id}>
                <th scope="row" lang="it">
                  {o.name}
                </th>
                <td>{o.services}</td>
                <td>
                  <a href={`/operatori/organizzazioni/${o.id}/modifica`}>
                    {u('org.edit')}
                    <span class="visually-hidden" lang="it">{` ${o.name}`}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function OrganizationFormPage(props: {
  page: PageCtx;
  id: string | null;
  version: number;
  form: OrganizationForm;
  csrf: string;
  errors?: FieldError[];
  conflict?: boolean;
  saved?: boolean;
}) {
  const { form } = props;
  const { u, errorOf, crumbs } = useTexts(props.page, props.errors);
  const title = props.id ? u('org.editTitle') : u('org.newTitle');
  const labels: Record<string, string> = {
    'org-name': u('org.field.name'),
    'org-description': u('org.field.description'),
    'org-descriptionEn': u('org.field.descriptionEn'),
    'org-website': u('org.field.website'),
    'org-email': u('org.field.email'),
  };
  return (
    <Layout
      page={props.page}
      title={title}
      crumbs={crumbs(title, { label: u('org.listTitle'), href: '/operatori/organizzazioni' })}
    >
      <h1>{title}</h1>
      <ErrorSummary u={u} errors={props.errors ?? []} labelOf={(f) => labels[f] ?? f} />
      {props.conflict ? <Alert kind="warning">{u('conflict')}</Alert> : null}
      {props.saved ? <Alert kind="success">{u('saved')}</Alert> : null}
      <form
        method="post"
        action={props.id ? `/operatori/organizzazioni/${props.id}/modifica` : '/operatori/organizzazioni/nuova'}
        novalidate
      >
        <Csrf token={props.csrf} />
        <input type="hidden" name="version" value={String(props.version)} />
        <Field id="org-name" label={`${labels['org-name']} *`} value={form.name} error={errorOf('org-name')} />
        <TextArea
          id="org-description"
          label={`${labels['org-description']} *`}
          value={form.description}
          error={errorOf('org-description')}
        />
        <TextArea
          id="org-descriptionEn"
          label={labels['org-descriptionEn'] ?? ''}
          value={form.descriptionEn}
          error={errorOf('org-descriptionEn')}
          lang="en"
        />
        <Field
          id="org-website"
          type="url"
          label={labels['org-website'] ?? ''}
          value={form.website}
          hint={u('org.hint.website')}
          error={errorOf('org-website')}
        />
        <Field
          id="org-email"
          type="email"
          label={labels['org-email'] ?? ''}
          value={form.email}
          error={errorOf('org-email')}
        />
        <button type="submit" class="btn btn-primary">
          {u('org.save')}
        </button>
      </form>
    </Layout>
  );
}

export function NewServicePage(props: {
  page: PageCtx;
  organizations: { id: string; name: string }[];
  form: NewServiceForm;
  csrf: string;
  errors?: FieldError[];
}) {
  const { form } = props;
  const { u, m, errorOf, crumbs } = useTexts(props.page, props.errors);
  const labels: Record<string, string> = {
    'svc-organization': u('svc.organization'),
    'svc-name': m('edit.field.name'),
    'svc-description': m('edit.field.description'),
  };
  const orgError = errorOf('svc-organization');
  return (
    <Layout page={props.page} title={u('svc.newTitle')} crumbs={crumbs(u('svc.newTitle'))}>
      <h1>{u('svc.newTitle')}</h1>
      <ErrorSummary u={u} errors={props.errors ?? []} labelOf={(f) => labels[f] ?? f} />
      <p>{u('svc.intro')}</p>
      <form method="post" action="/operatori/servizi/nuovo" novalidate>
        <Csrf token={props.csrf} />
        <div class="select-wrapper mb-4">
          <label for="svc-organization">{`${labels['svc-organization']} *`}</label>
          <select
            id="svc-organization"
            name="svc-organization"
            aria-describedby={describedBy('svc-organization', 'hint', orgError)}
            aria-invalid={orgError ? 'true' : undefined}
          >
            <option value="">{u('svc.chooseOrg')}</option>
            {props.organizations.map((o) => (
              <option value={o.id} selected={form.organizationId === o.id} key={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <small id="svc-organization-hint" class="form-text d-block">
            <a href="/operatori/organizzazioni/nuova">{u('svc.noOrg')}</a>
          </small>
          <Hint id="svc-organization" error={orgError} />
        </div>
        <Field id="svc-name" label={`${labels['svc-name']} *`} value={form.name} error={errorOf('svc-name')} />
        <TextArea
          id="svc-description"
          label={labels['svc-description'] ?? ''}
          value={form.description}
          error={errorOf('svc-description')}
        />
        <button type="submit" class="btn btn-primary">
          {u('svc.create')}
        </button>
      </form>
    </Layout>
  );
}

/** The operator search's link to the upkeep hub (coordinators and admins). */
export function ManageLink(props: { page: PageCtx }) {
  return (
    <>
      {' · '}
      <a href={HUB}>{messagesFor(upkeepMessages, props.page.locale)('hub.link')}</a>
    </>
  );
}
