import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import { assignWorker, listAssignments, unassignWorker } from './confidential.service.ts';
import {
  Assignment,
  AssignmentInput,
  Consent,
  ConsentInput,
  Notice,
  NoticeInput,
  RevokeInput,
} from './privacy.schema.ts';
import {
  giveConsent,
  listConsents,
  listPrivacyNotices,
  recordPrivacyNotice,
  revokeConsent,
} from './privacy.service.ts';
import type { PrivacyFieldError } from './privacy.validation.ts';

const PersonId = Type.Object({ id: Type.String({ description: 'The person’s id (UUID)' }) });
const ConsentRef = Type.Object({ id: Type.String(), consentId: Type.String() });
const AssignmentRef = Type.Object({ id: Type.String(), userId: Type.String() });
const problems = {
  401: problemResponse(),
  403: problemResponse('Problem', 'No permission, or a confidential file not opened (type …/confidential)'),
  404: problemResponse('Problem', 'Unknown person, or another tenant’s (audited as denied)'),
};
const invalid = { 422: problemResponse('Problem', 'Invalid fields, each named by a JSON pointer') };

/** 422 naming every bad field, both for the schema's checks and for the service's. */
function sendInvalid(reply: FastifyReply, errors: readonly { pointer: string; detail: string }[]) {
  return sendProblem(reply, {
    type: problemType('invalid-fields'),
    title: 'Some fields are not valid',
    status: 422,
    errors: [...errors],
  });
}
const fieldErrors = (errors: readonly PrivacyFieldError[]) =>
  errors.map((e) => ({ pointer: `/${e.field}`, detail: e.code }));

interface SchemaIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
}
/** The body failed its schema: answer 422 with a pointer per field (Fastify's default is a 400). */
function schemaRefused(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const error = request.validationError as (Error & { validation?: SchemaIssue[] }) | undefined;
  if (!error) return undefined;
  // One entry per field: a union (date or null) fails each branch, which says the same thing three times.
  const byPointer = new Map<string, string>();
  for (const v of error.validation ?? []) {
    const prop = v.params?.missingProperty ?? '';
    const pointer = `${v.instancePath ?? ''}${prop ? `/${prop}` : ''}` || '/';
    const detail = v.keyword === 'required' ? 'required' : (v.message ?? 'invalid');
    if (!byPointer.has(pointer) || v.keyword === 'format') byPointer.set(pointer, detail);
  }
  return sendInvalid(
    reply,
    [...byPointer].map(([pointer, detail]) => ({ pointer, detail })),
  );
}

export function registerPrivacyApi(app: App, deps: RouteDeps): void {
  app.addSchema(Notice);
  app.addSchema(Consent);
  app.addSchema(Assignment);
  const tags = ['people'];

  app.get(
    '/api/v1/people/:id/privacy-notices',
    {
      schema: {
        tags,
        summary: 'History of the privacy notice given to the person, most recent first (audited)',
        params: PersonId,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('PrivacyNotice')) }), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await listPrivacyNotices(ctxOf(request, deps), request.params.id) };
    },
  );

  app.post(
    '/api/v1/people/:id/privacy-notices',
    {
      schema: {
        tags,
        summary: 'Record that the person received and read the privacy notice (public interest, not consent)',
        params: PersonId,
        body: NoticeInput,
        response: { 201: Type.Ref('PrivacyNotice'), ...invalid, ...problems },
      },
      attachValidation: true,
    },
    async (request, reply) => {
      requireOperator(request);
      const refused = schemaRefused(request, reply);
      if (refused) return refused;
      const result = await recordPrivacyNotice(ctxOf(request, deps), request.params.id, request.body);
      if (result.kind === 'invalid') return sendInvalid(reply, fieldErrors(result.errors));
      return reply.code(201).send(result.notice);
    },
  );

  app.get(
    '/api/v1/people/:id/consents',
    {
      schema: {
        tags,
        summary: 'Consents of the person, active and past, with their state today in Europe/Rome (audited)',
        params: PersonId,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Consent')) }), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await listConsents(ctxOf(request, deps), request.params.id) };
    },
  );

  app.post(
    '/api/v1/people/:id/consents',
    {
      schema: {
        tags,
        summary: 'Record a consent for a specific purpose (e.g. sharing with a named partner)',
        params: PersonId,
        body: ConsentInput,
        response: { 201: Type.Ref('Consent'), ...invalid, ...problems },
      },
      attachValidation: true,
    },
    async (request, reply) => {
      requireOperator(request);
      const refused = schemaRefused(request, reply);
      if (refused) return refused;
      const result = await giveConsent(ctxOf(request, deps), request.params.id, request.body);
      if (result.kind === 'invalid') return sendInvalid(reply, fieldErrors(result.errors));
      return reply.code(201).send(result.consent);
    },
  );

  app.post(
    '/api/v1/people/:id/consents/:consentId/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a consent: it stays on record with its revocation day, never deleted',
        params: ConsentRef,
        body: RevokeInput,
        response: { 200: Type.Ref('Consent'), 409: problemResponse(), ...invalid, ...problems },
      },
      attachValidation: true,
    },
    async (request, reply) => {
      requireOperator(request);
      // The body is optional (no body: revoked today); one that is sent must be valid.
      const refused = request.body === undefined ? undefined : schemaRefused(request, reply);
      if (refused) return refused;
      const { id, consentId } = request.params;
      const result = await revokeConsent(ctxOf(request, deps), id, consentId, request.body?.revokedOn);
      if (result.kind === 'invalid') return sendInvalid(reply, fieldErrors(result.errors));
      if (result.kind === 'already-revoked')
        return sendProblem(reply, {
          type: problemType('already-revoked'),
          title: 'This consent was already revoked',
          status: 409,
          detail: `Revoked on ${result.consent.revokedOn}`,
        });
      return result.consent;
    },
  );

  app.get(
    '/api/v1/people/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Workers assigned to the person (they open a confidential file without stating a reason)',
        params: PersonId,
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Assignment')) }), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: (await listAssignments(ctxOf(request, deps), request.params.id)).items };
    },
  );

  app.post(
    '/api/v1/people/:id/assignments',
    {
      schema: {
        tags,
        summary: 'Assign a worker of the same tenant (by an assigned worker or a coordinator)',
        params: PersonId,
        body: AssignmentInput,
        response: { 200: Type.Ref('Assignment'), 201: Type.Ref('Assignment'), ...invalid, ...problems },
      },
      attachValidation: true,
    },
    async (request, reply) => {
      requireOperator(request);
      const refused = schemaRefused(request, reply);
      if (refused) return refused;
      const result = await assignWorker(ctxOf(request, deps), request.params.id, request.body.userId);
      if (result.kind === 'invalid') return sendInvalid(reply, fieldErrors(result.errors));
      return reply.code(result.created ? 201 : 200).send(result.assignment);
    },
  );

  app.delete(
    '/api/v1/people/:id/assignments/:userId',
    {
      schema: {
        tags,
        summary: 'Unassign a worker; a confidential file keeps at least one (409 otherwise)',
        params: AssignmentRef,
        response: { 204: Type.Null(), 409: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const { id, userId } = request.params;
      const result = await unassignWorker(ctxOf(request, deps), id, userId);
      if (result.kind === 'unassigned') return reply.code(204).send(null);
      if (result.kind === 'not-assigned')
        return sendProblem(reply, { type: problemType('not-found'), title: 'Not assigned', status: 404 });
      return sendProblem(reply, {
        type: problemType('last-assignee'),
        title: 'A confidential file keeps at least one assigned worker: assign another one first',
        status: 409,
      });
    },
  );
}
