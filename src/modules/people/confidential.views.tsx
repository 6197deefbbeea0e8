import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { AssignmentsView, Opening } from './confidential.service.ts';
import { ErrorSummary, errorFor, formatInstant, formatTime, SelectField, type T } from './privacy.fields.tsx';
import { privacyMessages } from './privacy.messages.ts';
import type { PrivacyFieldError } from './privacy.validation.ts';

const fileUrl = (personId: string) => `/operatori/persone/${personId}`;
const KNOWN_ROLES = ['coordinator', 'social_worker', 'front_office'] as const;
const roleLabel = (role: string, t: T) =>
  (KNOWN_ROLES as readonly string[]).includes(role) ? t(`role.${role as (typeof KNOWN_ROLES)[number]}`) : role;

/** Who is assigned to the person, with forms to assign and remove (for those who may manage them). */
export function AssignmentsSection(props: {
  page: PageCtx;
  csrf: string;
  view: AssignmentsView;
  errors?: PrivacyFieldError[];
}) {
  const { page, view } = props;
  const t: T = messagesFor(privacyMessages, page.locale);
  const base = `${fileUrl(view.personId)}/operatori-assegnati`;
  return (
    <section class="mb-5" aria-labelledby="assignments-heading">
      <h2 id="assignments-heading" class="h3 border-bottom pb-2">
        {t('assign.heading')}
      </h2>
      {view.confidential ? <p>{t('assign.lead')}</p> : null}
      <ErrorSummary
        id="as-errors"
        errors={props.errors}
        labels={{ userId: t('assign.worker') }}
        fieldId={() => 'as-userId'}
        t={t}
      />
      {view.items.length === 0 ? (
        <p>{t('assign.none')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table table-sm">
            <caption>{t('assign.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assign.name')}</th>
                <th scope="col">{t('assign.role')}</th>
                <th scope="col">{t('assign.since')}</th>
                {view.mayManage ? <th scope="col">{t('consent.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.items.map((a) => (
                <tr key={a.userId}>
                  <th scope="row">{a.name}</th>
                  <td>{roleLabel(a.role, t)}</td>
                  <td>{formatInstant(a.assignedAt, page.locale)}</td>
                  {view.mayManage ? (
                    <td>
                      <form method="post" action={`${base}/${a.userId}/rimuovi`}>
                        <Csrf token={props.csrf} />
                        <button
                          type="submit"
                          class="btn btn-outline-danger btn-sm"
                          aria-label={t('assign.removeLabel', { name: a.name })}
                        >
                          {t('assign.remove')}
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {view.mayManage ? (
        view.candidates.length === 0 ? (
          <p>{t('assign.noCandidates')}</p>
        ) : (
          <form method="post" action={base} class="mt-3" novalidate>
            <h3 class="h5">{t('assign.formHeading')}</h3>
            <Csrf token={props.csrf} />
            <SelectField
              id="as-userId"
              name="userId"
              label={t('assign.worker')}
              placeholder={t('assign.choose')}
              options={view.candidates.map((c) => ({ value: c.userId, label: `${c.name} (${roleLabel(c.role, t)})` }))}
              error={errorFor(props.errors, 'userId', t)}
              required
            />
            <button type="submit" class="btn btn-primary">
              {t('assign.submit')}
            </button>
          </form>
        )
      ) : null}
    </section>
  );
}

/** The assignments on a page of their own: coordinators reach it without opening a confidential file. */
export function AssignmentsPage(props: {
  page: PageCtx;
  csrf: string;
  view: AssignmentsView;
  errors?: PrivacyFieldError[];
}) {
  const { page, view } = props;
  const t: T = messagesFor(privacyMessages, page.locale);
  return (
    <Layout
      page={page}
      title={t('page.assignmentsTitle')}
      crumbs={[
        { label: page.t('ops.title'), href: '/operatori' },
        { label: t('page.file'), href: fileUrl(view.personId) },
        { label: t('page.assignmentsTitle') },
      ]}
    >
      <h1>{t('page.assignmentsTitle')}</h1>
      <p>
        <a href={fileUrl(view.personId)}>{t('page.backToFile')}</a>
      </p>
      {view.restricted ? <Alert kind="info">{t('assign.restricted')}</Alert> : null}
      <AssignmentsSection
        page={page}
        csrf={props.csrf}
        view={view}
        {...(props.errors ? { errors: props.errors } : {})}
      />
    </Layout>
  );
}

function OpeningRow({ o, page, csrf, t }: { o: Opening; page: PageCtx; csrf: string; t: T }) {
  const opened = formatInstant(o.openedAt, page.locale);
  return (
    <tr>
      <th scope="row">{o.user.name}</th>
      <td>
        <a href={fileUrl(o.personId)}>{t('review.openFile', { id: o.personId })}</a>
      </td>
      <td>
        {opened}
        <br />
        <small>{t('review.until', { time: formatTime(o.expiresAt, page.locale) })}</small>
      </td>
      <td class="text-break">{o.reason}</td>
      <td>
        {o.reviewed ? (
          t('review.reviewed', { name: o.reviewed.by, date: formatInstant(o.reviewed.at, page.locale) })
        ) : o.own ? (
          <>
            <span class="badge bg-warning text-dark">{t('review.pending')}</span> <small>{t('review.own')}</small>
          </>
        ) : (
          <form method="post" action={`/operatori/riservati/${o.id}/visto`}>
            <span class="badge bg-warning text-dark me-2">{t('review.pending')}</span>
            <Csrf token={csrf} />
            <button
              type="submit"
              class="btn btn-primary btn-sm"
              aria-label={t('review.markLabel', { name: o.user.name, date: opened })}
            >
              {t('review.mark')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

/** The coordinator's review of break-the-glass openings (`/operatori/riservati`). */
export function OpeningsReviewPage(props: { page: PageCtx; csrf: string; openings: Opening[] }) {
  const { page } = props;
  const t: T = messagesFor(privacyMessages, page.locale);
  return (
    <Layout
      page={page}
      title={t('review.title')}
      crumbs={[{ label: page.t('ops.title'), href: '/operatori' }, { label: t('review.title') }]}
    >
      <h1>{t('review.title')}</h1>
      <p class="lead">{t('review.lead')}</p>
      {props.openings.length === 0 ? (
        <p>{t('review.none')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table">
            <caption>{t('review.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.who')}</th>
                <th scope="col">{t('review.file')}</th>
                <th scope="col">{t('review.when')}</th>
                <th scope="col">{t('review.reason')}</th>
                <th scope="col">{t('review.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.openings.map((o) => (
                <OpeningRow key={o.id} o={o} page={page} csrf={props.csrf} t={t} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** For the coordinator's operator home: how many openings wait for review, linking to the list. */
export function OpeningsToReviewLink({ page, count }: { page: PageCtx; count: number }) {
  const t: T = messagesFor(privacyMessages, page.locale);
  const text =
    count === 0 ? t('review.homeNone') : count === 1 ? t('review.homeLinkOne') : t('review.homeLink', { count });
  return (
    <p>
      <a href="/operatori/riservati" class={count > 0 ? 'fw-semibold' : undefined}>
        {text}
      </a>
      {count > 0 ? (
        <span class="badge bg-danger ms-2" aria-hidden="true">
          {count}
        </span>
      ) : null}
    </p>
  );
}
