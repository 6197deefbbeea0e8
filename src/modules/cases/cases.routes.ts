import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import { addDiaryEntry, listOverdueReviews, recordReview, saveCarePlan } from './careplan.service.ts';
import { changeCaseStatus, transferCase } from './cases.manage.ts';
import {
  CarePlanBody,
  Caseload,
  CaseloadQuery,
  CaseView,
  DecideBody,
  DiaryBody,
  OverdueReviews,
  ProposeCaseBody,
  ReviewBody,
  StatusBody,
  TransferBody,
} from './cases.schema.ts';
import { type CaseResult, decideCase, getCase, listCaseload, proposeCase } from './cases.service.ts';

function answer(reply: FastifyReply, result: CaseResult, status = 200) {
  if (result.kind === 'invalid')
    return sendProblem(reply, {
      type: problemType('invalid-case'),
      title: 'Some fields are not valid',
      status: 422,
      errors: result.errors.map((e) => ({ pointer: e.field, detail: e.code })),
    });
  return reply.code(status).send(result.case);
}

const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });

export function registerCasesApi(app: App, deps: RouteDeps): void {
  app.addSchema(CaseView);
  const ref = Type.Ref('Case');
  const problems = { 401: problemResponse(), 403: problemResponse(), 404: problemResponse() };
  const writes = { 409: problemResponse(), 422: problemResponse(), ...problems };

  app.post(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Propose taking charge (first level → second level): area, reasons, urgency, assessment',
        body: ProposeCaseBody,
        response: { 201: ref, ...writes },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await proposeCase(ctxOf(request, deps), request.body);
      if (result.kind === 'ok') reply.header('location', `/api/v1/cases/${result.case.id}`);
      return answer(reply, result, 201);
    },
  );

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Caseload: own cases (social worker) or any worker or area (coordinator); view=proposed for decisions',
        querystring: CaseloadQuery,
        response: { 200: Caseload, 400: problemResponse(), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await listCaseload(ctxOf(request, deps), request.query) };
    },
  );

  app.get(
    '/api/v1/cases/overdue-reviews',
    {
      schema: {
        tags: ['cases'],
        summary: 'Tasks: care-plan reviews and conditionality checks past their date and not done',
        response: { 200: OverdueReviews, ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await listOverdueReviews(ctxOf(request, deps)) };
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Read a case: history, care plan (current and versions), reviews, diary (audited)',
        params: Id,
        response: { 200: ref, ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return getCase(ctxOf(request, deps), request.params.id);
    },
  );

  app.post(
    '/api/v1/cases/:id/decision',
    {
      schema: {
        tags: ['cases'],
        summary: 'Accept (responsible worker, team) or decline with reasons a proposal (area coordinator)',
        params: Id,
        body: DecideBody,
        response: { 200: ref, ...writes },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      return answer(reply, await decideCase(ctxOf(request, deps), request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/cases/:id/status',
    {
      schema: {
        tags: ['cases'],
        summary: 'Suspend, reopen, or close with a coded reason',
        params: Id,
        body: StatusBody,
        response: { 200: ref, ...writes },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      return answer(reply, await changeCaseStatus(ctxOf(request, deps), request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/cases/:id/transfer',
    {
      schema: {
        tags: ['cases'],
        summary: 'Transfer to another worker and/or area, with a hand-over note',
        params: Id,
        body: TransferBody,
        response: { 200: ref, ...writes },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      return answer(reply, await transferCase(ctxOf(request, deps), request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/cases/:id/diary',
    {
      schema: {
        tags: ['cases'],
        summary: 'Add a dated professional note to the case diary (confidential by default)',
        params: Id,
        body: DiaryBody,
        response: { 201: ref, ...writes },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      return answer(reply, await addDiaryEntry(ctxOf(request, deps), request.params.id, request.body), 201);
    },
  );

  app.post(
    '/api/v1/care-plans/:id/versions',
    {
      schema: {
        tags: ['cases'],
        summary: 'Save the care plan of a case as a new version (earlier versions kept); schedules reviews and checks',
        params: Id,
        body: CarePlanBody,
        response: { 201: ref, ...writes },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      return answer(reply, await saveCarePlan(ctxOf(request, deps), request.params.id, request.body), 201);
    },
  );

  app.post(
    '/api/v1/care-plans/:id/reviews/:reviewId',
    {
      schema: {
        tags: ['cases'],
        summary: 'Record the outcome of a review or conditionality check of a case',
        params: Type.Object({ id: Type.String({ maxLength: 100 }), reviewId: Type.String({ maxLength: 100 }) }),
        body: ReviewBody,
        response: { 200: ref, ...writes },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      return answer(
        reply,
        await recordReview(ctxOf(request, deps), request.params.id, request.params.reviewId, request.body),
      );
    },
  );
}
