import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { isUuid } from '../../platform/ids.ts';
import type { ConditionsError, ConditionsForm } from './conditions.service.ts';
import { conditionsForEdit, saveConditions } from './conditions.service.ts';
import { ConditionsPage } from './conditions.views.tsx';
import { rowsOf } from './places.routes.tsx';

const PATH = (id: string) => `/operatori/servizi/${id}/condizioni`;

/** A multi-valued checkbox of a form body as a list of strings. */
const listOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

function formOf(body: unknown): { form: ConditionsForm; version: number } {
  const b = (body ?? {}) as Record<string, unknown>;
  const id = (r: (p: string) => string) => (isUuid(r('id')) ? r('id') : '');
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    version: Number.parseInt(str(b.version), 10),
    form: {
      documents: rowsOf(b, 'doc').map((r) => ({
        id: id(r),
        document: r('document'),
        documentEn: r('documentEn'),
        remove: r('remove') === '1',
      })),
      costs: rowsOf(b, 'cost').map((r) => ({
        id: id(r),
        option: r('option'),
        free: r('free') === '1',
        amount: r('amount'),
        description: r('description'),
        optionEn: r('optionEn'),
        descriptionEn: r('descriptionEn'),
        remove: r('remove') === '1',
      })),
      languages: listOf(b.languages),
      minAge: str(b.minAge),
      maxAge: str(b.maxAge),
      targetGroups: listOf(b.targetGroups),
      offices: listOf(b.offices),
    },
  };
}

/** /operatori/servizi/:id/condizioni — documents, costs, languages, ages, groups, offices (directory.manage). */
export function registerConditionsPages(app: App, deps: RouteDeps): void {
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { errors?: ConditionsError[]; form?: ConditionsForm; version?: number; conflict?: boolean; saved?: boolean },
    status = 200,
  ) => {
    const current = await conditionsForEdit(ctxOf(request, deps), id);
    return sendPage(
      reply,
      <ConditionsPage
        page={pageCtx(request, reply)}
        id={id}
        name={current.name}
        version={extra.version ?? current.version}
        form={extra.form ?? current.form}
        offices={current.offices}
        csrf={reply.generateCsrf()}
        errors={extra.errors}
        conflict={extra.conflict}
        saved={extra.saved}
      />,
      status,
    );
  };

  app.get<{ Params: { id: string }; Querystring: { salvato?: string } }>(
    '/operatori/servizi/:id/condizioni',
    { schema: { hide: true } },
    async (request, reply) => {
      requireOperator(request);
      if (!isUuid(request.params.id)) throw new NotFound('service');
      return show(request, reply, request.params.id, { saved: request.query.salvato === '1' });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/operatori/servizi/:id/condizioni',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id } = request.params;
      if (!isUuid(id)) throw new NotFound('service');
      const { form, version } = formOf(request.body);
      const result = Number.isFinite(version)
        ? await saveConditions(ctxOf(request, deps), id, version, form)
        : ({ kind: 'conflict' } as const);
      if (result.kind === 'saved') return reply.redirect(`${PATH(id)}?salvato=1`, 303);
      if (result.kind === 'invalid') return show(request, reply, id, { errors: result.errors, form, version }, 422);
      return show(request, reply, id, { conflict: true }, 409);
    },
  );
}
