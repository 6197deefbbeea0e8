import { type Locale, messagesFor } from '../../platform/i18n/index.ts';
import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type HouseholdMessage, householdMessages } from './households.messages.ts';
import type { HouseholdOf, LinkView, MemberView } from './households.schema.ts';
import { day } from './people.fields.tsx';
import { FileSectionFrame } from './people.views.tsx';

export type HT = (key: HouseholdMessage, params?: Record<string, string | number>) => string;
export const hmsgs = (page: { locale: Locale }): HT => messagesFor(householdMessages, page.locale);

export const personUrl = (id: string) => `/operatori/persone/${id}`;

export function PersonLink(props: { id: string; name: string; confidential: boolean; t: HT }) {
  return (
    <>
      <a href={personUrl(props.id)}>{props.name}</a>
      {props.confidential ? <span class="badge bg-danger ms-2">{props.t('confidential')}</span> : null}
    </>
  );
}

function MembersTable(props: {
  t: HT;
  locale: string;
  caption: string;
  rows: MemberView[];
  /** Current members get a "record leaving" link; past ones show the end date. */
  leaveHref?: ((m: MemberView) => string) | undefined;
}) {
  const { t, locale } = props;
  return (
    <table class="table table-sm">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.name')}</th>
          <th scope="col">{t('col.relationship')}</th>
          <th scope="col">{t('col.since')}</th>
          {props.leaveHref ? <th scope="col">{t('col.actions')}</th> : <th scope="col">{t('col.until')}</th>}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((m) => (
          <tr key={m.personId + m.joinedOn}>
            <th scope="row">
              <PersonLink id={m.personId} name={m.name} confidential={m.confidential} t={t} />
            </th>
            <td>{t(`rel.${m.relationship}`)}</td>
            <td>{day(m.joinedOn, locale)}</td>
            <td>
              {props.leaveHref ? (
                <a href={props.leaveHref(m)} aria-label={t('action.leaveOf', { name: m.name })}>
                  {t('action.leave')}
                </a>
              ) : m.leftOn ? (
                day(m.leftOn, locale)
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Links(props: { t: HT; page: PageCtx; csrf: string; personId: string; links: LinkView[]; canManage: boolean }) {
  const { t, page } = props;
  if (props.links.length === 0) return <p>{t('section.noLinks')}</p>;
  return (
    <table class="table table-sm">
      <caption>{t('section.links')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('col.name')}</th>
          <th scope="col">{t('col.kind')}</th>
          <th scope="col">{t('col.since')}</th>
          {props.canManage ? <th scope="col">{t('col.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.links.map((l) => (
          <tr key={l.id}>
            <th scope="row">
              <PersonLink id={l.personId} name={l.name} confidential={l.confidential} t={t} />
            </th>
            <td>{t(`link.${l.kind}`)}</td>
            <td>{l.since ? day(l.since, page.locale) : '—'}</td>
            {props.canManage ? (
              <td>
                <form method="post" action={`${personUrl(props.personId)}/conviventi/${l.id}/fine`}>
                  <Csrf token={props.csrf} />
                  <button type="submit" class="btn btn-link p-0" aria-label={t('action.unlinkOf', { name: l.name })}>
                    {t('action.unlink')}
                  </button>
                </form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The "Nucleo familiare" section of the person file. */
export function HouseholdSection(props: { page: PageCtx; csrf: string; data: HouseholdOf; canManage: boolean }) {
  const { page, data, canManage } = props;
  const t = hmsgs(page);
  const base = personUrl(data.personId);
  const household = data.household;
  // Memberships of this household that ended show among its former members; list only the others.
  const past = data.pastMemberships.filter((m) => m.householdId !== household?.id);
  return (
    <FileSectionFrame id="nucleo" title={t('section.title')}>
      {household ? (
        <>
          <MembersTable
            t={t}
            locale={page.locale}
            caption={t('section.members')}
            rows={household.members}
            leaveHref={canManage ? (m) => `${base}/nucleo/uscita/${m.personId}` : undefined}
          />
          {household.formerMembers.length > 0 ? (
            <MembersTable t={t} locale={page.locale} caption={t('section.former')} rows={household.formerMembers} />
          ) : null}
        </>
      ) : (
        <>
          <p>{t('section.none')}</p>
          {canManage ? (
            <form method="post" action={`${base}/nucleo`} class="mb-3">
              <Csrf token={props.csrf} />
              <p class="form-text" id="create-household-hint">
                {t('section.createHint')}
              </p>
              <button type="submit" class="btn btn-outline-primary" aria-describedby="create-household-hint">
                {t('section.create')}
              </button>
            </form>
          ) : null}
        </>
      )}
      {past.length > 0 ? (
        <>
          <h3 class="h5 mt-4">{t('section.past')}</h3>
          <ul>
            {past.map((m) => (
              <li key={m.householdId + m.joinedOn}>
                {t(`rel.${m.relationship}`)}: {day(m.joinedOn, page.locale)} –{' '}
                {m.leftOn ? day(m.leftOn, page.locale) : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 class="h5 mt-4">{t('section.links')}</h3>
      <Links t={t} page={page} csrf={props.csrf} personId={data.personId} links={data.links} canManage={canManage} />
      {canManage ? (
        <p>
          <a href={`${base}/nucleo/aggiungi`} class="btn btn-outline-primary">
            {t('section.add')}
          </a>
        </p>
      ) : null}
    </FileSectionFrame>
  );
}

/** A short page for a household change that could not be made, with the way back. */
export function HouseholdNoticePage(props: { page: PageCtx; personId: string; message: string }) {
  const t = hmsgs(props.page);
  return (
    <Layout page={props.page} title={t('notice.title')}>
      <h1>{t('notice.title')}</h1>
      <div class="alert alert-danger" role="alert">
        {props.message}
      </div>
      <p>
        <a href={`${personUrl(props.personId)}#nucleo`}>{t('add.back')}</a>
      </p>
    </Layout>
  );
}
