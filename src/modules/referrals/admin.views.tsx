import { Alert, Csrf, describedBy, Hint } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { ReferralSettings } from './admin.service.ts';
import type { FieldError } from './referrals.access.ts';
import { mOf } from './referrals.file.tsx';
import { DESTINATION_TYPES } from './referrals.model.ts';
import { type MoreMessageKey, moreMessages } from './referrals.more.messages.ts';

export const ADMIN_URL = '/operatori/amministrazione/invii';
type M = ReturnType<typeof mOf>;

export interface AdminFailed {
  form: 'create' | 'link' | 'deadlines';
  errors: FieldError[];
  values: Record<string, string>;
}

const name = (field: string) => field.slice(1);
function errorOf(m: M, failed: AdminFailed | undefined, form: string, field: string): string | undefined {
  if (failed?.form !== form) return undefined;
  const e = failed.errors.find((x) => name(x.field) === field);
  if (!e) return undefined;
  const key = `error.${e.code}` as MoreMessageKey;
  return m(key in moreMessages.it ? key : 'error.invalid');
}

function Input(props: {
  m: M;
  form: AdminFailed['form'];
  failed: AdminFailed | undefined;
  field: string;
  label: string;
  type?: 'text' | 'password' | 'number';
  value?: string;
}) {
  const id = `f-${props.form}-${props.field}`;
  const error = errorOf(props.m, props.failed, props.form, props.field);
  const value = props.failed?.form === props.form ? (props.failed.values[props.field] ?? '') : (props.value ?? '');
  return (
    <div class="mb-3">
      <label class="form-label" for={id}>
        {props.label}
      </label>
      <input
        class="form-control"
        id={id}
        name={props.field}
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? '' : value}
        aria-describedby={describedBy(id, undefined, error)}
        autocomplete={props.type === 'password' ? 'new-password' : 'off'}
      />
      <Hint id={id} error={error} />
    </div>
  );
}

function Select(props: {
  m: M;
  form: AdminFailed['form'];
  failed: AdminFailed | undefined;
  field: string;
  label: string;
  options: { value: string; label: string }[];
}) {
  const id = `f-${props.form}-${props.field}`;
  const error = errorOf(props.m, props.failed, props.form, props.field);
  const value = props.failed?.form === props.form ? props.failed.values[props.field] : '';
  return (
    <div class="mb-3">
      <label class="form-label" for={id}>
        {props.label}
      </label>
      <select class="form-select" id={id} name={props.field} aria-describedby={describedBy(id, undefined, error)}>
        <option value="">—</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
      <Hint id={id} error={error} />
    </div>
  );
}

/** The admin page: partner accounts and their organization, create or link one, deadlines per destination. */
export function ReferralAdminPage(props: {
  page: PageCtx;
  csrf: string;
  s: ReferralSettings;
  failed?: AdminFailed | undefined;
  notice?: string | undefined;
}) {
  const m = mOf(props.page.locale);
  const { s, failed } = props;
  const orgName = new Map(s.organizations.map((o) => [o.id, o.name]));
  const orgOptions = s.organizations.map((o) => ({ value: o.id, label: o.name }));
  return (
    <Layout page={props.page} title={m('admin.title')} crumbs={[{ label: m('admin.title') }]}>
      <h1>{m('admin.title')}</h1>
      {failed ? (
        <div class="alert alert-danger" role="alert" tabindex={-1} id="error-summary">
          <h2 class="h5">{m('errors.title')}</h2>
          <ul>
            {failed.errors.map((e) => (
              <li>
                <a href={`#f-${failed.form}-${name(e.field)}`}>{errorOf(m, failed, failed.form, name(e.field))}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
      <h2 class="h3">{m('admin.partners')}</h2>
      {s.partners.length === 0 ? (
        <p>{m('admin.noPartners')}</p>
      ) : (
        <table class="table" id="partner-accounts">
          <caption>{m('admin.partnersCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('admin.col.user')}</th>
              <th scope="col">{m('admin.col.username')}</th>
              <th scope="col">{m('admin.col.organization')}</th>
            </tr>
          </thead>
          <tbody>
            {s.partners.map((p) => (
              <tr>
                <th scope="row">{p.displayName}</th>
                <td>{p.username}</td>
                <td>{p.organizationId ? (orgName.get(p.organizationId) ?? '—') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={`${ADMIN_URL}/partner`} class="mb-5" novalidate>
        <Csrf token={props.csrf} />
        <h3 class="h4">{m('admin.create')}</h3>
        <p>{m('admin.createLead')}</p>
        <Input m={m} form="create" failed={failed} field="displayName" label={m('admin.field.displayName')} />
        <Input m={m} form="create" failed={failed} field="username" label={m('admin.field.username')} />
        <Input m={m} form="create" failed={failed} field="password" type="password" label={m('admin.field.password')} />
        <Select
          m={m}
          form="create"
          failed={failed}
          field="organizationId"
          label={m('admin.field.organization')}
          options={orgOptions}
        />
        <button type="submit" class="btn btn-primary">
          {m('admin.createDo')}
        </button>
      </form>
      {s.partners.length > 0 ? (
        <form method="post" action={`${ADMIN_URL}/collega`} class="mb-5" novalidate>
          <Csrf token={props.csrf} />
          <h3 class="h4">{m('admin.link')}</h3>
          <Select
            m={m}
            form="link"
            failed={failed}
            field="userId"
            label={m('admin.field.user')}
            options={s.partners.map((p) => ({ value: p.userId, label: `${p.displayName} (${p.username})` }))}
          />
          <Select
            m={m}
            form="link"
            failed={failed}
            field="organizationId"
            label={m('admin.field.organization')}
            options={orgOptions}
          />
          <button type="submit" class="btn btn-outline-primary">
            {m('admin.linkDo')}
          </button>
        </form>
      ) : null}
      <form method="post" action={`${ADMIN_URL}/scadenze`} novalidate>
        <Csrf token={props.csrf} />
        <h2 class="h3">{m('admin.deadlines')}</h2>
        <p>{m('admin.deadlinesCaption')}</p>
        {DESTINATION_TYPES.map((type) => (
          <fieldset class="mb-4">
            <legend class="h5">{m(`dest.${type}`)}</legend>
            {(['responseDays', 'remindDaysBefore', 'followUpDays'] as const).map((key) => (
              <Input
                m={m}
                form="deadlines"
                failed={failed}
                field={`${key}_${type}`}
                type="number"
                label={m(`admin.field.${key}`, { type: m(`dest.${type}`) })}
                value={String(s.deadlines[type][key])}
              />
            ))}
          </fieldset>
        ))}
        <button type="submit" class="btn btn-primary">
          {m('admin.save')}
        </button>
      </form>
    </Layout>
  );
}

/** The operator home's link to this page (admins). */
export function ReferralSettingsLink({ page }: { page: PageCtx }) {
  return <a href={ADMIN_URL}>{mOf(page.locale)('admin.homeLink')}</a>;
}
