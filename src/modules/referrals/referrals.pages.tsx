import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { roleMay } from '../../platform/policy.ts';
import { Layout as PageShell } from '../../platform/ui/layout.tsx';
import { listReferrals, myOrganization, setPartnerCapacity } from './partner.service.ts';
import { PartnerAnswerForms, PartnerInboxPage } from './partner.views.tsx';
import type { ReferralMessageKey } from './referrals.messages.ts';
import { referralsPermissions } from './referrals.policy.ts';
import type { ReferralDeps } from './referrals.routes.ts';
import { SCORECARD_PATH } from './referrals.scorecard.pages.tsx';
import { getReferral } from './referrals.service.ts';
import { respondReferral } from './referrals.transition.ts';
import { ReferralPage, ReferralTable, tOf } from './referrals.views.tsx';

const Str = (max = 4000) => Type.Optional(Type.String({ maxLength: max }));
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
  app.get(
    '/operatori/invii',
    { schema: { hide: true, querystring: Type.Object({ vista: Type.Optional(Type.Enum(VIEWS)) }) } },
    async (request, reply) => {
      // A partner user's referrals are its inbox, in the partner area.
      const actor = requireOperator(request);
      if (actor.role === 'partner') return reply.redirect('/partner', 303);
      const view = request.query.vista ?? 'mine';
      const items = await listReferrals(ctxOf(request, deps), { view });
      const page = pageCtx(request, reply);
      const t = tOf(page);
      return sendPage(
        reply,
        <ListLayout page={page} current={view} scorecards={roleMay(referralsPermissions, actor, 'referral.scorecard')}>
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

function ListLayout(props: {
  page: ReturnType<typeof pageCtx>;
  current: string;
  /** Links the partner scorecards, for the roles that may read them. */
  scorecards: boolean;
  children: preact.ComponentChildren;
}) {
  const t = tOf(props.page);
  return (
    <PageShell page={props.page} title={t('list.title')}>
      <h1>{t('list.title')}</h1>
      {props.scorecards ? (
        <p>
          <a href={SCORECARD_PATH}>{t('scorecard.link')}</a>
        </p>
      ) : null}
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
