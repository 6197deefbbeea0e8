import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import {
  InterviewBody,
  InterviewView,
  OutcomeBody,
  OutcomeView,
  PublishQuestionnaireBody,
  QuestionnaireView,
} from './interview.schema.ts';
import { getInterviews, recordInterview, startInterview } from './interview.service.ts';
import { closeAccess, RequestsWithoutOutcome, recordOutcome } from './outcome.service.ts';
import { getQuestionnaireVersion, listQuestionnaires, publishQuestionnaire } from './questionnaire.service.ts';
import type { FieldError } from './questionnaire.validation.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const RequestParams = Type.Object({ id: Type.String({ maxLength: 100 }), requestId: Type.String({ maxLength: 100 }) });

/** Field errors are already JSON pointers into the body ('/answers/dove'). */
function sendInvalid(reply: FastifyReply, code: string, errors: FieldError[]) {
  return sendProblem(reply, {
    type: problemType(code),
    title: 'Some fields are not valid',
    status: 422,
    errors: errors.map((e) => ({ pointer: e.field, detail: e.code })),
  });
}

/** Interviews, outcomes, closing and questionnaires (JSON API). */
export function registerInterviewApi(app: App, deps: RouteDeps): void {
  app.addSchema(InterviewView);
  app.addSchema(QuestionnaireView);
  const problems = { 401: problemResponse(), 403: problemResponse(), 404: problemResponse() };

  app.post(
    '/api/v1/accesses/:id/interviews',
    {
      schema: {
        tags: ['accesses'],
        summary: 'Record an interview (social workers). Answers are checked against the questionnaire version.',
        params: Id,
        body: InterviewBody,
        response: { 201: Type.Ref('Interview'), 409: problemResponse(), 422: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await recordInterview(ctxOf(request, deps), request.params.id, request.body);
      if (result.kind === 'invalid') return sendInvalid(reply, 'invalid-interview', result.errors);
      return reply.code(201).send(result.interview);
    },
  );

  app.post(
    '/api/v1/accesses/:id/interviews/start',
    {
      schema: {
        tags: ['accesses'],
        summary: 'Mark a waiting access as in interview now (social workers), for the office list',
        params: Id,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      await startInterview(ctxOf(request, deps), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/accesses/:id/interviews',
    {
      schema: {
        tags: ['accesses'],
        summary: 'The interviews of an access (audited); the confidential summary only for social workers',
        params: Id,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Interview')) }), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await getInterviews(ctxOf(request, deps), request.params.id) };
    },
  );

  app.post(
    '/api/v1/accesses/:id/requests/:requestId/outcomes',
    {
      schema: {
        tags: ['accesses'],
        summary: 'Record an outcome of a request (one or more per request); refusals need a coded reason',
        params: RequestParams,
        body: OutcomeBody,
        response: { 201: OutcomeView, 409: problemResponse(), 422: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const { id, requestId } = request.params;
      const result = await recordOutcome(ctxOf(request, deps), id, requestId, request.body);
      if (result.kind === 'invalid') return sendInvalid(reply, 'invalid-outcome', result.errors);
      return reply.code(201).send(result.outcome);
    },
  );

  app.post(
    '/api/v1/accesses/:id/close',
    {
      schema: {
        tags: ['accesses'],
        summary: 'Close an access; 409 lists the requests that still have no outcome',
        params: Id,
        response: { 200: Type.Object({ closedAt: Type.String() }), 409: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      try {
        return await closeAccess(ctxOf(request, deps), request.params.id);
      } catch (err) {
        if (!(err instanceof RequestsWithoutOutcome)) throw err;
        return sendProblem(reply, {
          type: problemType('requests-without-outcome'),
          title: 'Every request needs an outcome before the access is closed',
          status: 409,
          detail: `${err.requestIds.length} request(s) without an outcome`,
          errors: err.requestIds.map((r) => ({ pointer: `/requests/${r}`, detail: 'noOutcome' })),
        });
      }
    },
  );

  app.get(
    '/api/v1/questionnaires',
    {
      schema: {
        tags: ['questionnaires'],
        summary: 'The current version of every questionnaire',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Questionnaire')) }), 401: problemResponse() },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await listQuestionnaires(ctxOf(request, deps)) };
    },
  );

  app.get(
    '/api/v1/questionnaires/:code/versions/:n',
    {
      schema: {
        tags: ['questionnaires'],
        summary: 'One version of a questionnaire (old versions stay readable)',
        params: Type.Object({ code: Type.String({ maxLength: 60 }), n: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.Ref('Questionnaire'), 401: problemResponse(), 404: problemResponse() },
      },
    },
    async (request) => {
      requireOperator(request);
      return getQuestionnaireVersion(ctxOf(request, deps), request.params.code, request.params.n);
    },
  );

  app.post(
    '/api/v1/questionnaires',
    {
      schema: {
        tags: ['questionnaires'],
        summary: 'Publish a new version of a questionnaire (admins); published versions are never edited',
        body: PublishQuestionnaireBody,
        response: {
          201: Type.Ref('Questionnaire'),
          422: problemResponse(),
          401: problemResponse(),
          403: problemResponse(),
        },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await publishQuestionnaire(ctxOf(request, deps), request.body.code, request.body.definition);
      if (result.kind === 'invalid') return sendInvalid(reply, 'invalid-questionnaire', result.errors);
      const q = result.questionnaire;
      return reply.code(201).header('location', `/api/v1/questionnaires/${q.code}/versions/${q.version}`).send(q);
    },
  );
}
