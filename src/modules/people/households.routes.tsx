import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { roleMay } from '../../platform/policy.ts';
import { registerHouseholdApi } from './households.api.ts';
import { type AddPageProps, HouseholdAddPage, HouseholdLeavePage, type ShownError } from './households.edit.views.tsx';
import type { HouseholdError, HouseholdWrite } from './households.schema.ts';
import { addMember, changeReference, createHousehold, getHouseholdOf, removeMember } from './households.service.ts';
import { HouseholdNoticePage, HouseholdSection, hmsgs, personUrl } from './households.views.tsx';
import { type LinkWrite, linkPeople, unlinkPeople } from './links.service.ts';
import { peoplePermissions } from './people.policy.ts';
import { getPerson, searchPeople } from './people.service.ts';
import type { FileSection } from './people.views.tsx';

/** The household section of the person file (see FILE_SECTIONS in people.pages.tsx). */
export const householdFileSection: FileSection = async ({ person, page }) => {
  const result = await getHouseholdOf(page.ctx, person.id);
  if (result.kind === 'restricted') return null;
  const canManage = roleMay(peoplePermissions, page.ctx.actor, 'household.manage');
  return <HouseholdSection page={page} csrf={page.csrf} data={result.value} canManage={canManage} />;
};

const S = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });
const Form = Type.Record(Type.String(), Type.String({ maxLength: 200 }));
type Form = Record<string, string | undefined>;

type Result = HouseholdWrite | LinkWrite;

/** The file and household of the person whose page the operator came from; a restricted file sends them back. */
async function context(request: FastifyRequest, deps: RouteDeps, id: string) {
  const ctx = ctxOf(request, deps);
  const person = await getPerson(ctx, id);
  if (person.kind === 'restricted') return undefined;
  const household = await getHouseholdOf(ctx, id);
  return {
    ctx,
    person: { id, name: `${person.person.familyNames} ${person.person.givenNames}` },
    household: household.kind === 'household' ? household.value.household : null,
  };
}

function shownErrors(request: FastifyRequest, result: Exclude<Result, { kind: 'done' }>): ShownError[] {
  const t = hmsgs(request);
  const idOf = (e: HouseholdError) => (e.field === 'personId' || e.field === 'otherPersonId' ? 'q' : e.field);
  switch (result.kind) {
    case 'invalid':
      return result.errors.map((e) => ({ id: idOf(e), message: t(`err.${e.code}`) }));
    case 'already-member':
      return [{ id: 'chosen-title', message: t('err.alreadyMember') }];
    case 'already-linked':
      return [{ id: 'chosen-title', message: t('err.alreadyLinked') }];
    case 'not-member':
    case 'reference-must-change-first':
      return [{ id: 'q', message: t('err.notMember') }];
  }
}

export function registerHouseholds(app: App, deps: RouteDeps): void {
  registerHouseholdApi(app, deps);
  const back = (reply: FastifyReply, id: string) => reply.redirect(`${personUrl(id)}#nucleo`, 303);

  async function addPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: Partial<AddPageProps> & { chosenId?: string | undefined },
    status = 200,
  ) {
    const found = await context(request, deps, id);
    if (!found) return reply.redirect(personUrl(id), 303);
    let chosen: AddPageProps['chosen'];
    if (extra.chosenId) {
      const other = await getPerson(found.ctx, extra.chosenId);
      const name = other.kind === 'person' ? `${other.person.familyNames} ${other.person.givenNames}` : null;
      chosen = { id: extra.chosenId, name };
    }
    const props = { ...extra, chosen, person: found.person, household: found.household };
    return sendPage(
      reply,
      <HouseholdAddPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} {...props} />,
      status,
    );
  }

  const answer = (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: Form,
    chosenId: string,
    r: Result,
  ) => {
    if (r.kind === 'done') return back(reply, id);
    const status = r.kind === 'invalid' ? 422 : 409;
    return addPage(request, reply, id, { chosenId, values: form, errors: shownErrors(request, r) }, status);
  };

  app.post(
    '/operatori/persone/:id/nucleo',
    { schema: { hide: true, params: Id, body: Form }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const id = request.params.id;
      const result = await createHousehold(ctxOf(request, deps), id);
      if (result.kind === 'done') return back(reply, id);
      const message = shownErrors(request, result)[0]?.message ?? '';
      const page = pageCtx(request, reply);
      return sendPage(reply, <HouseholdNoticePage page={page} personId={id} message={message} />, 409);
    },
  );

  app.get(
    '/operatori/persone/:id/nucleo/aggiungi',
    { schema: { hide: true, params: Id, querystring: Type.Object({ persona: S(40) }) } },
    async (request, reply) => {
      requireOperator(request);
      return addPage(request, reply, request.params.id, { chosenId: request.query.persona });
    },
  );

  // Searching is a POST, as on the people page: what is typed never goes into a URL.
  app.post(
    '/operatori/persone/:id/nucleo/cerca',
    { schema: { hide: true, params: Id, body: Form }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const q = request.body.q ?? '';
      const results = await searchPeople(ctxOf(request, deps), q);
      return addPage(request, reply, request.params.id, { query: q, results });
    },
  );

  app.post(
    '/operatori/persone/:id/nucleo/componenti',
    { schema: { hide: true, params: Id, body: Form }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const f = request.body as Form;
      const input = { personId: f.personId ?? '', relationship: f.relationship ?? '', joinedOn: f.joinedOn };
      const result = await addMember(ctxOf(request, deps), f.householdId ?? '', input);
      return answer(request, reply, request.params.id, f, input.personId, result);
    },
  );

  app.post(
    '/operatori/persone/:id/conviventi',
    { schema: { hide: true, params: Id, body: Form }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const f = request.body as Form;
      const other = f.otherPersonId ?? '';
      const input = { personId: request.params.id, otherPersonId: other, kind: f.kind, since: f.since };
      const result = await linkPeople(ctxOf(request, deps), input);
      return answer(request, reply, request.params.id, f, other, result);
    },
  );

  app.post(
    '/operatori/persone/:id/conviventi/:linkId/fine',
    {
      schema: { hide: true, params: Type.Object({ id: S(100), linkId: S(100) }), body: Form },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      await unlinkPeople(ctxOf(request, deps), request.params.linkId ?? '');
      return back(reply, request.params.id ?? '');
    },
  );

  registerLeaveRoutes(app, deps, back);
}

const MemberParams = Type.Object({ id: Type.String({ maxLength: 100 }), memberId: Type.String({ maxLength: 100 }) });

function registerLeaveRoutes(app: App, deps: RouteDeps, back: (reply: FastifyReply, id: string) => FastifyReply) {
  async function leavePage(
    request: FastifyRequest<{ Params: { id: string; memberId: string } }>,
    reply: FastifyReply,
    extra: { leftOn?: string | undefined; errors?: ShownError[] } = {},
    status = 200,
  ) {
    const { id, memberId } = request.params;
    const found = await context(request, deps, id);
    if (!found) return reply.redirect(personUrl(id), 303);
    const member = found.household?.members.find((m) => m.personId === memberId);
    if (!found.household || !member) return back(reply, id);
    const page = pageCtx(request, reply);
    const props = { person: found.person, household: found.household, member, ...extra };
    return sendPage(reply, <HouseholdLeavePage page={page} csrf={reply.generateCsrf()} {...props} />, status);
  }

  app.get('/operatori/persone/:id/nucleo/uscita/:memberId', { schema: { hide: true, params: MemberParams } }, (r, p) =>
    leavePage(r, p),
  );

  app.post(
    '/operatori/persone/:id/nucleo/uscita/:memberId',
    { schema: { hide: true, params: MemberParams, body: Form }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const f = request.body as Form;
      const leftOn = f.leftOn?.trim() ? { leftOn: f.leftOn } : {};
      const result = await removeMember(ctxOf(request, deps), f.householdId ?? '', request.params.memberId, leftOn);
      if (result.kind === 'done') return back(reply, request.params.id);
      // The reference person's page explains the way out itself; other problems are shown as errors.
      const errors = result.kind === 'reference-must-change-first' ? [] : shownErrors(request, result);
      return leavePage(request, reply, { leftOn: f.leftOn, errors }, result.kind === 'invalid' ? 422 : 409);
    },
  );

  // Changing the reference person is the first step of the previous reference's leaving: back to that page.
  app.post(
    '/operatori/persone/:id/nucleo/uscita/:memberId/riferimento',
    { schema: { hide: true, params: MemberParams, body: Form }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      const f = request.body as Form;
      const result = await changeReference(ctxOf(request, deps), f.householdId ?? '', {
        personId: f.next ?? '',
        previousReferenceRelationship: f.previousAs,
      });
      const { id, memberId } = request.params;
      if (result.kind === 'done') return reply.redirect(`${personUrl(id)}/nucleo/uscita/${memberId}`, 303);
      const errors = shownErrors(request, result).map((e) =>
        e.id === 'relationship' ? { ...e, id: 'previousAs' } : e,
      );
      return leavePage(request, reply, { errors }, result.kind === 'invalid' ? 422 : 409);
    },
  );
}
