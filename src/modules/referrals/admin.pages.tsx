import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { type AdminResult, createPartner, getReferralSettings, linkPartner, saveDeadlines } from './admin.service.ts';
import { ADMIN_URL, type AdminFailed, ReferralAdminPage } from './admin.views.tsx';
import { mOf } from './referrals.file.tsx';
import { DESTINATION_TYPES } from './referrals.model.ts';
import type { MoreMessageKey } from './referrals.more.messages.ts';

const Str = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const DeadlineBody = Type.Object(
  Object.fromEntries([
    ['_csrf', Str()],
    ...DESTINATION_TYPES.flatMap((t) =>
      ['responseDays', 'remindDaysBefore', 'followUpDays'].map((k) => [`${k}_${t}`, Str(5)]),
    ),
  ]) as Record<string, ReturnType<typeof Str>>,
);

/**
 * The admin page for referrals: partner accounts (create one for an organization, or link an existing
 * one) and response deadlines per destination type. Admins only (403 otherwise, audited by the service).
 * Passwords are never shown back.
 */
export function registerReferralAdminPages(app: App, deps: RouteDeps): void {
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { failed?: AdminFailed; notice?: string } = {},
    status = 200,
  ) => {
    const s = await getReferralSettings(ctxOf(request, deps));
    return sendPage(
      reply,
      <ReferralAdminPage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        s={s}
        failed={extra.failed}
        notice={extra.notice}
      />,
      status,
    );
  };
  const after = (
    request: FastifyRequest,
    reply: FastifyReply,
    result: AdminResult,
    form: AdminFailed['form'],
    values: Record<string, string>,
    done: MoreMessageKey,
  ) =>
    result.kind === 'invalid'
      ? show(request, reply, { failed: { form, errors: result.errors, values } }, 422)
      : show(request, reply, { notice: mOf(pageCtx(request, reply).locale)(done) });

  app.get(ADMIN_URL, { schema: { hide: true } }, async (request, reply) => {
    requireOperator(request);
    return show(request, reply);
  });

  app.post(
    `${ADMIN_URL}/partner`,
    {
      schema: {
        hide: true,
        body: Type.Object({
          displayName: Str(),
          username: Str(),
          password: Str(),
          organizationId: Str(100),
          _csrf: Str(),
        }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const input = {
        displayName: b.displayName ?? '',
        username: b.username ?? '',
        password: b.password ?? '',
        organizationId: b.organizationId ?? '',
      };
      const result = await createPartner(ctxOf(request, deps), input);
      const { password: _omitted, ...values } = input;
      return after(request, reply, result, 'create', values, 'admin.created');
    },
  );

  app.post(
    `${ADMIN_URL}/collega`,
    {
      schema: { hide: true, body: Type.Object({ userId: Str(100), organizationId: Str(100), _csrf: Str() }) },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const values = { userId: request.body.userId ?? '', organizationId: request.body.organizationId ?? '' };
      const result = await linkPartner(ctxOf(request, deps), values);
      return after(request, reply, result, 'link', values, 'admin.linked');
    },
  );

  app.post(
    `${ADMIN_URL}/scadenze`,
    { schema: { hide: true, body: DeadlineBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const body = request.body as Record<string, string | undefined>;
      const values = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf')) as Record<string, string>;
      const result = await saveDeadlines(ctxOf(request, deps), body);
      return after(request, reply, result, 'deadlines', values, 'admin.saved');
    },
  );
}
