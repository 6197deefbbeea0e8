import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Icon, Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { duplicatesMessages } from './duplicates.messages.ts';
import type { Comparison } from './duplicates.service.ts';
import { compareHref, day, fileHref, reasonsText, type T } from './duplicates.views.tsx';
import type { Person } from './people.service.ts';

function birthDate(p: Person) {
  const { year, month, day: d } = p.birthDate;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (year === null) return '';
  if (month === null) return String(year);
  return d === null ? `${pad(month)}/${year}` : `${pad(d)}/${pad(month)}/${year}`;
}

function address(p: Person, t: T) {
  const a = p.address;
  const place = [a.street, a.houseNumber].filter(Boolean).join(' ');
  const town = [a.postcode, a.municipalityName].filter(Boolean).join(' ');
  return [t(`address.${a.kind as 'unknown'}`), place, town].filter(Boolean).join(', ');
}

/** The rows of the comparison: what a worker checks to tell two people apart. */
function fields(p: Person, t: T, locale: string): [string, string][] {
  return [
    [t('field.familyNames'), p.familyNames],
    [t('field.givenNames'), p.givenNames],
    [t('field.sex'), p.sex ? t(`sex.${p.sex}`) : ''],
    [t('field.birthDate'), birthDate(p)],
    [t('field.birthplace'), p.birthplace ? `${p.birthplace.name ?? ''} (${p.birthplace.code})` : ''],
    [t('field.citizenships'), p.citizenships.join(', ')],
    [t('field.taxCode'), p.taxCode ?? ''],
    [t('field.identifiers'), p.identifiers.map((i) => `${i.kind} ${i.value}`).join(', ')],
    [t('field.languages'), p.languages.join(', ')],
    [t('field.phone'), p.phone ?? ''],
    [t('field.email'), p.email ?? ''],
    [t('field.contactPreference'), t(`contact.${p.contactPreference as 'any'}`)],
    [t('field.address'), address(p, t)],
    [t('field.neighbourhood'), p.neighbourhood?.name ?? ''],
    [t('field.confidential'), p.confidential ? t('value.yes') : t('value.no')],
    [t('field.createdAt'), day(new Date(p.createdAt), locale)],
  ];
}

function Restricted(props: { id: string; t: T }) {
  return (
    <Alert kind="warning">
      {props.t('compare.restricted')} <a href={fileHref(props.id)}>{props.t('compare.openFile')}</a>
    </Alert>
  );
}

function ComparisonTable(props: { a: Person; b: Person; t: T; locale: string }) {
  const { t } = props;
  const left = fields(props.a, t, props.locale);
  const right = fields(props.b, t, props.locale);
  return (
    <div class="table-responsive">
      <table class="table">
        <caption>{t('compare.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compare.field')}</th>
            <th scope="col">
              <a href={fileHref(props.a.id)}>{t('compare.first')}</a>
            </th>
            <th scope="col">
              <a href={fileHref(props.b.id)}>{t('compare.second')}</a>
            </th>
            <th scope="col">{t('compare.check')}</th>
          </tr>
        </thead>
        <tbody>
          {left.map(([label, va], i) => {
            const vb = right[i]?.[1] ?? '';
            const differs = va !== vb;
            // A difference is said in words and marked with an icon, not shown by colour alone.
            return (
              <tr key={label} class={differs ? 'table-warning' : undefined}>
                <th scope="row">{label}</th>
                <td>{va || t('compare.empty')}</td>
                <td>{vb || t('compare.empty')}</td>
                <td>
                  {differs ? (
                    <strong>
                      <Icon name="it-error" className="icon icon-sm me-1" />
                      {t('compare.different')}
                    </strong>
                  ) : (
                    t('compare.same')
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export type CompareNotice = 'alreadyMerged' | 'stale' | 'samePerson';

/** Side-by-side page: both records field by field, then the decision (merge keeping one, or not the same). */
export function ComparePage(props: {
  page: PageCtx;
  comparison: Comparison;
  csrf: string;
  notice?: CompareNotice | undefined;
}) {
  const { page, comparison: c } = props;
  const t = messagesFor(duplicatesMessages, page.locale);
  const a = c.a.kind === 'person' ? c.a.person : undefined;
  const b = c.b.kind === 'person' ? c.b.person : undefined;
  const aId = c.a.kind === 'person' ? c.a.person.id : c.a.id;
  const bId = c.b.kind === 'person' ? c.b.person.id : c.b.id;
  const action = (suffix: string) => `${compareHref(aId, bId)}/${suffix}`;
  const notices: Record<CompareNotice, string> = {
    alreadyMerged: t('compare.alreadyMerged'),
    stale: t('compare.stale'),
    samePerson: t('compare.samePerson'),
  };
  return (
    <Layout
      page={page}
      title={t('compare.title')}
      crumbs={[
        { label: page.t('ops.title'), href: '/operatori' },
        ...(a ? [{ label: `${a.familyNames} ${a.givenNames}`, href: fileHref(a.id) }] : []),
        { label: t('compare.title') },
      ]}
    >
      <h1>{t('compare.title')}</h1>
      {props.notice ? <Alert kind="danger">{notices[props.notice]}</Alert> : null}
      <p class="lead">{t('compare.lead')}</p>
      {c.a.kind === 'restricted' ? <Restricted id={c.a.id} t={t} /> : null}
      {c.b.kind === 'restricted' ? <Restricted id={c.b.id} t={t} /> : null}
      {a && b ? (
        <>
          {c.reasons.length ? (
            <>
              <p class="mb-1">{t('compare.reasons')}</p>
              <ul>
                {reasonsText(t, c.reasons).map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('compare.noReasons')}</p>
          )}
          {c.notDuplicate ? <Alert kind="info">{t('compare.markedNotDuplicate')}</Alert> : null}
          <ComparisonTable a={a} b={b} t={t} locale={page.locale} />
          <h2>{t('compare.mergeTitle')}</h2>
          {c.mayMerge ? (
            <>
              <p id="merge-hint">{t('compare.mergeHint')}</p>
              <div class="d-flex flex-wrap gap-3 mb-4">
                {(['first', 'second'] as const).map((keep) => (
                  <form method="post" action={action('unisci')} key={keep}>
                    <Csrf token={props.csrf} />
                    <input type="hidden" name="keep" value={keep} />
                    <input type="hidden" name="versionA" value={String(a.version)} />
                    <input type="hidden" name="versionB" value={String(b.version)} />
                    <button type="submit" class="btn btn-primary" aria-describedby="merge-hint">
                      {t(keep === 'first' ? 'compare.keepFirst' : 'compare.keepSecond')}
                    </button>
                  </form>
                ))}
              </div>
            </>
          ) : (
            <p>{t('compare.noMergeRight')}</p>
          )}
          {c.notDuplicate ? null : (
            <form method="post" action={action('non-doppione')}>
              <Csrf token={props.csrf} />
              <button type="submit" class="btn btn-outline-primary">
                {t('compare.notDuplicate')}
              </button>
            </form>
          )}
        </>
      ) : null}
      <p class="mt-4">
        <a href={fileHref(aId)}>{t('back.file')}</a>
      </p>
    </Layout>
  );
}

export type UnmergeNotice = 'survivorMerged' | 'alreadyUndone' | 'incomplete';

/** Shown when an unmerge is refused, or done with rows that had changed since the merge. */
export function UnmergeOutcomePage(props: {
  page: PageCtx;
  notice: UnmergeNotice;
  survivorId: string;
  count?: number;
}) {
  const { page } = props;
  const t = messagesFor(duplicatesMessages, page.locale);
  const text =
    props.notice === 'incomplete'
      ? t('unmerge.incomplete', { count: props.count ?? 0 })
      : t(props.notice === 'survivorMerged' ? 'unmerge.survivorMerged' : 'unmerge.alreadyUndone');
  return (
    <Layout
      page={page}
      title={t('merges.undo')}
      crumbs={[{ label: page.t('ops.title'), href: '/operatori' }, { label: t('merges.undo') }]}
    >
      <h1>{t('merges.undo')}</h1>
      <Alert kind={props.notice === 'incomplete' ? 'warning' : 'danger'}>{text}</Alert>
      <p>
        <a href={fileHref(props.survivorId)}>{t('back.file')}</a>
      </p>
    </Layout>
  );
}
