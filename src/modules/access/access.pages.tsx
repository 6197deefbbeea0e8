import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Operator } from '../../platform/context.ts';
import { DomainError, Forbidden } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { roleMay } from '../../platform/policy.ts';
import { listPublicOffices } from '../offices/index.ts';
import { type SearchResult, searchPeople } from '../people/index.ts';
import { captureField, inputOf } from './access.capture.ts';
import { recordCareFacts } from './access.care.service.ts';
import { CareFactsSection } from './access.care.views.tsx';
import { type Errors, type T, tOf } from './access.fields.tsx';
import { type CaptureForm, CapturePage, EMPTY_CAPTURE } from './access.form.views.tsx';
import type { AccessMessageKey } from './access.messages.ts';
import { accessPermissions, inOfficeScope } from './access.policy.ts';
import { getAccess } from './access.read.service.ts';
import { registerAccess } from './access.service.ts';
import { validateAccessInput } from './access.validation.ts';
import { AccessPage, type OutcomeFormState } from './access.views.tsx';
import { interviewPermissions, PROFESSIONAL_OUTCOMES } from './interview.policy.ts';
import { getInterviews } from './interview.service.ts';
import { InterviewsSection } from './interview.views.tsx';
import {
  closeAccess,
  OUTCOME_KINDS,
  outcomeServices,
  REASON_CODES,
  RequestsWithoutOutcome,
  recordOutcome,
} from './outcome.service.ts';
import { currentTaxonomy } from './taxonomy.service.ts';

const Str = (max = 2000) => Type.Optional(Type.String({ maxLength: max }));
const CaptureBody = Type.Object({
  officeId: Str(100),
  channel: Str(40),
  presentedBy: Str(40),
  referrer: Str(40),
  q: Str(200),
  who: Str(100),
  sex: Str(10),
  ageBand: Str(10),
  needAreaId: Str(100),
  reason: Str(4000),
  urgency: Str(40),
  urgencyReason: Str(4000),
  pronto: Str(5),
  action: Str(20),
  _csrf: Str(),
});
const OutcomeBody = Type.Object({
  kind: Str(60),
  detail: Str(8000),
  reasonCode: Str(60),
  serviceId: Str(100),
  _csrf: Str(),
});
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
/** Every value arrives as a list (checkboxes; the form parser coerces single values too). */
const List = (max: number) => Type.Optional(Type.Array(Type.String({ maxLength: max }), { maxItems: 20 }));
const CareBody = Type.Object({
  version: List(12),
  documentsDemanded: List(60),
  barriers: List(60),
  mandatedBy: List(60),
  conditionsImposed: List(2000),
  _csrf: Type.Optional(Type.String()),
});
const RequestId = Type.Object({ id: Type.String({ maxLength: 100 }), requestId: Type.String({ maxLength: 100 }) });

const REASONS = [...new Set(Object.values(REASON_CODES).flat())];

function allow(actor: Operator, action: keyof typeof accessPermissions): void {
  if (!roleMay(accessPermissions, actor, action)) throw new Forbidden(action);
}

/** The offices an operator registers for, their first assigned office first. */
async function myOffices(deps: RouteDeps, actor: Operator) {
  const all = await listPublicOffices(deps.db, actor.tenantId);
  const mine = all.filter((o) => inOfficeScope(actor, o.id));
  const rank = (id: string) => {
    const i = actor.officeIds.indexOf(id);
    return i < 0 ? actor.officeIds.length : i;
  };
  return mine.sort((a, b) => rank(a.id) - rank(b.id)).map((o) => ({ value: o.id, label: o.name }));
}

const ERROR_TEXT: Record<string, AccessMessageKey> = {
  required: 'error.required',
  'too-long': 'error.tooLong',
  tooLong: 'error.tooLong',
  requiredForOther: 'error.required',
  'not-current': 'error.notCurrent',
  unknownService: 'error.unknownService',
  serviceNotForKind: 'error.serviceNotForKind',
};
const errorText = (t: T, code: string) => t(ERROR_TEXT[code] ?? 'error.invalid');

export function registerAccessPages(app: App, deps: RouteDeps): void {
  const capturePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: CaptureForm | undefined,
    extra: { results?: SearchResult[]; errors?: Errors },
    status = 200,
  ) => {
    const actor = requireOperator(request);
    const page = pageCtx(request, reply);
    const t = tOf(page);
    const offices = await myOffices(deps, actor);
    const taxonomy = await currentTaxonomy(ctxOf(request, deps));
    const notice =
      offices.length === 0 ? t('error.noOffice') : taxonomy.areas.length === 0 ? t('error.noTaxonomy') : undefined;
    return sendPage(
      reply,
      <CapturePage
        page={page}
        csrf={reply.generateCsrf()}
        form={form ?? { ...EMPTY_CAPTURE, officeId: offices[0]?.value ?? '' }}
        offices={offices}
        areas={taxonomy.areas}
        results={extra.results}
        errors={extra.errors ?? {}}
        notice={notice}
      />,
      status,
    );
  };

  app.get('/operatori/accessi/nuovo', { schema: { hide: true } }, async (request, reply) => {
    allow(requireOperator(request), 'access.register');
    return capturePage(request, reply, undefined, {});
  });

  app.post(
    '/operatori/accessi/nuovo',
    { schema: { hide: true, body: CaptureBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const actor = requireOperator(request);
      allow(actor, 'access.register');
      const b = request.body;
      const form: CaptureForm = { ...EMPTY_CAPTURE, officeId: '' };
      for (const k of Object.keys(form) as (keyof CaptureForm)[]) form[k] = b[k] ?? form[k];
      const ctx = ctxOf(request, deps);
      const t = tOf(pageCtx(request, reply));
      const search = async () => (form.q.trim() ? await searchPeople(ctx, form.q) : undefined);
      if (b.action !== 'save') {
        return capturePage(request, reply, form, { results: (await search()) ?? [] });
      }
      const input = inputOf(form);
      const errors: Errors = {};
      const add = (field: string, message: string) => {
        errors[field] ??= message;
      };
      if (!form.who) add('who-anonymous', t('error.whoRequired'));
      if (!form.needAreaId) add('needAreaId', t('error.required'));
      if (form.pronto === '1' && form.urgency === 'ordinary') add('pronto', t('error.prontoOrdinary'));
      let status = 422;
      if (Object.keys(errors).length === 0) {
        try {
          const result = await registerAccess(ctx, input);
          if (result.kind !== 'invalid') {
            const flag = result.kind === 'attached' ? 'allegato=1' : 'nuovo=1';
            return reply.redirect(`/operatori/accessi/${result.access.id}?${flag}`, 303);
          }
          for (const e of result.errors) add(captureField(e.field), errorText(t, e.code));
        } catch (err) {
          if (!(err instanceof Forbidden)) throw err;
          add('officeId', t('error.otherOffice'));
          status = 403;
        }
      } else {
        for (const e of validateAccessInput(input, ctx.clock.now())) add(captureField(e.field), errorText(t, e.code));
      }
      return capturePage(request, reply, form, { results: (await search()) ?? [], errors }, status);
    },
  );

  const accessPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { outcomeForm?: OutcomeFormState; closeMissing?: string[]; closeError?: string; careError?: string } = {},
    status = 200,
  ) => {
    const actor = requireOperator(request);
    const access = await getAccess(ctxOf(request, deps), id);
    const page = pageCtx(request, reply);
    const t = tOf(page);
    const q = request.query as Record<string, string | undefined>;
    const notices = [
      q.nuovo === '1' ? t('access.created') : '',
      q.allegato === '1' ? t('access.attached') : '',
      q.esito === '1' ? t('access.outcomeSaved') : '',
      q.chiuso === '1' ? t('access.closed') : '',
      q.fatti === '1' ? t('care.saved') : '',
    ].filter(Boolean);
    const offices = await listPublicOffices(deps.db, actor.tenantId);
    const interviews = roleMay(interviewPermissions, actor, 'interview.read')
      ? (await getInterviews(ctxOf(request, deps), id)).length
      : undefined;
    const mayStart = access.status !== 'closed' && roleMay(interviewPermissions, actor, 'interview.conduct');
    const kinds =
      actor.role === 'front_office' ? OUTCOME_KINDS.filter((k) => !PROFESSIONAL_OUTCOMES.includes(k)) : OUTCOME_KINDS;
    return sendPage(
      reply,
      <AccessPage
        page={page}
        csrf={reply.generateCsrf()}
        access={access}
        officeName={offices.find((o) => o.id === access.officeId)?.name ?? ''}
        notices={notices}
        outcomeKinds={kinds}
        reasonCodes={REASONS}
        services={access.status === 'closed' ? [] : await outcomeServices(ctxOf(request, deps))}
        outcomeForm={extra.outcomeForm}
        closeMissing={extra.closeMissing}
        closeError={extra.closeError}
        care={
          <CareFactsSection
            page={page}
            csrf={reply.generateCsrf()}
            access={access}
            mayEdit={roleMay(accessPermissions, actor, 'access.register')}
            error={extra.careError}
          />
        }
        interviews={
          <InterviewsSection
            page={page}
            csrf={reply.generateCsrf()}
            accessId={access.id}
            count={interviews}
            mayStart={mayStart}
          />
        }
      />,
      status,
    );
  };

  app.get('/operatori/accessi/:id', { schema: { hide: true, params: Id } }, async (request, reply) =>
    accessPage(request, reply, request.params.id),
  );

  app.post(
    '/operatori/accessi/:id/richieste/:requestId/esiti',
    { schema: { hide: true, params: RequestId, body: OutcomeBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id, requestId } = request.params;
      const b = request.body;
      const t = tOf(pageCtx(request, reply));
      const form: OutcomeFormState = {
        requestId,
        kind: b.kind ?? '',
        detail: b.detail ?? '',
        reasonCode: b.reasonCode ?? '',
        serviceId: b.serviceId ?? '',
        errors: {},
      };
      const field = (name: string) => `${name.replace(/^\//, '')}-${requestId}`;
      try {
        const result = await recordOutcome(ctxOf(request, deps), id, requestId, {
          kind: form.kind,
          detail: form.detail || null,
          reasonCode: form.reasonCode || null,
          serviceId: form.serviceId || null,
        });
        if (result.kind === 'recorded') return reply.redirect(`/operatori/accessi/${id}?esito=1`, 303);
        for (const e of result.errors) form.errors[field(e.field)] ??= errorText(t, e.code);
        return accessPage(request, reply, id, { outcomeForm: form }, 422);
      } catch (err) {
        if (!(err instanceof DomainError) || (err.status !== 403 && err.status !== 409)) throw err;
        if (err.status === 409) return accessPage(request, reply, id, { closeError: t('access.alreadyClosed') }, 409);
        if (err instanceof Forbidden) throw err;
        form.errors[field('kind')] = t('access.outcomeForbidden');
        return accessPage(request, reply, id, { outcomeForm: form }, 403);
      }
    },
  );

  app.post(
    '/operatori/accessi/:id/fatti',
    { schema: { hide: true, params: Id, body: CareBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id } = request.params;
      const b = request.body;
      const t = tOf(pageCtx(request, reply));
      try {
        const result = await recordCareFacts(ctxOf(request, deps), id, {
          version: Number(b.version?.[0] ?? -1),
          documentsDemanded: b.documentsDemanded ?? [],
          barriers: b.barriers ?? [],
          conditionsImposed: b.conditionsImposed?.[0] ?? null,
          mandatedBy: b.mandatedBy?.[0] ?? 'none',
        });
        if (result.kind === 'saved') return reply.redirect(`/operatori/accessi/${id}?fatti=1#cura`, 303);
        return accessPage(request, reply, id, { careError: t('error.invalid') }, 422);
      } catch (err) {
        if (!(err instanceof DomainError) || err.status !== 409) throw err;
        return accessPage(request, reply, id, { careError: t('care.stale') }, 409);
      }
    },
  );

  app.post(
    '/operatori/accessi/:id/chiudi',
    { schema: { hide: true, params: Id }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id } = request.params;
      const t = tOf(pageCtx(request, reply));
      try {
        await closeAccess(ctxOf(request, deps), id);
        return reply.redirect(`/operatori/accessi/${id}?chiuso=1`, 303);
      } catch (err) {
        if (err instanceof RequestsWithoutOutcome)
          return accessPage(request, reply, id, { closeMissing: err.requestIds }, 409);
        if (!(err instanceof DomainError) || err.status !== 409) throw err;
        const message = err.code === 'access-closed' ? t('access.alreadyClosed') : t('access.cannotClose');
        return accessPage(request, reply, id, { closeError: message }, 409);
      }
    },
  );
}
