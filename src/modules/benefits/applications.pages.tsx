import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError, Forbidden } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { roleMay } from '../../platform/policy.ts';
import { searchPeople } from '../people/index.ts';
import { type Errors, type Form, NewApplicationPage } from './applications.form.views.tsx';
import { ListPage } from './applications.list.views.tsx';
import {
  type CheckKind,
  getApplication,
  listApplications,
  openApplication,
  recordCheck,
  today,
} from './applications.service.ts';
import { ApplicationPage } from './applications.views.tsx';
import { benefitsPermissions } from './benefits.policy.ts';
import { decideApplication, listFunds, recordPayment, setFund } from './decisions.service.ts';
import { noticeLines, renderPdf } from './notice.pdf.ts';
import { measuresInEffect } from './rules.catalogue.ts';
import { namesIn } from './rules.engine.ts';
import { listRuleSets } from './rules.service.ts';
import { INPUTS, type InputName, type Inputs } from './rules.types.ts';
import { parseAmount } from './selfcheck.form.ts';

const Str = (max = 200) => Type.Optional(Type.String({ maxLength: max }));
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const NewBody = Type.Object(
  { documents: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 20 })) },
  { additionalProperties: Type.String({ maxLength: 200 }) },
);

/** The municipal measures in effect today and the inputs their rules read (the form asks exactly those). */
async function municipal(deps: RouteDeps, tenantId: string, day: string, locale: 'it' | 'en') {
  const inEffect = measuresInEffect(await listRuleSets(deps.db, tenantId), day).filter(
    (v) => v.definition.kind === 'municipal',
  );
  const names = new Set<InputName>();
  for (const v of inEffect) {
    const d = v.definition;
    const exprs = [...d.conditions.map((c) => c.test), ...(d.derived ?? []).map((x) => x.expr), d.amount?.expr ?? 0];
    for (const e of exprs) for (const n of namesIn(e)) if (n in INPUTS) names.add(n as InputName);
  }
  return {
    measures: inEffect.map((v) => ({ code: v.measure, title: v.definition.title[locale] })),
    inputNames: [...names],
  };
}

function inputsOf(form: Form, names: InputName[], errors: Errors): Inputs {
  const inputs: Inputs = {};
  for (const n of names) {
    const raw = typeof form[`in-${n}`] === 'string' ? (form[`in-${n}`] as string) : '';
    if (INPUTS[n].kind === 'flag') {
      if (raw === 'yes' || raw === 'no') inputs[n] = raw === 'yes';
    } else {
      const v = parseAmount(raw);
      if (v === 'invalid') errors[`in-${n}`] = 'invalid';
      else if (v !== undefined) inputs[n] = v;
    }
  }
  return inputs;
}

export function registerApplicationPages(app: App, deps: RouteDeps): void {
  app.get('/operatori/aiuti', { schema: { hide: true } }, async (request, reply) => {
    const actor = requireOperator(request);
    const ctx = ctxOf(request, deps);
    const year = Number(today(ctx).slice(0, 4));
    const may = (a: keyof typeof benefitsPermissions) => roleMay(benefitsPermissions, actor, a);
    const applications = may('benefit_application.read') ? await listApplications(ctx, { status: 'open' }) : undefined;
    const funds = may('benefit_fund.read') ? await listFunds(ctx, year) : undefined;
    const fundForm = may('benefit_fund.manage')
      ? {
          csrf: reply.generateCsrf(),
          measures: (await municipal(deps, actor.tenantId, today(ctx), request.locale)).measures.map((m) => m.code),
        }
      : undefined;
    if (!applications && !funds) throw new Forbidden('benefit_application.read');
    const page = pageCtx(request, reply);
    return sendPage(
      reply,
      <ListPage
        page={page}
        applications={applications}
        funds={funds}
        year={year}
        canPrepare={may('benefit_application.prepare')}
        fundForm={fundForm}
      />,
    );
  });

  app.post(
    '/operatori/aiuti/fondi',
    {
      schema: { hide: true, body: Type.Object({ measure: Str(60), year: Str(4), amount: Str(20), _csrf: Str() }) },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const amount = parseAmount(request.body.amount);
      await setFund(ctxOf(request, deps), {
        measure: request.body.measure ?? '',
        year: Number(request.body.year),
        amount: typeof amount === 'number' ? amount : Number.NaN,
      });
      return reply.redirect('/operatori/aiuti', 303);
    },
  );

  const newPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: Form,
    errors: Errors,
    people?: Awaited<ReturnType<typeof searchPeople>>,
    status = 200,
  ) => {
    const actor = requireOperator(request);
    if (!roleMay(benefitsPermissions, actor, 'benefit_application.prepare'))
      throw new Forbidden('benefit_application.prepare');
    const { measures, inputNames } = await municipal(deps, actor.tenantId, today(ctxOf(request, deps)), request.locale);
    return sendPage(
      reply,
      <NewApplicationPage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        form={form}
        errors={errors}
        people={people}
        measures={measures}
        inputNames={inputNames}
      />,
      status,
    );
  };

  // From an access outcome (?accesso=<uuid>) or a case (?caso=<uuid>): ids, never personal data.
  const From = Type.Object({
    accesso: Type.Optional(Type.String({ format: 'uuid' })),
    caso: Type.Optional(Type.String({ format: 'uuid' })),
  });
  app.get('/operatori/aiuti/nuova', { schema: { hide: true, querystring: From } }, async (request, reply) =>
    newPage(
      request,
      reply,
      {
        ...(request.query.accesso ? { accessId: request.query.accesso } : {}),
        ...(request.query.caso ? { caseId: request.query.caso } : {}),
      },
      {},
    ),
  );

  app.post(
    '/operatori/aiuti/nuova',
    { schema: { hide: true, body: NewBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const actor = requireOperator(request);
      const ctx = ctxOf(request, deps);
      const form = request.body as Form;
      const q = typeof form.q === 'string' ? form.q : '';
      const people = q.trim() ? await searchPeople(ctx, q) : undefined;
      if (form.action === 'search') return newPage(request, reply, form, {}, people);
      const { inputNames } = await municipal(deps, actor.tenantId, today(ctx), request.locale);
      const errors: Errors = {};
      const inputs = inputsOf(form, inputNames, errors);
      const str = (k: string) => (typeof form[k] === 'string' && form[k] !== '' ? (form[k] as string) : undefined);
      if (!str('personId')) errors[people ? 'personId' : 'q'] = 'required';
      if (Object.keys(errors).length > 0) return newPage(request, reply, form, errors, people, 422);
      const documents = Array.isArray(form.documents) ? form.documents : [];
      const result = await openApplication(ctx, {
        personId: str('personId') ?? '',
        accessId: str('accessId'),
        caseId: str('caseId'),
        measure: str('measure') ?? '',
        inputs,
        dsuProtocol: str('dsuProtocol'),
        dsuDate: str('dsuDate'),
        iseeValidUntil: str('iseeValidUntil'),
        documentsDemanded: documents.length > 0 ? documents : undefined,
      });
      if (result.kind === 'invalid') {
        for (const e of result.errors) {
          const field = e.field.startsWith('inputs.')
            ? `in-${e.field.slice(7)}`
            : (e.field === 'personId' && !people) || e.field === 'accessId' || e.field === 'caseId'
              ? 'q'
              : e.field;
          errors[field] = e.code === 'tooLong' ? 'invalid' : e.code;
        }
        return newPage(request, reply, form, errors, people, 422);
      }
      return reply.redirect(`/operatori/aiuti/${result.application.id}`, 303);
    },
  );

  app.get('/operatori/aiuti/:id', { schema: { hide: true, params: Id } }, async (request, reply) => {
    const actor = requireOperator(request);
    const application = await getApplication(ctxOf(request, deps), request.params.id);
    const may = (a: keyof typeof benefitsPermissions) => roleMay(benefitsPermissions, actor, a);
    const can = {
      prepare: may('benefit_application.prepare'),
      decide: may('benefit_application.decide'),
      pay: may('benefit_payment.record'),
      fourEyes: application.preparedBy === actor.userId,
    };
    return sendPage(
      reply,
      <ApplicationPage page={pageCtx(request, reply)} app={application} csrf={reply.generateCsrf()} can={can} />,
    );
  });

  app.get('/operatori/aiuti/:id/comunicazione.pdf', { schema: { hide: true, params: Id } }, async (request, reply) => {
    requireOperator(request);
    const application = await getApplication(ctxOf(request, deps), request.params.id);
    if (!application.decision) throw new DomainError(409, 'undecided', 'The application is not decided yet');
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${application.code}.pdf"`)
      .send(renderPdf(noticeLines(application, request.tenant.name)));
  });

  const back = (id: string) => `/operatori/aiuti/${id}`;
  app.post(
    '/operatori/aiuti/:id/verifiche',
    {
      schema: { hide: true, params: Id, body: Type.Object({ kind: Str(40), _csrf: Str() }) },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      await recordCheck(ctxOf(request, deps), request.params.id, { kind: (request.body.kind ?? '') as CheckKind });
      return reply.redirect(back(request.params.id), 303);
    },
  );

  app.post(
    '/operatori/aiuti/:id/verifiche/:checkId',
    {
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 100 }), checkId: Type.String({ maxLength: 100 }) }),
        body: Type.Object({ result: Str(10), _csrf: Str() }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const result = request.body.result === 'passed' ? 'passed' : 'failed';
      await recordCheck(ctxOf(request, deps), request.params.id, { checkId: request.params.checkId, result });
      return reply.redirect(back(request.params.id), 303);
    },
  );

  app.post(
    '/operatori/aiuti/:id/decisione',
    {
      schema: {
        hide: true,
        params: Id,
        body: Type.Object({
          decision: Str(10),
          version: Str(10),
          periodStart: Str(10),
          reasonCode: Str(60),
          _csrf: Str(),
        }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const version = Number(b.version);
      const input =
        b.decision === 'approved'
          ? { decision: 'approved' as const, version, periodStart: b.periodStart || undefined }
          : { decision: 'rejected' as const, version, reasonCode: (b.reasonCode ?? '') as 'not_resident' };
      await decideApplication(ctxOf(request, deps), request.params.id, input);
      return reply.redirect(back(request.params.id), 303);
    },
  );

  app.post(
    '/operatori/aiuti/pagamenti/:id',
    {
      schema: { hide: true, params: Id, body: Type.Object({ applicationId: Str(100), _csrf: Str() }) },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const payment = await recordPayment(ctxOf(request, deps), request.params.id);
      return reply.redirect(back(payment.applicationId), 303);
    },
  );
}
