import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, requireOperator } from '../../platform/http/context.ts';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import type { BookingDeps } from './booking.routes.tsx';
import { publicCtxOf, requestLimits } from './request.routes.tsx';
import { listAssistanceRequests, submitRequest } from './request.service.ts';
import { MESSAGE_MAX, NAME_MAX, requestFormFrom } from './request.validation.ts';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Europe/Rome)' });

const CreateBody = Type.Object(
  {
    firstName: Type.String({ minLength: 1, maxLength: NAME_MAX }),
    lastName: Type.String({ minLength: 1, maxLength: NAME_MAX }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    service: Type.String({ maxLength: 60, description: 'Code of an assistance service' }),
    message: Type.String({ minLength: 1, maxLength: MESSAGE_MAX }),
    privacyAcknowledged: Type.Boolean({ description: 'Must be true: the privacy notice was read and understood' }),
    language: Type.Optional(Type.Enum(['it', 'en'])),
  },
  { additionalProperties: false },
);

const Receipt = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.String({ description: 'RA-YYYY-NNNNNN' }),
  takenInChargeOn: Day,
  dueOn: Day,
});

const ListQuery = Type.Object({
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  service: Type.Optional(Type.String({ maxLength: 60 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

const RequestItem = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.String(),
  accessId: Type.String({ format: 'uuid', description: 'The online access of the register' }),
  service: Type.Object({ code: Type.String(), it: Type.String(), en: Type.String() }),
  officeId: Type.String({ format: 'uuid' }),
  firstName: Type.String(),
  lastName: Type.String(),
  email: Type.String(),
  message: Type.String(),
  takenInChargeOn: Day,
  dueOn: Day,
  language: Type.Enum(['it', 'en']),
  createdAt: Type.String({ format: 'date-time' }),
});

/** `/api/v1/assistance-requests`: the public creates (rate-limited), the front door lists. */
export function registerRequestApi(app: App, deps: BookingDeps): void {
  app.post(
    '/api/v1/assistance-requests',
    {
      schema: {
        tags: ['assistance-requests'],
        summary:
          'Send a request for assistance (public, no login; at most 10 per client address and hour). It is filed ' +
          'in the access register as an online access; the answer gives the request number, the day it was taken ' +
          'in charge and the maximum completion day. An acknowledgement e-mail follows (number, dates, link).',
        body: CreateBody,
        response: { 201: Receipt, 422: problemResponse(), 429: problemResponse() },
      },
    },
    async (request, reply) => {
      if (!requestLimits.submit.allow(request.ip, deps.clock.now().getTime())) {
        return sendProblem(reply, { type: problemType('too-many-requests'), title: 'Too many requests', status: 429 });
      }
      const b = request.body;
      const form = requestFormFrom({ ...b, privacy: b.privacyAcknowledged ? 'yes' : '' });
      const result = await submitRequest(publicCtxOf(request, deps), form, b.language ?? request.locale);
      if (result.kind === 'invalid') {
        return sendProblem(reply, {
          type: problemType('invalid-assistance-request'),
          title: 'Some fields are not valid',
          status: 422,
          errors: result.errors.map((e) => ({
            pointer: `/${e.field === 'privacy' ? 'privacyAcknowledged' : e.field}`,
            detail: e.key,
          })),
        });
      }
      const r = result.receipt;
      return reply.code(201).send({ id: r.id, number: r.number, takenInChargeOn: r.takenInChargeOn, dueOn: r.dueOn });
    },
  );

  app.get(
    '/api/v1/assistance-requests',
    {
      schema: {
        tags: ['assistance-requests'],
        summary:
          "Requests for assistance of the operator's offices, newest first, by day taken in charge and service. " +
          'Personal data: front door roles only (assistance.read), audited with the ids returned.',
        querystring: ListQuery,
        response: {
          200: Type.Object({ items: Type.Array(RequestItem) }),
          400: problemResponse(),
          401: problemResponse(),
          403: problemResponse(),
        },
      },
    },
    async (request) => {
      requireOperator(request);
      const q = request.query;
      const items = await listAssistanceRequests(ctxOf(request, deps), {
        from: q.from,
        to: q.to,
        service: q.service,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      return { items: items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })) };
    },
  );
}
