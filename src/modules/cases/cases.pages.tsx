import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { roleMay } from '../../platform/policy.ts';
import { addDiaryEntry, listOverdueReviews, recordReview } from './careplan.service.ts';
import { romeToday, StaleCase } from './cases.access.ts';
import { CaseloadFilterForm, CaseloadSummary, caseloadQuery } from './cases.caseload.views.tsx';
import { listTransferWorkers } from './cases.file.service.ts';
import { mOf } from './cases.forms.tsx';
import { changeCaseStatus, transferCase } from './cases.manage.ts';
import { CaseTop, type Failed, ManageForms } from './cases.manage.views.tsx';
import { casesPermissions } from './cases.policy.ts';
import { type CaseResult, decideCase, getCase, listCaseload, listCaseworkers } from './cases.service.ts';
import { CASE_AREAS } from './cases.view.ts';
import { CaseloadPage, CasePage, VIEWS } from './cases.views.tsx';

const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const Str = (max = 20000) => Type.Optional(Type.String({ maxLength: max }));

/**
 * Pages of the second level: caseloads with overdue tasks, the case with its decision, diary, transfer,
 * status and review forms.
 */
export function registerCasePages(app: App, deps: RouteDeps): void {
  app.get(
    '/operatori/casi',
    {
      schema: {
        hide: true,
        // Area codes and staff ids only (no personal data); '' is the "all" choice of the filter form.
        querystring: Type.Object({
          vista: Type.Optional(Type.Enum(VIEWS)),
          area: Type.Optional(Type.Enum([...CASE_AREAS, ''])),
          operatore: Type.Optional(Type.String({ maxLength: 100 })),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireOperator(request);
      const ctx = ctxOf(request, deps);
      const filter = {
        view: request.query.vista ?? 'active',
        area: request.query.area || undefined,
        workerId: request.query.operatore || undefined,
      };
      // The service refuses (403, audited) a social worker asking for another worker's caseload.
      const items = await listCaseload(ctx, filter);
      const tasks = await listOverdueReviews(ctx);
      const workers = roleMay(casesPermissions, actor, 'case.decide') ? await listCaseworkers(ctx) : undefined;
      const page = pageCtx(request, reply);
      return sendPage(
        reply,
        <CaseloadPage
          page={page}
          view={filter.view}
          items={items}
          tasks={tasks}
          hrefOf={(view) => `/operatori/casi?${caseloadQuery({ ...filter, view })}`}
          controls={
            <>
              <CaseloadFilterForm page={page} filter={filter} workers={workers} />
              {workers ? <CaseloadSummary page={page} items={items} workers={workers} /> : null}
            </>
          }
        />,
      );
    },
  );

  const casePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    shown: { error?: boolean; failed?: Failed; conflict?: string } = {},
    status = 200,
  ) => {
    const actor = requireOperator(request);
    const ctx = ctxOf(request, deps);
    const c = await getCase(ctx, id);
    const workers = c.status === 'proposed' && actor.role === 'coordinator' ? await listCaseworkers(ctx) : undefined;
    const canWrite =
      (actor.role === 'coordinator' || c.responsibleWorkerId === actor.userId || c.team.includes(actor.userId)) &&
      (c.status === 'open' || c.status === 'suspended');
    const page = pageCtx(request, reply);
    const csrf = reply.generateCsrf();
    // Staff names (not residents'), for the responsible worker, the history and the transfer form.
    const staff = await listTransferWorkers(ctx);
    return sendPage(
      reply,
      <CasePage
        page={page}
        staff={Object.fromEntries(staff.map((w) => [w.id, w.name]))}
        c={c}
        csrf={csrf}
        workers={workers}
        canWrite={canWrite}
        error={shown.error ?? false}
        top={<CaseTop page={page} failed={shown.failed} conflict={shown.conflict} />}
      >
        {canWrite ? (
          <ManageForms page={page} csrf={csrf} c={c} workers={staff} today={romeToday(ctx)} failed={shown.failed} />
        ) : null}
      </CasePage>,
      status,
    );
  };

  /** Runs a case move; 422 shows the failed form's errors, 409 the current state with why. */
  const move = async (
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    form: string,
    run: () => Promise<CaseResult>,
  ) => {
    const id = request.params.id;
    const m = mOf(pageCtx(request, reply).locale);
    try {
      const result = await run();
      if (result.kind === 'invalid')
        return casePage(request, reply, id, { failed: { form, errors: result.errors } }, 422);
    } catch (e) {
      if (e instanceof DomainError && e.status === 409)
        return casePage(
          request,
          reply,
          id,
          { conflict: m(e instanceof StaleCase ? 'conflict.case' : 'conflict.state') },
          409,
        );
      throw e;
    }
    return reply.redirect(`/operatori/casi/${id}`, 303);
  };

  app.post(
    '/operatori/casi/:id/trasferimento',
    {
      schema: {
        hide: true,
        params: Id,
        body: Type.Object({ version: Str(12), toWorkerId: Str(100), toArea: Str(40), note: Str(4000), _csrf: Str() }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      return move(request, reply, 't', () =>
        transferCase(ctxOf(request, deps), request.params.id, {
          version: Number(b.version ?? 0),
          toWorkerId: b.toWorkerId || undefined,
          toArea: b.toArea || undefined,
          note: b.note ?? '',
        }),
      );
    },
  );

  app.post(
    '/operatori/casi/:id/stato',
    {
      schema: {
        hide: true,
        params: Id,
        body: Type.Object({ version: Str(12), action: Str(10), reasonCode: Str(40), note: Str(4000), _csrf: Str() }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const action = b.action === 'suspend' || b.action === 'reopen' ? b.action : 'close';
      return move(request, reply, action === 'close' ? 'c' : 's', () =>
        changeCaseStatus(ctxOf(request, deps), request.params.id, {
          action,
          version: Number(b.version ?? 0),
          reasonCode: b.reasonCode || undefined,
          note: b.note,
        }),
      );
    },
  );

  app.post(
    '/operatori/casi/:id/verifiche/:reviewId',
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 100 }), reviewId: Type.String({ maxLength: 100 }) }),
        body: Type.Object({ n: Str(4), doneOn: Str(20), outcome: Str(40), note: Str(4000), _csrf: Str() }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const n = Number.parseInt(b.n ?? '0', 10) || 0;
      return move(request, reply, `r${n}`, () =>
        recordReview(ctxOf(request, deps), request.params.id, request.params.reviewId, {
          doneOn: b.doneOn ?? '',
          outcome: b.outcome ?? '',
          note: b.note,
        }),
      );
    },
  );

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
      if (result.kind === 'invalid') return casePage(request, reply, request.params.id, { error: true }, 422);
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
      if (result.kind === 'invalid') return casePage(request, reply, request.params.id, { error: true }, 422);
      return reply.redirect(`/operatori/casi/${request.params.id}`, 303);
    },
  );
}
