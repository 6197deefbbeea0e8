import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { actOnDeadLetter, outboxOverview, updateSettings } from './admin.service.ts';
import { BASE, NotificationsPage, ntOf, type SettingsForm } from './notifications.views.tsx';

const Str = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const ActBody = Type.Object({ _csrf: Str(2000) });
const SettingsBody = Type.Object({
  reminderEnabled: Str(5),
  hours: Str(20),
  missedFollowUpEnabled: Str(5),
  _csrf: Str(2000),
});
const IdParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
const NOTICES = ['retry', 'discard', 'gone', 'settings'] as const;

/** /operatori/notifiche: the queue, the dead letters (retry, discard) and the reminder settings. Admins only. */
export function registerNotificationPages(app: App, deps: RouteDeps): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, form?: SettingsForm, status = 200) => {
    requireOperator(request);
    const overview = await outboxOverview(ctxOf(request, deps));
    const page = pageCtx(request, reply);
    const done = (request.query as Record<string, string | undefined>).esito;
    const notice = !form && NOTICES.find((n) => n === done);
    const s = overview.settings;
    return sendPage(
      reply,
      <NotificationsPage
        page={page}
        csrf={reply.generateCsrf()}
        overview={overview}
        form={
          form ?? {
            reminderEnabled: s.reminderEnabled,
            hours: String(s.reminderHoursBefore),
            missedFollowUpEnabled: s.missedFollowUpEnabled,
          }
        }
        notice={notice ? ntOf(page)(`done.${notice}`) : undefined}
      />,
      status,
    );
  };

  app.get(BASE, { schema: { hide: true } }, (request, reply) => show(request, reply));

  for (const [path, act] of [
    ['riprova', 'retry'],
    ['scarta', 'discard'],
  ] as const) {
    app.post(
      `${BASE}/:id/${path}`,
      { schema: { hide: true, params: IdParams, body: ActBody }, preHandler: app.csrfProtection },
      async (request, reply) => {
        requireOperator(request);
        const done = await actOnDeadLetter(ctxOf(request, deps), request.params.id, act);
        return reply.redirect(`${BASE}?esito=${done ? act : 'gone'}`, 303);
      },
    );
  }

  app.post(
    `${BASE}/impostazioni`,
    { schema: { hide: true, body: SettingsBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const hours = (b.hours ?? '').trim();
      const input = {
        reminderEnabled: b.reminderEnabled === '1',
        reminderHoursBefore: /^\d{1,3}$/.test(hours) ? Number(hours) : Number.NaN,
        missedFollowUpEnabled: b.missedFollowUpEnabled === '1',
      };
      const errors = await updateSettings(ctxOf(request, deps), input);
      if (errors.length === 0) return reply.redirect(`${BASE}?esito=settings`, 303);
      const nt = ntOf(pageCtx(request, reply));
      return show(
        request,
        reply,
        {
          reminderEnabled: input.reminderEnabled,
          hours,
          missedFollowUpEnabled: input.missedFollowUpEnabled,
          error: nt('error.hours'),
        },
        422,
      );
    },
  );
}
