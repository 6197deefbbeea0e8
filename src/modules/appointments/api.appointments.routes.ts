import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, requireOperator } from '../../platform/http/context.ts';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import { bookAtDesk, getAgenda } from './agenda.service.ts';
import { cancelForOperator, getAppointmentForOperator } from './api.service.ts';
import type { BookingDeps } from './booking.routes.tsx';
import type { AppointmentView } from './booking.service.ts';
import { checkApplicant, DETAILS_MAX, formFrom } from './booking.validation.ts';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Appointment = Type.Object({
  id: Uuid,
  code: Type.String({ description: 'APP-YYYY-NNNNNN' }),
  officeId: Uuid,
  topic: Type.Object({ code: Type.String(), it: Type.String(), en: Type.String() }),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  status: Type.Enum(['booked', 'cancelled', 'attended', 'no_show']),
  channel: Type.Enum(['online', 'desk', 'phone']),
  applicant: Type.Object({ name: Type.String(), phone: Nullable(Type.String()), email: Nullable(Type.String()) }),
  language: Type.Enum(['it', 'en']),
  details: Nullable(Type.String()),
  personId: Nullable(Uuid),
  version: Type.Integer(),
});

const json = (a: AppointmentView) => ({
  id: a.id,
  code: a.code,
  officeId: a.office.id,
  topic: a.topic,
  startsAt: a.startsAt.toISOString(),
  endsAt: a.endsAt.toISOString(),
  status: a.status,
  channel: a.channel,
  applicant: a.applicant,
  language: a.language,
  details: a.details,
  personId: a.personId,
  version: a.version,
});

const CreateBody = Type.Object(
  {
    officeId: Uuid,
    topic: Type.String({ maxLength: 60, description: 'Topic code' }),
    startsAt: Type.String({ format: 'date-time', description: 'A free start time (GET /api/v1/offices/{id}/slots)' }),
    channel: Type.Enum(['desk', 'phone']),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    details: Type.Optional(Type.String({ maxLength: DETAILS_MAX })),
    language: Type.Optional(Type.Enum(['it', 'en'])),
    personId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

const problems = { 401: problemResponse(), 403: problemResponse(), 404: problemResponse() };

/** `/api/v1/appointments` for operators: the day of an office, desk/phone bookings, one booking, cancel. */
export function registerAppointmentsApi(app: App, deps: BookingDeps): void {
  app.get(
    '/api/v1/appointments',
    {
      schema: {
        tags: ['appointments'],
        summary: "The bookings of one office and day (agenda.read, the operator's offices). Audited.",
        querystring: Type.Object({
          officeId: Uuid,
          day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Europe/Rome)' }),
        }),
        response: { 200: Type.Object({ items: Type.Array(Appointment) }), 400: problemResponse(), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      const agenda = await getAgenda(ctxOf(request, deps), request.query.officeId, request.query.day);
      return { items: agenda.appointments.map(json) };
    },
  );

  app.post(
    '/api/v1/appointments',
    {
      schema: {
        tags: ['appointments'],
        summary:
          'Book at the desk or on the phone for a resident (agenda.manage, own offices): the same locked slot ' +
          'counters as online booking. 409 when the time was just taken (with the next free times in `alternatives`).',
        body: CreateBody,
        response: { 201: Appointment, 409: problemResponse(), 422: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const errors = checkApplicant(
        formFrom({ name: b.name, phone: b.phone ?? '', email: b.email ?? '', language: 'it', privacy: 'yes' }),
      ).map((e) => ({ pointer: `/${e.field}`, detail: e.key }));
      if (errors.length > 0) {
        return sendProblem(reply, {
          type: problemType('invalid-appointment'),
          title: 'Some fields are not valid',
          status: 422,
          errors,
        });
      }
      const result = await bookAtDesk(ctxOf(request, deps), {
        officeId: b.officeId,
        topicCode: b.topic,
        startsAt: new Date(b.startsAt),
        details: (b.details ?? '').trim(),
        name: b.name.trim(),
        phone: (b.phone ?? '').trim(),
        email: (b.email ?? '').trim(),
        language: b.language ?? request.locale,
        channel: b.channel,
        personId: b.personId ?? null,
      });
      if (result.kind === 'invalid') {
        return sendProblem(reply, {
          type: problemType('invalid-appointment'),
          title: 'Some fields are not valid',
          status: 422,
          errors: result.errors.map((e) => ({
            pointer: `/${e.field === 'office' ? 'officeId' : e.field}`,
            detail: e.key,
          })),
        });
      }
      if (result.kind === 'taken') {
        return sendProblem(reply, {
          type: problemType('slot-taken'),
          title: 'The time was just taken',
          status: 409,
          detail: `Next free times: ${result.alternatives.map((s) => s.startsAt.toISOString()).join(', ') || 'none'}`,
        });
      }
      return reply
        .code(201)
        .header('location', `/api/v1/appointments/${result.appointment.id}`)
        .send(json(result.appointment));
    },
  );

  app.get(
    '/api/v1/appointments/:id',
    {
      schema: {
        tags: ['appointments'],
        summary: "One booking of the operator's offices (agenda.read). Audited.",
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 200: Appointment, ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return json(await getAppointmentForOperator(ctxOf(request, deps), request.params.id));
    },
  );

  app.post(
    '/api/v1/appointments/:id/cancel',
    {
      schema: {
        tags: ['appointments'],
        summary:
          'Cancel a booking (agenda.manage, own offices) with the version read: 409 when it changed meanwhile or ' +
          'is not booked. The places are freed and the resident is told by e-mail, as when they cancel.',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        body: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 200: Appointment, 409: problemResponse(), 422: problemResponse(), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      const base = `${request.protocol}://${request.host}`;
      return json(
        await cancelForOperator(ctxOf(request, deps), request.params.id, request.body.version, deps.mailer, base),
      );
    },
  );
}
