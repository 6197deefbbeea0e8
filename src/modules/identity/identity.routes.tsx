import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { problemType, sendProblem } from '../../platform/http/problem.ts';
import { isLocale } from '../../platform/i18n/index.ts';
import {
  authenticateSession,
  authenticateToken,
  changePassword,
  login,
  logout,
  type SessionPolicy,
  type TenantRef,
} from './identity.service.ts';
import { LoginPage, type PasswordErrors, PasswordPage } from './identity.views.tsx';

export const SESSION_COOKIE = 'sid';

export interface IdentityDeps extends RouteDeps {
  session: SessionPolicy;
  /** The tenant residents see; undefined only on an empty database. */
  publicTenant: () => TenantRef | undefined;
}

const cookieOptions = { httpOnly: true, sameSite: 'lax', path: '/', secure: 'auto' } as const;

/**
 * Works out who is asking: an API bearer token, an operator session cookie, or nobody. Runs before
 * every route, so routes only read request.actor and request.tenant.
 */
export function installAuthentication(app: App, deps: IdentityDeps): void {
  app.addHook('onRequest', async (request, reply) => {
    request.tenant = deps.publicTenant() ?? { id: '', code: '', name: 'Segretariato' };
    const auth = request.headers.authorization;
    // Bearer tokens are for the API only: pages need a signed-in person (a session, with CSRF on forms).
    if (auth !== undefined && request.isApi) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
      const principal = bearer ? await authenticateToken(deps, bearer) : undefined;
      if (!principal) {
        return sendProblem(reply.header('www-authenticate', 'Bearer'), {
          type: problemType('unauthenticated'),
          title: request.t('error.forbidden'),
          status: 401,
          detail: 'Missing, unknown or revoked bearer token',
        });
      }
      request.actor = principal.actor;
      request.tenant = principal.tenant;
      return;
    }
    const sid = request.cookies[SESSION_COOKIE];
    // The API takes bearer tokens only: a cookie there would open it to cross-site requests.
    if (!sid || request.isApi) return;
    const found = await authenticateSession(deps, sid);
    if (found.state === 'valid') {
      request.actor = found.principal.actor;
      request.tenant = found.principal.tenant;
    } else {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if (found.state === 'expired' && request.method === 'GET' && request.url.startsWith('/operatori')) {
        return reply.redirect('/accedi?sessione=scaduta', 303);
      }
    }
  });
}

const LoginBody = Type.Object({
  username: Type.String({ maxLength: 200 }),
  password: Type.String({ maxLength: 1000 }),
  _csrf: Type.Optional(Type.String()),
});
const PasswordBody = Type.Object({
  current: Type.String({ maxLength: 1000 }),
  next: Type.String({ maxLength: 1000 }),
  confirm: Type.String({ maxLength: 1000 }),
  _csrf: Type.Optional(Type.String()),
});

function safeReturnPath(value: unknown): string {
  // Only same-site paths: "//evil.example" and "/\evil" would leave the site.
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

export function registerIdentityRoutes(app: App, deps: IdentityDeps): void {
  const loginPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { username?: string; error?: string; notice?: string },
    status = 200,
  ) => sendPage(reply, <LoginPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} {...extra} />, status);

  app.get('/accedi', { schema: { hide: true } }, async (request, reply) => {
    if (request.actor.kind === 'user') return reply.redirect('/operatori', 303);
    const q = request.query as Record<string, string | undefined>;
    const notice =
      q.sessione === 'scaduta'
        ? request.t('login.expired')
        : q.uscito === '1'
          ? request.t('login.loggedOut')
          : undefined;
    return loginPage(request, reply, notice ? { notice } : {});
  });

  app.post(
    '/accedi',
    { schema: { hide: true, body: LoginBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const { username, password } = request.body;
      const result = await login(
        { ...deps, requestId: request.id, preferredTenantId: deps.publicTenant()?.id },
        { username, password },
      );
      if (result.ok) {
        reply.setCookie(SESSION_COOKIE, result.sessionToken, cookieOptions);
        return reply.redirect('/operatori', 303);
      }
      const error =
        result.reason === 'locked'
          ? request.t('login.locked', { minutes: result.minutes })
          : result.reason === 'no-membership'
            ? request.t('login.noMembership')
            : request.t('login.failed');
      return loginPage(request, reply, { username, error }, result.reason === 'locked' ? 429 : 401);
    },
  );

  app.post('/esci', { schema: { hide: true }, preHandler: app.csrfProtection }, async (request, reply) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid && request.actor.kind === 'user') await logout(ctxOf(request, deps), sid);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/accedi?uscito=1', 303);
  });

  app.get('/operatori/password', { schema: { hide: true } }, async (request, reply) => {
    requireOperator(request);
    return sendPage(reply, <PasswordPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} />);
  });

  app.post(
    '/operatori/password',
    { schema: { hide: true, body: PasswordBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const sid = request.cookies[SESSION_COOKIE] ?? '';
      const result = await changePassword(ctxOf(request, deps), sid, request.body);
      const t = request.t;
      const errors: PasswordErrors = {};
      if (!result.ok) {
        if (result.problem === 'wrongCurrent') errors.current = t('password.wrongCurrent');
        else if (result.problem === 'mismatch') errors.confirm = t('password.mismatch');
        else errors.next = t(result.problem === 'tooShort' ? 'password.tooShort' : 'password.sameAsUsername');
      }
      const page = (
        <PasswordPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} errors={errors} done={result.ok} />
      );
      return sendPage(reply, page, result.ok ? 200 : 422);
    },
  );

  app.get('/lingua/:locale', { schema: { hide: true } }, async (request, reply) => {
    const { locale } = request.params as { locale: string };
    const back = safeReturnPath((request.query as Record<string, unknown>).torna);
    if (isLocale(locale)) reply.setCookie('lang', locale, { path: '/', sameSite: 'lax', maxAge: 365 * 86_400 });
    return reply.redirect(back, 303);
  });
}
