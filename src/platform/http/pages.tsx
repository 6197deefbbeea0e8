import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { PageCtx } from '../ui/layout.tsx';

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!DOCTYPE html>${renderToString(page)}`);
}

/** The furniture context for a page, with a CSRF token for the logout form when an operator is signed in. */
export function pageCtx(request: FastifyRequest, reply: FastifyReply): PageCtx {
  const actor = request.actor;
  const operator =
    actor.kind === 'user' ? { displayName: actor.displayName, csrfToken: reply.generateCsrf() } : undefined;
  const path = request.url.split('?')[0] ?? '/';
  return { t: request.t, locale: request.locale, path, tenantName: request.tenant.name, operator };
}
