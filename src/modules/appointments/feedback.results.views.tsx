import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type FeedbackKey, feedbackT } from './feedback.messages.ts';
import { type FeedbackResultsKey, feedbackResultsT } from './feedback.results.messages.ts';
import { COMMENTS_SHOWN, type FeedbackResults } from './feedback.results.service.ts';
import { formatDay } from './request.messages.ts';

/** Widget keys with a readable name; any other key is shown as it is. */
const KNOWN_PAGES = ['prenota', 'richiesta-assistenza', 'pagina'] as const;

export function FeedbackResultsPage({ page, results: r }: { page: PageCtx; results: FeedbackResults }) {
  const t = feedbackResultsT(page.locale);
  const tf = feedbackT(page.locale);
  const label = (key: string) =>
    (KNOWN_PAGES as readonly string[]).includes(key) ? t(`page.${key}` as FeedbackResultsKey) : key;
  const aspectLabel = (side: string, aspect: string) => {
    const k = `${side}.${aspect}` as FeedbackKey;
    return /^(negative|positive)\.[a-z_]+$/.test(k) ? tf(k) : aspect;
  };
  const fmt = new Intl.NumberFormat(page.locale === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 1 });
  return (
    <Layout
      page={page}
      title={t('title')}
      crumbs={[{ label: page.t('site.operatorArea'), href: '/operatori' }, { label: t('title') }]}
    >
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form method="get" action="/operatori/valutazioni" class="d-flex flex-wrap gap-3 align-items-end mb-4">
        <div class="form-group mb-0">
          <label for="dal" class="active">
            {t('from')}
          </label>
          <input id="dal" name="dal" type="date" class="form-control" value={r.from} />
        </div>
        <div class="form-group mb-0">
          <label for="al" class="active">
            {t('to')}
          </label>
          <input id="al" name="al" type="date" class="form-control" value={r.to} />
        </div>
        <button type="submit" class="btn btn-outline-primary">
          {t('show')}
        </button>
      </form>
      <p>{t('period', { from: formatDay(page.locale, r.from), to: formatDay(page.locale, r.to) })}</p>
      {r.pages.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table" data-testid="feedback-pages">
            <caption>{t('pages.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pages.page')}</th>
                <th scope="col">{t('pages.total')}</th>
                <th scope="col">{t('pages.average')}</th>
                {[1, 2, 3, 4, 5].map((n) => (
                  <th scope="col" key={n}>
                    {t('pages.stars', { n })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {r.pages.map((p) => (
                <tr key={p.page}>
                  <th scope="row">{label(p.page)}</th>
                  <td>{p.total}</td>
                  <td>{p.average === null ? '—' : fmt.format(p.average)}</td>
                  {p.stars.map((n, i) => (
                    <td key={String(i)}>{n}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {r.pages.some((p) => p.aspects.length > 0) ? <h2 class="h4 mt-4">{t('aspects.title')}</h2> : null}
      {r.pages
        .filter((p) => p.aspects.length > 0)
        .map((p) => (
          <table class="table" key={p.page}>
            <caption>{t('aspects.caption', { page: label(p.page) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('aspects.side')}</th>
                <th scope="col">{t('aspects.aspect')}</th>
                <th scope="col">{t('aspects.n')}</th>
              </tr>
            </thead>
            <tbody>
              {p.aspects.map((a) => (
                <tr key={`${a.side}.${a.aspect}`}>
                  <td>{tf(`${a.side}.question` as FeedbackKey)}</td>
                  <th scope="row">{aspectLabel(a.side, a.aspect)}</th>
                  <td>{a.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <h2 class="h4 mt-4">{t('comments.title')}</h2>
      {r.comments.length === 0 ? (
        <p>{t('comments.none')}</p>
      ) : (
        <table class="table" data-testid="feedback-comments">
          <caption>{t('comments.caption', { n: COMMENTS_SHOWN })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('comments.day')}</th>
              <th scope="col">{t('comments.page')}</th>
              <th scope="col">{t('comments.rating')}</th>
              <th scope="col">{t('comments.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {r.comments.map((c, i) => (
              <tr key={String(i)}>
                <td>{formatDay(page.locale, c.day)}</td>
                <td>{label(c.page)}</td>
                <td>{c.rating}</td>
                <td>{c.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
