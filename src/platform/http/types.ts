import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { Actor } from '../context.ts';
import type { Locale, Translate } from '../i18n/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** The tenant this request is served for: the operator's, or the installation's public one. */
    tenant: { id: string; code: string; name: string };
    locale: Locale;
    t: Translate;
    /** True for /api/* requests: errors are problem+json there, pages elsewhere. */
    isApi: boolean;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
