import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { Layout as PageShell } from '../../platform/ui/layout.tsx';
import { getPrivacyOverview } from '../people/index.ts';
import { listDestinations, listReferrals, myOrganization, setPartnerCapacity } from './partner.service.ts';
import { PartnerAnswerForms, PartnerInboxPage } from './partner.views.tsx';
import type { FieldError } from './referrals.access.ts';
import type { ReferralMessageKey } from './referrals.messages.ts';
import type { ReferralDeps } from './referrals.routes.ts';
import { baseUrlOf } from './referrals.routes.ts';
import { createReferral, getReferral } from './referrals.service.ts';
import { respondReferral, sendReferral } from './referrals.transition.ts';
import { type NewForm, NewReferralPage, ReferralPage, ReferralTable, tOf } from './referrals.views.tsx';

const Str = (max = 4000) => Type.Optional(Type.String({ maxLength: max }));
const NewBody = Type.Object({
  organizationId: Str(100),
  reason: Str(),
  urgency: Str(40),
  legalBasis: Str(40),
  consentId: Str(100),
  sharedFields: Type.Optional(
    Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })]),
  ),
  _csrf: Str(),
});
const AnswerBody = Type.Object({
  to: Str(40),
  version: Str(12),
  reasonCode: Str(40),
  outcome: Str(40),
  note: Str(),
  _csrf: Str(),
});
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const VIEWS = ['mine', 'team', 'action', 'overdue'] as const;

export function registerReferralPages(app: App, deps: ReferralDeps): void {
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

  app.get('/operatori/persone/:id/invii/nuovo', { schema: { hide: true, params: Id } }, async (request, reply) => {
    requireOperator(request);
    const empty: NewForm = {
      organizationId: '',
      reason: '',
      urgency: 'ordinary',
      legalBasis: 'consent',
      consentId: '',
      sharedFields: ['reason'],
    };
    return newPage(request, reply, request.params.id, empty, []);
  });

  app.post(
    '/operatori/persone/:id/invii',
    { schema: { hide: true, params: Id, body: NewBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const shared =
        b.sharedFields === undefined ? [] : Array.isArray(b.sharedFields) ? b.sharedFields : [b.sharedFields];
      const form: NewForm = {
        organizationId: b.organizationId ?? '',
        reason: b.reason ?? '',
        urgency: b.urgency ?? 'ordinary',
        legalBasis: b.legalBasis ?? '',
        consentId: b.consentId ?? '',
        sharedFields: shared,
      };
      const ctx = ctxOf(request, deps);
      const created = await createReferral(ctx, {
        personId: request.params.id,
        destinationType: 'partner',
        organizationId: form.organizationId || null,
        reason: form.reason,
        urgency: form.urgency,
        legalBasis: form.legalBasis,
        consentId: form.legalBasis === 'consent' ? form.consentId || null : null,
        sharedFields: shared,
      });
      if (created.kind === 'invalid') return newPage(request, reply, request.params.id, form, created.errors, 422);
      const sent = await sendReferral(
        ctx,
        created.referral.id,
        { version: created.referral.version },
        { mailer: deps.mailer, baseUrl: baseUrlOf(request) },
      );
      if (sent.kind === 'invalid') return newPage(request, reply, request.params.id, form, sent.errors, 422);
      return reply.redirect(`/operatori/invii/${created.referral.id}`, 303);
    },
  );

  app.get(
    '/operatori/invii',
    { schema: { hide: true, querystring: Type.Object({ vista: Type.Optional(Type.Enum(VIEWS)) }) } },
    async (request, reply) => {
      requireOperator(request);
      const view = request.query.vista ?? 'mine';
      const items = await listReferrals(ctxOf(request, deps), { view });
      const page = pageCtx(request, reply);
      const t = tOf(page);
      return sendPage(
        reply,
        <ListLayout page={page} current={view}>
          <ReferralTable
            t={t}
            caption={t('list.caption', { view: t(`view.${view}` as ReferralMessageKey) })}
            items={items}
            hrefOf={(id) => `/operatori/invii/${id}`}
            locale={page.locale}
          />
        </ListLayout>,
      );
    },
  );

  app.get('/operatori/invii/:id', { schema: { hide: true, params: Id } }, async (request, reply) => {
    requireOperator(request);
    const r = await getReferral(ctxOf(request, deps), request.params.id);
    const page = pageCtx(request, reply);
    return sendPage(
      reply,
      <ReferralPage
        page={page}
        r={r}
        crumbs={[{ label: tOf(page)('list.title'), href: '/operatori/invii' }, { label: r.code }]}
      />,
    );
  });

  // The partner area.
  const inbox = async (request: FastifyRequest, reply: FastifyReply, notice?: string) => {
    const ctx = ctxOf(request, deps);
    const [items, mine] = await Promise.all([listReferrals(ctx, {}), myOrganization(ctx)]);
    return sendPage(
      reply,
      <PartnerInboxPage
        page={pageCtx(request, reply)}
        csrf={reply.generateCsrf()}
        items={items}
        capacity={mine.capacity}
        hasOrg={mine.organizationId !== null}
        notice={notice}
      />,
    );
  };
  app.get('/partner', { schema: { hide: true } }, async (request, reply) => {
    requireOperator(request);
    return inbox(request, reply);
  });
  app.post(
    '/partner/disponibilita',
    { schema: { hide: true, body: Type.Object({ status: Str(40), _csrf: Str() }) }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      await setPartnerCapacity(ctxOf(request, deps), request.body.status ?? '');
      return reply.redirect('/partner', 303);
    },
  );

  const partnerPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { error?: string; notice?: string } = {},
    status = 200,
  ) => {
    const r = await getReferral(ctxOf(request, deps), id);
    const page = pageCtx(request, reply);
    return sendPage(
      reply,
      <ReferralPage
        page={page}
        r={r}
        crumbs={[{ label: tOf(page)('partner.title'), href: '/partner' }, { label: r.code }]}
        notice={extra.notice}
      >
        <PartnerAnswerForms page={page} csrf={reply.generateCsrf()} r={r} error={extra.error} />
      </ReferralPage>,
      status,
    );
  };
  app.get('/partner/invii/:id', { schema: { hide: true, params: Id } }, async (request, reply) => {
    requireOperator(request);
    return partnerPage(request, reply, request.params.id);
  });
  app.post(
    '/partner/invii/:id/risposta',
    { schema: { hide: true, params: Id, body: AnswerBody }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const b = request.body;
      const t = tOf(pageCtx(request, reply));
      try {
        const result = await respondReferral(ctxOf(request, deps), request.params.id, {
          to: (b.to ?? '') as 'accepted',
          version: Number(b.version ?? 0),
          reasonCode: b.reasonCode,
          outcome: b.outcome,
          note: b.note,
        });
        if (result.kind === 'invalid')
          return partnerPage(request, reply, request.params.id, { error: t('error.required') }, 422);
      } catch (e) {
        if (e instanceof DomainError && e.status === 409)
          return partnerPage(request, reply, request.params.id, { error: t('conflict') }, 409);
        throw e;
      }
      return reply.redirect(`/partner/invii/${request.params.id}`, 303);
    },
  );
}

function ListLayout(props: { page: ReturnType<typeof pageCtx>; current: string; children: preact.ComponentChildren }) {
  const t = tOf(props.page);
  return (
    <PageShell page={props.page} title={t('list.title')}>
      <nav aria-label={t('list.title')}>
        <ul class="nav nav-tabs mb-3">
          {VIEWS.map((v) => (
            <li class="nav-item">
              <a
                class={`nav-link${v === props.current ? ' active' : ''}`}
                aria-current={v === props.current ? 'page' : undefined}
                href={`/operatori/invii?vista=${v}`}
              >
                {t(`view.${v}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.children}
    </PageShell>
  );
}
