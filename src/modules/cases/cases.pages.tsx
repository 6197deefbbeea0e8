import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { addDiaryEntry, listOverdueReviews } from './careplan.service.ts';
import { decideCase, getCase, listCaseload, listCaseworkers } from './cases.service.ts';
import { CaseloadPage, CasePage, VIEWS } from './cases.views.tsx';

const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const Str = (max = 20000) => Type.Optional(Type.String({ maxLength: max }));

/** Pages of the second level: caseloads with overdue tasks, the case with its decision and diary forms. */
export function registerCasePages(app: App, deps: RouteDeps): void {
  app.get(
    '/operatori/casi',
    { schema: { hide: true, querystring: Type.Object({ vista: Type.Optional(Type.Enum(VIEWS)) }) } },
    async (request, reply) => {
      requireOperator(request);
      const ctx = ctxOf(request, deps);
      const view = request.query.vista ?? 'active';
      const [items, tasks] = await Promise.all([listCaseload(ctx, { view }), listOverdueReviews(ctx)]);
      return sendPage(reply, <CaseloadPage page={pageCtx(request, reply)} view={view} items={items} tasks={tasks} />);
    },
  );

  const casePage = async (request: FastifyRequest, reply: FastifyReply, id: string, error = false, status = 200) => {
    const actor = requireOperator(request);
    const ctx = ctxOf(request, deps);
    const c = await getCase(ctx, id);
    const workers = c.status === 'proposed' && actor.role === 'coordinator' ? await listCaseworkers(ctx) : undefined;
    const canWrite =
      actor.role === 'coordinator' || c.responsibleWorkerId === actor.userId || c.team.includes(actor.userId);
    return sendPage(
      reply,
      <CasePage
        page={pageCtx(request, reply)}
        c={c}
        csrf={reply.generateCsrf()}
        workers={workers}
        canWrite={canWrite && (c.status === 'open' || c.status === 'suspended')}
        error={error}
      />,
      status,
    );
  };

  app.get('/operatori/casi/:id', { schema: { hide: true, params: Id } }, async (request, reply) =>
    casePage(request, reply, request.params.id),
  );

  app.post(
    '/operatori/casi/:id/decisione',
    {
      schema: {
        hide: true,
        params: Id,
        body: Type.Object({
          decision: Str(10),
          version: Str(12),
          responsibleWorkerId: Str(100),
          reasons: Str(4000),
          _csrf: Str(),
        }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const result = await decideCase(ctxOf(request, deps), request.params.id, {
        decision: b.decision === 'accept' ? 'accept' : 'decline',
        version: Number(b.version ?? 0),
        responsibleWorkerId: b.responsibleWorkerId,
        reasons: b.reasons,
      });
      if (result.kind === 'invalid') return casePage(request, reply, request.params.id, true, 422);
      return reply.redirect(`/operatori/casi/${request.params.id}`, 303);
    },
  );

  app.post(
    '/operatori/casi/:id/diario',
    {
      schema: { hide: true, params: Id, body: Type.Object({ note: Str(), _csrf: Str() }) },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await addDiaryEntry(ctxOf(request, deps), request.params.id, { note: request.body.note ?? '' });
      if (result.kind === 'invalid') return casePage(request, reply, request.params.id, true, 422);
      return reply.redirect(`/operatori/casi/${request.params.id}`, 303);
    },
  );
}
