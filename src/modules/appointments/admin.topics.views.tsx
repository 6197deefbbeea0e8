import { ROLES } from '../../platform/context.ts';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { type AdminKey, adminT } from './admin.messages.ts';
import { Checks, Frame, type Notice } from './admin.views.tsx';
import { ErrorSummary, Field } from './ui.tsx';

export interface TopicRowView {
  id: string;
  code: string;
  label_it: string;
  label_en: string;
  duration_minutes: number;
  roles: string[];
  active: boolean;
  need_area_code: string | null;
  version: number;
  officeIds: string[];
}

/** The topics: a table, and one form to add a topic or edit the chosen one. */
export function TopicsPage(props: {
  page: PageCtx;
  csrf: string;
  topics: TopicRowView[];
  offices: { id: string; name: string }[];
  editing: TopicRowView | undefined;
  form: Record<string, string | string[]>;
  errors: Record<string, string>;
  notice: Notice;
}) {
  const t = adminT(props.page.locale);
  const e = Object.fromEntries(Object.entries(props.errors).map(([k, v]) => [k, t(v as AdminKey)]));
  const ed = props.editing;
  const f = props.form;
  const str = (k: string, d: string) => (typeof f[k] === 'string' ? (f[k] as string) : d);
  const arr = (k: string, d: string[]) =>
    Array.isArray(f[k]) ? (f[k] as string[]) : typeof f[k] === 'string' ? [f[k] as string] : d;
  const officeName = new Map(props.offices.map((o) => [o.id, o.name]));
  return (
    <Frame page={props.page} title={t('topics')}>
      {props.notice ? <Alert kind={props.notice.kind}>{t(props.notice.key)}</Alert> : null}
      <ErrorSummary title={t('errors.title')} errors={e} />
      <div class="table-responsive">
        <table class="table">
          <caption>{t('topicsCaption')}</caption>
          <thead>
            <tr>
              {(['code', 'labelIt', 'duration', 'roles', 'offices', 'active', 'actions'] as const).map((k) => (
                <th scope="col" key={k}>
                  {t(k).replace(' *', '')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.topics.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.code}</th>
                <td>{props.page.locale === 'it' ? x.label_it : x.label_en}</td>
                <td>{x.duration_minutes}</td>
                <td>{x.roles.map((r) => props.page.t(`role.${r as (typeof ROLES)[number]}`)).join(', ')}</td>
                <td>{x.officeIds.map((o) => officeName.get(o) ?? '').join(', ')}</td>
                <td>{x.active ? t('yes') : t('no')}</td>
                <td>
                  <a
                    href={`/operatori/agenda/argomenti?argomento=${x.id}#modifica`}
                    aria-label={t('editFor', { what: x.code })}
                  >
                    {t('edit')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="h3 mt-4" id="modifica">
        {ed ? t('editTopic', { code: ed.code }) : t('newTopic')}
      </h2>
      <form method="post" action="/operatori/agenda/argomenti" novalidate>
        <Csrf token={props.csrf} />
        {ed ? (
          <>
            <input type="hidden" name="id" value={ed.id} />
            <input type="hidden" name="version" value={String(ed.version)} />
          </>
        ) : null}
        <Field id="code" label={t('code')} value={str('code', ed?.code ?? '')} error={e.code} />
        <Field id="labelIt" label={t('labelIt')} value={str('labelIt', ed?.label_it ?? '')} error={e.labelIt} />
        <Field id="labelEn" label={t('labelEn')} value={str('labelEn', ed?.label_en ?? '')} error={e.labelEn} />
        <Field
          id="durationMinutes"
          label={t('duration')}
          value={str('durationMinutes', String(ed?.duration_minutes ?? 30))}
          error={e.durationMinutes}
        />
        <Checks
          id="roles"
          legend={t('roles')}
          options={ROLES.filter((r) => r !== 'partner').map((r) => ({ value: r, label: props.page.t(`role.${r}`) }))}
          checked={arr('roles', ed?.roles ?? ['social_worker'])}
          error={e.roles}
        />
        <Checks
          id="officeIds"
          legend={t('offices')}
          options={props.offices.map((o) => ({ value: o.id, label: o.name }))}
          checked={arr('officeIds', ed?.officeIds ?? [])}
          error={e.officeIds}
        />
        <Field
          id="needAreaCode"
          label={t('needArea')}
          value={str('needAreaCode', ed?.need_area_code ?? '')}
          error={e.needAreaCode}
        />
        <div class="form-check mb-4">
          <input
            type="checkbox"
            class="form-check-input"
            id="active"
            name="active"
            value="yes"
            checked={ed ? ed.active : true}
          />
          <label class="form-check-label" for="active">
            {t('active')}
          </label>
        </div>
        <button type="submit" class="btn btn-primary">
          {t('saveTopic')}
        </button>
      </form>
    </Frame>
  );
}
