import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError, Forbidden } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { currentTaxonomy } from '../access/index.ts';
import { getPerson } from '../people/index.ts';
import { registerAppointmentAdminPages } from './admin.routes.tsx';
import { checkIn } from './agenda.checkin.ts';
import { type AgendaKey, agendaT } from './agenda.messages.ts';
import { appointmentsPermissions } from './agenda.policy.ts';
import { agendaOffices, bookAtDesk, cancelAtDesk, getAgenda, markAttendance } from './agenda.service.ts';
import { AgendaPage, type DeskForm } from './agenda.views.tsx';
import { registerWeekPage } from './agenda.week.routes.tsx';
import { type BookingMessageKey, bookingT } from './booking.messages.ts';
import { type BookingDeps, baseUrlOf } from './booking.routes.tsx';
import { topicsOfOffice } from './booking.service.ts';
import { checkApplicant, DETAILS_MAX, formFrom } from './booking.validation.ts';
import { romeDayTime } from './calendar.ts';

const Str = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const DeskBody = Type.Object({
  office: Str(100),
  day: Str(12),
  slot: Str(40),
  topic: Str(80),
  channel: Str(10),
  name: Str(400),
  phone: Str(100),
  email: Str(400),
  details: Str(4000),
  person: Str(100),
  _csrf: Str(),
});
const MarkBody = Type.Object({ status: Str(20), version: Str(10), needArea: Str(100), _csrf: Str() });
const NOTICES: Record<string, { key: AgendaKey; kind: 'success' | 'warning' }> = {
  prenotato: { key: 'booked', kind: 'success' },
  segnato: { key: 'marked', kind: 'success' },
  registrato: { key: 'checkedIn', kind: 'success' },
  annullato: { key: 'cancelled', kind: 'success' },
  unito: { key: 'checkedInAttached', kind: 'success' },
};

/** The operators' agenda: one office and day, desk bookings, attended / no-show, no-show statistics. */
export function registerAgendaPages(app: App, deps: BookingDeps): void {
  registerWeekPage(app, deps);
  registerAppointmentAdminPages(app, deps);
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    officeId: string | undefined,
    day: string | undefined,
    extra: {
      notice?: { key: AgendaKey; kind: 'success' | 'warning' };
      form?: DeskForm;
      errors?: Record<string, string>;
    } = {},
    status = 200,
  ) {
    requireOperator(request);
    const ctx = ctxOf(request, deps);
    const offices = await agendaOffices(ctx);
    const office = offices.find((o) => o.id === officeId) ?? offices[0];
    const theDay = day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : romeDayTime(deps.clock.now()).day;
    const agenda = office ? await getAgenda(ctx, office.id, theDay) : undefined;
    const areas = (await currentTaxonomy(ctx)).areas.map((a) => ({
      id: a.id,
      code: a.code,
      label: request.locale === 'it' ? a.labelIt : a.labelEn,
    }));
    const topics = office
      ? (await topicsOfOffice(deps.db, ctx.actor.tenantId ?? '', office.id)).map((x) => ({
          code: x.code,
          label: request.locale === 'it' ? x.label_it : x.label_en,
        }))
      : [];
    return sendPage(
      reply,
      <AgendaPage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        offices={offices}
        agenda={agenda}
        topics={topics}
        areas={areas}
        canConfigure={roleMay(appointmentsPermissions, ctx.actor, 'schedule.manage')}
        notice={extra.notice}
        {...(extra.form ? { form: extra.form } : {})}
        {...(extra.errors ? { errors: extra.errors } : {})}
      />,
      status,
    );
  }

  async function personForm(request: FastifyRequest, personId: string): Promise<DeskForm | undefined> {
    requireOperator(request);
    const r = await getPerson(ctxOf(request, deps), personId);
    if (r.kind !== 'person') return undefined;
    const p = r.person;
    return {
      slot: '',
      topic: '',
      name: `${p.givenNames} ${p.familyNames}`.trim(),
      phone: p.phone ?? '',
      email: p.email ?? '',
      channel: 'desk',
      details: '',
      person: p.id,
    };
  }

  app.get('/operatori/agenda', { schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const notice = q.esito ? NOTICES[q.esito] : undefined;
    // From a person's file: the desk booking with the person's name and contacts (read audited by people).
    const form = q.persona && isUuid(q.persona) ? await personForm(request, q.persona) : undefined;
    return show(request, reply, q.ufficio && isUuid(q.ufficio) ? q.ufficio : undefined, q.giorno, {
      ...(notice ? { notice } : {}),
      ...(form ? { form } : {}),
    });
  });

  app.post(
    '/operatori/agenda/prenota',
    { schema: { hide: true, body: DeskBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const form: DeskForm = {
        slot: b.slot ?? '',
        topic: b.topic ?? '',
        name: (b.name ?? '').trim(),
        phone: (b.phone ?? '').trim(),
        email: (b.email ?? '').trim(),
        channel: b.channel === 'phone' ? 'phone' : 'desk',
        details: (b.details ?? '').trim(),
        person: b.person && isUuid(b.person) ? b.person : '',
      };
      const tb = bookingT(request.locale);
      const errors: Record<string, string> = {};
      for (const e of checkApplicant(formFrom({ ...form, language: 'it', privacy: 'yes' }))) {
        errors[e.field] ??= tb(`error.${e.key}` as BookingMessageKey);
      }
      if ([...form.details].length > DETAILS_MAX) errors.details = tb('error.details.tooLong');
      if (Number.isNaN(Date.parse(form.slot))) errors.slot = tb('error.slot.required');
      if (Object.keys(errors).length > 0) return show(request, reply, b.office, b.day, { form, errors }, 422);
      try {
        const result = await bookAtDesk(ctxOf(request, deps), {
          officeId: b.office ?? '',
          topicCode: form.topic,
          startsAt: new Date(form.slot),
          details: form.details,
          name: form.name,
          phone: form.phone,
          email: form.email,
          language: request.locale,
          channel: form.channel as 'desk' | 'phone',
          personId: form.person || null,
        });
        if (result.kind === 'taken') {
          const t = agendaT(request.locale);
          return show(request, reply, b.office, b.day, { form, errors: { slot: t('taken') } }, 409);
        }
        if (result.kind === 'invalid') {
          const e = Object.fromEntries(result.errors.map((x) => [x.field, tb(`error.${x.key}` as BookingMessageKey)]));
          return show(request, reply, b.office, b.day, { form, errors: e }, 422);
        }
        // The confirmation e-mail was queued with the booking (notifications outbox).
        const day = romeDayTime(result.appointment.startsAt).day;
        return reply.redirect(
          `/operatori/agenda?ufficio=${result.appointment.office.id}&giorno=${day}&esito=prenotato`,
          303,
        );
      } catch (err) {
        if (err instanceof Forbidden) return show(request, reply, undefined, b.day, {}, 403);
        throw err;
      }
    },
  );

  app.post(
    '/operatori/agenda/:id/esito',
    { schema: { hide: true, body: MarkBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id } = request.params as { id: string };
      const status = request.body.status === 'no_show' ? 'no_show' : 'attended';
      try {
        if (request.body.status === 'cancelled') {
          const c = await cancelAtDesk(
            ctxOf(request, deps),
            id,
            Number(request.body.version),
            deps.mailer,
            baseUrlOf(request),
          );
          const day = romeDayTime(c.startsAt).day;
          return reply.redirect(`/operatori/agenda?ufficio=${c.office.id}&giorno=${day}&esito=annullato`, 303);
        }
        if (status === 'attended') {
          // Check-in: attended, and the access registered (or joined) in the access register.
          const needArea = request.body.needArea && isUuid(request.body.needArea) ? request.body.needArea : undefined;
          const r = await checkIn(ctxOf(request, deps), id, Number(request.body.version), needArea);
          const day = romeDayTime(r.startsAt).day;
          const esito = r.kind === 'attached' ? 'unito' : 'registrato';
          return reply.redirect(`/operatori/agenda?ufficio=${r.officeId}&giorno=${day}&esito=${esito}`, 303);
        }
        const a = await markAttendance(ctxOf(request, deps), id, Number(request.body.version), status);
        const day = romeDayTime(a.startsAt).day;
        return reply.redirect(`/operatori/agenda?ufficio=${a.office.id}&giorno=${day}&esito=segnato`, 303);
      } catch (err) {
        if (err instanceof DomainError && err.status === 409) {
          return show(request, reply, undefined, undefined, { notice: { key: 'stale', kind: 'warning' } }, 409);
        }
        if (err instanceof DomainError && (err.code === 'need-area' || err.code === 'access-invalid')) {
          return show(request, reply, undefined, undefined, { notice: { key: 'needArea', kind: 'warning' } }, 422);
        }
        if (err instanceof DomainError && err.code === 'too-early') {
          return show(request, reply, undefined, undefined, { notice: { key: 'tooEarly', kind: 'warning' } }, 422);
        }
        throw err;
      }
    },
  );
}
