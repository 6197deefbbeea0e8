import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import { feedbackT } from './feedback.messages.ts';
import { explainRating, rateService } from './feedback.service.ts';
import { FeedbackFollowUpPage, FeedbackThanksPage, FeedbackWidget } from './feedback.views.tsx';

const Str = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const RateBody = Type.Object({ page: Str(80), question: Str(10), rating: Str(2), _csrf: Str() });
const DetailBody = Type.Object({ id: Str(40), rating: Str(2), aspect: Str(40), comment: Str(4000), _csrf: Str() });

/** Anonymous ratings (Modello Comuni feedback widget): no cookie, no link to a booking or a person. */
export function registerFeedbackPages(app: App, deps: RouteDeps): void {
  app.post(
    '/valuta',
    { schema: { hide: true, body: RateBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const b = request.body;
      const page = pageCtx(request, reply);
      const rating = Number(b.rating);
      const result = await rateService(deps, request.tenant.id, { page: b.page ?? '', rating });
      if (!result) {
        const question = b.question === 'page' ? 'page' : 'service';
        return sendPage(
          reply,
          <Layout page={page} title={feedbackT(page.locale)('title')}>
            <FeedbackWidget
              page={page}
              csrf={reply.generateCsrf()}
              pageKey={/^[a-z0-9_/-]{1,80}$/.test(b.page ?? '') ? (b.page ?? 'pagina') : 'pagina'}
              question={question}
              error={feedbackT(page.locale)('error.rating')}
            />
          </Layout>,
          422,
        );
      }
      return sendPage(
        reply,
        <FeedbackFollowUpPage page={page} csrf={reply.generateCsrf()} id={result} rating={rating} />,
      );
    },
  );

  app.post(
    '/valuta/dettagli',
    { schema: { hide: true, body: DetailBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const b = request.body;
      const page = pageCtx(request, reply);
      const comment = (b.comment ?? '').trim();
      const rating = Number(b.rating) || 5;
      if ([...comment].length > 200) {
        return sendPage(
          reply,
          <FeedbackFollowUpPage
            page={page}
            csrf={reply.generateCsrf()}
            id={b.id ?? ''}
            rating={rating}
            values={{ aspect: b.aspect ?? '', comment }}
            errors={{ comment: feedbackT(page.locale)('error.tooLong') }}
          />,
          422,
        );
      }
      await explainRating(deps, request.tenant.id, { id: b.id ?? '', rating, aspect: b.aspect ?? '', comment });
      return sendPage(reply, <FeedbackThanksPage page={page} />);
    },
  );
}
