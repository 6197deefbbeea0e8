import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { isUuid } from '../../platform/ids.ts';
import type { HourRow, PlacesForm } from './places.service.ts';
import { placesForEdit, savePlaces } from './places.service.ts';
import { PlacesPage } from './places.views.tsx';
import type { FieldError } from './upkeep.service.ts';

const MAX_ROWS = 30;

/** Rows `<prefix>-<i>-<part>` of a form body, in order, until the first index without any field. */
export function rowsOf(body: Record<string, unknown>, prefix: string): ((part: string) => string)[] {
  const rows: ((part: string) => string)[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const key = `${prefix}-${i}-`;
    if (!Object.keys(body).some((k) => k.startsWith(key))) break;
    rows.push((part) => {
      const v = body[`${key}${part}`];
      return typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '';
    });
  }
  return rows;
}

/** Weekly hour rows of a form body (the days are a multi-valued checkbox). */
export function hoursOf(body: Record<string, unknown>, prefix: string): HourRow[] {
  return rowsOf(body, prefix).map((r, i) => {
    const days = body[`${prefix}-${i}-days`];
    return {
      id: isUuid(r('id')) ? r('id') : '',
      days: (Array.isArray(days) ? days : typeof days === 'string' ? [days] : []).filter(
        (d): d is string => typeof d === 'string',
      ),
      opens: r('opens').trim(),
      closes: r('closes').trim(),
      remove: r('remove') === '1',
    };
  });
}

function formOf(body: unknown): { form: PlacesForm; version: number } {
  const b = (body ?? {}) as Record<string, unknown>;
  const id = (r: (p: string) => string) => (isUuid(r('id')) ? r('id') : '');
  return {
    version: Number.parseInt(typeof b.version === 'string' ? b.version : '', 10),
    form: {
      locations: rowsOf(b, 'loc').map((r) => ({
        id: id(r),
        name: r('name'),
        address: r('address'),
        postal: r('postal'),
        city: r('city'),
        province: r('province'),
        remove: r('remove') === '1',
      })),
      phones: rowsOf(b, 'phone').map((r) => ({
        id: id(r),
        number: r('number'),
        description: r('description'),
        remove: r('remove') === '1',
      })),
      hours: hoursOf(b, 'hours'),
    },
  };
}

/** /operatori/servizi/:id/sedi-orari — a service's places, phones and weekly hours (directory.manage). */
export function registerPlacesPages(app: App, deps: RouteDeps): void {
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: { errors?: FieldError[]; form?: PlacesForm; version?: number; conflict?: boolean; saved?: boolean },
    status = 200,
  ) => {
    const current = await placesForEdit(ctxOf(request, deps), id);
    return sendPage(
      reply,
      <PlacesPage
        page={pageCtx(request, reply)}
        id={id}
        name={current.name}
        version={extra.version ?? current.version}
        form={extra.form ?? current.form}
        csrf={reply.generateCsrf()}
        errors={extra.errors}
        conflict={extra.conflict}
        saved={extra.saved}
      />,
      status,
    );
  };

  app.get<{ Params: { id: string }; Querystring: { salvato?: string } }>(
    '/operatori/servizi/:id/sedi-orari',
    { schema: { hide: true } },
    async (request, reply) => {
      requireOperator(request);
      if (!isUuid(request.params.id)) throw new NotFound('service');
      return show(request, reply, request.params.id, { saved: request.query.salvato === '1' });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/operatori/servizi/:id/sedi-orari',
    { schema: { hide: true }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id } = request.params;
      if (!isUuid(id)) throw new NotFound('service');
      const { form, version } = formOf(request.body);
      const result = Number.isFinite(version)
        ? await savePlaces(ctxOf(request, deps), id, version, form)
        : ({ kind: 'conflict' } as const);
      if (result.kind === 'saved') return reply.redirect(`/operatori/servizi/${id}/sedi-orari?salvato=1`, 303);
      if (result.kind === 'invalid') return show(request, reply, id, { errors: result.errors, form, version }, 422);
      return show(request, reply, id, { conflict: true }, 409);
    },
  );
}
