import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { assignWorker, listAssignments, listOpenings, reviewOpening, unassignWorker } from './confidential.service.ts';
import { AssignmentsPage, OpeningsReviewPage } from './confidential.views.tsx';
import { registerPrivacyApi } from './privacy.api.ts';
import { Restricted } from './privacy.gate.ts';
import { getPrivacyOverview, giveConsent, recordPrivacyNotice, revokeConsent } from './privacy.service.ts';
import type { PrivacyFieldError } from './privacy.validation.ts';
import { type FormState, PrivacyPage, PrivacySections } from './privacy.views.tsx';

const Text = Type.Optional(Type.String({ maxLength: 2000 }));
const NoticeForm = Type.Object({ acknowledgedOn: Text, noticeVersion: Text, channel: Text, _csrf: Text });
const ConsentForm = Type.Object({ purpose: Text, scope: Text, givenOn: Text, expiresOn: Text, _csrf: Text });
const RevokeForm = Type.Object({ revokedOn: Text, _csrf: Text });
const AssignForm = Type.Object({ userId: Text, _csrf: Text });
const PersonId = Type.Object({ id: Type.String() });

const fileUrl = (id: string) => `/operatori/persone/${id}`;
const backToFile = (reply: FastifyReply, id: string) => reply.redirect(fileUrl(id), 303);

/** A form field over its length limit is one more field error, shown with the others. */
function tooLong(request: FastifyRequest): PrivacyFieldError[] {
  const issues = (request.validationError as { validation?: { instancePath?: string }[] } | undefined)?.validation;
  return (issues ?? []).map((v) => ({ field: (v.instancePath ?? '').replace(/^\//, ''), code: 'tooLong' }));
}
const values = (body: Record<string, string | undefined> | undefined) => {
  const { _csrf, ...rest } = body ?? {};
  return rest;
};

type PrivacyForms = {
  notice?: FormState;
  consent?: FormState;
  revoke?: { consentId: string; errors: PrivacyFieldError[] };
};

async function privacyPage(request: FastifyRequest, reply: FastifyReply, ctx: Ctx, id: string, forms: PrivacyForms) {
  const overview = await getPrivacyOverview(ctx, id);
  const invalid = forms.notice || forms.consent || forms.revoke;
  return sendPage(
    reply,
    <PrivacyPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} overview={overview} {...forms} />,
    invalid ? 422 : 200,
  );
}

async function assignmentsPage(
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: Ctx,
  id: string,
  errors?: PrivacyFieldError[],
) {
  const view = await listAssignments(ctx, id);
  const page = (
    <AssignmentsPage
      page={pageCtx(request, reply)}
      csrf={reply.generateCsrf()}
      view={view}
      {...(errors ? { errors } : {})}
    />
  );
  return sendPage(reply, page, errors ? 422 : 200);
}

/**
 * The privacy sections of the person file (a FileSection, see FILE_SECTIONS in people.pages.tsx):
 * privacy notice, consents, and the assigned workers of a confidential file.
 */
export async function privacyFileSection(input: {
  person: { id: string };
  page: PageCtx & { ctx: Ctx; csrf: string };
}): Promise<VNode | null> {
  const { person, page } = input;
  try {
    const overview = await getPrivacyOverview(page.ctx, person.id);
    return <PrivacySections page={page} csrf={page.csrf} overview={overview} />;
  } catch (error) {
    // The file page shows a restricted file's own notice; this section then has nothing to add.
    if (error instanceof Restricted) return null;
    throw error;
  }
}

/** Pages: forms post here and come back to the person file (303); bad input shows the form again (422). */
function registerPrivacyPages(app: App, deps: RouteDeps): void {
  const hide = { hide: true };
  const post = { preHandler: app.csrfProtection, attachValidation: true };

  /** Both privacy forms: check lengths, save, back to the file — or the page again with the errors. */
  async function saveForm(
    request: FastifyRequest<{ Params: { id: string }; Body: Record<string, string | undefined> }>,
    reply: FastifyReply,
    form: 'notice' | 'consent',
    save: (ctx: Ctx, id: string) => Promise<{ kind: 'saved' } | { kind: 'invalid'; errors: PrivacyFieldError[] }>,
  ) {
    requireOperator(request);
    const ctx = ctxOf(request, deps);
    const { id } = request.params;
    const long = tooLong(request);
    const result = long.length ? { kind: 'invalid' as const, errors: long } : await save(ctx, id);
    if (result.kind === 'saved') return backToFile(reply, id);
    return privacyPage(request, reply, ctx, id, { [form]: { values: values(request.body), errors: result.errors } });
  }

  app.get('/operatori/persone/:id/privacy', { schema: { ...hide, params: PersonId } }, async (request, reply) => {
    requireOperator(request);
    return privacyPage(request, reply, ctxOf(request, deps), request.params.id, {});
  });

  app.post(
    '/operatori/persone/:id/informativa',
    { schema: { ...hide, params: PersonId, body: NoticeForm }, ...post },
    (request, reply) => saveForm(request, reply, 'notice', (ctx, id) => recordPrivacyNotice(ctx, id, request.body)),
  );

  app.post(
    '/operatori/persone/:id/consensi',
    { schema: { ...hide, params: PersonId, body: ConsentForm }, ...post },
    (request, reply) => saveForm(request, reply, 'consent', (ctx, id) => giveConsent(ctx, id, request.body)),
  );

  app.post(
    '/operatori/persone/:id/consensi/:consentId/revoca',
    {
      schema: { ...hide, params: Type.Object({ id: Type.String(), consentId: Type.String() }), body: RevokeForm },
      ...post,
    },
    async (request, reply) => {
      requireOperator(request);
      const ctx = ctxOf(request, deps);
      const { id, consentId } = request.params;
      const long = tooLong(request);
      const result = long.length
        ? { kind: 'invalid' as const, errors: long }
        : await revokeConsent(ctx, id, consentId, request.body?.revokedOn);
      // Already revoked (a second click, a colleague faster): what the operator wanted is already true.
      if (result.kind !== 'invalid') return backToFile(reply, id);
      return privacyPage(request, reply, ctx, id, { revoke: { consentId, errors: result.errors } });
    },
  );

  app.get(
    '/operatori/persone/:id/operatori-assegnati',
    { schema: { ...hide, params: PersonId } },
    async (request, reply) => {
      requireOperator(request);
      return assignmentsPage(request, reply, ctxOf(request, deps), request.params.id);
    },
  );

  app.post(
    '/operatori/persone/:id/operatori-assegnati',
    { schema: { ...hide, params: PersonId, body: AssignForm }, ...post },
    async (request, reply) => {
      requireOperator(request);
      const ctx = ctxOf(request, deps);
      const { id } = request.params;
      const result = await assignWorker(ctx, id, request.validationError ? '' : (request.body?.userId ?? ''));
      if (result.kind === 'assigned') return backToFile(reply, id);
      return assignmentsPage(request, reply, ctx, id, result.errors);
    },
  );

  app.post(
    '/operatori/persone/:id/operatori-assegnati/:userId/rimuovi',
    {
      schema: { ...hide, params: Type.Object({ id: Type.String(), userId: Type.String() }) },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      requireOperator(request);
      const ctx = ctxOf(request, deps);
      const { id, userId } = request.params;
      const result = await unassignWorker(ctx, id, userId);
      if (result.kind !== 'invalid') return backToFile(reply, id);
      return assignmentsPage(request, reply, ctx, id, result.errors);
    },
  );

  app.get('/operatori/riservati', { schema: hide }, async (request, reply) => {
    requireOperator(request);
    const openings = await listOpenings(ctxOf(request, deps));
    return sendPage(
      reply,
      <OpeningsReviewPage page={pageCtx(request, reply)} csrf={reply.generateCsrf()} openings={openings} />,
    );
  });

  app.post(
    '/operatori/riservati/:accessId/visto',
    { schema: { ...hide, params: Type.Object({ accessId: Type.String() }) }, preHandler: app.csrfProtection },
    async (request, reply) => {
      requireOperator(request);
      await reviewOpening(ctxOf(request, deps), request.params.accessId);
      return reply.redirect('/operatori/riservati', 303);
    },
  );
}

/** The privacy part of the people module: notices, consents, assignments, break-the-glass review. */
export function registerPrivacy(app: App, deps: RouteDeps): void {
  registerPrivacyApi(app, deps);
  registerPrivacyPages(app, deps);
}
