import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { problemResponse } from '../../platform/http/problem.ts';
import { startOfRomeDay } from '../../platform/time.ts';
import { type AuditQuery, listAuditEvents } from './audit.service.ts';
import { AuditPage } from './audit.views.tsx';

const AuditEvent = Type.Object({
  seq: Type.Integer(),
  occurredAt: Type.String({ format: 'date-time' }),
  actorKind: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  outcome: Type.String(),
  recordType: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
});

const AuditQueryString = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 100 })),
  username: Type.Optional(Type.String({ maxLength: 64 })),
  recordId: Type.Optional(Type.String({ maxLength: 100 })),
  outcome: Type.Optional(
    Type.Union([Type.Literal('ok'), Type.Literal('denied'), Type.Literal('failed'), Type.Literal('')]),
  ),
  from: Type.Optional(Type.String({ maxLength: 10 })),
  to: Type.Optional(Type.String({ maxLength: 10 })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
});
type AuditQueryString = Type.Static<typeof AuditQueryString>;

/** A day in Rome as a UTC instant; `undefined` when empty, `null` when malformed. */
function romeDay(value: string | undefined, plusDays = 0): Date | undefined | null {
  if (!value) return undefined;
  const start = startOfRomeDay(value);
  return start && new Date(start.getTime() + plusDays * 86_400_000);
}

function toQuery(q: AuditQueryString): { query: AuditQuery; dateError: boolean } {
  const from = romeDay(q.from);
  const to = romeDay(q.to, 1);
  return {
    dateError: from === null || to === null,
    query: {
      action: q.action || undefined,
      username: q.username || undefined,
      recordId: q.recordId || undefined,
      outcome: q.outcome || undefined,
      from: from ?? undefined,
      to: to ?? undefined,
      before: q.before,
    },
  };
}

export function registerAuditRoutes(app: App, deps: RouteDeps): void {
  app.get(
    '/api/v1/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit log of your tenant (auditor only), newest first',
        querystring: AuditQueryString,
        response: {
          200: Type.Object({ items: Type.Array(AuditEvent) }),
          400: problemResponse(),
          401: problemResponse(),
          403: problemResponse(),
        },
      },
    },
    async (request) => {
      requireOperator(request);
      const { query, dateError } = toQuery(request.query);
      if (dateError)
        throw Object.assign(new Error('from/to must be YYYY-MM-DD'), { statusCode: 400, code: 'bad-date' });
      const rows = await listAuditEvents(ctxOf(request, deps), query);
      return {
        items: rows.map((r) => ({
          seq: r.seq,
          occurredAt: r.occurred_at.toISOString(),
          actorKind: r.actor_kind,
          username: r.username,
          action: r.action,
          outcome: r.outcome,
          recordType: r.record_type,
          recordId: r.record_id,
          requestId: r.request_id,
        })),
      };
    },
  );

  app.get('/operatori/audit', { schema: { hide: true, querystring: AuditQueryString } }, async (request, reply) => {
    requireOperator(request);
    const { query, dateError } = toQuery(request.query);
    const rows = dateError ? [] : await listAuditEvents(ctxOf(request, deps), query);
    const last = rows.length === 50 ? rows[rows.length - 1] : undefined;
    const next = last
      ? `/operatori/audit?${new URLSearchParams({ ...stripEmpty(request.query), before: String(last.seq) }).toString()}`
      : undefined;
    const page = pageCtx(request, reply);
    return sendPage(
      reply,
      <AuditPage
        page={page}
        form={request.query}
        rows={rows}
        dateError={dateError ? page.t('audit.badDate') : undefined}
        nextHref={next}
      />,
      dateError ? 400 : 200,
    );
  });
}

function stripEmpty(q: AuditQueryString): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '' && k !== 'before') out[k] = String(v);
  return out;
}
