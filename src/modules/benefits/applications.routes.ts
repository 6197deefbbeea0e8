import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import { CHECK_KINDS, getApplication, listApplications, openApplication, recordCheck } from './applications.service.ts';
import {
  decideApplication,
  listDuePayments,
  listFunds,
  REJECT_REASONS,
  recordPayment,
  setFund,
} from './decisions.service.ts';
import { noticeLines, renderPdf } from './notice.pdf.ts';
import { DOCUMENTS, INPUT_NAMES, INPUTS } from './rules.types.ts';

const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });
const problems = { 401: problemResponse(), 403: problemResponse(), 404: problemResponse(), 409: problemResponse() };

const OpenBody = Type.Object(
  {
    personId: Uuid,
    accessId: Type.Optional(Uuid),
    caseId: Type.Optional(Uuid),
    measure: Type.String({ maxLength: 60, description: 'A municipal measure with rules in effect today' }),
    inputs: Type.Object(
      Object.fromEntries(
        INPUT_NAMES.map((n) => [
          n,
          Type.Optional(INPUTS[n].kind === 'flag' ? Type.Boolean() : Type.Number({ minimum: 0, maximum: 100_000_000 })),
        ]),
      ),
      { additionalProperties: false },
    ),
    dsuProtocol: Type.Optional(Type.String({ maxLength: 30, description: 'SIUSS NumeroProtocolloDSU' })),
    dsuDate: Type.Optional(Day),
    iseeValidUntil: Type.Optional(Day),
    documentsDemanded: Type.Optional(
      Type.Array(Type.Enum(Object.keys(DOCUMENTS)), { maxItems: 20, description: 'Default: those the rules list' }),
    ),
  },
  { additionalProperties: false },
);

const CheckBody = Type.Union([
  Type.Object({ kind: Type.Enum(CHECK_KINDS) }, { additionalProperties: false }),
  Type.Object(
    { checkId: Uuid, result: Type.Enum(['passed', 'failed']), doneOn: Type.Optional(Day) },
    { additionalProperties: false },
  ),
]);

const DecisionBody = Type.Union([
  Type.Object(
    { decision: Type.Literal('approved'), version: Type.Integer(), periodStart: Type.Optional(Day) },
    { additionalProperties: false },
  ),
  Type.Object(
    { decision: Type.Literal('rejected'), version: Type.Integer(), reasonCode: Type.Enum(REJECT_REASONS) },
    { additionalProperties: false },
  ),
]);

/** CSV cell: quoted, quotes doubled; a leading = + - @ is neutralised (spreadsheet formula injection). */
const cell = (v: string | number) => {
  const s = String(v);
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replaceAll('"', '""')}"`;
};

export function registerApplicationsApi(app: App, deps: RouteDeps): void {
  app.post(
    '/api/v1/benefit-applications',
    {
      schema: {
        tags: ['benefits'],
        summary:
          'Open an application for a municipal contribution: inputs, documents demanded, evaluation by the rule ' +
          'version in effect today stored with its trace (audited)',
        body: OpenBody,
        response: { 201: Loose('The application'), 422: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await openApplication(ctxOf(request, deps), request.body);
      if (result.kind === 'invalid') {
        return sendProblem(reply, {
          type: problemType('invalid-application'),
          title: 'Some fields are not valid',
          status: 422,
          errors: result.errors.map((e) => ({ pointer: `/${e.field.replaceAll('.', '/')}`, detail: e.code })),
        });
      }
      return reply
        .code(201)
        .header('location', `/api/v1/benefit-applications/${result.application.id}`)
        .send(result.application);
    },
  );

  app.get(
    '/api/v1/benefit-applications',
    {
      schema: {
        tags: ['benefits'],
        summary: 'Applications, newest first (audited with the ids listed)',
        querystring: Type.Object({
          status: Type.Optional(Type.Enum(['open', 'approved', 'rejected'])),
          personId: Type.Optional(Uuid),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Loose('An application')) }),
          400: problemResponse(),
          ...problems,
        },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await listApplications(ctxOf(request, deps), request.query) };
    },
  );

  app.get(
    '/api/v1/benefit-applications/:id',
    {
      schema: {
        tags: ['benefits'],
        summary: 'Read an application with evaluation trace, checks, decision and payments (audited)',
        params: Id,
        response: { 200: Loose('The application'), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return getApplication(ctxOf(request, deps), request.params.id);
    },
  );

  app.get(
    '/api/v1/benefit-applications/:id/notice.pdf',
    {
      schema: {
        tags: ['benefits'],
        summary:
          'The decision notice as PDF: amount and period or reason, rule version and trace summary, appeal route and ' +
          'deadline (audited as a read; 409 while undecided)',
        params: Id,
        response: { 200: Type.String({ description: 'application/pdf' }), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const application = await getApplication(ctxOf(request, deps), request.params.id);
      if (!application.decision) throw new DomainError(409, 'undecided', 'The application is not decided yet');
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${application.code}.pdf"`)
        .send(renderPdf(noticeLines(application, request.tenant.name)));
    },
  );

  app.post(
    '/api/v1/benefit-applications/:id/checks',
    {
      schema: {
        tags: ['benefits'],
        summary: 'Request a check (kind) or record the result of a pending one (checkId, result, doneOn); audited',
        params: Id,
        body: CheckBody,
        response: { 200: Loose('The application'), 422: problemResponse(), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return recordCheck(ctxOf(request, deps), request.params.id, request.body);
    },
  );

  app.post(
    '/api/v1/benefit-applications/:id/decision',
    {
      schema: {
        tags: ['benefits'],
        summary:
          'Approve (commits the amount on the fund, schedules payments) or reject with a coded reason. Never by the ' +
          'operator who prepared it (403 four-eyes); 409 when checks are pending/failed, the fund is short or the ' +
          'version is stale',
        params: Id,
        body: DecisionBody,
        response: { 200: Loose('The application'), 422: problemResponse(), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return decideApplication(ctxOf(request, deps), request.params.id, request.body);
    },
  );

  app.get(
    '/api/v1/funds',
    {
      schema: {
        tags: ['benefits'],
        summary: 'Funds per measure and year: amount, committed, paid, available',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }),
        response: { 200: Type.Object({ items: Type.Array(Loose('A fund')) }), 400: problemResponse(), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await listFunds(ctxOf(request, deps), request.query.year) };
    },
  );

  app.put(
    '/api/v1/funds',
    {
      schema: {
        tags: ['benefits'],
        summary: 'Set the money of a measure for a year (admin); never below what is committed (409)',
        body: Type.Object(
          {
            measure: Type.String({ maxLength: 60 }),
            year: Type.Integer({ minimum: 2000, maximum: 2100 }),
            amount: Type.Number({ minimum: 0, maximum: 1_000_000_000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Loose('The fund'), 422: problemResponse(), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return setFund(ctxOf(request, deps), request.body);
    },
  );

  app.post(
    '/api/v1/benefit-payments/:id/paid',
    {
      schema: {
        tags: ['benefits'],
        summary: 'Record that a scheduled payment was made (coordinator); the fund’s paid total grows',
        params: Id,
        body: Type.Object({ paidOn: Type.Optional(Day) }, { additionalProperties: false }),
        response: { 200: Loose('The payment'), 422: problemResponse(), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return recordPayment(ctxOf(request, deps), request.params.id, request.body.paidOn);
    },
  );

  app.get(
    '/api/v1/benefit-payments/due.csv',
    {
      schema: {
        tags: ['benefits'],
        summary: 'Payments scheduled up to a day, as CSV for the accounting system (coordinator; audited)',
        querystring: Type.Object({ until: Day }),
        response: { 200: Type.String(), 400: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const rows = await listDuePayments(ctxOf(request, deps), request.query.until);
      const lines = [
        ['payment_id', 'application_id', 'fund_id', 'due_on', 'amount_eur'].map(cell).join(','),
        ...rows.map((p) => [p.id, p.applicationId, p.fundId, p.dueOn, p.amount.toFixed(2)].map(cell).join(',')),
      ];
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pagamenti-${request.query.until}.csv"`)
        .send(`${lines.join('\r\n')}\r\n`);
    },
  );
}
