import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { isUuid } from '../../platform/ids.ts';
import { getPrivacyOverview } from '../people/index.ts';
import { listDestinations } from './partner.service.ts';
import type { FieldError } from './referrals.access.ts';
import { emptyForm, type NewForm, NewReferralPage } from './referrals.form.views.tsx';
import type { ReferralDeps } from './referrals.routes.ts';
import { baseUrlOf } from './referrals.routes.ts';
import { createReferral } from './referrals.service.ts';
import { sendReferral } from './referrals.transition.ts';

const Str = (max = 4000) => Type.Optional(Type.String({ maxLength: max }));
const NewBody = Type.Object({
  destinationType: Str(40),
  internalArea: Str(40),
  publicBody: Str(40),
  organizationId: Str(100),
  reason: Str(),
  urgency: Str(40),
  legalBasis: Str(40),
  consentId: Str(100),
  sourceOutcomeId: Str(100),
  sourceCaseId: Str(100),
  sharedFields: Type.Optional(
    Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })]),
  ),
  _csrf: Str(),
});
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const From = Type.Object({
  esito: Type.Optional(Type.String({ format: 'uuid' })),
  caso: Type.Optional(Type.String({ format: 'uuid' })),
});

/**
 * The new referral form, from the person's file, from an access outcome (`?esito=<outcome id>`) or from a
 * case (`?caso=<case id>`): ids only in the address. Sent at once; a refusal comes back as the form (422).
 */
export function registerNewReferralPages(app: App, deps: ReferralDeps): void {
  const newPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    personId: string,
    form: NewForm,
    errors: FieldError[],
    status = 200,
  ) => {
    const ctx = ctxOf(request, deps);
    const organizations = await listDestinations(ctx);
    const overview = await getPrivacyOverview(ctx, personId);
    const consents = overview.consents.filter((c) => c.purpose === 'share_with_partner' && c.state === 'active');
    return sendPage(
      reply,
      <NewReferralPage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        personId={personId}
        organizations={organizations}
        consents={consents}
        form={form}
        errors={errors}
      />,
      status,
    );
  };

  app.get(
    '/operatori/persone/:id/invii/nuovo',
    { schema: { hide: true, params: Id, querystring: From } },
    async (request, reply) => {
      requireOperator(request);
      return newPage(request, reply, request.params.id, emptyForm(request.query.esito, request.query.caso), []);
    },
  );

  app.post(
    '/operatori/persone/:id/invii',
    { schema: { hide: true, params: Id, body: NewBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const shared =
        b.sharedFields === undefined ? [] : Array.isArray(b.sharedFields) ? b.sharedFields : [b.sharedFields];
      const form: NewForm = {
        destinationType: b.destinationType ?? '',
        internalArea: b.internalArea ?? '',
        publicBody: b.publicBody ?? '',
        organizationId: b.organizationId ?? '',
        reason: b.reason ?? '',
        urgency: b.urgency ?? 'ordinary',
        legalBasis: b.legalBasis ?? '',
        consentId: b.consentId ?? '',
        sharedFields: shared,
        sourceOutcomeId: b.sourceOutcomeId && isUuid(b.sourceOutcomeId) ? b.sourceOutcomeId : '',
        sourceCaseId: b.sourceCaseId && isUuid(b.sourceCaseId) ? b.sourceCaseId : '',
      };
      const ctx = ctxOf(request, deps);
      const type = form.destinationType;
      const created = await createReferral(ctx, {
        personId: request.params.id,
        destinationType: type,
        internalArea: type === 'internal_area' ? form.internalArea : null,
        publicBody: type === 'public_body' ? form.publicBody : null,
        organizationId: type === 'partner' ? form.organizationId || null : null,
        reason: form.reason,
        urgency: form.urgency,
        legalBasis: form.legalBasis,
        consentId: form.legalBasis === 'consent' ? form.consentId || null : null,
        sourceOutcomeId: form.sourceOutcomeId || null,
        sourceCaseId: form.sourceCaseId || null,
        sharedFields: shared,
      });
      if (created.kind === 'invalid') return newPage(request, reply, request.params.id, form, created.errors, 422);
      const sent = await sendReferral(
        ctx,
        created.referral.id,
        { version: created.referral.version },
        { mailer: deps.mailer, baseUrl: baseUrlOf(request) },
      );
      // The draft stays (listed under "to follow") if sending is refused: the form says why.
      if (sent.kind === 'invalid') return newPage(request, reply, request.params.id, form, sent.errors, 422);
      return reply.redirect(`/operatori/invii/${created.referral.id}`, 303);
    },
  );
}
