import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import {
  AddMemberBody,
  CreateHouseholdBody,
  type HouseholdError,
  HouseholdOfSchema,
  HouseholdSchema,
  type HouseholdWrite,
  LeaveQuery,
} from './households.schema.ts';
import { addMember, createHousehold, getHouseholdOf, removeMember } from './households.service.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const MemberParams = Type.Object({ id: Type.String({ maxLength: 100 }), personId: Type.String({ maxLength: 100 }) });

/**
 * Bad input is 422 naming each field (a JSON pointer), whether the schema or the service caught it:
 * the client gets one shape for every validation problem on these routes.
 */
function sendInvalid(reply: FastifyReply, errors: { pointer: string; detail: string }[]) {
  return sendProblem(reply, {
    type: problemType('invalid-household'),
    title: 'Some fields are not valid',
    status: 422,
    errors,
  });
}

function schemaErrors(request: FastifyRequest): { pointer: string; detail: string }[] | undefined {
  const err = request.validationError as FastifyError | undefined;
  if (!err) return undefined;
  return (err.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    return { pointer: `${v.instancePath}${missing ? `/${missing}` : ''}` || '/', detail: v.message ?? 'invalid' };
  });
}

const toPointers = (errors: HouseholdError[]) => errors.map((e) => ({ pointer: `/${e.field}`, detail: e.code }));

function sendWrite(reply: FastifyReply, result: HouseholdWrite, created: boolean) {
  switch (result.kind) {
    case 'done':
      if (!created) return reply.send(result.household);
      return reply.code(201).header('location', `/api/v1/households/${result.household.id}`).send(result.household);
    case 'invalid':
      return sendInvalid(reply, toPointers(result.errors));
    case 'already-member':
      return sendProblem(reply, {
        type: problemType('already-in-household'),
        title: 'This person already belongs to a household',
        status: 409,
        detail: 'A person belongs to at most one household at a time: record that they left it first.',
        errors: [{ pointer: '/personId', detail: 'alreadyMember' }],
      });
    case 'not-member':
      return sendProblem(reply, {
        type: problemType('not-in-household'),
        title: 'This person is not a current member of the household',
        status: 409,
      });
    case 'reference-must-change-first':
      return sendProblem(reply, {
        type: problemType('reference-leaves'),
        title: 'The reference person cannot leave while others remain',
        status: 409,
        detail: 'Make another member the reference person first.',
      });
  }
}

export function registerHouseholdApi(app: App, deps: RouteDeps): void {
  app.addSchema(HouseholdSchema);
  app.addSchema(HouseholdOfSchema);
  const problems = { 401: problemResponse(), 403: problemResponse(), 404: problemResponse() };
  const writeProblems = { ...problems, 409: problemResponse(), 422: problemResponse() };

  app.get(
    '/api/v1/people/:id/household',
    {
      schema: {
        tags: ['households'],
        summary: "A person's household: current members, former members, linked cohabitants (audited)",
        params: Id,
        response: { 200: Type.Ref('HouseholdOf'), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await getHouseholdOf(ctxOf(request, deps), request.params.id);
      if (result.kind === 'household') return result.value;
      return sendProblem(reply, {
        type: problemType('confidential'),
        title: 'Confidential file',
        status: 403,
        detail: `State a reason: POST /api/v1/people/${request.params.id}/break-glass`,
      });
    },
  );

  app.post(
    '/api/v1/households',
    {
      attachValidation: true,
      schema: {
        tags: ['households'],
        summary: 'Open a household with its reference person (409 if they already belong to one)',
        body: CreateHouseholdBody,
        response: { 201: Type.Ref('Household'), ...writeProblems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const invalid = schemaErrors(request);
      if (invalid) return sendInvalid(reply, invalid);
      const { referencePersonId, joinedOn } = request.body;
      const result = await createHousehold(ctxOf(request, deps), referencePersonId, joinedOn ? { joinedOn } : {});
      return sendWrite(reply, result, true);
    },
  );

  app.post(
    '/api/v1/households/:id/members',
    {
      attachValidation: true,
      schema: {
        tags: ['households'],
        summary: 'Add a member (409 if the person already belongs to a household)',
        params: Id,
        body: AddMemberBody,
        response: { 201: Type.Ref('Household'), ...writeProblems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const invalid = schemaErrors(request);
      if (invalid) return sendInvalid(reply, invalid);
      const result = await addMember(ctxOf(request, deps), request.params.id, request.body);
      return sendWrite(reply, result, true);
    },
  );

  app.delete(
    '/api/v1/households/:id/members/:personId',
    {
      attachValidation: true,
      schema: {
        tags: ['households'],
        summary:
          'A member leaves the household: sets the membership end date (?leftOn=YYYY-MM-DD, default today). ' +
          'Nothing is deleted: the membership stays in formerMembers as history.',
        params: MemberParams,
        querystring: LeaveQuery,
        response: { 200: Type.Ref('Household'), ...writeProblems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const invalid = schemaErrors(request);
      if (invalid) return sendInvalid(reply, invalid);
      const { leftOn } = request.query;
      const result = await removeMember(
        ctxOf(request, deps),
        request.params.id,
        request.params.personId,
        leftOn ? { leftOn } : {},
      );
      return sendWrite(reply, result, false);
    },
  );
}
