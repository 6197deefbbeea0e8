import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import { romeWeekdayAndTime, startOfRomeDay } from '../../platform/time.ts';
import { allowRequest } from './ratelimit.ts';
import { evaluateAll, measuresInEffect } from './rules.catalogue.ts';
import { traceText } from './rules.explain.ts';
import { listRuleSets, publishRuleSet, type RuleSetRow } from './rules.service.ts';
import { INPUT_NAMES, INPUTS, type Inputs } from './rules.types.ts';

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD (Europe/Rome); selects the rule versions' });

const RuleSetJson = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    measure: Type.String(),
    version: Type.Integer(),
    effectiveFrom: Day,
    effectiveTo: Type.Union([Day, Type.Null()]),
    publishedAt: Type.String({ format: 'date-time' }),
    definition: Type.Object({}, { additionalProperties: true, description: 'The declarative rule set' }),
  },
  { $id: 'BenefitRuleSet' },
);

const InputsSchema = Type.Object(
  Object.fromEntries(
    INPUT_NAMES.map((n) => [
      n,
      Type.Optional(
        INPUTS[n].kind === 'flag'
          ? Type.Boolean({ description: INPUTS[n].label.en })
          : Type.Number({ minimum: 0, maximum: 100_000_000, description: INPUTS[n].label.en }),
      ),
    ]),
  ),
  { additionalProperties: false, description: 'Named inputs; leave out what is not known (it is reported missing)' },
);

const EvaluateBody = Type.Object({ date: Type.Optional(Day), inputs: InputsSchema }, { additionalProperties: false });

const ruleSetJson = (r: RuleSetRow) => ({
  id: r.id,
  measure: r.measure,
  version: r.version,
  effectiveFrom: r.effectiveFrom,
  effectiveTo: r.effectiveTo,
  publishedAt: r.publishedAt.toISOString(),
  definition: r.definition as unknown as Record<string, unknown>,
});

export function registerRulesApi(app: App, deps: RouteDeps): void {
  app.addSchema(RuleSetJson);
  const today = () => romeWeekdayAndTime(deps.clock.now()).date;

  app.get(
    '/api/v1/benefits/measures',
    {
      schema: {
        tags: ['benefits'],
        summary:
          'Benefit rule sets (public). Default: the version of each measure in effect today; all=true: every ' +
          'version with its effective period.',
        security: [],
        querystring: Type.Object({ date: Type.Optional(Day), all: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('BenefitRuleSet')) }), 400: problemResponse() },
      },
    },
    async (request) => {
      const versions = request.tenant.id ? await listRuleSets(deps.db, request.tenant.id) : [];
      const items = request.query.all ? versions : measuresInEffect(versions, request.query.date ?? today());
      return { items: (items as RuleSetRow[]).map(ruleSetJson) };
    },
  );

  app.post(
    '/api/v1/benefits/evaluate',
    {
      schema: {
        tags: ['benefits'],
        summary:
          'Evaluate every measure for a household (public, anonymous, rate-limited, nothing stored): likely ' +
          'eligible / not eligible / cannot tell with the missing inputs, amount, and the trace in Italian and English.',
        security: [],
        body: EvaluateBody,
        response: {
          200: Type.Object({ date: Day, results: Type.Array(Type.Object({}, { additionalProperties: true })) }),
          422: problemResponse(),
          429: problemResponse(),
        },
      },
    },
    async (request, reply) => {
      if (!allowRequest(`evaluate:${request.ip}`, deps.clock.now())) {
        return sendProblem(reply, { type: problemType('too-many-requests'), title: 'Too many requests', status: 429 });
      }
      const day = request.body.date ?? today();
      if (!startOfRomeDay(day)) throw new DomainError(422, 'invalid-date', 'Not a date');
      const versions = request.tenant.id ? await listRuleSets(deps.db, request.tenant.id) : [];
      const definitions = new Map(versions.map((v) => [`${v.measure}:${v.version}`, v.definition]));
      const results = evaluateAll(versions, request.body.inputs as Inputs, day).map((e) => ({
        ...e,
        explanation: traceText(e, definitions.get(`${e.measure}:${e.version}`)),
      }));
      return { date: day, results };
    },
  );

  app.post(
    '/api/v1/benefits/measures/versions',
    {
      schema: {
        tags: ['benefits'],
        summary:
          'Publish a new version of a measure’s rules (admin): validated, and refused unless every case of its own ' +
          'test table passes. Earlier versions stay and keep deciding the days of their period.',
        body: Type.Object(
          {
            effectiveFrom: Day,
            effectiveTo: Type.Optional(Type.Union([Day, Type.Null()])),
            definition: Type.Object({}, { additionalProperties: true }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Ref('BenefitRuleSet'),
          401: problemResponse(),
          403: problemResponse(),
          422: problemResponse(),
        },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await publishRuleSet(ctxOf(request, deps), request.body);
      if (result.kind === 'invalid') {
        return sendProblem(reply, {
          type: problemType('invalid-rule-set'),
          title: 'The rule set is not valid',
          status: 422,
          errors: result.errors.map((e) => ({
            pointer: e.field.startsWith('/effective') ? e.field : `/definition${e.field}`,
            detail: e.code,
          })),
        });
      }
      return reply.code(201).send(ruleSetJson(result.ruleSet));
    },
  );
}
