import type { FastifyRequest } from 'fastify';
import type { Clock, Ctx, Operator } from '../context.ts';
import { isOperator } from '../context.ts';
import type { Db } from '../db/database.ts';
import { Unauthenticated } from '../errors.ts';

/** What route modules receive from the entrypoint. */
export interface RouteDeps {
  db: Db;
  clock: Clock;
}

export function ctxOf(request: FastifyRequest, deps: RouteDeps): Ctx {
  return { actor: request.actor, requestId: request.id, clock: deps.clock, db: deps.db };
}

/** For pages and API routes that need a signed-in operator (session or token). */
export function requireOperator(request: FastifyRequest): Operator {
  if (!isOperator(request.actor)) throw new Unauthenticated();
  return request.actor;
}
