import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { type BookingDeps, baseUrlOf } from './booking.routes.tsx';
import type { AppointmentView } from './booking.service.ts';
import { romeDayTime } from './calendar.ts';
import { manageT } from './manage.messages.ts';
import {
  appointmentByToken,
  cancelAppointment,
  requestVerification,
  rescheduleAppointment,
  verifyCode,
} from './manage.service.ts';
import { ManagePage, ManageRequestPage, ManageVerifyPage } from './manage.views.tsx';
import { WindowLimit } from './ratelimit.ts';
import { freeSlotsForMove } from './slots.service.ts';

const Str = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const RequestBody = Type.Object({ code: Str(40), email: Str(400), _csrf: Str() });
const VerifyBody = Type.Object({ ticket: Str(40), secret: Str(20), _csrf: Str() });
const ActionBody = Type.Object({ token: Str(100), action: Str(20), slot: Str(40), _csrf: Str() });

/** Managing a booking without an account: code + e-mail, then a 6-digit code sent to that e-mail. */
export function registerManagePages(app: App, deps: BookingDeps): void {
  // Code requests and code attempts per client address and hour (each ticket also allows 5 attempts).
  const requests = new WindowLimit(10, 3_600_000);
  const attempts = new WindowLimit(30, 3_600_000);
  const limit = (w: WindowLimit, request: FastifyRequest) => {
    if (!w.allow(request.ip, deps.clock.now().getTime())) {
      throw new DomainError(429, 'too-many-attempts', 'Too many attempts from this address; try again later');
    }
  };
  const ctxOf = (request: FastifyRequest): Ctx => ({
    actor: { kind: 'anonymous', tenantId: request.tenant.id || undefined },
    requestId: request.id,
    clock: deps.clock,
    db: deps.db,
  });

  app.get('/prenota/gestisci', { schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, <ManageRequestPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} />),
  );

  app.post(
    '/prenota/gestisci',
    { schema: { hide: true, body: RequestBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      limit(requests, request);
      const page = pageCtx(request, reply);
      const t = manageT(page.locale);
      const values = { code: (request.body.code ?? '').trim(), email: (request.body.email ?? '').trim() };
      const errors: Record<string, string> = {};
      if (!/^APP-\d{4}-\d{6}$/i.test(values.code)) errors.code = t('error.code');
      if (!values.email) errors.email = t('error.email');
      if (Object.keys(errors).length > 0) {
        return sendPage(
          reply,
          <ManageRequestPage page={page} csrf={reply.generateCsrf()} values={values} errors={errors} />,
          422,
        );
      }
      const { ticket } = await requestVerification(ctxOf(request), deps.mailer, values, baseUrlOf(request));
      return sendPage(reply, <ManageVerifyPage page={page} csrf={reply.generateCsrf()} ticket={ticket} />);
    },
  );

  app.post(
    '/prenota/gestisci/verifica',
    { schema: { hide: true, body: VerifyBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      limit(attempts, request);
      const page = pageCtx(request, reply);
      const t = manageT(page.locale);
      const ticket = request.body.ticket ?? '';
      const result = await verifyCode(ctxOf(request), { ticket, code: request.body.secret ?? '' });
      if (result.kind === 'wrong') {
        return sendPage(
          reply,
          <ManageVerifyPage page={page} csrf={reply.generateCsrf()} ticket={ticket} error={t('wrong')} />,
          422,
        );
      }
      if (result.kind === 'expired') {
        return sendPage(reply, <ManageRequestPage page={page} csrf={reply.generateCsrf()} notice="expired" />, 422);
      }
      return showBooking(request, reply, result.token, 'view');
    },
  );

  async function showBooking(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    mode: 'view' | 'cancel-ask' | 'move-ask',
    extra: { appointment?: AppointmentView; notice?: 'cancelled' | 'moved' | 'stale'; slotError?: string } = {},
    status = 200,
  ) {
    const ctx = ctxOf(request);
    const a = extra.appointment ?? (await appointmentByToken(ctx, token));
    const page = pageCtx(request, reply);
    if (!a)
      return sendPage(reply, <ManageRequestPage page={page} csrf={reply.generateCsrf()} notice="sessionOver" />, 401);
    const slots =
      mode === 'move-ask'
        ? await freeSlotsForMove(
            deps.db,
            request.tenant.id,
            a.office.id,
            a.slotCount,
            romeDayTime(deps.clock.now()).day,
            deps.clock.now(),
          )
        : undefined;
    return sendPage(
      reply,
      <ManagePage
        page={page}
        csrf={reply.generateCsrf()}
        token={token}
        appointment={a}
        mode={mode}
        slots={slots ?? []}
        notice={extra.notice}
        status={extra.notice === 'stale' ? 'warning' : 'success'}
        slotError={extra.slotError}
      />,
      status,
    );
  }

  app.post(
    '/prenota/gestisci/azione',
    { schema: { hide: true, body: ActionBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { token = '', action = 'view', slot = '' } = request.body;
      const ctx = ctxOf(request);
      if (action === 'cancel-ask' || action === 'move-ask' || action === 'view')
        return showBooking(request, reply, token, action);
      const a = await appointmentByToken(ctx, token);
      if (!a) return showBooking(request, reply, token, 'view');
      if (action === 'cancel') {
        const r = await cancelAppointment(ctx, a, deps.mailer, baseUrlOf(request));
        return r.kind === 'done'
          ? showBooking(request, reply, token, 'view', { appointment: r.appointment, notice: 'cancelled' })
          : showBooking(request, reply, token, 'view', { notice: 'stale' }, 409);
      }
      if (action === 'move') {
        const at = new Date(slot);
        if (!slot || Number.isNaN(at.getTime())) {
          return showBooking(
            request,
            reply,
            token,
            'move-ask',
            { slotError: manageT(request.locale)('error.slot') },
            422,
          );
        }
        const r = await rescheduleAppointment(ctx, a, at, deps.mailer, baseUrlOf(request));
        if (r.kind === 'done')
          return showBooking(request, reply, token, 'view', { appointment: r.appointment, notice: 'moved' });
        if (r.kind === 'taken') {
          return showBooking(
            request,
            reply,
            token,
            'move-ask',
            { slotError: manageT(request.locale)('error.slot') },
            409,
          );
        }
        return showBooking(request, reply, token, 'view', { notice: 'stale' }, 409);
      }
      return showBooking(request, reply, token, 'view');
    },
  );
}
