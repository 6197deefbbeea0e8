import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import { CreatePersonBody, PersonInput, PersonView, UpdatePersonBody } from './people.schema.ts';
import { breakGlass, createPerson, getPerson, type SaveResult, searchPeople, updatePerson } from './people.service.ts';

const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
/** 409 on create: the problem document plus the candidates, each with why it was proposed. */
const DuplicatesProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    candidates: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.String(),
          name: Type.String(),
          birthYear: Type.Union([Type.Integer(), Type.Null()]),
          reasons: Type.Array(Type.String(), {
            description:
              'sameTaxCode, sameDocument, similarNameSameBirthDate, similarNameSameBirthYear, sameNameBirthUnknown, samePhone',
          }),
        }),
      ),
    ),
  },
  { $id: 'DuplicatesProblem' },
);

/** A field path as a JSON pointer into the request body: 'address.street' → '/address/street'. */
const pointer = (field: string) => `/${field.replaceAll('.', '/')}`;

/** Problems a save can meet, as RFC 9457 documents the client can act on. */
function sendSaveProblem(reply: FastifyReply, result: Exclude<SaveResult, { kind: 'saved' }>) {
  switch (result.kind) {
    case 'invalid':
      return sendProblem(reply, {
        type: problemType('invalid-person'),
        title: 'Some fields are not valid',
        status: 422,
        errors: result.errors.map((e) => ({ pointer: pointer(e.field), detail: e.code })),
      });
    case 'tax-code-mismatch':
      return sendProblem(reply, {
        type: problemType('tax-code-mismatch'),
        title: 'The tax code disagrees with the declared data',
        status: 422,
        detail: `Mismatch on: ${result.mismatches.join(', ')}. Send taxCodeMismatchReason to keep it.`,
        errors: [{ pointer: '/taxCodeMismatchReason', detail: 'required' }],
      });
    case 'duplicates':
      return reply
        .code(409)
        .type('application/problem+json')
        .send({
          type: problemType('possible-duplicates'),
          title: 'This may be a person already on file',
          status: 409,
          detail: 'Check the candidates; send their ids in acknowledgedDuplicates if they are other people.',
          instance: `urn:request:${reply.request.id}`,
          candidates: result.candidates,
        });
    case 'conflict':
      return sendProblem(reply, {
        type: problemType('stale-version'),
        title: 'Someone else changed this person since you read it',
        status: 409,
        detail: `Current version is ${result.current.version}; read it again and re-apply your change.`,
      });
  }
}

export function registerPeopleApi(app: App, deps: RouteDeps): void {
  app.addSchema(PersonInput);
  app.addSchema(PersonView);
  app.addSchema(DuplicatesProblem);
  const problems = { 401: problemResponse(), 403: problemResponse(), 404: problemResponse() };

  app.get(
    '/api/v1/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Search people: tax code, phone, birth date (dd/mm/yyyy) or name (accent- and typo-tolerant)',
        querystring: Type.Object({ q: Type.String({ minLength: 2, maxLength: 200 }) }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                birthYear: Type.Union([Type.Integer(), Type.Null()]),
                neighbourhood: Type.Union([Type.String(), Type.Null()]),
                confidential: Type.Boolean(),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await searchPeople(ctxOf(request, deps), request.query.q) };
    },
  );

  app.post(
    '/api/v1/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Register a person; likely duplicates are returned (409) before anything is saved',
        body: CreatePersonBody,
        response: {
          201: Type.Ref('Person'),
          409: problemResponse('DuplicatesProblem', 'Possible duplicates (RFC 9457 with candidates)'),
          422: problemResponse(),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await createPerson(ctxOf(request, deps), request.body);
      if (result.kind === 'saved')
        return reply.code(201).header('location', `/api/v1/people/${result.person.id}`).send(result.person);
      return sendSaveProblem(reply, result);
    },
  );

  app.get(
    '/api/v1/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Read a person (audited). A confidential file answers 403 until a reason is given.',
        params: Id,
        response: { 200: Type.Ref('Person'), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await getPerson(ctxOf(request, deps), request.params.id);
      if (result.kind === 'person') return result.person;
      return sendProblem(reply, {
        type: problemType('confidential'),
        title: 'Confidential file',
        status: 403,
        detail: `State a reason: POST /api/v1/people/${result.id}/break-glass`,
      });
    },
  );

  app.put(
    '/api/v1/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Update a person; send the version you read (a stale version answers 409)',
        params: Id,
        body: UpdatePersonBody,
        response: { 200: Type.Ref('Person'), 409: problemResponse(), 422: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await updatePerson(ctxOf(request, deps), request.params.id, request.body);
      if (result.kind === 'saved') return result.person;
      return sendSaveProblem(reply, result);
    },
  );

  app.post(
    '/api/v1/people/:id/break-glass',
    {
      schema: {
        tags: ['people'],
        summary: 'Open a confidential file for 3 hours by stating a reason (audited, reviewed by the coordinator)',
        params: Id,
        body: Type.Object({ reason: Type.String({ maxLength: 1000 }) }),
        response: { 204: Type.Null(), 422: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await breakGlass(ctxOf(request, deps), request.params.id, request.body.reason);
      if (result.kind === 'opened') return reply.code(204).send(null);
      return sendProblem(reply, {
        type: problemType('reason-required'),
        title: 'State a real reason (at least 10 characters)',
        status: 422,
        errors: [{ pointer: '/reason', detail: 'tooShort' }],
      });
    },
  );
}
