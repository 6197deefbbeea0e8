import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Forbidden } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { StalePlan, saveCarePlan } from './careplan.service.ts';
import type { FieldError } from './cases.access.ts';
import { CaseStateConflict } from './cases.access.ts';
import { mOf } from './cases.forms.tsx';
import { type PlanForm, PlanPage, planFormOf } from './cases.plan.views.tsx';
import { getCase } from './cases.service.ts';

const Str = (max = 1000) => Type.Optional(Type.String({ maxLength: max }));
const Many = (max = 1000) =>
  Type.Optional(
    Type.Union([Type.String({ maxLength: max }), Type.Array(Type.String({ maxLength: max }), { maxItems: 60 })]),
  );
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const Body = Type.Object({
  basedOnVersion: Str(12),
  kind: Str(40),
  goal: Many(),
  actionService: Many(300),
  actionOwner: Many(200),
  actionFrom: Many(20),
  actionTo: Many(20),
  reviewDate: Many(20),
  agreedOn: Str(20),
  _csrf: Str(),
});
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The form as posted, empty rows dropped (the page shows it again as it was read). */
interface Posted {
  basedOnVersion?: string | undefined;
  kind?: string | undefined;
  goal?: string | string[] | undefined;
  actionService?: string | string[] | undefined;
  actionOwner?: string | string[] | undefined;
  actionFrom?: string | string[] | undefined;
  actionTo?: string | string[] | undefined;
  reviewDate?: string | string[] | undefined;
  agreedOn?: string | undefined;
}

function readForm(b: Posted): PlanForm {
  const services = list(b.actionService);
  const owners = list(b.actionOwner);
  const froms = list(b.actionFrom);
  const tos = list(b.actionTo);
  const rows = Math.max(services.length, owners.length, froms.length, tos.length);
  const actions = Array.from({ length: rows }, (_, i) => ({
    service: (services[i] ?? '').trim(),
    owner: (owners[i] ?? '').trim(),
    from: (froms[i] ?? '').trim(),
    to: (tos[i] ?? '').trim(),
  })).filter((a) => a.service || a.owner || a.from || a.to);
  return {
    basedOnVersion: Number.parseInt(b.basedOnVersion ?? '0', 10) || 0,
    kind: b.kind ?? '',
    goals: list(b.goal)
      .map((g) => g.trim())
      .filter(Boolean),
    actions,
    reviewDates: list(b.reviewDate)
      .map((d) => d.trim())
      .filter(Boolean),
    agreedOn: (b.agreedOn ?? '').trim(),
  };
}

/**
 * The care-plan editor: a new version from the current one. A version saved meanwhile by someone else
 * is a 409 page showing the current plan; refused input the form again with its errors (422).
 */
export function registerPlanPages(app: App, deps: RouteDeps): void {
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: PlanForm | undefined,
    errors: FieldError[] = [],
    status = 200,
    conflict?: string,
  ) => {
    const actor = requireOperator(request);
    const c = await getCase(ctxOf(request, deps), id);
    const mayWrite =
      (actor.role === 'coordinator' || c.responsibleWorkerId === actor.userId || c.team.includes(actor.userId)) &&
      (c.status === 'open' || c.status === 'suspended');
    if (!mayWrite) throw new Forbidden('care_plan.write');
    return sendPage(
      reply,
      <PlanPage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        c={c}
        form={form ?? planFormOf(c)}
        errors={errors}
        conflict={conflict}
      />,
      status,
    );
  };

  app.get('/operatori/casi/:id/piano', { schema: { hide: true, params: Id } }, async (request, reply) =>
    show(request, reply, request.params.id, undefined),
  );

  app.post(
    '/operatori/casi/:id/piano',
    { schema: { hide: true, params: Id, body: Body }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const id = request.params.id;
      const form = readForm(request.body);
      const m = mOf(pageCtx(request, reply).locale);
      try {
        const result = await saveCarePlan(ctxOf(request, deps), id, {
          basedOnVersion: form.basedOnVersion,
          kind: form.kind,
          goals: form.goals.map((text) => ({ text })),
          actions: form.actions.map((a) => ({ service: a.service, owner: a.owner, from: a.from, to: a.to || null })),
          agreedOn: form.agreedOn || null,
          reviewDates: form.reviewDates,
        });
        if (result.kind === 'invalid') return show(request, reply, id, form, result.errors, 422);
      } catch (e) {
        if (e instanceof StalePlan) return show(request, reply, id, undefined, [], 409, m('plan.stale'));
        if (e instanceof CaseStateConflict) return show(request, reply, id, undefined, [], 409, m('conflict.state'));
        throw e;
      }
      return reply.redirect(`/operatori/casi/${id}`, 303);
    },
  );
}
