import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { DomainError, NotFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { isUuid } from '../../platform/ids.ts';
import type { BookingDeps } from './booking.routes.tsx';
import { WindowLimit } from './ratelimit.ts';
import { requestT } from './request.messages.ts';
import { getReceipt, listAssistanceServices, requestStatus, submitRequest } from './request.service.ts';
import { EMPTY_REQUEST, requestFormFrom } from './request.validation.ts';
import { errorTexts, RequestDonePage, RequestFormPage, RequestStatusPage } from './request.views.tsx';

const Str = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const RequestBody = Type.Object({
  firstName: Str(400),
  lastName: Str(400),
  email: Str(400),
  service: Str(100),
  message: Str(6000),
  privacy: Str(5),
  _csrf: Str(),
});
const StatusBody = Type.Object({ number: Str(40), email: Str(400), _csrf: Str() });

/** Limits per client address and hour, shared by the page and the API (one process). */
export const requestLimits = {
  submit: new WindowLimit(10, 3_600_000),
  status: new WindowLimit(30, 3_600_000),
};

export const publicCtxOf = (request: FastifyRequest, deps: BookingDeps): Ctx => ({
  actor: { kind: 'anonymous', tenantId: request.tenant.id || undefined },
  requestId: request.id,
  clock: deps.clock,
  db: deps.db,
});

/** The request for assistance (richiesta di assistenza) and its status lookup: public, no login, no JavaScript. */
export function registerRequestPages(app: App, deps: BookingDeps): void {
  app.get('/richiesta-assistenza', { schema: { hide: true } }, async (request, reply) => {
    const services = await listAssistanceServices(deps.db, request.tenant.id);
    const q = request.query as Record<string, string | undefined>;
    const form = { ...EMPTY_REQUEST };
    if (q.servizio && services.some((s) => s.code === q.servizio)) form.service = q.servizio;
    return sendPage(
      reply,
      <RequestFormPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} services={services} form={form} />,
    );
  });

  app.post(
    '/richiesta-assistenza',
    { schema: { hide: true, body: RequestBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const page = pageCtx(request, reply);
      if (!requestLimits.submit.allow(request.ip, deps.clock.now().getTime())) {
        throw new DomainError(429, 'too-many-requests', requestT(page.locale)('tooMany'));
      }
      const form = requestFormFrom(request.body);
      const result = await submitRequest(publicCtxOf(request, deps), form, page.locale);
      if (result.kind === 'invalid') {
        const services = await listAssistanceServices(deps.db, request.tenant.id);
        return sendPage(
          reply,
          <RequestFormPage
            page={page}
            csrf={reply.generateCsrf()}
            services={services}
            form={form}
            errors={errorTexts(page, result.errors)}
          />,
          422,
        );
      }
      return reply.redirect(`/richiesta-assistenza/ricevuta/${result.receipt.id}`, 303);
    },
  );

  app.get('/richiesta-assistenza/ricevuta/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const receipt = isUuid(id) ? await getReceipt(deps.db, request.tenant.id, id) : undefined;
    if (!receipt) throw new NotFound('assistance_request');
    return sendPage(
      reply,
      <RequestDonePage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} receipt={receipt} />,
    );
  });

  app.get('/richiesta-assistenza/stato', { schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, <RequestStatusPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} />),
  );

  app.post(
    '/richiesta-assistenza/stato',
    { schema: { hide: true, body: StatusBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const page = pageCtx(request, reply);
      const t = requestT(page.locale);
      if (!requestLimits.status.allow(request.ip, deps.clock.now().getTime())) {
        throw new DomainError(429, 'too-many-requests', t('tooMany'));
      }
      const values = { number: (request.body.number ?? '').trim(), email: (request.body.email ?? '').trim() };
      const errors: Record<string, string> = {};
      if (!values.number) errors.number = t('status.number.required');
      if (!values.email) errors.email = t('status.email.required');
      if (Object.keys(errors).length > 0) {
        return sendPage(
          reply,
          <RequestStatusPage page={page} csrf={reply.generateCsrf()} values={values} errors={errors} />,
          422,
        );
      }
      const status = await requestStatus(publicCtxOf(request, deps), values.number, values.email);
      return sendPage(
        reply,
        <RequestStatusPage
          page={page}
          csrf={reply.generateCsrf()}
          values={status ? { number: values.number, email: '' } : values}
          notFound={!status}
          status={status}
        />,
      );
    },
  );
}
