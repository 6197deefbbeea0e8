import type { FastifyReply, FastifyRequest } from 'fastify';
import { withTenant } from '../../platform/db/database.ts';
import { NotFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { isUuid } from '../../platform/ids.ts';
import {
  hourRowsOf,
  partnerDirectory,
  SUGGEST_TEXTS,
  type SuggestionForm,
  suggestChange,
  suggestionFormFor,
} from '../directory/index.ts';
import { PartnerServicesPage, SuggestFormPage } from './partner.suggest.views.tsx';
import { partnerOrgOf } from './referrals.access.ts';
import type { ReferralDeps } from './referrals.routes.ts';

const BLANK_HOUR = { id: '', days: [], opens: '', closes: '', remove: false };

function formOf(body: unknown): SuggestionForm {
  const b = (body ?? {}) as Record<string, unknown>;
  // A field left out of the form is not proposed (only what the partner sends is compared).
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : undefined);
  const hours = hourRowsOf(b, 'sug-hours');
  return {
    texts: Object.fromEntries(SUGGEST_TEXTS.map((f) => [f, s(`sug-${f}`)])) as SuggestionForm['texts'],
    phone: s('sug-phone'),
    hours: hours.length ? hours : undefined,
    note: s('sug-note') ?? '',
  };
}

/**
 * The partner's change suggestions for its own organization's services: /partner/servizi (services and
 * suggestions with their status) and /partner/servizi/:id/proposta. The directory module stores,
 * authorises (directory.suggest, own organization only) and audits; this module knows the partner's
 * organization.
 */
export function registerPartnerSuggestPages(app: App, deps: ReferralDeps): void {
  const orgOf = async (request: FastifyRequest) => {
    const actor = requireOperator(request);
    return actor.role === 'partner' ? withTenant(deps.db, actor.tenantId, (trx) => partnerOrgOf(trx, actor)) : null;
  };

  app.get<{ Querystring: { inviata?: string } }>(
    '/partner/servizi',
    { schema: { hide: true } },
    async (request, reply) => {
      const org = await orgOf(request);
      const listing = await partnerDirectory(ctxOf(request, deps), org);
      return sendPage(
        reply,
        <PartnerServicesPage
          page={pageCtx(request, reply)}
          listing={listing}
          hasOrg={org !== null}
          sent={request.query.inviata === '1'}
        />,
      );
    },
  );

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    org: string | null,
    submitted?: { form: SuggestionForm; errors: { field: string; code: string }[] },
  ) => {
    const current = await suggestionFormFor(ctxOf(request, deps), org, id);
    const shown = submitted?.form ?? { ...current.form, hours: [...(current.form.hours ?? []), BLANK_HOUR] };
    // Re-shown after an error: a field the request left out shows today's value.
    const form: SuggestionForm = {
      texts: Object.fromEntries(
        SUGGEST_TEXTS.map((f) => [f, shown.texts[f] ?? current.form.texts[f] ?? '']),
      ) as SuggestionForm['texts'],
      phone: shown.phone ?? current.form.phone,
      hours: shown.hours ?? [...(current.form.hours ?? []), BLANK_HOUR],
      note: shown.note,
    };
    return sendPage(
      reply,
      <SuggestFormPage
        page={pageCtx(request, reply)}
        serviceId={id}
        name={current.name}
        form={form}
        csrf={reply.generateCsrf()}
        errors={submitted?.errors}
      />,
      submitted ? 422 : 200,
    );
  };

  app.get<{ Params: { id: string } }>(
    '/partner/servizi/:id/proposta',
    { schema: { hide: true } },
    async (request, reply) => {
      const org = await orgOf(request);
      if (!isUuid(request.params.id)) throw new NotFound('service');
      return show(request, reply, request.params.id, org);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/partner/servizi/:id/proposta',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => {
      const org = await orgOf(request);
      const { id } = request.params;
      if (!isUuid(id)) throw new NotFound('service');
      const form = formOf(request.body);
      const result = await suggestChange(ctxOf(request, deps), org, id, form);
      if (result.kind === 'saved') return reply.redirect('/partner/servizi?inviata=1', 303);
      return show(request, reply, id, org, { form, errors: result.errors });
    },
  );
}
