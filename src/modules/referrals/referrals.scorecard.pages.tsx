import type { App } from '../../platform/http/app.ts';
import { ctxOf, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { partnerScorecards, type Scorecard } from './partner.service.ts';
import type { ReferralDeps } from './referrals.routes.ts';
import { tOf } from './referrals.views.tsx';

export const SCORECARD_PATH = '/operatori/invii/schede-partner';

/**
 * Partner scorecards for coordinators: the same service as `GET /api/v1/referrals/scorecards`
 * (permission `referral.scorecard`, audited; a refusal is audited and answered 403).
 */
export function registerScorecardPage(app: App, deps: ReferralDeps): void {
  app.get(SCORECARD_PATH, { schema: { hide: true } }, async (request, reply) => {
    requireOperator(request);
    const cards = await partnerScorecards(ctxOf(request, deps));
    return sendPage(reply, <ScorecardPage page={pageCtx(request, reply)} cards={cards} />);
  });
}

function ScorecardPage({ page, cards }: { page: PageCtx; cards: Scorecard[] }) {
  const t = tOf(page);
  const num = new Intl.NumberFormat(page.locale === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 1 });
  const show = (n: number | null, suffix = '') => (n === null ? t('scorecard.na') : `${num.format(n)}${suffix}`);
  const sorted = [...cards].sort((a, b) => b.sent - a.sent || a.name.localeCompare(b.name));
  return (
    <Layout
      page={page}
      title={t('scorecard.title')}
      crumbs={[{ label: t('list.title'), href: '/operatori/invii' }, { label: t('scorecard.title') }]}
    >
      <h1>{t('scorecard.title')}</h1>
      <p>{t('scorecard.lead')}</p>
      {sorted.length === 0 ? (
        <p>{t('scorecard.empty')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table" id="scorecards">
            <caption>{t('scorecard.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('scorecard.col.organization')}</th>
                <th scope="col">{t('scorecard.col.sent')}</th>
                <th scope="col">{t('scorecard.col.answered')}</th>
                <th scope="col">{t('scorecard.col.median')}</th>
                <th scope="col">{t('scorecard.col.acceptance')}</th>
                <th scope="col">{t('scorecard.col.completion')}</th>
                <th scope="col">{t('scorecard.col.expired')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((c) => (
                <tr>
                  <th scope="row">{c.name || t('scorecard.unnamed')}</th>
                  <td>{num.format(c.sent)}</td>
                  <td>{num.format(c.answered)}</td>
                  <td>{show(c.medianResponseHours)}</td>
                  <td>{show(c.acceptanceRate, '%')}</td>
                  <td>{show(c.completionRate, '%')}</td>
                  <td>{num.format(c.expired)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
