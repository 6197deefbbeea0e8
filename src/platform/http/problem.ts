import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';

/** RFC 9457 problem details. */
export const Problem = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the kind of problem' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String({ description: 'The request id, to quote when asking for help' })),
    errors: Type.Optional(
      Type.Array(Type.Object({ pointer: Type.String(), detail: Type.String() }), {
        description: 'Field-level validation errors',
      }),
    ),
  },
  { $id: 'Problem' },
);

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { pointer: string; detail: string }[];
}

export function sendProblem(reply: FastifyReply, body: Omit<ProblemBody, 'instance'>): FastifyReply {
  return reply
    .code(body.status)
    .type('application/problem+json')
    .send({ ...body, instance: `urn:request:${reply.request.id}` });
}

export const problemType = (code: string) => `https://segretariato.example/problems/${code}`;

/**
 * An error response in a route schema: documented in OpenAPI as `application/problem+json`, which is
 * what the API sends (a bare `Type.Ref('Problem')` would be documented as `application/json`).
 */
export function problemResponse(schema: string = 'Problem', description = 'Problem details (RFC 9457)') {
  return { description, content: { 'application/problem+json': { schema: Type.Ref(schema) } } };
}
