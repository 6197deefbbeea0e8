import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { type FieldError, StaleReferral } from './referrals.access.ts';
import { mOf } from './referrals.file.tsx';
import type { ReferralDeps } from './referrals.routes.ts';
import { baseUrlOf } from './referrals.routes.ts';
import { ErrorSummaryFor, SenderForms } from './referrals.sender.views.tsx';
import type { ReferralResult } from './referrals.service.ts';
import { getReferral } from './referrals.service.ts';
import { cancelReferral, respondReferral, sendReferral } from './referrals.transition.ts';
import { ReferralPage, tOf } from './referrals.views.tsx';

const Str = (max = 4000) => Type.Optional(Type.String({ maxLength: max }));
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const VersionBody = Type.Object({ version: Str(12), _csrf: Str() });
const CancelBody = Type.Object({ version: Str(12), reason: Str(1000), _csrf: Str() });
const AnswerBody = Type.Object({
  to: Str(40),
  version: Str(12),
  reasonCode: Str(40),
  outcome: Str(40),
  note: Str(),
  _csrf: Str(),
});

interface Shown {
  errors?: FieldError[];
  answerError?: string;
  notice?: string;
  conflict?: string;
}

/**
 * The sender's referral page: status, closed loop and history, and the sender's moves — send a draft,
 * cancel with a reason, record an internal area's or public body's answer, withdraw the consent. A stale
 * version or a move no longer possible comes back as the page with the current state (409).
 */
export function registerSenderPages(app: App, deps: ReferralDeps): void {
  const page = async (request: FastifyRequest, reply: FastifyReply, id: string, shown: Shown = {}, status = 200) => {
    const r = await getReferral(ctxOf(request, deps), id);
    const p = pageCtx(request, reply);
    const t = tOf(p);
    return sendPage(
      reply,
      <ReferralPage
        page={p}
        r={r}
        crumbs={[{ label: t('list.title'), href: '/operatori/invii' }, { label: r.code }]}
        notice={shown.notice}
        top={<ErrorSummaryFor page={p} errors={shown.errors ?? []} conflict={shown.conflict} />}
      >
        <SenderForms
          page={p}
          csrf={reply.generateCsrf()}
          r={r}
          errors={shown.errors ?? []}
          answerError={shown.answerError}
        />
      </ReferralPage>,
      status,
    );
  };

  app.get('/operatori/invii/:id', { schema: { hide: true, params: Id } }, async (request, reply) => {
    // A partner user reads a referral in the partner area, with only the shared fields.
    if (requireOperator(request).role === 'partner')
      return reply.redirect(`/partner/invii/${encodeURIComponent(request.params.id)}`, 303);
    return page(request, reply, request.params.id);
  });

  /** Runs a move; 422 with the errors, 409 with the current state, else back to the page. */
  const move = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    run: () => Promise<ReferralResult>,
    invalid: (errors: FieldError[]) => Shown,
  ) => {
    const m = mOf(pageCtx(request, reply).locale);
    const id = request.params.id;
    try {
      const result = await run();
      if (result.kind === 'invalid') return page(request, reply, id, invalid(result.errors), 422);
    } catch (e) {
      if (e instanceof DomainError && e.status === 409) {
        const stale = e instanceof StaleReferral;
        return page(request, reply, id, { conflict: m(stale ? 'sender.conflict' : 'sender.notNow') }, 409);
      }
      throw e;
    }
    return reply.redirect(`/operatori/invii/${id}`, 303);
  };

  app.post(
    '/operatori/invii/:id/invia',
    { schema: { hide: true, params: Id, body: VersionBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const ctx = ctxOf(request, deps);
      return move(
        request,
        reply,
        () =>
          sendReferral(
            ctx,
            request.params.id,
            { version: Number(request.body.version ?? 0) },
            { mailer: deps.mailer, baseUrl: baseUrlOf(request) },
          ),
        (errors) => ({ errors }),
      );
    },
  );

  app.post(
    '/operatori/invii/:id/annulla',
    { schema: { hide: true, params: Id, body: CancelBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      return move(
        request,
        reply,
        () =>
          cancelReferral(ctxOf(request, deps), request.params.id, {
            version: Number(b.version ?? 0),
            reason: b.reason ?? '',
          }),
        (errors) => ({ errors }),
      );
    },
  );

  app.post(
    '/operatori/invii/:id/risposta',
    { schema: { hide: true, params: Id, body: AnswerBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const t = tOf(pageCtx(request, reply));
      return move(
        request,
        reply,
        () =>
          respondReferral(ctxOf(request, deps), request.params.id, {
            to: (b.to ?? '') as 'accepted',
            version: Number(b.version ?? 0),
            reasonCode: b.reasonCode,
            outcome: b.outcome,
            note: b.note,
          }),
        (errors) => ({
          answerError: t(errors.some((e) => e.code === 'required') ? 'error.required' : 'error.invalid'),
        }),
      );
    },
  );
}
