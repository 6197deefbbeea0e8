import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { problemResponse, problemType, sendProblem } from '../../platform/http/problem.ts';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { type CompareNotice, ComparePage, UnmergeOutcomePage } from './duplicates.compare.views.tsx';
import {
  comparePeople,
  duplicatesSection,
  findDuplicatesOf,
  markNotDuplicate,
  type NotDuplicateResult,
} from './duplicates.service.ts';
import { DuplicatesSection, fileHref } from './duplicates.views.tsx';
import { type MergeResult, mergePeople, unmergePeople } from './merges.service.ts';

const Uuid = (description: string) => Type.String({ format: 'uuid', description });
const Candidate = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  birthYear: Type.Union([Type.Integer(), Type.Null()]),
  reasons: Type.Array(Type.String(), {
    description:
      'sameTaxCode, sameDocument, similarNameSameBirthDate, similarNameSameBirthYear, sameNameBirthUnknown, samePhone',
  }),
});
const MergeBody = Type.Object(
  {
    survivorId: Uuid('The record that stays: everything linked to the other moves here'),
    mergedId: Uuid('The record merged into the survivor; it stays, pointing at the survivor, for unmerge'),
    survivorVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'Refuse (409) if the survivor changed' })),
    mergedVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'Refuse (409) if the other changed' })),
  },
  { description: 'Two records of the same person' },
);
const MergeView = Type.Object(
  {
    mergeId: Type.String({ format: 'uuid' }),
    survivorId: Type.String({ format: 'uuid' }),
    mergedId: Type.String({ format: 'uuid' }),
    moved: Type.Record(Type.String(), Type.Integer(), { description: 'Rows moved to the survivor, per table' }),
    filled: Type.Array(Type.String(), { description: "Survivor's columns completed from the merged record" }),
  },
  { $id: 'PersonMerge' },
);
const UnmergeView = Type.Object(
  {
    survivorId: Type.String({ format: 'uuid' }),
    mergedId: Type.String({ format: 'uuid' }),
    notRestored: Type.Array(Type.Object({ table: Type.String(), op: Type.String() }), {
      description: 'Rows changed or deleted after the merge, left on the survivor',
    }),
    keptFields: Type.Array(Type.String(), { description: 'Survivor columns edited after the merge, kept as edited' }),
  },
  { $id: 'PersonUnmerge' },
);

const REFUSALS = {
  'same-person': [422, 'Survivor and merged record are the same record'],
  'already-merged': [409, 'One of the records is already merged into another'],
  stale: [409, 'One of the records changed since you read it; compare again'],
  merged: [409, 'A merged record cannot be marked; use the record it was merged into'],
  'already-undone': [409, 'This merge was already undone'],
  'survivor-merged': [409, 'The survivor was merged into another record afterwards; undo that merge first'],
} as const;

function sendRefusal(reply: FastifyReply, reason: keyof typeof REFUSALS) {
  const [status, title] = REFUSALS[reason];
  return sendProblem(reply, { type: problemType(reason), title, status });
}

const FormBody = <P extends Parameters<typeof Type.Object>[0]>(props: P) =>
  Type.Object({ ...props, _csrf: Type.Optional(Type.String()) });
const PairParams = Type.Object({ id: Type.String({ maxLength: 100 }), otherId: Type.String({ maxLength: 100 }) });

function registerDuplicatesApi(app: App, deps: RouteDeps) {
  app.addSchema(MergeView);
  app.addSchema(UnmergeView);
  const problems = { 401: problemResponse(), 403: problemResponse(), 404: problemResponse() };

  app.get(
    '/api/v1/people/:id/duplicates',
    {
      schema: {
        tags: ['people'],
        summary: 'Likely duplicates of a person on file, with reasons (pairs marked "not the same person" excluded)',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 200: Type.Object({ items: Type.Array(Candidate) }), ...problems },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await findDuplicatesOf(ctxOf(request, deps), request.params.id) };
    },
  );

  app.post(
    '/api/v1/people/merge',
    {
      schema: {
        tags: ['people'],
        summary: 'Merge two records of the same person (coordinators and social workers); reversible',
        body: MergeBody,
        response: { 201: Type.Ref('PersonMerge'), 409: problemResponse(), 422: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await mergePeople(ctxOf(request, deps), request.body);
      if (result.kind === 'refused') return sendRefusal(reply, result.reason);
      return reply.code(201).send(result.merge);
    },
  );

  app.post(
    '/api/v1/people/merges/:mergeId/undo',
    {
      schema: {
        tags: ['people'],
        summary: 'Undo a merge: both records return to how they were before it',
        params: Type.Object({ mergeId: Type.String({ maxLength: 100 }) }),
        response: { 200: Type.Ref('PersonUnmerge'), 409: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await unmergePeople(ctxOf(request, deps), request.params.mergeId);
      if (result.kind === 'refused') return sendRefusal(reply, result.reason);
      const { kind: _, ...view } = result;
      return view;
    },
  );

  app.post(
    '/api/v1/people/not-duplicates',
    {
      schema: {
        tags: ['people'],
        summary: 'Mark two records as different people, so they are never proposed as duplicates again',
        body: Type.Object({ a: Uuid('One record'), b: Uuid('The other record') }),
        response: { 204: Type.Null(), 409: problemResponse(), 422: problemResponse(), ...problems },
      },
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await markNotDuplicate(ctxOf(request, deps), request.body.a, request.body.b);
      if (result.kind === 'refused') return sendRefusal(reply, result.reason);
      return reply.code(204).send(null);
    },
  );
}

async function comparePage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: RouteDeps,
  ids: { id: string; otherId: string },
  notice?: CompareNotice,
  status = 200,
) {
  const comparison = await comparePeople(ctxOf(request, deps), ids.id, ids.otherId);
  const page = pageCtx(request, reply);
  return sendPage(
    reply,
    <ComparePage page={page} comparison={comparison} csrf={reply.generateCsrf()} notice={notice} />,
    status,
  );
}

const MERGE_NOTICE: Record<Extract<MergeResult | NotDuplicateResult, { kind: 'refused' }>['reason'], CompareNotice> = {
  'same-person': 'samePerson',
  'already-merged': 'alreadyMerged',
  stale: 'stale',
  merged: 'alreadyMerged',
};

function registerDuplicatesPages(app: App, deps: RouteDeps) {
  app.get(
    '/operatori/persone/:id/confronta/:otherId',
    { schema: { hide: true, params: PairParams } },
    async (request, reply) => {
      requireOperator(request);
      return comparePage(request, reply, deps, request.params);
    },
  );

  app.post(
    '/operatori/persone/:id/confronta/:otherId/unisci',
    {
      schema: {
        hide: true,
        params: PairParams,
        body: FormBody({
          keep: Type.Union([Type.Literal('first'), Type.Literal('second')]),
          versionA: Type.Integer({ minimum: 1 }),
          versionB: Type.Integer({ minimum: 1 }),
        }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const { id, otherId } = request.params;
      const { keep, versionA, versionB } = request.body;
      const input =
        keep === 'first'
          ? { survivorId: id, mergedId: otherId, survivorVersion: versionA, mergedVersion: versionB }
          : { survivorId: otherId, mergedId: id, survivorVersion: versionB, mergedVersion: versionA };
      const result = await mergePeople(ctxOf(request, deps), input);
      if (result.kind === 'merged') return reply.redirect(fileHref(result.merge.survivorId), 303);
      return comparePage(request, reply, deps, request.params, MERGE_NOTICE[result.reason], REFUSALS[result.reason][0]);
    },
  );

  app.post(
    '/operatori/persone/:id/confronta/:otherId/non-doppione',
    { schema: { hide: true, params: PairParams, body: FormBody({}) }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const { id, otherId } = request.params;
      const result = await markNotDuplicate(ctxOf(request, deps), id, otherId);
      if (result.kind === 'marked') return reply.redirect(fileHref(id), 303);
      return comparePage(request, reply, deps, request.params, MERGE_NOTICE[result.reason], REFUSALS[result.reason][0]);
    },
  );

  app.post(
    '/operatori/persone/unioni/:mergeId/annulla',
    {
      schema: { hide: true, params: Type.Object({ mergeId: Type.String({ maxLength: 100 }) }), body: FormBody({}) },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const result = await unmergePeople(ctxOf(request, deps), request.params.mergeId);
      const page = () => pageCtx(request, reply);
      if (result.kind === 'refused') {
        const notice = result.reason === 'survivor-merged' ? 'survivorMerged' : 'alreadyUndone';
        return sendPage(
          reply,
          <UnmergeOutcomePage page={page()} notice={notice} survivorId={result.survivorId} />,
          409,
        );
      }
      const left = result.notRestored.length + result.keptFields.length;
      if (left === 0) return reply.redirect(fileHref(result.survivorId), 303);
      return sendPage(
        reply,
        <UnmergeOutcomePage page={page()} notice="incomplete" survivorId={result.survivorId} count={left} />,
      );
    },
  );
}

/**
 * The "Possibili doppioni" and "Unioni" sections of the person file (a FileSection of
 * people.views.tsx: list it in FILE_SECTIONS in people.pages.tsx).
 */
export async function duplicatesFileSection(input: {
  person: { id: string };
  page: PageCtx & { ctx: Ctx; csrf: string };
}): Promise<VNode> {
  const data = await duplicatesSection(input.page.ctx, input.person.id);
  return <DuplicatesSection page={input.page} data={data} csrf={input.page.csrf} />;
}

/** The duplicates part of the people module: API and pages. */
export function registerDuplicates(app: App, deps: RouteDeps): void {
  registerDuplicatesApi(app, deps);
  registerDuplicatesPages(app, deps);
}
