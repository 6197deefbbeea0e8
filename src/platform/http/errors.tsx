import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import { Layout } from '../ui/layout.tsx';
import { pageCtx, sendPage } from './pages.tsx';
import { problemType, sendProblem } from './problem.ts';
import type { App } from './types.ts';

interface Shown {
  status: number;
  code: string;
  title: MessageKey;
  body: MessageKey;
  detail?: string;
  errors?: { pointer: string; detail: string }[];
}

function classify(error: FastifyError | DomainError | Error): Shown {
  if (error instanceof DomainError) {
    const page: Record<number, [MessageKey, MessageKey]> = {
      403: ['error.forbidden', 'error.forbiddenBody'],
      404: ['error.notFound', 'error.notFoundBody'],
    };
    const [title, body] = page[error.status] ?? ['error.badRequest', 'error.badRequestBody'];
    return { status: error.status, code: error.code, title, body, detail: error.message };
  }
  const fe = error as FastifyError;
  if (fe.code?.startsWith('FST_CSRF')) {
    return { status: 403, code: 'csrf', title: 'error.csrf', body: 'error.csrfBody' };
  }
  if (fe.validation) {
    return {
      // A body that breaks its schema is unprocessable content (422, naming each field); a malformed
      // query string or path parameter is a bad request (400).
      status: fe.validationContext === 'body' ? 422 : 400,
      code: 'validation',
      title: 'error.badRequest',
      body: 'error.badRequestBody',
      detail: 'The request does not match the schema.',
      errors: fe.validation.map((v) => ({
        pointer: `/${fe.validationContext ?? 'body'}${v.instancePath}`,
        detail: v.message ?? 'invalid',
      })),
    };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      code: fe.code ?? 'bad-request',
      title: 'error.badRequest',
      body: 'error.badRequestBody',
      detail: fe.message,
    };
  }
  return { status: 500, code: 'internal', title: 'error.server', body: 'error.serverBody' };
}

export function errorPage(request: FastifyRequest, reply: FastifyReply, shown: Shown): FastifyReply {
  if (request.isApi) {
    return sendProblem(reply, {
      type: problemType(shown.code),
      title: request.t(shown.title),
      status: shown.status,
      ...(shown.detail ? { detail: shown.detail } : {}),
      ...(shown.errors ? { errors: shown.errors } : {}),
    });
  }
  if (!request.tenant) request.tenant = { id: '', code: '', name: 'Segretariato' };
  const page = pageCtx(request, reply);
  return sendPage(
    reply,
    <Layout page={page} title={page.t(shown.title)}>
      <h1>{page.t(shown.title)}</h1>
      <p class="lead">{page.t(shown.body)}</p>
      <p>
        <a href="/">{page.t('error.backHome')}</a>
      </p>
    </Layout>,
    shown.status,
  );
}

export function installErrorHandling(app: App): void {
  app.setErrorHandler((error, request, reply) => {
    const shown = classify(error as Error);
    // A page that needs a signed-in operator sends the browser to the sign-in form.
    if (shown.status === 401 && !request.isApi) return reply.redirect('/accedi', 303);
    if (shown.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: shown.code, status: shown.status }, 'request refused');
    return errorPage(request, reply, shown);
  });
  app.setNotFoundHandler((request, reply) =>
    errorPage(request, reply, { status: 404, code: 'not-found', title: 'error.notFound', body: 'error.notFoundBody' }),
  );
}
