import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { messagesFor } from '../../platform/i18n/index.ts';
import { isUuid } from '../../platform/ids.ts';
import { decideSuggestion, listSuggestions, suggestionForReview } from './suggestion.service.ts';
import { SuggestionReviewPage, SuggestionsPage } from './suggestion.views.tsx';
import { upkeepMessages } from './upkeep.messages.ts';
import type { FieldError } from './upkeep.service.ts';

/** The moderation queue of partners' suggestions (directory.manage). */
export function registerSuggestionPages(app: App, deps: RouteDeps): void {
  app.get<{ Querystring: { esito?: string } }>(
    '/operatori/servizi/proposte',
    { schema: { hide: true } },
    async (request, reply) => {
      requireOperator(request);
      const page = pageCtx(request, reply);
      const u = messagesFor(upkeepMessages, page.locale);
      const { esito } = request.query;
      const notice = esito === 'accettata' ? u('sug.accepted') : esito === 'rifiutata' ? u('sug.rejected') : undefined;
      const lists = await listSuggestions(ctxOf(request, deps));
      return sendPage(reply, <SuggestionsPage page={page} {...lists} notice={notice} />);
    },
  );

  const review = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { errors?: FieldError[]; reason?: string; conflict?: boolean } = {},
    status = 200,
  ) => {
    const { suggestion, current } = await suggestionForReview(ctxOf(request, deps), id);
    return sendPage(
      reply,
      <SuggestionReviewPage
        page={pageCtx(request, reply)}
        suggestion={suggestion}
        current={current}
        csrf={reply.generateCsrf()}
        {...extra}
      />,
      status,
    );
  };

  app.get<{ Params: { id: string } }>(
    '/operatori/servizi/proposte/:id',
    { schema: { hide: true } },
    async (request, reply) => {
      requireOperator(request);
      if (!isUuid(request.params.id)) throw new NotFound('suggestion');
      return review(request, reply, request.params.id);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/operatori/servizi/proposte/:id',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id } = request.params;
      if (!isUuid(id)) throw new NotFound('suggestion');
      const b = (request.body ?? {}) as Record<string, unknown>;
      const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
      const decision = s('decision') === 'accept' ? 'accept' : 'reject';
      const version = Number.parseInt(s('version'), 10);
      const result = Number.isFinite(version)
        ? await decideSuggestion(ctxOf(request, deps), id, version, decision, s('reason'))
        : ({ kind: 'conflict' } as const);
      if (result.kind === 'saved')
        return reply.redirect(
          `/operatori/servizi/proposte?esito=${decision === 'accept' ? 'accettata' : 'rifiutata'}`,
          303,
        );
      if (result.kind === 'invalid')
        return review(request, reply, id, { errors: result.errors, reason: s('reason') }, 422);
      return review(request, reply, id, { conflict: true }, 409);
    },
  );
}
