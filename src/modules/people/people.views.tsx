import type { ComponentChildren, VNode } from 'preact';
import type { Ctx } from '../../platform/context.ts';
import { messagesFor } from '../../platform/i18n/index.ts';
import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { day, ErrorSummary, Facts, Field, TextArea, when } from './people.fields.tsx';
import { type PeopleMessage, peopleMessages } from './people.messages.ts';
import type { Person, SearchResult } from './people.service.ts';

type T = (key: PeopleMessage, params?: Record<string, string | number>) => string;
const msgs = (page: PageCtx): T => messagesFor(peopleMessages, page.locale);
const peopleCrumbs = (page: PageCtx, t: T) => [
  { label: page.t('ops.title'), href: '/operatori' },
  { label: t('search.title'), href: '/operatori/persone' },
];

/** What a section of the person file gets: the page furniture, a CSRF token for its forms, the request's ctx. */
export interface FilePage extends PageCtx {
  ctx: Ctx;
  csrf: string;
}

/**
 * One section of the person file (household, privacy and consents, …). Sections may load data, so a
 * section returns its markup or a promise of it; `null` hides it. Add one by listing it in
 * FILE_SECTIONS (people.pages.tsx).
 */
export type FileSection = (input: { person: Person; page: FilePage }) => VNode | null | Promise<VNode | null>;

/** The frame every file section uses: a landmark named by its h2. */
export function FileSectionFrame(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="mb-5" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`} class="h3 border-bottom pb-2">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

export function ConfidentialBadge({ t }: { t: T }) {
  return <span class="badge bg-danger ms-2">{t('search.confidential')}</span>;
}

export function SearchPage(props: {
  page: PageCtx;
  csrf: string;
  query?: string;
  results?: SearchResult[] | undefined;
  error?: string | undefined;
}) {
  const { page, results } = props;
  const t = msgs(page);
  return (
    <Layout
      page={page}
      title={t('search.title')}
      crumbs={[{ label: page.t('ops.title'), href: '/operatori' }, { label: t('search.title') }]}
    >
      <h1>{t('search.title')}</h1>
      <p class="lead mb-5">{t('search.lead')}</p>
      <ErrorSummary title={t('form.errorSummary')} items={props.error ? [{ href: '#q', text: props.error }] : []} />
      <form method="post" action="/operatori/persone/cerca" class="mb-4">
        <Csrf token={props.csrf} />
        <Field
          id="q"
          type="search"
          label={t('search.label')}
          hint={t('search.hint')}
          value={props.query}
          error={props.error}
          maxLength={200}
        />
        <button type="submit" class="btn btn-primary">
          {t('search.submit')}
        </button>
      </form>
      {results && results.length > 0 ? (
        <div class="table-responsive">
          <table class="table">
            <caption>{t('search.caption', { n: results.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('search.name')}</th>
                <th scope="col">{t('search.birthYear')}</th>
                <th scope="col">{t('search.neighbourhood')}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={`/operatori/persone/${r.id}`}>{r.name}</a>
                    {r.confidential ? <ConfidentialBadge t={t} /> : null}
                  </th>
                  <td>{r.birthYear ?? t('common.unknown')}</td>
                  <td>{r.neighbourhood ?? t('common.unknown')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {results && results.length === 0 ? (
        <p class="alert alert-info" role="status">
          {t('search.empty')}
        </p>
      ) : null}
      <p>
        <a href="/operatori/persone/nuova" class="btn btn-outline-primary">
          {t('search.createNew')}
        </a>
      </p>
    </Layout>
  );
}

export function birthDateText(d: Person['birthDate'], t: T): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d.year === null) return t('file.dateUnknown');
  if (d.month === null) return String(d.year);
  if (d.day === null) return `${pad(d.month)}/${d.year}`;
  return `${pad(d.day)}/${pad(d.month)}/${d.year}`;
}

function CoreSections({ person: p, page, t }: { person: Person; page: PageCtx; t: T }) {
  const none = t('common.unknown');
  const address = p.address;
  const street = [address.street, address.houseNumber].filter(Boolean).join(' ');
  const place = [address.postcode, address.municipalityName].filter(Boolean).join(' ');
  return (
    <>
      <FileSectionFrame id="identita" title={t('file.identity')}>
        <Facts
          items={[
            [t('field.familyNames'), p.familyNames],
            [t('field.givenNames'), p.givenNames],
            [t('field.sex'), p.sex ? t(`sex.${p.sex}`) : t('sex.none')],
            [t('field.citizenships'), p.citizenships.join(', ') || none],
            [t('field.languages'), p.languages.join(', ') || none],
            [t('field.interpreterNeeded'), p.interpreterNeeded ? t('common.yes') : t('common.no')],
          ]}
        />
      </FileSectionFrame>
      <FileSectionFrame id="nascita" title={t('file.birth')}>
        <Facts
          items={[
            [t('file.birthDate'), birthDateText(p.birthDate, t)],
            [t('file.birthplace'), p.birthplace ? `${p.birthplace.name ?? ''} (${p.birthplace.code})` : none],
          ]}
        />
      </FileSectionFrame>
      <FileSectionFrame id="documenti" title={t('file.documents')}>
        <Facts
          items={[
            [t('field.taxCode'), p.taxCode ? <code>{p.taxCode}</code> : none],
            ...(p.taxCodeMismatchReason
              ? [[t('field.taxCodeMismatchReason'), p.taxCodeMismatchReason] as [string, string]]
              : []),
          ]}
        />
        {p.identifiers.length === 0 ? (
          <p>{t('file.noDocuments')}</p>
        ) : (
          <table class="table table-sm">
            <caption>{t('file.documentsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('field.identifierKind')}</th>
                <th scope="col">{t('field.identifierValue')}</th>
                <th scope="col">{t('field.identifierIssuer')}</th>
                <th scope="col">{t('field.identifierValidUntil')}</th>
              </tr>
            </thead>
            <tbody>
              {p.identifiers.map((i) => (
                <tr key={i.kind + i.value}>
                  <th scope="row">{t(`idkind.${i.kind}` as PeopleMessage)}</th>
                  <td>{i.value}</td>
                  <td>{i.issuer ?? '—'}</td>
                  <td>{i.validUntil ? day(i.validUntil, page.locale) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </FileSectionFrame>
      <FileSectionFrame id="contatti" title={t('file.contacts')}>
        <Facts
          items={[
            [t('field.phone'), p.phone ?? none],
            [t('field.email'), p.email ?? none],
            [
              t('field.contactPreference'),
              p.contactPreference === 'do_not_contact' ? (
                <strong class="text-danger">{t('contact.do_not_contact')}</strong>
              ) : (
                t(`contact.${p.contactPreference}` as PeopleMessage)
              ),
            ],
          ]}
        />
      </FileSectionFrame>
      <FileSectionFrame id="indirizzo" title={t('file.address')}>
        <Facts
          items={[
            [t('field.addressKind'), t(`address.${address.kind}` as PeopleMessage)],
            ...(street || place
              ? [[t('field.street'), [street, place].filter(Boolean).join(', ')] as [string, string]]
              : []),
            [t('file.neighbourhood'), p.neighbourhood?.name ?? t('file.officeUnknown')],
            [t('file.office'), p.office?.name ?? t('file.officeUnknown')],
          ]}
        />
      </FileSectionFrame>
    </>
  );
}

export interface TimelineEntry {
  at: string;
  text: string;
}

function Timeline({ t, page, entries }: { t: T; page: PageCtx; entries: TimelineEntry[] }) {
  const sorted = [...entries].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <FileSectionFrame id="cronologia" title={t('file.timeline')}>
      <ol class="list-unstyled">
        {sorted.map((e) => (
          <li key={e.at + e.text} class="mb-2">
            <time dateTime={e.at}>{when(e.at, page.locale)}</time> — {e.text}
          </li>
        ))}
      </ol>
      <p class="text-muted">{t('file.timelineLead')}</p>
    </FileSectionFrame>
  );
}

export function PersonFilePage(props: { page: PageCtx; person: Person; sections: VNode[]; saved?: boolean }) {
  const { page, person: p } = props;
  const t = msgs(page);
  const name = `${p.familyNames} ${p.givenNames}`;
  const entries: TimelineEntry[] = [{ at: p.createdAt, text: t('file.created') }];
  if (p.updatedAt !== p.createdAt) entries.push({ at: p.updatedAt, text: t('file.updated', { version: p.version }) });
  return (
    <Layout page={page} title={name} crumbs={[...peopleCrumbs(page, t), { label: name }]}>
      <h1>
        {name}
        {p.confidential ? <ConfidentialBadge t={t} /> : null}
      </h1>
      {props.saved ? (
        <div class="alert alert-success" role="status">
          {t('file.saved')}
        </div>
      ) : null}
      {p.contactPreference === 'do_not_contact' ? (
        <div class="alert alert-danger border-3" id="non-contattare">
          <p class="h4 mb-1">{t('file.doNotContact')}</p>
          <p class="mb-0">{t('file.doNotContactBody')}</p>
        </div>
      ) : null}
      <p>
        <a href={`/operatori/persone/${p.id}/modifica`} class="btn btn-primary">
          {t('file.edit')}
        </a>
      </p>
      <CoreSections person={p} page={page} t={t} />
      {props.sections}
      <Timeline t={t} page={page} entries={entries} />
    </Layout>
  );
}

export function RestrictedPage(props: { page: PageCtx; csrf: string; id: string; reason?: string; error?: string }) {
  const { page } = props;
  const t = msgs(page);
  return (
    <Layout
      page={page}
      title={t('restricted.title')}
      crumbs={[...peopleCrumbs(page, t), { label: t('restricted.title') }]}
    >
      <h1>{t('restricted.title')}</h1>
      <ErrorSummary
        title={t('form.errorSummary')}
        items={props.error ? [{ href: '#reason', text: props.error }] : []}
      />
      <p class="lead">{t('restricted.lead')}</p>
      <p>{t('restricted.logged')}</p>
      <form method="post" action={`/operatori/persone/${props.id}/motivo`}>
        <Csrf token={props.csrf} />
        <TextArea
          id="reason"
          label={t('restricted.reason')}
          hint={t('restricted.reasonHint')}
          value={props.reason}
          error={props.error}
          maxLength={1000}
          required
        />
        <button type="submit" class="btn btn-primary">
          {t('restricted.submit')}
        </button>
      </form>
    </Layout>
  );
}
