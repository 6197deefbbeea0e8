import type { FastifyReply, FastifyRequest } from 'fastify';
import { withTenant } from '../../platform/db/database.ts';
import { NotFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { isUuid } from '../../platform/ids.ts';
import { organizationsWithCounts } from './organizations.repository.ts';
import {
  createService,
  listOrganizationsForUpkeep,
  type NewServiceForm,
  type OrganizationForm,
  organizationForEdit,
  saveOrganization,
} from './organizations.service.ts';
import { HubPage, NewServicePage, OrganizationFormPage, OrganizationsPage } from './organizations.views.tsx';
import { pendingCount } from './suggestion.service.ts';
import type { FieldError } from './upkeep.service.ts';

const field = (body: unknown, k: string) => {
  const v = ((body ?? {}) as Record<string, unknown>)[k];
  return typeof v === 'string' ? v : '';
};
const orgFormOf = (b: unknown): OrganizationForm => ({
  name: field(b, 'org-name'),
  description: field(b, 'org-description'),
  descriptionEn: field(b, 'org-descriptionEn'),
  website: field(b, 'org-website'),
  email: field(b, 'org-email'),
});
const EMPTY_ORG: OrganizationForm = { name: '', description: '', descriptionEn: '', website: '', email: '' };

/** The upkeep hub, organizations (list, new, edit) and new services (directory.manage). */
export function registerOrganizationPages(app: App, deps: RouteDeps): void {
  app.get('/operatori/servizi/gestione', { schema: { hide: true } }, async (request, reply) => {
    requireOperator(request);
    const pending = await pendingCount(ctxOf(request, deps));
    return sendPage(reply, <HubPage page={pageCtx(request, reply)} pending={pending} />);
  });

  app.get('/operatori/organizzazioni', { schema: { hide: true } }, async (request, reply) => {
    requireOperator(request);
    const organizations = await listOrganizationsForUpkeep(ctxOf(request, deps));
    return sendPage(reply, <OrganizationsPage page={pageCtx(request, reply)} organizations={organizations} />);
  });

  const orgForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    p: {
      id: string | null;
      version: number;
      form: OrganizationForm;
      errors?: FieldError[];
      conflict?: boolean;
      saved?: boolean;
    },
    status = 200,
  ) =>
    sendPage(reply, <OrganizationFormPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} {...p} />, status);

  app.get('/operatori/organizzazioni/nuova', { schema: { hide: true } }, async (request, reply) => {
    requireOperator(request);
    await listOrganizationsForUpkeep(ctxOf(request, deps)); // the permission check (403, audited)
    return orgForm(request, reply, { id: null, version: 0, form: EMPTY_ORG });
  });

  app.post(
    '/operatori/organizzazioni/nuova',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const form = orgFormOf(request.body);
      const result = await saveOrganization(ctxOf(request, deps), null, 0, form);
      if (result.kind === 'saved')
        return reply.redirect(`/operatori/organizzazioni/${result.id}/modifica?salvato=1`, 303);
      return orgForm(
        request,
        reply,
        { id: null, version: 0, form, errors: result.kind === 'invalid' ? result.errors : [] },
        422,
      );
    },
  );

  app.get<{ Params: { id: string }; Querystring: { salvato?: string } }>(
    '/operatori/organizzazioni/:id/modifica',
    { schema: { hide: true } },
    async (request, reply) => {
      requireOperator(request);
      if (!isUuid(request.params.id)) throw new NotFound('organization');
      const current = await organizationForEdit(ctxOf(request, deps), request.params.id);
      return orgForm(request, reply, { ...current, saved: request.query.salvato === '1' });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/operatori/organizzazioni/:id/modifica',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id } = request.params;
      if (!isUuid(id)) throw new NotFound('organization');
      const form = orgFormOf(request.body);
      const version = Number.parseInt(field(request.body, 'version'), 10);
      const ctx = ctxOf(request, deps);
      const result = Number.isFinite(version)
        ? await saveOrganization(ctx, id, version, form)
        : ({ kind: 'conflict' } as const);
      if (result.kind === 'saved') return reply.redirect(`/operatori/organizzazioni/${id}/modifica?salvato=1`, 303);
      if (result.kind === 'invalid') return orgForm(request, reply, { id, version, form, errors: result.errors }, 422);
      const current = await organizationForEdit(ctx, id);
      return orgForm(request, reply, { ...current, conflict: true }, 409);
    },
  );

  const serviceForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: NewServiceForm,
    errors?: FieldError[],
  ) => {
    const actor = requireOperator(request);
    const organizations = await withTenant(deps.db, actor.tenantId, (trx) => organizationsWithCounts(trx));
    return sendPage(
      reply,
      <NewServicePage
        page={pageCtx(request, reply)}
        organizations={organizations}
        form={form}
        csrf={reply.generateCsrf()}
        errors={errors}
      />,
      errors ? 422 : 200,
    );
  };

  app.get<{ Querystring: { organizzazione?: string } }>(
    '/operatori/servizi/nuovo',
    { schema: { hide: true } },
    async (request, reply) => {
      requireOperator(request);
      await listOrganizationsForUpkeep(ctxOf(request, deps)); // the permission check (403, audited)
      const org = request.query.organizzazione ?? '';
      return serviceForm(request, reply, { organizationId: isUuid(org) ? org : '', name: '', description: '' });
    },
  );

  app.post(
    '/operatori/servizi/nuovo',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const form: NewServiceForm = {
        organizationId: field(request.body, 'svc-organization'),
        name: field(request.body, 'svc-name'),
        description: field(request.body, 'svc-description'),
      };
      const result = await createService(ctxOf(request, deps), form);
      if (result.kind === 'saved') return reply.redirect(`/operatori/servizi/${result.id}/modifica?salvato=1`, 303);
      return serviceForm(request, reply, form, result.kind === 'invalid' ? result.errors : []);
    },
  );
}
