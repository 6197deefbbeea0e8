import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import { listPublicOffices } from '../offices/index.ts';
import { officeScope } from './access.policy.ts';
import { romeDay } from './access.service.ts';
import type { IndicatorMessageKey } from './indicators.messages.ts';
import { accessIndicators, INDICATOR_KEYS } from './indicators.service.ts';
import { type IndicatorForm, IndicatorsPage, ntOf } from './indicators.views.tsx';

const Query = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10, description: 'First access day, YYYY-MM-DD (inclusive)' })),
  to: Type.Optional(Type.String({ maxLength: 10, description: 'Last access day, YYYY-MM-DD (inclusive)' })),
  officeId: Type.Optional(Type.String({ maxLength: 100, description: 'One office; omitted = the whole tenant' })),
});

const Count = Type.Union([Type.Integer(), Type.Null()]);
const Num = Type.Union([Type.Number(), Type.Null()]);
const Indicator = Type.Object({
  kind: Type.Enum(['ratio', 'median']),
  numerator: Type.Optional(Count),
  denominator: Type.Optional(Count),
  value: Type.Optional(Num),
  n: Type.Optional(Count),
  median: Type.Optional(Num),
  suppressed: Type.Boolean(),
});
const Report = Type.Object({
  from: Type.String(),
  to: Type.String(),
  officeId: Type.Union([Type.String(), Type.Null()]),
  suppressionApplied: Type.Boolean(),
  indicators: Type.Object(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, Indicator]))),
});

export function registerIndicatorRoutes(app: App, deps: RouteDeps): void {
  app.get(
    '/api/v1/indicators/access',
    {
      schema: {
        tags: ['accesses'],
        summary:
          'The nine care/control indicators of docs/INDICATORS.md for a period (coordinators: their offices; researchers: small cells suppressed)',
        querystring: Query,
        response: {
          200: Report,
          400: problemResponse(),
          401: problemResponse(),
          403: problemResponse(),
        },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await accessIndicators(ctxOf(request, deps), request.query);
      if (result.kind === 'invalid')
        return sendProblem(reply, {
          type: problemType('invalid-period'),
          title: 'The period or office is not valid',
          status: 400,
          errors: result.errors.map((e) => ({ pointer: `/${e.field}`, detail: e.code })),
        });
      return result.report;
    },
  );

  app.get('/operatori/indicatori', { schema: { hide: true, querystring: Query } }, async (request, reply) => {
    const actor = requireOperator(request);
    const ctx = ctxOf(request, deps);
    const page = pageCtx(request, reply);
    const nt = ntOf(page);
    const scope = actor.role === 'researcher' ? 'all' : officeScope(actor);
    const offices = (await listPublicOffices(deps.db, actor.tenantId))
      .filter((o) => scope === 'all' || scope.includes(o.id))
      .map((o) => ({ value: o.id, label: o.name }));
    const today = romeDay(ctx.clock.now());
    const q = request.query;
    const asked = q.from !== undefined || q.to !== undefined;
    const form: IndicatorForm = {
      from: q.from ?? `${today.slice(0, 4)}-01-01`,
      to: q.to ?? today,
      officeId: q.officeId ?? (scope === 'all' ? '' : (offices[0]?.value ?? '')),
    };
    // The first visit computes the default period (this year at the first office / the whole tenant).
    const result = await accessIndicators(ctx, form);
    const errors: Record<string, string> = {};
    if (result.kind === 'invalid')
      for (const e of result.errors) errors[e.field] ??= nt(`error.${e.code}` as IndicatorMessageKey);
    return sendPage(
      reply,
      <IndicatorsPage
        page={page}
        form={form}
        offices={offices}
        allowAll={scope === 'all'}
        report={result.kind === 'report' ? result.report : undefined}
        errors={errors}
      />,
      result.kind === 'invalid' && asked ? 422 : 200,
    );
  });
}
