import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { feedbackResults } from './feedback.results.service.ts';
import { FeedbackResultsPage } from './feedback.results.views.tsx';

const Day = Type.Optional(Type.String({ maxLength: 10 }));

/** `/operatori/valutazioni`: the feedback widget's results for coordinators (feedback.read). */
export function registerFeedbackResultsPage(app: App, deps: RouteDeps): void {
  app.get(
    '/operatori/valutazioni',
    { schema: { hide: true, querystring: Type.Object({ dal: Day, al: Day }) } },
    async (request, reply) => {
      requireOperator(request);
      const q = request.query;
      const results = await feedbackResults(ctxOf(request, deps), {
        ...(q.dal ? { from: q.dal } : {}),
        ...(q.al ? { to: q.al } : {}),
      });
      return sendPage(reply, <FeedbackResultsPage page={pageCtx(request, reply)} results={results} />);
    },
  );
}
