import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import {
  addAvailability,
  addException,
  listTopics,
  officeSettings,
  removeRow,
  type SaveOutcome,
  saveGrid,
  saveTopic,
} from './admin.service.ts';
import { TopicsPage } from './admin.topics.views.tsx';
import { type Notice, SettingsPage } from './admin.views.tsx';
import { romeDayTime } from './calendar.ts';

const Str = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const Many = Type.Optional(
  Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })]),
);
const SettingsBody = Type.Object({
  office: Str(100),
  version: Str(10),
  slotMinutes: Str(10),
  capacity: Str(10),
  bookable: Str(5),
  day: Str(20),
  kind: Str(10),
  opens: Str(10),
  closes: Str(10),
  note: Str(1000),
  userId: Str(100),
  weekday: Str(2),
  _csrf: Str(),
});
const TopicBody = Type.Object({
  id: Str(100),
  version: Str(10),
  code: Str(100),
  labelIt: Str(400),
  labelEn: Str(400),
  durationMinutes: Str(10),
  roles: Many,
  officeIds: Many,
  needAreaCode: Str(100),
  active: Str(5),
  _csrf: Str(),
});
const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
const SAVED: Notice = { key: 'saved', kind: 'success' };
const STALE: Notice = { key: 'stale', kind: 'warning' };

/** Calendar settings (schedule.manage) and topics (topic.manage). */
export function registerAppointmentAdminPages(app: App, deps: RouteDeps): void {
  const base = '/operatori/agenda/impostazioni';

  async function showSettings(
    request: FastifyRequest,
    reply: FastifyReply,
    officeId: string | undefined,
    extra: { form?: Record<string, string>; errors?: Record<string, string>; notice?: Notice } = {},
    status = 200,
  ) {
    requireOperator(request);
    const s = await officeSettings(ctxOf(request, deps), officeId, romeDayTime(deps.clock.now()).day);
    return sendPage(
      reply,
      <SettingsPage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        s={s}
        form={extra.form ?? {}}
        errors={extra.errors ?? {}}
        notice={extra.notice}
      />,
      status,
    );
  }

  app.get(base, { schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    return showSettings(request, reply, q.ufficio, q.esito === 'salvato' ? { notice: SAVED } : {});
  });

  /** Runs a settings change; 422 with the form again, 409 on a stale version, else back to the office. */
  async function change(
    request: FastifyRequest,
    reply: FastifyReply,
    officeId: string,
    form: Record<string, string>,
    run: () => Promise<SaveOutcome | string>,
  ) {
    requireOperator(request);
    try {
      const r = await run();
      if (typeof r !== 'string' && r.kind === 'invalid') {
        return showSettings(request, reply, officeId, { form, errors: r.errors }, 422);
      }
      const office = typeof r === 'string' ? r : officeId;
      return reply.redirect(`${base}?ufficio=${office}&esito=salvato`, 303);
    } catch (err) {
      if (err instanceof DomainError && err.status === 409) {
        return showSettings(request, reply, officeId, { notice: STALE }, 409);
      }
      throw err;
    }
  }

  const opts = { schema: { hide: true, body: SettingsBody }, preHandler: app.csrfProtection };
  app.post(`${base}/griglia`, opts, async (request, reply) => {
    const b = request.body;
    const office = b.office ?? '';
    const form = { slotMinutes: b.slotMinutes ?? '', capacity: b.capacity ?? '' };
    return change(request, reply, office, form, () =>
      saveGrid(ctxOf(request, deps), office, {
        slotMinutes: form.slotMinutes,
        capacity: form.capacity,
        bookable: b.bookable === 'yes',
        version: b.version ?? '0',
      }),
    );
  });

  app.post(`${base}/eccezioni`, opts, async (request, reply) => {
    const b = request.body;
    const office = b.office ?? '';
    const form = {
      day: (b.day ?? '').trim(),
      kind: b.kind ?? '',
      opens: b.opens ?? '',
      closes: b.closes ?? '',
      note: b.note ?? '',
    };
    return change(request, reply, office, form, () => addException(ctxOf(request, deps), office, form));
  });

  app.post(`${base}/disponibilita`, opts, async (request, reply) => {
    const b = request.body;
    const office = b.office ?? '';
    const form = { userId: b.userId ?? '', weekday: b.weekday ?? '', avOpens: b.opens ?? '', avCloses: b.closes ?? '' };
    return change(request, reply, office, form, async () => {
      const r = await addAvailability(ctxOf(request, deps), office, {
        userId: form.userId,
        weekday: form.weekday,
        opens: form.avOpens.trim(),
        closes: form.avCloses.trim(),
      });
      // The availability form's time fields carry their own ids (two forms on one page).
      if (r.kind === 'invalid' && r.errors.opens) {
        const { opens, ...rest } = r.errors;
        return { kind: 'invalid', errors: { ...rest, avOpens: opens } };
      }
      return r;
    });
  });

  for (const [path, kind] of [
    ['eccezioni', 'exception'],
    ['disponibilita', 'availability'],
  ] as const) {
    app.post(
      `${base}/${path}/:id/elimina`,
      { schema: { hide: true }, preHandler: app.csrfProtection },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        return change(request, reply, '', {}, () => removeRow(ctxOf(request, deps), kind, id));
      },
    );
  }

  async function showTopics(
    request: FastifyRequest,
    reply: FastifyReply,
    editId: string | undefined,
    extra: { form?: Record<string, string | string[]>; errors?: Record<string, string>; notice?: Notice } = {},
    status = 200,
  ) {
    requireOperator(request);
    const { topics, offices } = await listTopics(ctxOf(request, deps));
    return sendPage(
      reply,
      <TopicsPage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        topics={topics}
        offices={offices}
        editing={topics.find((x) => x.id === editId)}
        form={extra.form ?? {}}
        errors={extra.errors ?? {}}
        notice={extra.notice}
      />,
      status,
    );
  }

  app.get('/operatori/agenda/argomenti', { schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    return showTopics(request, reply, q.argomento, q.esito === 'salvato' ? { notice: SAVED } : {});
  });

  app.post(
    '/operatori/agenda/argomenti',
    { schema: { hide: true, body: TopicBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const input = {
        code: b.code ?? '',
        labelIt: b.labelIt ?? '',
        labelEn: b.labelEn ?? '',
        durationMinutes: b.durationMinutes ?? '',
        roles: list(b.roles),
        officeIds: list(b.officeIds),
        needAreaCode: b.needAreaCode ?? '',
        active: b.active === 'yes',
        version: b.version ?? '0',
      };
      try {
        const r = await saveTopic(ctxOf(request, deps), b.id || null, input);
        if (r.kind === 'invalid') {
          const { active: _a, version: _v, ...form } = input;
          return showTopics(request, reply, b.id, { form, errors: r.errors }, 422);
        }
        return reply.redirect('/operatori/agenda/argomenti?esito=salvato', 303);
      } catch (err) {
        if (err instanceof DomainError && err.status === 409) {
          return showTopics(request, reply, undefined, { notice: STALE }, 409);
        }
        throw err;
      }
    },
  );
}
