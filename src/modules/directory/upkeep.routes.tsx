import type { FastifyReply, FastifyRequest } from 'fastify';
import { withTenant } from '../../platform/db/database.ts';
import { NotFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { filterChoices } from './directory.read.ts';
import { deleteSynonym, listSynonyms, saveSynonym } from './synonyms.service.ts';
import { SynonymsPage } from './synonyms.views.tsx';
import { listStale, type ServiceEdit, serviceForEdit, TEXT_FIELDS, updateService } from './upkeep.service.ts';
import { EditServicePage, StalePage } from './upkeep.views.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function editOf(body: unknown): { edit: ServiceEdit; version: number; verify: boolean } {
  const b = (body ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  const areas = b.needAreas;
  return {
    edit: {
      it: Object.fromEntries(TEXT_FIELDS.map((f) => [f, s(`it.${f}`)])) as ServiceEdit['it'],
      en: Object.fromEntries(TEXT_FIELDS.map((f) => [f, s(`en.${f}`)])) as ServiceEdit['en'],
      status: s('status'),
      topic: s('topic'),
      needAreas: (Array.isArray(areas) ? areas : typeof areas === 'string' ? [areas] : []).filter(
        (a): a is string => typeof a === 'string',
      ),
    },
    version: Number.parseInt(s('version'), 10),
    verify: s('verify') === '1',
  };
}

/** Operator upkeep of the directory: edit a service (with verification), the stale list. */
export function registerUpkeepPages(app: App, deps: RouteDeps): void {
  const areasFor = (request: FastifyRequest, tenantId: string) =>
    withTenant(deps.db, tenantId, (trx) => filterChoices(trx, request.locale)).then((c) => c.areas);

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: {
      errors?: Parameters<typeof EditServicePage>[0]['errors'];
      conflict?: boolean;
      saved?: boolean;
      edit?: ServiceEdit;
      version?: number;
    } = {},
    status = 200,
  ) => {
    const actor = requireOperator(request);
    const current = await serviceForEdit(ctxOf(request, deps), id);
    return sendPage(
      reply,
      <EditServicePage
        page={pageCtx(request, reply)}
        id={id}
        version={extra.version ?? current.version}
        edit={extra.edit ?? current.edit}
        assuredDate={current.assuredDate}
        areas={await areasFor(request, actor.tenantId)}
        csrf={reply.generateCsrf()}
        errors={extra.errors}
        conflict={extra.conflict}
        saved={extra.saved}
      />,
      status,
    );
  };

  app.get<{ Querystring: { salvato?: string } }>(
    '/operatori/servizi/sinonimi',
    { schema: { hide: true } },
    async (request, reply) => {
      requireOperator(request);
      const synonyms = await listSynonyms(ctxOf(request, deps));
      return sendPage(
        reply,
        <SynonymsPage
          page={pageCtx(request, reply)}
          synonyms={synonyms}
          csrf={reply.generateCsrf()}
          saved={request.query.salvato === '1'}
        />,
      );
    },
  );

  app.post(
    '/operatori/servizi/sinonimi',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const b = (request.body ?? {}) as Record<string, unknown>;
      const form = {
        phrase: typeof b.phrase === 'string' ? b.phrase : '',
        expansion: typeof b.expansion === 'string' ? b.expansion : '',
      };
      const ctx = ctxOf(request, deps);
      const result = await saveSynonym(ctx, form);
      if (result.kind === 'saved') return reply.redirect('/operatori/servizi/sinonimi?salvato=1', 303);
      const synonyms = await listSynonyms(ctx);
      return sendPage(
        reply,
        <SynonymsPage
          page={pageCtx(request, reply)}
          synonyms={synonyms}
          csrf={reply.generateCsrf()}
          form={form}
          errors={result.errors}
        />,
        422,
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/operatori/servizi/sinonimi/:id/elimina',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      if (!UUID.test(request.params.id)) throw new NotFound('synonym');
      await deleteSynonym(ctxOf(request, deps), request.params.id);
      return reply.redirect('/operatori/servizi/sinonimi', 303);
    },
  );

  app.get('/operatori/servizi/da-verificare', { schema: { hide: true } }, async (request, reply) => {
    requireOperator(request);
    const stale = await listStale(ctxOf(request, deps));
    return sendPage(reply, <StalePage page={pageCtx(request, reply)} {...stale} />);
  });

  app.get<{ Params: { id: string }; Querystring: { salvato?: string } }>(
    '/operatori/servizi/:id/modifica',
    { schema: { hide: true } },
    async (request, reply) => {
      if (!UUID.test(request.params.id)) throw new NotFound('service');
      return show(request, reply, request.params.id, { saved: request.query.salvato === '1' });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/operatori/servizi/:id/modifica',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id } = request.params;
      if (!UUID.test(id)) throw new NotFound('service');
      const { edit, version, verify } = editOf(request.body);
      const result = Number.isFinite(version)
        ? await updateService(ctxOf(request, deps), id, version, edit, verify)
        : ({ kind: 'conflict' } as const);
      if (result.kind === 'saved') return reply.redirect(`/operatori/servizi/${id}/modifica?salvato=1`, 303);
      if (result.kind === 'invalid') return show(request, reply, id, { errors: result.errors, edit, version }, 422);
      return show(request, reply, id, { conflict: true }, 409);
    },
  );
}
