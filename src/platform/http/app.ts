import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import type { Config } from '../config.ts';
import { DEFAULT_LOCALE, negotiate, translator } from '../i18n/index.ts';
import { newId } from '../ids.ts';
import { installErrorHandling } from './errors.tsx';
import { installObservability, type Readiness } from './observability.ts';
import { Problem } from './problem.ts';
import type { App } from './types.ts';

export type { App };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface HttpOptions {
  config: Pick<Config, 'logLevel' | 'trustProxy'>;
  cookieSecret: string;
  readiness: Readiness;
  version: string;
}

/**
 * The Fastify instance with everything every route relies on: logging without personal data,
 * request ids, cookies, CSRF, forms, static assets, OpenAPI, error pages and problem details.
 */
export async function createHttpApp(options: HttpOptions): Promise<App> {
  const app = Fastify({
    logger: {
      level: options.config.logLevel,
      // Personal data never reaches the logs: no query strings, bodies, cookies or auth headers.
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
        res: (res) => ({ statusCode: res.statusCode }),
        // PostgreSQL puts row values in `detail` ("Key (username)=(…) already exists"): keep only the shape.
        err: (err) => ({ type: err.name, message: err.message, code: err.code, stack: err.stack ?? '' }),
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    genReqId: () => newId(),
    trustProxy: options.config.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorateRequest('actor', null as never);
  app.decorateRequest('tenant', null as never);
  app.decorateRequest('isApi', false);
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('t', null as never);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
    );
  });

  await app.register(fastifyCookie, { secret: options.cookieSecret });
  await app.register(fastifyFormbody);
  app.addHook('onRequest', async (request, reply) => {
    request.isApi = request.url.startsWith('/api/');
    request.locale = negotiate(request.cookies.lang, request.headers['accept-language']);
    request.t = translator(request.locale);
    request.actor = { kind: 'anonymous', tenantId: undefined };
    reply.header('x-request-id', request.id);
  });
  await app.register(fastifyCsrf, {
    cookieKey: 'csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: 'auto' },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf,
  });
  // Bootstrap Italia's CSS and script are 1.6 MB as shipped; brotli/gzip make them about a sixth of
  // that, which is what lets the public pages load fast on a phone's connection (docs/BENCHMARKS.md).
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(fastifyStatic, {
    root: path.join(ROOT, 'node_modules/bootstrap-italia/dist'),
    prefix: '/assets/bi/',
    maxAge: '7d',
    preCompressed: false,
  });
  await app.register(fastifyStatic, { root: path.join(ROOT, 'public'), prefix: '/assets/', decorateReply: false });

  app.addSchema(Problem);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Segretariato API',
        version: options.version,
        description: 'JSON API of the Segretariato Sociale. Errors are RFC 9457 problem details.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    hideUntagged: true,
    // Components keep their $id as name (Problem, Office, Person) instead of def-0, def-1…
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  installErrorHandling(app);
  installObservability(app, options.readiness);
  return app;
}
