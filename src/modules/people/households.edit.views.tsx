import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type Household, LINK_KINDS, MEMBER_RELATIONSHIPS, type MemberView } from './households.schema.ts';
import { hmsgs, PersonLink, personUrl } from './households.views.tsx';
import { ErrorSummary, Field, Select } from './people.fields.tsx';
import type { SearchResult } from './people.service.ts';

/** A problem to show on a household form: the field's input id and the message already translated. */
export interface ShownError {
  id: string;
  message: string;
}

const errorOf = (errors: ShownError[] | undefined, id: string) => errors?.find((e) => e.id === id)?.message;

function crumbs(page: PageCtx, person: { id: string; name: string }, last: string) {
  return [
    { label: page.t('ops.title'), href: '/operatori' },
    { label: person.name, href: personUrl(person.id) },
    { label: last },
  ];
}

export interface AddPageProps {
  page: PageCtx;
  csrf: string;
  person: { id: string; name: string };
  household: Household | null;
  query?: string | undefined;
  results?: SearchResult[] | undefined;
  /** The person chosen to add or link; name null when their file is confidential. */
  chosen?: { id: string; name: string | null } | undefined;
  values?: Record<string, string | undefined>;
  errors?: ShownError[];
}

function ChosenForms(props: AddPageProps & { chosen: { id: string; name: string | null } }) {
  const { page, person, household, chosen } = props;
  const t = hmsgs(page);
  const v = props.values ?? {};
  const base = personUrl(person.id);
  return (
    <section class="mb-5" aria-labelledby="chosen-title">
      <h2 id="chosen-title" class="h3">
        {t('add.chosen', { name: chosen.name ?? t('add.chosenRestricted') })}
      </h2>
      {chosen.name === null ? (
        <>
          <p>{t('add.restricted')}</p>
          <p>
            <a href={personUrl(chosen.id)}>{t('add.openRestricted')}</a>
          </p>
        </>
      ) : null}
      {household && chosen.name !== null ? (
        <form method="post" action={`${base}/nucleo/componenti`} class="mb-4">
          <h3 class="h5 mb-4">{t('add.asMember')}</h3>
          <Csrf token={props.csrf} />
          <input type="hidden" name="householdId" value={household.id} />
          <input type="hidden" name="personId" value={chosen.id} />
          <Select
            id="relationship"
            label={t('col.relationship')}
            value={v.relationship ?? 'child'}
            options={MEMBER_RELATIONSHIPS.map((r) => ({ value: r, label: t(`rel.${r}`) }))}
            error={errorOf(props.errors, 'relationship')}
          />
          <Field
            id="joinedOn"
            type="date"
            label={t('add.joinedOn')}
            hint={t('add.dateHint')}
            value={v.joinedOn}
            error={errorOf(props.errors, 'joinedOn')}
          />
          <button type="submit" class="btn btn-primary">
            {t('add.asMemberSubmit')}
          </button>
        </form>
      ) : null}
      {chosen.name === null ? null : (
        <form method="post" action={`${base}/conviventi`}>
          <h3 class="h5 mb-4">{t('add.asLink')}</h3>
          <Csrf token={props.csrf} />
          <input type="hidden" name="otherPersonId" value={chosen.id} />
          <Select
            id="kind"
            label={t('col.kind')}
            value={v.kind ?? 'cohabitant'}
            options={LINK_KINDS.map((k) => ({ value: k, label: t(`link.${k}`) }))}
            error={errorOf(props.errors, 'kind')}
          />
          <Field
            id="since"
            type="date"
            label={t('add.since')}
            hint={t('add.dateHint')}
            value={v.since}
            error={errorOf(props.errors, 'since')}
          />
          <button type="submit" class="btn btn-outline-primary">
            {t('add.asLinkSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}

/** Add a member to the household, or link someone outside it: search, choose, confirm. */
export function HouseholdAddPage(props: AddPageProps) {
  const { page, person, household, results } = props;
  const t = hmsgs(page);
  const base = personUrl(person.id);
  const summary = (props.errors ?? []).map((e) => ({ href: `#${e.id}`, text: e.message }));
  return (
    <Layout page={page} title={t('add.title')} crumbs={crumbs(page, person, t('add.title'))}>
      <h1>{t('add.title')}</h1>
      <p class="lead mb-5">{household ? t('add.lead', { name: person.name }) : t('add.noHousehold')}</p>
      <ErrorSummary title={t('err.summary')} items={summary} />
      {props.chosen ? <ChosenForms {...props} chosen={props.chosen} /> : null}
      <form method="post" action={`${base}/nucleo/cerca`} class="mb-4">
        <Csrf token={props.csrf} />
        <Field
          id="q"
          type="search"
          label={t('add.searchLabel')}
          value={props.query}
          maxLength={200}
          error={errorOf(props.errors, 'q')}
        />
        <button type="submit" class="btn btn-primary">
          {t('add.search')}
        </button>
      </form>
      {results && results.length > 0 ? (
        <table class="table">
          <caption>{t('add.results', { n: results.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.name')}</th>
              <th scope="col">{t('col.details')}</th>
              <th scope="col">{t('col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {results
              .filter((r) => r.id !== person.id)
              .map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <PersonLink id={r.id} name={r.name} confidential={r.confidential} t={t} />
                  </th>
                  <td>{[r.birthYear, r.neighbourhood].filter(Boolean).join(' · ')}</td>
                  <td>
                    <a
                      href={`${base}/nucleo/aggiungi?persona=${r.id}`}
                      aria-label={t('add.chooseOf', { name: r.name })}
                    >
                      {t('add.choose')}
                    </a>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      ) : null}
      {results && results.length === 0 ? (
        <p class="alert alert-info" role="status">
          {t('add.empty')}
        </p>
      ) : null}
      <p>
        <a href={`/operatori/persone/nuova?per=${person.id}`} class="btn btn-outline-primary me-3">
          {t('add.registerNew')}
        </a>
        <a href={`${base}#nucleo`}>{t('add.back')}</a>
      </p>
    </Layout>
  );
}

/** Record that a member left; for the reference person, first choose who takes their place. */
export function HouseholdLeavePage(props: {
  page: PageCtx;
  csrf: string;
  person: { id: string; name: string };
  household: Household;
  member: MemberView;
  leftOn?: string | undefined;
  errors?: ShownError[];
}) {
  const { page, household, member } = props;
  const t = hmsgs(page);
  const base = personUrl(props.person.id);
  const others = household.members.filter((m) => m.personId !== member.personId);
  const referenceFirst = member.relationship === 'reference' && others.length > 0;
  const summary = (props.errors ?? []).map((e) => ({ href: `#${e.id}`, text: e.message }));
  return (
    <Layout page={page} title={t('leave.title')} crumbs={crumbs(page, props.person, t('leave.title'))}>
      <h1>{t('leave.title')}</h1>
      <ErrorSummary title={t('err.summary')} items={summary} />
      <p class="lead">{t('leave.lead', { name: member.name })}</p>
      {referenceFirst ? (
        <>
          <div class="alert alert-warning">{t('leave.referenceFirst')}</div>
          <form method="post" action={`${base}/nucleo/uscita/${member.personId}/riferimento`}>
            <h2 class="h4 mb-4">{t('ref.title')}</h2>
            <Csrf token={props.csrf} />
            <input type="hidden" name="householdId" value={household.id} />
            <Select
              id="next"
              label={t('ref.next')}
              options={others.map((m) => ({ value: m.personId, label: m.name }))}
            />
            <Select
              id="previousAs"
              label={t('ref.previousAs', { name: member.name })}
              value="other"
              options={MEMBER_RELATIONSHIPS.map((r) => ({ value: r, label: t(`rel.${r}`) }))}
            />
            <button type="submit" class="btn btn-primary">
              {t('ref.submit')}
            </button>
          </form>
        </>
      ) : (
        <form method="post" action={`${base}/nucleo/uscita/${member.personId}`}>
          <Csrf token={props.csrf} />
          <input type="hidden" name="householdId" value={household.id} />
          <Field
            id="leftOn"
            type="date"
            label={t('leave.leftOn')}
            hint={t('add.dateHint')}
            value={props.leftOn}
            error={errorOf(props.errors, 'leftOn')}
          />
          <button type="submit" class="btn btn-primary me-3">
            {t('leave.submit')}
          </button>
          <a href={`${base}#nucleo`}>{t('add.back')}</a>
        </form>
      )}
    </Layout>
  );
}
