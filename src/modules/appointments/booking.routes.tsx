import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import { DomainError, NotFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { isUuid } from '../../platform/ids.ts';
import type { MailDeps } from '../../platform/mail.ts';
import { bookAppointment, findBookableOffice, topicsOfOffice } from './booking.service.ts';
import {
  type BookingForm,
  checkApplicant,
  checkDetails,
  checkOffice,
  checkSlot,
  EMPTY_FORM,
  type FieldError,
  firstIncomplete,
  formFrom,
  STEPS,
  type Step,
} from './booking.validation.ts';
import { BookingStepPage, type StepData } from './booking.views.tsx';
import { addDays, romeDayTime, slotsNeeded } from './calendar.ts';
import { confirmationIcs, getConfirmation } from './confirmation.service.ts';
import { ConfirmationPage } from './confirmation.views.tsx';
import { WindowLimit } from './ratelimit.ts';
import { freeSlotsOfDay, listBookableOffices, monthAvailability } from './slots.service.ts';

const Str = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const BookingBody = Type.Object({
  step: Str(20),
  go: Str(20),
  office: Str(100),
  month: Str(10),
  day: Str(12),
  slot: Str(40),
  topic: Str(80),
  details: Str(4000),
  name: Str(400),
  phone: Str(100),
  email: Str(400),
  language: Str(5),
  privacy: Str(5),
  _csrf: Str(),
});

type FormStep = Exclude<Step, 'done'>;
export type BookingDeps = RouteDeps & MailDeps;

/** The public booking in six steps (Modello Comuni). No login; state travels in hidden fields, never in the URL. */
export function registerBookingPages(app: App, deps: BookingDeps): void {
  // Against filling the agenda by script: confirmations per client address and hour.
  const confirmations = new WindowLimit(20, 3_600_000);
  const publicCtx = (request: FastifyRequest): Ctx => ({
    actor: { kind: 'anonymous', tenantId: request.tenant.id || undefined },
    requestId: request.id,
    clock: deps.clock,
    db: deps.db,
  });

  async function stepData(request: FastifyRequest, form: BookingForm, step: FormStep): Promise<StepData> {
    const tenantId = request.tenant.id;
    const now = deps.clock.now();
    const today = romeDayTime(now).day;
    const offices = await listBookableOffices(deps.db, tenantId);
    const office = offices.find((o) => o.id === form.office);
    const topicRows = office ? await topicsOfOffice(deps.db, tenantId, office.id) : [];
    const topics = topicRows.map((r) => ({
      code: r.code,
      label: request.locale === 'it' ? r.label_it : r.label_en,
      durationMinutes: r.duration_minutes,
    }));
    const duration = topics.find((x) => x.code === form.topic)?.durationMinutes ?? office?.slotMinutes ?? 30;
    const data: StepData = {
      offices,
      office,
      topics,
      days: [],
      slots: [],
      minMonth: today.slice(0, 7),
      maxMonth: addDays(today, 60).slice(0, 7),
    };
    if (step === 'when' && office) {
      if (!form.month || form.month < data.minMonth || form.month > data.maxMonth) form.month = data.minMonth;
      data.days = await monthAvailability(deps.db, tenantId, office, form.month, duration, now);
      if (form.day && !data.days.some((d) => d.day === form.day)) form.day = '';
      if (form.day) data.slots = await freeSlotsOfDay(deps.db, tenantId, office, form.day, duration, now);
    }
    return data;
  }

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    step: FormStep,
    form: BookingForm,
    errors: FieldError[] = [],
    status = 200,
    override?: Partial<StepData>,
  ) {
    const data = { ...(await stepData(request, form, step)), ...override };
    return sendPage(
      reply,
      <BookingStepPage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        step={step}
        form={form}
        data={data}
        errors={errors}
      />,
      status,
    );
  }

  /** Checks a step against the live calendar (not only the shape of the values). */
  async function checkStep(request: FastifyRequest, step: FormStep, form: BookingForm): Promise<FieldError[]> {
    const tenantId = request.tenant.id;
    if (step === 'office') {
      const e = checkOffice(form);
      if (e.length > 0) return e;
      return (await findBookableOffice(deps.db, tenantId, form.office))
        ? []
        : [{ field: 'office', key: 'office.required' }];
    }
    const office = await findBookableOffice(deps.db, tenantId, form.office);
    if (!office) return [{ field: 'office', key: 'office.required' }];
    const topics = await topicsOfOffice(deps.db, tenantId, office.id);
    const topic = topics.find((x) => x.code === form.topic);
    if (step === 'when') {
      if (checkSlot(form).length > 0) return [{ field: 'slot', key: 'slot.required' }];
      const day = romeDayTime(new Date(form.slot)).day;
      const free = await freeSlotsOfDay(
        deps.db,
        tenantId,
        office,
        day,
        topic?.duration_minutes ?? office.slotMinutes,
        deps.clock.now(),
      );
      if (!free.some((s) => s.startsAt.toISOString() === new Date(form.slot).toISOString())) {
        return [{ field: 'slot', key: 'slot.required' }];
      }
      form.day = day;
      form.month = day.slice(0, 7);
      return [];
    }
    if (step === 'details') {
      const e = checkDetails(form);
      if (e.length > 0) return e;
      if (!topic) return [{ field: 'topic', key: 'topic.required' }];
      if (slotsNeeded(topic.duration_minutes, office.slotMinutes) > 1) {
        const day = romeDayTime(new Date(form.slot)).day;
        const free = await freeSlotsOfDay(deps.db, tenantId, office, day, topic.duration_minutes, deps.clock.now());
        if (!free.some((s) => s.startsAt.toISOString() === new Date(form.slot).toISOString())) {
          return [{ field: 'topic', key: 'topic.doesNotFit' }];
        }
      }
      return [];
    }
    if (step === 'applicant') return checkApplicant(form);
    return [];
  }

  app.get('/prenota', { schema: { hide: true } }, async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const form = { ...EMPTY_FORM, language: request.locale };
    const tenantId = request.tenant.id;
    if (q.ufficio && isUuid(q.ufficio) && (await findBookableOffice(deps.db, tenantId, q.ufficio))) {
      form.office = q.ufficio;
      const topics = await topicsOfOffice(deps.db, tenantId, q.ufficio);
      if (q.argomento && topics.some((x) => x.code === q.argomento)) form.topic = q.argomento;
    }
    return show(request, reply, 'office', form);
  });

  app.post(
    '/prenota',
    { schema: { hide: true, body: BookingBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const body = request.body;
      const form = formFrom(body);
      const step: FormStep =
        (STEPS as readonly string[]).includes(body.step ?? '') && body.step !== 'done'
          ? (body.step as FormStep)
          : 'office';
      const go = body.go ?? 'next';
      const at = STEPS.indexOf(step);
      if (go === 'back') return show(request, reply, STEPS[Math.max(0, at - 1)] as FormStep, form);
      if (step === 'when' && go.startsWith('month:')) {
        form.month = go.slice(6, 13);
        form.day = '';
        form.slot = '';
        return show(request, reply, 'when', form);
      }
      if (step === 'when' && go === 'show') {
        // A time already ticked stays ticked if it is on the day shown (Enter in a time radio lands here).
        return show(
          request,
          reply,
          'when',
          form,
          form.day ? [] : [{ field: 'slot', key: 'slot.required' }],
          form.day ? 200 : 422,
        );
      }
      if (go === 'confirm' && step === 'summary') return confirm(request, reply, form);
      // Every earlier step must still hold (hidden fields can be tampered with); then the current one.
      for (const s of STEPS.slice(0, at + 1) as FormStep[]) {
        const errors = await checkStep(request, s, form);
        if (errors.length > 0) return show(request, reply, s, form, errors, 422);
      }
      return show(request, reply, STEPS[Math.min(at + 1, 4)] as FormStep, form);
    },
  );

  async function confirm(request: FastifyRequest, reply: FastifyReply, form: BookingForm) {
    if (!confirmations.allow(request.ip, deps.clock.now().getTime())) {
      throw new DomainError(429, 'too-many-bookings', 'Too many bookings from this address; try again later');
    }
    const incomplete = firstIncomplete(form);
    if (incomplete.step !== 'summary')
      return show(request, reply, incomplete.step as FormStep, form, incomplete.errors, 422);
    for (const s of ['office', 'details', 'applicant'] as const) {
      const errors = await checkStep(request, s, form);
      if (errors.length > 0) return show(request, reply, s, form, errors, 422);
    }
    const result = await bookAppointment(publicCtx(request), {
      officeId: form.office,
      topicCode: form.topic,
      startsAt: new Date(form.slot),
      details: form.details,
      name: form.name,
      phone: form.phone,
      email: form.email,
      language: form.language === 'en' ? 'en' : 'it',
      channel: 'online',
    });
    if (result.kind === 'invalid') return show(request, reply, 'details', form, result.errors, 422);
    if (result.kind === 'taken') {
      form.slot = '';
      form.day = '';
      return show(request, reply, 'when', form, [], 409, { taken: true, slots: result.alternatives, days: [] });
    }
    // The confirmation e-mail was queued with the booking (notifications outbox).
    return reply.redirect(`/prenota/conferma/${result.appointment.id}`, 303);
  }

  app.get('/prenota/conferma/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const a = await getConfirmation(deps.db, request.tenant.id, id);
    if (!a) throw new NotFound('appointment');
    return sendPage(
      reply,
      <ConfirmationPage page={pageCtx(request, reply)} appointment={a} csrf={reply.generateCsrf()} />,
    );
  });

  app.get('/prenota/conferma/:id/appuntamento.ics', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const a = await getConfirmation(deps.db, request.tenant.id, id);
    if (!a) throw new NotFound('appointment');
    return reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${a.code}.ics"`)
      .header('cache-control', 'no-store')
      .send(confirmationIcs(a, request.locale, baseUrlOf(request)));
  });
}

export const baseUrlOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
