import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { duplicatesMessages } from './duplicates.messages.ts';
import type { DuplicatesSectionData } from './duplicates.service.ts';
import type { DuplicateReason } from './people.duplicates.ts';

export type T = ReturnType<typeof messagesFor<keyof typeof duplicatesMessages.it>>;

export const fileHref = (id: string) => `/operatori/persone/${id}`;
export const compareHref = (id: string, other: string) => `/operatori/persone/${id}/confronta/${other}`;

export const day = (d: Date, locale: string) =>
  new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Rome',
  }).format(d);

export const reasonsText = (t: T, reasons: readonly DuplicateReason[]) => reasons.map((r) => t(`reason.${r}`));

/**
 * The "Possibili doppioni" and "Unioni" sections of a person file. Data from duplicatesSection(ctx, id);
 * the forms post with the page's CSRF token.
 */
export function DuplicatesSection(props: { page: PageCtx; data: DuplicatesSectionData; csrf: string }) {
  const { page, data } = props;
  const t = messagesFor(duplicatesMessages, page.locale);
  return (
    <>
      <section class="mb-5" id="duplicates" aria-labelledby="duplicates-title">
        <h2 id="duplicates-title" class="h3 border-bottom pb-2">
          {t('section.title')}
        </h2>
        {data.mergedInto ? (
          <Alert kind="info">
            {t('section.mergedInto')} <a href={fileHref(data.mergedInto)}>{t('section.openSurvivor')}</a>
          </Alert>
        ) : data.candidates.length === 0 ? (
          <p>{t('section.none')}</p>
        ) : (
          <>
            <p>{t('section.lead')}</p>
            <div class="table-responsive">
              <table class="table">
                <caption>{t('section.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('section.name')}</th>
                    <th scope="col">{t('section.birthYear')}</th>
                    <th scope="col">{t('section.reasons')}</th>
                    <th scope="col">{t('section.action')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.candidates.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">{c.name}</th>
                      <td>{c.birthYear ?? t('compare.empty')}</td>
                      <td>
                        <ul class="mb-0 ps-3">
                          {reasonsText(t, c.reasons).map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        <a href={compareHref(data.personId, c.id)}>{t('section.compare', { name: c.name })}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      {data.merges.length > 0 ? <MergeHistory page={page} data={data} csrf={props.csrf} t={t} /> : null}
    </>
  );
}

function MergeHistory(props: { page: PageCtx; data: DuplicatesSectionData; csrf: string; t: T }) {
  const { page, data, t } = props;
  return (
    <section class="mb-5" id="merges" aria-labelledby="merges-title">
      <h2 id="merges-title" class="h3 border-bottom pb-2">
        {t('merges.title')}
      </h2>
      <div class="table-responsive">
        <table class="table">
          <caption>{t('merges.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('merges.when')}</th>
              <th scope="col">{t('merges.kept')}</th>
              <th scope="col">{t('merges.merged')}</th>
              <th scope="col">{t('merges.by')}</th>
              <th scope="col">{t('merges.state')}</th>
            </tr>
          </thead>
          <tbody>
            {data.merges.map((m) => (
              <tr key={m.id}>
                <th scope="row">{day(m.mergedAt, page.locale)}</th>
                <td>
                  <a href={fileHref(m.survivor.id)}>{m.survivor.name}</a>
                </td>
                <td>
                  <a href={fileHref(m.merged.id)}>{m.merged.name}</a>
                </td>
                <td>{m.mergedBy}</td>
                <td>
                  {m.undoneAt ? (
                    t('merges.undone', { date: day(m.undoneAt, page.locale), name: m.undoneBy ?? '' })
                  ) : data.mayMerge ? (
                    <form method="post" action={`/operatori/persone/unioni/${m.id}/annulla`}>
                      <Csrf token={props.csrf} />
                      <button type="submit" class="btn btn-outline-primary btn-sm" aria-describedby={`undo-${m.id}`}>
                        {t('merges.undo')}
                      </button>
                      <small id={`undo-${m.id}`} class="d-block">
                        {t('merges.undoHint')}
                      </small>
                    </form>
                  ) : (
                    t('merges.active')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
