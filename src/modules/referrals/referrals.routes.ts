import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import type { MailDeps } from '../../platform/mail.ts';
import { listDestinations, listReferrals, partnerScorecards, setPartnerCapacity } from './partner.service.ts';
import {
  CancelBody,
  CapacityBody,
  CreateReferralBody,
  Destinations,
  ListQuery,
  ReferralList,
  ReferralView,
  RespondBody,
  Scorecards,
  VersionBody,
} from './referrals.schema.ts';
import { createReferral, getReferral, type ReferralResult } from './referrals.service.ts';
import { cancelReferral, respondReferral, sendReferral } from './referrals.transition.ts';

export type ReferralDeps = RouteDeps & MailDeps;

function answer(
  reply: FastifyReply,
  result: ReferralResult | { kind: 'invalid'; errors: { field: string; code: string }[] },
  status = 200,
) {
  if (result.kind === 'invalid')
    return sendProblem(reply, {
      type: problemType('invalid-referral'),
      title: 'Some fields are not valid',
      status: 422,
      errors: result.errors.map((e) => ({ pointer: e.field, detail: e.code })),
    });
  return reply.code(status).send(result.referral);
}

export const baseUrlOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });

export function registerReferralsApi(app: App, deps: ReferralDeps): void {
  app.addSchema(ReferralView);
  const ref = Type.Ref('Referral');
  const problems = { 401: problemResponse(), 403: problemResponse(), 404: problemResponse() };
  const writes = { 409: problemResponse(), 422: problemResponse(), ...problems };
  const notifier = (request: FastifyRequest) => ({ mailer: deps.mailer, baseUrl: baseUrlOf(request) });

  app.post(
    '/api/v1/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Create a draft referral: destination, reason, urgency, the fields to share and the basis for sharing',
        body: CreateReferralBody,
        response: { 201: ref, ...writes },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await createReferral(ctxOf(request, deps), request.body);
      if (result.kind === 'ok') reply.header('location', `/api/v1/referrals/${result.referral.id}`);
      return answer(reply, result, 201);
    },
  );

  app.get(
    '/api/v1/referrals',
    {
      schema: {
        tags: ['referrals'],
        summary: "Worklists: mine, team, action, overdue (operators); a partner gets its organization's inbox",
        querystring: ListQuery,
        response: { 200: ReferralList, 400: problemResponse(), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await listReferrals(ctxOf(request, deps), request.query) };
    },
  );

  app.get(
    '/api/v1/referrals/destinations',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Partner organizations with their capacity status, to choose a destination',
        response: { 200: Destinations, ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await listDestinations(ctxOf(request, deps)) };
    },
  );

  app.get(
    '/api/v1/referrals/scorecards',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Partner scorecards (last 365 days): response time, acceptance and completion rates',
        response: { 200: Scorecards, ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await partnerScorecards(ctxOf(request, deps)) };
    },
  );

  app.get(
    '/api/v1/referrals/:id',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Read a referral with its history (partners: the shared fields only; first reading marks it received)',
        params: Id,
        response: { 200: ref, ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return getReferral(ctxOf(request, deps), request.params.id);
    },
  );

  app.post(
    '/api/v1/referrals/:id/send',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Send a draft: copies the shared fields, sets the response deadline, notifies the partner',
        params: Id,
        body: VersionBody,
        response: { 200: ref, ...writes },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      return answer(
        reply,
        await sendReferral(ctxOf(request, deps), request.params.id, request.body, notifier(request)),
      );
    },
  );

  app.post(
    '/api/v1/referrals/:id/cancel',
    {
      schema: {
        tags: ['referrals'],
        summary: 'Cancel or revoke a referral that is not finished, with a reason',
        params: Id,
        body: CancelBody,
        response: { 200: ref, ...writes },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      return answer(reply, await cancelReferral(ctxOf(request, deps), request.params.id, request.body));
    },
  );

  app.post(
    '/api/v1/referrals/:id/responses',
    {
      schema: {
        tags: ['referrals'],
        summary: 'The destination answers: accept, decline (coded reason), progress, complete (coded outcome)',
        params: Id,
        body: RespondBody,
        response: { 200: ref, ...writes },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      return answer(reply, await respondReferral(ctxOf(request, deps), request.params.id, request.body));
    },
  );

  app.put(
    '/api/v1/partner/capacity',
    {
      schema: {
        tags: ['referrals'],
        summary: "A partner user sets its organization's capacity (has capacity, waitlist, no capacity)",
        body: CapacityBody,
        response: { 204: Type.Null(), 422: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await setPartnerCapacity(ctxOf(request, deps), request.body.status);
      if (result.kind === 'invalid') return answer(reply, result);
      return reply.code(204).send(null);
    },
  );
}
