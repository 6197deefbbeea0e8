import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import { getAccess, listAccesses } from './access.read.service.ts';
import {
  AccessList,
  AccessListQuery,
  AccessView,
  PublishTaxonomyBody,
  RegisterAccessBody,
  RegisterAccessResponse,
  Taxonomy,
} from './access.schema.ts';
import { registerAccess } from './access.service.ts';
import type { FieldError } from './access.validation.ts';
import { currentTaxonomy, publishTaxonomy, type Taxonomy as TaxonomyData } from './taxonomy.service.ts';

const taxonomyJson = (t: TaxonomyData) => ({
  version: t.version,
  publishedAt: t.publishedAt?.toISOString() ?? null,
  areas: t.areas,
});

/** A field path as a JSON pointer into the request body: 'requests.0.reason' → '/requests/0/reason'. */
const pointer = (field: string) => `/${field.replaceAll('.', '/')}`;

function sendInvalid(reply: FastifyReply, code: string, errors: FieldError[]) {
  return sendProblem(reply, {
    type: problemType(code),
    title: 'Some fields are not valid',
    status: 422,
    errors: errors.map((e) => ({ pointer: pointer(e.field), detail: e.code })),
  });
}

export function registerAccessApi(app: App, deps: RouteDeps): void {
  app.addSchema(AccessView);
  const problems = { 401: problemResponse(), 403: problemResponse() };

  app.post(
    '/api/v1/accesses',
    {
      schema: {
        tags: ['accesses'],
        summary:
          'Register an access. If a named person already has an access today at this office (IASS counting ' +
          'rule), the requests are attached to it: 200 with attached = true instead of 201.',
        body: RegisterAccessBody,
        response: { 200: RegisterAccessResponse, 201: RegisterAccessResponse, 422: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await registerAccess(ctxOf(request, deps), request.body);
      if (result.kind === 'invalid') return sendInvalid(reply, 'invalid-access', result.errors);
      const attached = result.kind === 'attached';
      return reply
        .code(attached ? 200 : 201)
        .header('location', `/api/v1/accesses/${result.access.id}`)
        .send({ attached, access: result.access });
    },
  );

  app.get(
    '/api/v1/accesses',
    {
      schema: {
        tags: ['accesses'],
        summary:
          "Working lists of the operator's offices, most urgent first: view=today, awaiting (interview, with " +
          'waiting days), mine (open); filters by office, channel, need-area code, days. Audited.',
        querystring: AccessListQuery,
        response: { 200: AccessList, 400: problemResponse(), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await listAccesses(ctxOf(request, deps), request.query) };
    },
  );

  app.get(
    '/api/v1/accesses/:id',
    {
      schema: {
        tags: ['accesses'],
        summary: 'Read an access: persons concerned, requests with their need area and taxonomy version (audited)',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 200: Type.Ref('Access'), 404: problemResponse(), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return getAccess(ctxOf(request, deps), request.params.id);
    },
  );

  app.get(
    '/api/v1/need-areas',
    {
      schema: {
        tags: ['accesses'],
        summary: 'The current need taxonomy (SIUSS user areas and local categories), with its version',
        response: { 200: Taxonomy, ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return taxonomyJson(await currentTaxonomy(ctxOf(request, deps)));
    },
  );

  app.post(
    '/api/v1/need-areas',
    {
      schema: {
        tags: ['accesses'],
        summary: 'Publish a new version of the need taxonomy (admin). Earlier versions and their records stay.',
        body: PublishTaxonomyBody,
        response: { 201: Taxonomy, 422: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await publishTaxonomy(ctxOf(request, deps), request.body.areas, request.body.note);
      if (result.kind === 'invalid') return sendInvalid(reply, 'invalid-taxonomy', result.errors);
      return reply.code(201).send(taxonomyJson(result.taxonomy));
    },
  );
}
